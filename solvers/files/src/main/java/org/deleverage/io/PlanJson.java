package org.deleverage.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalInt;
import org.deleverage.core.evaluate.CostSplit;
import org.deleverage.core.evaluate.ObjectiveValue;
import org.deleverage.core.plan.HierarchyEntry;
import org.deleverage.core.plan.PeriodResult;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Trade;
import org.deleverage.solvers.optimal.RoundedPlan;

/**
 * Writes a {@link Plan} as the plan file of FORMAT.md: every name there, in its order, and these
 * additions:
 *
 * <ul>
 *   <li>{@code shadowPriceNote} (after {@code shadowPrice}, only when it applies): why {@code
 *       shadowPrice} is null for an optimal plan, when the shortfall is the largest coverable one
 *       and the price of covering more is unbounded;
 *   <li>{@code iterations}: the solver's iterations (after {@code shadowPrice});
 *   <li>{@code schemaVersion}, first: the version of this layout (FORMAT.md);
 *   <li>per period, after {@code loss}: {@code cashFromSales} and {@code cashPaid}, the cash the
 *       sales brought in and the buy-backs cost so far, both >= 0 ({@code cashRaised} is their
 *       difference, negative when buy-backs cost more than the sales brought);
 *   <li>per trade, {@code notional}: quantity times expected price, money; and in {@code cost},
 *       {@code total}: the sum of the four parts;
 *   <li>{@code assets}: per asset, in hierarchy order, {@code asset}, {@code quantity} (units
 *       traded over the horizon), {@code notional} (at the expected prices) and {@code cost}
 *       (spread, fee, temporaryImpact, permanentImpact, total), summed over its trades; the
 *       totals over the assets add up to {@code objective.expectedLoss}.
 * </ul>
 *
 * Absent values are {@code null}, never left out or made up: {@code maxCoverableShortfall} when
 * the solver did not compute it, {@code shadowPrice} when the solver has none, and in {@code
 * hierarchy} {@code marginalCostPerUnitRelief} when selling the asset frees no excess and {@code
 * firstPeriod} for an asset the plan does not trade. {@code status} is {@code optimal}, {@code
 * local} or {@code feasible}; {@code side} is {@code SELL} or {@code BUY}; periods and ranks are
 * 1-based. Numbers are written so that they read back to the same double.
 * Stateless and thread-safe.
 */
public final class PlanJson {

  /** The note on a shadow price that is unbounded. */
  static final String UNBOUNDED =
      "unbounded: the shortfall is the largest coverable one, and no more can be covered";

  private PlanJson() {}

  /**
   * The plan as an indented JSON document, ending in a newline.
   *
   * @param plan the plan
   * @return the plan as an indented JSON document, ending in a newline
   */
  public static String write(Plan plan) {
    return Json.write(toTree(plan));
  }

  /**
   * Writes the plan as UTF-8 JSON to {@code out}, which is not closed.
   *
   * @param plan the plan
   * @param out the stream, not closed
   * @throws IOException if the stream cannot be written
   */
  public static void write(Plan plan, OutputStream out) throws IOException {
    Json.write(toTree(plan), out);
  }

  /**
   * A plan rounded to whole lots as an indented JSON document, ending in a newline: the rounded
   * plan's file with a {@code lots} object after {@code iterations} ({@code roundedObjective},
   * {@code continuousObjective}, {@code gap}, {@code gapIsBound}, {@code lotsAdded},
   * {@code continuousStatus}).
   *
   * @param rounded the plan in whole lots and the continuous plan it came from
   * @return the document, ending in a newline
   */
  public static String write(RoundedPlan rounded) {
    ObjectNode root = toTree(rounded.plan());
    ObjectNode lots = Json.MAPPER.createObjectNode()
        .put("roundedObjective", rounded.roundedObjective())
        .put("continuousObjective", rounded.continuousObjective())
        .put("gap", rounded.gap())
        .put("gapIsBound", rounded.gapIsBound())
        .put("lotsAdded", rounded.lotsAdded())
        .put("continuousStatus", rounded.continuous().status().label());
    ObjectNode ordered = Json.MAPPER.createObjectNode();
    root.fields().forEachRemaining(field -> {
      ordered.set(field.getKey(), field.getValue());
      if (field.getKey().equals("iterations")) {
        ordered.set("lots", lots);
      }
    });
    return Json.write(ordered);
  }

  private static ObjectNode toTree(Plan plan) {
    ObjectNode root = Json.output();
    root.put("status", plan.status().label());
    root.put("solver", plan.solver());
    root.put("shortfall", plan.shortfall());
    Json.putOptional(root, "maxCoverableShortfall", plan.maxCoverableShortfall());
    ObjectiveValue objective = plan.objective();
    root.putObject("objective")
        .put("total", objective.total())
        .put("expectedLoss", objective.expectedLoss())
        .put("timingVariance", objective.timingVariance())
        .put("residualVariance", objective.residualVariance())
        .put("reluctance", objective.reluctance());
    Json.putOptional(root, "shadowPrice", plan.shadowPrice());
    if (plan.shadowPriceUnbounded()) {
      root.put("shadowPriceNote", UNBOUNDED);
    }
    root.put("iterations", plan.iterations());
    ArrayNode trades = root.putArray("trades");
    for (Trade trade : plan.trades()) {
      ObjectNode json =
          trades
              .addObject()
              .put("period", trade.period())
              .put("asset", trade.asset())
              .put("side", trade.side().name())
              .put("quantity", trade.quantity())
              .put("expectedPrice", trade.expectedPrice())
              .put("notional", trade.notional());
      putCost(json, trade.cost());
    }
    ArrayNode periods = root.putArray("periods");
    java.util.List<PlanSummary.PeriodCash> cash = PlanSummary.periodCash(plan);
    for (int k = 0; k < plan.periods().size(); k++) {
      PeriodResult period = plan.periods().get(k);
      periods
          .addObject()
          .put("period", period.period())
          .put("excess", period.excess())
          .put("cashRaised", period.cashRaised())
          .put("loss", period.loss())
          .put("cashFromSales", cash.get(k).fromSales())
          .put("cashPaid", cash.get(k).paid());
    }
    ArrayNode hierarchy = root.putArray("hierarchy");
    for (HierarchyEntry entry : plan.hierarchy()) {
      ObjectNode json = hierarchy.addObject().put("rank", entry.rank()).put("asset", entry.asset());
      Json.putOptional(json, "marginalCostPerUnitRelief", entry.marginalCostPerUnitRelief());
      OptionalInt first = entry.firstPeriod();
      if (first.isPresent()) {
        json.put("firstPeriod", first.getAsInt());
      } else {
        json.putNull("firstPeriod");
      }
      json.put("soldFraction", entry.soldFraction());
    }
    ArrayNode assets = root.putArray("assets");
    for (PlanSummary.AssetTotal total : PlanSummary.assetTotals(plan)) {
      ObjectNode json =
          assets
              .addObject()
              .put("asset", total.asset())
              .put("quantity", total.quantity())
              .put("notional", total.notional());
      putCost(json, total.cost());
    }
    root.put("solveMillis", plan.solveMillis());
    return root;
  }

  private static void putCost(ObjectNode parent, CostSplit cost) {
    parent
        .putObject("cost")
        .put("spread", cost.spread())
        .put("fee", cost.fee())
        .put("temporaryImpact", cost.temporaryImpact())
        .put("permanentImpact", cost.permanentImpact())
        .put("total", cost.total());
  }

}
