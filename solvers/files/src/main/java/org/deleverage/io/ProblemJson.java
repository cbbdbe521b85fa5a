package org.deleverage.io;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.CoverageMode;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ScheduleStep;
import org.deleverage.models.BookLevel;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.PowerLawTemporaryImpact;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TransientImpact;

/**
 * Reads and writes the problem file of FORMAT.md: a JSON object with {@code account}, {@code
 * assets}, {@code correlation} or {@code covariance} or {@code factors}, {@code horizon}, {@code
 * requirement} and {@code objective}, with FORMAT.md's names and defaults. {@code factors} is a
 * factor model of returns, {@code {"loadings": [[...]], "covariance": [[...]],
 * "specificVariance": [...]}} (B, F and D of {@link Dependence#factor}); at most one of the three
 * may be given.
 *
 * <p>Reading binds the file to records that mirror it ({@link Json} says how strictly) and
 * builds the problem from them, so that every error is an {@link InvalidInputException} naming
 * the JSON path and the rule: {@code assets[3].price: must be > 0, was -5.0}, {@code
 * assets[0].quantity: is required}, {@code assets[1].price: must be a number, was "abc"}, {@code
 * assets[0].maxParticipaton: unknown field, did you mean "maxParticipation"?}. Unknown fields,
 * duplicate fields, NaN and infinity, numbers too large for a double and malformed JSON (reported
 * with its line and column) are all rejected. The temporary impact is one of the four models of
 * FORMAT.md: {@code {"model":"linear","eta":E}}, {@code {"model":"power","coefficient":C,
 * "exponent":B}}, {@code {"model":"book","levels":[{"offset":O,"size":Z},...]}} and {@code
 * {"model":"transient","kappa":K,"halfLife":H}}.
 *
 * <p>{@code null} is accepted where it means something: {@code requirement.shortfall} (computed
 * from the account), {@code requirement.deadline} (the last period), and {@code correlation},
 * {@code covariance} or {@code factors} (independent returns). Anywhere else a {@code null} is an
 * error: a missing value must not silently become a default.
 *
 * <p>Writing emits every field, defaults included, with {@code null} for the three nullable ones
 * when they are absent, so that a written problem reads back equal to the original. Numbers are
 * written so that they read back to the same double. Stateless and thread-safe.
 */
public final class ProblemJson {

  private ProblemJson() {}

  /**
   * The problem in {@code json}.
   *
   * @param json the JSON text
   * @return the problem in {@code json}
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   */
  public static DeleveragingProblem read(String json) {
    return Json.read(json, ProblemFile.class, "the problem file is empty",
        "the problem must be a JSON object").toProblem();
  }

  /**
   * The problem in the UTF-8 file {@code file}.
   *
   * @param file the file
   * @return the problem in the UTF-8 file {@code file}
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the file cannot be read
   */
  public static DeleveragingProblem read(Path file) throws IOException {
    return read(Utf8Text.read(file, Utf8Text.WHOLE_INPUT));
  }

  /**
   * The problem in the UTF-8 stream {@code in}, read to its end; the stream is not closed.
   *
   * @param in the stream, read to its end and not closed
   * @return the problem in the UTF-8 stream {@code in}, read to its end; the stream is not closed
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the stream cannot be read
   */
  public static DeleveragingProblem read(InputStream in) throws IOException {
    return read(Utf8Text.read(in, Utf8Text.WHOLE_INPUT));
  }

  /**
   * The problem as an indented JSON document with every field, ending in a newline.
   *
   * @param problem the resolved problem
   * @return the problem as an indented JSON document with every field, ending in a newline
   * @throws InvalidInputException if an asset's temporary impact model has no file form yet
   */
  public static String write(DeleveragingProblem problem) {
    return Json.write(toTree(problem));
  }

  /**
   * Writes the problem as UTF-8 JSON to {@code out}, which is not closed.
   *
   * @param problem the resolved problem
   * @param out the stream, not closed
   * @throws InvalidInputException if an asset's temporary impact model has no file form yet
   * @throws IOException if the stream cannot be written
   */
  public static void write(DeleveragingProblem problem, OutputStream out) throws IOException {
    Json.write(toTree(problem), out);
  }

