package org.deleverage.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The row schemas of the Spark API: problems, scenarios, plans and trades. Their field names are
 * the names of the problem, stress and plan files (solvers/files/FORMAT.md, section "Spark rows"),
 * so a JSON-lines file of problem files with an {@code accountId} beside each reads straight into
 * {@link #PROBLEM}. Every field is nullable: a null problem or scenario field takes the file's
 * default (or is reported as missing where the file requires it), and a plan row's fields are
 * null where they do not apply to its status.
 */
public final class RowSchemas {

  private RowSchemas() {}

  private static final DataType D = DataTypes.DoubleType;
  private static final DataType I = DataTypes.IntegerType;
  private static final DataType L = DataTypes.LongType;
  private static final DataType S = DataTypes.StringType;
  private static final DataType B = DataTypes.BooleanType;

  private static final ArrayType MATRIX = DataTypes.createArrayType(DataTypes.createArrayType(D));

  /**
   * The temporary impact of an asset: {@code model} ("linear", "power", "book" or "transient")
   * and the fields of that model, the others null.
   */
  public static final StructType TEMPORARY_IMPACT =
      struct(
          field("model", S),
          field("eta", D),
          field("coefficient", D),
          field("exponent", D),
          field("levels", DataTypes.createArrayType(struct(field("offset", D), field("size", D)))),
          field("kappa", D),
          field("halfLife", D));

  /** An asset, the problem file's {@code assets[]} entry. */
  public static final StructType ASSET =
      struct(
          field("id", S),
          field("quantity", D),
          field("price", D),
          field("volatility", D),
          field("adv", D),
          field("halfSpread", D),
          field("fee", D),
          field("feePerUnit", D),
          field("marginRate", D),
          field(
              "impact",
              struct(
                  field("temporary", TEMPORARY_IMPACT),
                  field("permanent", struct(field("gamma", D))))),
          field("maxParticipation", D),
          field("locked", B),
          field("retain", struct(field("min", D), field("max", D))),
          field("reluctance", D),
          field("lotSize", D));

  /**
   * A problem row: {@code accountId} (the key of the account's plan rows), then the problem
   * file's top-level fields {@code account}, {@code assets}, {@code correlation}, {@code
   * covariance}, {@code factors}, {@code horizon}, {@code requirement} and {@code objective}.
   */
  public static final StructType PROBLEM =
      struct(
          field("accountId", S),
          field("account", struct(field("cash", D))),
          field("assets", DataTypes.createArrayType(ASSET)),
          field("correlation", MATRIX),
          field("covariance", MATRIX),
          field(
              "factors",
              struct(
                  field("loadings", MATRIX),
                  field("covariance", MATRIX),
                  field("specificVariance", DataTypes.createArrayType(D)))),
          field("horizon", struct(field("periods", I), field("periodLength", D))),
          field(
              "requirement",
              struct(
                  field("mode", S),
                  field("shortfall", D),
                  field("deadline", I),
                  field("buffer", D),
                  field("schedule", DataTypes.createArrayType(
                      struct(field("period", I), field("fraction", D)))))),
          field(
              "objective",
              struct(
                  field("costWeight", D),
                  field("riskAversion", D),
                  field("residualRiskAversion", D))));

  /** A scenario's liquidity shock, the stress file's {@code liquidityShock} object. */
  private static final StructType LIQUIDITY_SHOCK =
      struct(
          field("halfSpreadMultiplier", D),
          field("advMultiplier", D),
          field("bookSizeMultiplier", D),
          field("bookLevels", I),
          field("bookMaxOffset", D),
          field("etaMultiplier", D),
          field("coefficientMultiplier", D),
          field("gammaMultiplier", D));

  /**
   * A scenario row, the stress file's scenario: {@code name} (required), {@code priceShock},
   * {@code priceShocks} (by asset id), {@code factorShocks}, {@code volatilityMultiplier}, {@code
   * volatilityMultipliers}, {@code correlationSpike}, {@code marginRateIncrease}, {@code
   * marginRateIncreases}, the liquidity stress {@code liquidityShock}, {@code liquidityShocks}
   * (by asset id) and {@code factorLiquidityShocks}, and the volatility-driven {@code
   * marginRule}.
   */
  public static final StructType SCENARIO =
      struct(
          field("name", S),
          field("priceShock", D),
          field("priceShocks", DataTypes.createMapType(S, D)),
          field("factorShocks", DataTypes.createArrayType(D)),
          field("volatilityMultiplier", D),
          field("volatilityMultipliers", DataTypes.createMapType(S, D)),
          field("correlationSpike", D),
          field("marginRateIncrease", D),
          field("marginRateIncreases", DataTypes.createMapType(S, D)),
          field("liquidityShock", LIQUIDITY_SHOCK),
          field("liquidityShocks", DataTypes.createMapType(S, LIQUIDITY_SHOCK)),
          field("factorLiquidityShocks", DataTypes.createArrayType(LIQUIDITY_SHOCK)),
          field("marginRule", struct(field("elasticity", D), field("cap", D))));

  private static final StructType COST =
      struct(
          field("spread", D),
          field("fee", D),
          field("temporaryImpact", D),
          field("permanentImpact", D),
          field("total", D));

  /** A trade of a plan: the plan file's {@code trades[]} entry. */
  public static final StructType PLAN_TRADE =
      struct(
          field("period", I),
          field("asset", S),
          field("side", S),
          field("quantity", D),
          field("expectedPrice", D),
          field("notional", D),
          field("cost", COST));

  /** The plan file (FORMAT.md, "Plan file"), field for field, as a struct. */
  public static final StructType PLAN_FILE =
      struct(
          field("schemaVersion", I),
          field("status", S),
          field("solver", S),
          field("shortfall", D),
          field("maxCoverableShortfall", D),
          field(
              "objective",
              struct(
                  field("total", D),
                  field("expectedLoss", D),
                  field("timingVariance", D),
                  field("residualVariance", D),
                  field("reluctance", D))),
          field("shadowPrice", D),
          field("shadowPriceNote", S),
          field("iterations", L),
          field("trades", DataTypes.createArrayType(PLAN_TRADE)),
          field(
              "periods",
              DataTypes.createArrayType(
                  struct(
                      field("period", I),
                      field("excess", D),
                      field("cashRaised", D),
                      field("loss", D),
                      field("cashFromSales", D),
                      field("cashPaid", D)))),
          field(
              "hierarchy",
              DataTypes.createArrayType(
                  struct(
                      field("rank", I),
                      field("asset", S),
                      field("marginalCostPerUnitRelief", D),
                      field("firstPeriod", I),
                      field("soldFraction", D)))),
          field(
              "assets",
              DataTypes.createArrayType(
                  struct(
                      field("asset", S),
                      field("quantity", D),
                      field("notional", D),
                      field("cost", COST)))),
          field("solveMillis", D));

  /**
   * A plan row, one per account (and scenario): {@code accountId}, {@code scenario} (null
   * without scenarios), {@code status} (a {@link PlanStatus} name, never null), {@code solver},
   * {@code shortfall} (S asked for; null for invalid input), {@code maxCoverableShortfall}
   * (S_max, where known), {@code iterations}, {@code solveMillis}, {@code errorPath} and {@code
   * errorRule} (invalid input only), {@code message} (why there is no plan; null with a plan) and
   * {@code plan} (the plan file as {@link #PLAN_FILE}; null without a plan). Every column but the
   * two {@code solveMillis} is the same on any number of executors and partitions.
   */
  public static final StructType PLAN =
      struct(
          field("accountId", S),
          field("scenario", S),
          field("status", S),
          field("solver", S),
          field("shortfall", D),
          field("maxCoverableShortfall", D),
          field("iterations", L),
          field("solveMillis", D),
          field("errorPath", S),
          field("errorRule", S),
          field("message", S),
          field("plan", PLAN_FILE));

  /**
   * A trade row, one per trade of every plan: {@code accountId}, {@code scenario}, then the plan
   * file's trade fields ({@link #PLAN_TRADE}).
   */
  public static final StructType TRADE = withKey(PLAN_TRADE);

  private static StructType withKey(StructType trade) {
    List<StructField> fields = new ArrayList<>();
    fields.add(field("accountId", S));
    fields.add(field("scenario", S));
    fields.addAll(List.of(trade.fields()));
    return DataTypes.createStructType(fields);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  private static StructType struct(StructField... fields) {
    return DataTypes.createStructType(fields);
  }
}