  /**
   * A problem file as written: every field as given, null when left out.
   */
  record ProblemFile(
      AccountFile account,
      List<AssetFile> assets,
      @JsonSetter(nulls = Nulls.SET) List<List<Double>> correlation,
      @JsonSetter(nulls = Nulls.SET) List<List<Double>> covariance,
      @JsonSetter(nulls = Nulls.SET) FactorsFile factors,
      HorizonFile horizon,
      RequirementFile requirement,
      ObjectiveFile objective) {

    /** The problem, with FORMAT.md's defaults; errors name the JSON path. */
    DeleveragingProblem toProblem() {
      AccountFile givenAccount = Json.required(account, "account");
      Account cash = Json.under("account",
          () -> Account.of(Json.required(givenAccount.cash(), "cash")));
      List<Asset> list = Json.each(Json.required(assets, "assets"), "assets", AssetFile::toAsset);
      Dependence dependence = dependence();
      Horizon periods = horizon == null ? Horizon.ONE_DAY : Json.under("horizon", horizon::toHorizon);
      Requirement coverage = requirement == null
          ? Requirement.margin()
          : Json.under("requirement", requirement::toRequirement);
      Objective goal = objective == null
          ? Objective.EXPECTED_LOSS
          : Json.under("objective", objective::toObjective);
      return new DeleveragingProblem(cash, list, dependence, periods, coverage, goal);
    }

    private Dependence dependence() {
      List<String> given = new ArrayList<>();
      if (correlation != null) {
        given.add("correlation");
      }
      if (covariance != null) {
        given.add("covariance");
      }
      if (factors != null) {
        given.add("factors");
      }
      if (given.size() > 1) {
        throw new InvalidInputException(given.get(1), "must not be given together with "
            + given.get(0) + "; give one of correlation, covariance and factors");
      }
      if (correlation != null) {
        return Dependence.correlation(Json.matrix(correlation, "correlation"));
      }
      if (covariance != null) {
        return Dependence.covariance(Json.matrix(covariance, "covariance"));
      }
      return factors == null ? Dependence.independent() : factors.toDependence();
    }
  }

  private record AccountFile(Double cash) {}

  private record AssetFile(String id, Double quantity, Double price, Double volatility,
      Double adv, Double halfSpread, Double fee, Double feePerUnit, Double marginRate,
      ImpactFile impact, Double maxParticipation, Boolean locked, RetainFile retain,
      Double reluctance, Double lotSize) {

    Asset toAsset() {
      String name = Json.required(id, "id");
      double held = Json.required(quantity, "quantity");
      Asset.Builder builder =
          Asset.builder(name)
              .quantity(held)
              .price(Json.required(price, "price"))
              .adv(Json.required(adv, "adv"))
              .volatility(or(volatility, 0.0))
              .halfSpread(or(halfSpread, 0.0))
              .fee(or(fee, 0.0))
              .feePerUnit(or(feePerUnit, 0.0))
              .marginRate(or(marginRate, 1.0))
              .maxParticipation(or(maxParticipation, 1.0))
              .locked(or(locked, false))
              .reluctance(or(reluctance, 0.0))
              .lotSize(or(lotSize, Asset.DEFAULT_LOT_SIZE));
      if (impact != null && impact.temporary() != null) {
        builder.temporaryImpact(Json.under("impact.temporary", impact.temporary()::toModel));
      }
      if (impact != null && impact.permanent() != null) {
        builder.gamma(or(impact.permanent().gamma(), 0.0));
      }
      if (retain != null) {
        builder.retain(or(retain.min(), 0.0), or(retain.max(), Math.abs(held)));
      }
      return builder.build();
    }
  }

  private record ImpactFile(TemporaryFile temporary, PermanentFile permanent) {}

  private record PermanentFile(Double gamma) {}

  private record RetainFile(Double min, Double max) {}

  /** A temporary impact model, named by its {@code model} field. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "model")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = LinearFile.class, name = "linear"),
    @JsonSubTypes.Type(value = PowerFile.class, name = "power"),
    @JsonSubTypes.Type(value = BookFile.class, name = "book"),
    @JsonSubTypes.Type(value = TransientFile.class, name = "transient")
  })
  private sealed interface TemporaryFile
      permits LinearFile, PowerFile, BookFile, TransientFile {
    TemporaryImpactModel toModel();
  }

  private record LinearFile(Double eta) implements TemporaryFile {
    @Override
    public TemporaryImpactModel toModel() {
      return LinearTemporaryImpact.of(Json.required(eta, "eta"));
    }
  }

  private record PowerFile(Double coefficient, Double exponent) implements TemporaryFile {
    @Override
    public TemporaryImpactModel toModel() {
      return PowerLawTemporaryImpact.of(
          Json.required(coefficient, "coefficient"), Json.required(exponent, "exponent"));
    }
  }

  private record BookFile(List<LevelFile> levels) implements TemporaryFile {
    @Override
    public TemporaryImpactModel toModel() {
      return OrderBookTemporaryImpact.of(Json.each(Json.required(levels, "levels"), "levels",
          level -> BookLevel.of(
              Json.required(level.offset(), "offset"), Json.required(level.size(), "size"))));
    }
  }

  private record LevelFile(Double offset, Double size) {}

  private record TransientFile(Double kappa, Double halfLife) implements TemporaryFile {
    @Override
    public TemporaryImpactModel toModel() {
      return TransientImpact.of(
          Json.required(kappa, "kappa"), Json.required(halfLife, "halfLife"));
    }
  }

  private record FactorsFile(
      List<List<Double>> loadings, List<List<Double>> covariance, List<Double> specificVariance) {

    Dependence toDependence() {
      double[][] b = Json.matrix(Json.required(loadings, "factors.loadings"), "factors.loadings");
      double[][] f =
          Json.matrix(Json.required(covariance, "factors.covariance"), "factors.covariance");
      double[] d = Json.vector(
          Json.required(specificVariance, "factors.specificVariance"), "factors.specificVariance");
      return Dependence.factor(b, f, d);
    }
  }

  private record HorizonFile(Integer periods, Double periodLength) {
    Horizon toHorizon() {
      return Horizon.of(or(periods, Horizon.ONE_DAY.periods()),
          or(periodLength, Horizon.ONE_DAY.periodLength()));
    }
  }

  private record RequirementFile(String mode, OptionalDouble shortfall, OptionalInt deadline,
      Double buffer, List<StepFile> schedule) {

    Requirement toRequirement() {
      CoverageMode coverage = CoverageMode.fromLabel(or(mode, CoverageMode.MARGIN.label()))
          .orElseThrow(() -> new InvalidInputException(
              "mode", "must be \"margin\" or \"cash\", was " + Json.quoted(mode)));
      List<ScheduleStep> steps = Json.each(or(schedule, List.of()), "schedule",
          step -> ScheduleStep.of(
              Json.required(step.period(), "period"), Json.required(step.fraction(), "fraction")));
      return new Requirement(coverage, or(shortfall, OptionalDouble.empty()),
          or(deadline, OptionalInt.empty()), or(buffer, 0.0), steps);
    }
  }

  private record StepFile(Integer period, Double fraction) {}

  private record ObjectiveFile(Double costWeight, Double riskAversion,
      Double residualRiskAversion) {

    Objective toObjective() {
      Objective defaults = Objective.EXPECTED_LOSS;
      return Objective.of(or(costWeight, defaults.costWeight()),
          or(riskAversion, defaults.riskAversion()),
          or(residualRiskAversion, defaults.residualRiskAversion()));
    }
  }

  /** {@code value}, or {@code fallback} when it was left out. */
  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  static ObjectNode toTree(DeleveragingProblem problem) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("account").put("cash", problem.account().cash());
    ArrayNode assets = root.putArray("assets");
    for (int i = 0; i < problem.assets().size(); i++) {
      writeAsset(problem.assets().get(i), "assets[" + i + "]", assets.addObject());
    }
    Dependence dependence = problem.dependence();
    if (dependence instanceof Dependence.Correlation correlation) {
      writeMatrix(correlation.matrix(), root.putArray("correlation"));
    } else if (dependence instanceof Dependence.Covariance covariance) {
      writeMatrix(covariance.matrix(), root.putArray("covariance"));
    } else if (dependence instanceof Dependence.Factor factor) {
      ObjectNode factors = root.putObject("factors");
      writeMatrix(factor.loadings(), factors.putArray("loadings"));
      writeMatrix(factor.factorCovariance(), factors.putArray("covariance"));
      ArrayNode specific = factors.putArray("specificVariance");
      for (double value : factor.specificVariance()) {
        specific.add(value);
      }
    } else {
      root.putNull("correlation");
    }
    root.putObject("horizon")
        .put("periods", problem.horizon().periods())
        .put("periodLength", problem.horizon().periodLength());
    writeRequirement(problem.requirement(), root.putObject("requirement"));
    Objective objective = problem.objective();
    root.putObject("objective")
        .put("costWeight", objective.costWeight())
        .put("riskAversion", objective.riskAversion())
        .put("residualRiskAversion", objective.residualRiskAversion());
    return root;
  }

  private static void writeAsset(Asset asset, String path, ObjectNode json) {
    json.put("id", asset.id())
        .put("quantity", asset.quantity())
        .put("price", asset.price())
        .put("volatility", asset.volatility())
        .put("adv", asset.adv())
        .put("halfSpread", asset.costs().halfSpread())
        .put("fee", asset.costs().fee())
        .put("feePerUnit", asset.costs().feePerUnit())
        .put("marginRate", asset.marginRate());
    ObjectNode impact = json.putObject("impact");
    impact.set("temporary", temporary(asset.temporaryImpact(), path + ".impact.temporary"));
    impact.putObject("permanent").put("gamma", asset.permanentImpact().gamma());
    json.put("maxParticipation", asset.maxParticipation()).put("locked", asset.locked());
    json.putObject("retain").put("min", asset.retainMin()).put("max", asset.retainMax());
    json.put("reluctance", asset.reluctance());
    json.put("lotSize", asset.lotSize());
  }

  private static ObjectNode temporary(TemporaryImpactModel model, String path) {
    ObjectNode json = Json.MAPPER.createObjectNode().put("model", model.name());
    if (model instanceof LinearTemporaryImpact linear) {
      return json.put("eta", linear.eta());
    }
    if (model instanceof PowerLawTemporaryImpact power) {
      return json.put("coefficient", power.coefficient()).put("exponent", power.exponent());
    }
    if (model instanceof OrderBookTemporaryImpact book) {
      ArrayNode levels = json.putArray("levels");
      for (BookLevel level : book.levels()) {
        levels.addObject().put("offset", level.offset()).put("size", level.size());
      }
      return json;
    }
    if (model instanceof TransientImpact decaying) {
      return json.put("kappa", decaying.kappa()).put("halfLife", decaying.halfLife());
    }
    throw new InvalidInputException(
        path, "the model \"" + model.name() + "\" has no file form in this version");
  }

  private static void writeMatrix(double[][] matrix, ArrayNode rows) {
    for (double[] row : matrix) {
      ArrayNode values = rows.addArray();
      for (double value : row) {
        values.add(value);
      }
    }
  }

  private static void writeRequirement(Requirement requirement, ObjectNode json) {
    json.put("mode", requirement.mode().label());
    if (requirement.shortfall().isPresent()) {
      json.put("shortfall", requirement.shortfall().getAsDouble());
    } else {
      json.putNull("shortfall");
    }
    if (requirement.deadline().isPresent()) {
      json.put("deadline", requirement.deadline().getAsInt());
    } else {
      json.putNull("deadline");
    }
    json.put("buffer", requirement.buffer());
    ArrayNode schedule = json.putArray("schedule");
    for (ScheduleStep step : requirement.schedule()) {
      schedule.addObject().put("period", step.period()).put("fraction", step.fraction());
    }
  }
}
