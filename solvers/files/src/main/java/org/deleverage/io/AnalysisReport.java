package org.deleverage.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.deleverage.solvers.analysis.Breakpoint;
import org.deleverage.solvers.analysis.CostCurve;
import org.deleverage.solvers.analysis.CurvePoint;
import org.deleverage.solvers.analysis.EfficientFrontier;
import org.deleverage.solvers.analysis.FrontierPoint;
import org.deleverage.solvers.analysis.HierarchyRow;

/**
 * Writes cost curves, efficient frontiers and hierarchy reports as tables, JSON and CSV. The
 * CSV forms have one header row and a row per point (curve: {@code
 * shortfall,objective,expectedLoss,shadowPrice,status,shadowPriceBp}; frontier: {@code
 * strategy,riskAversion,expectedLoss,timingRisk,objective}, the two reference strategies last
 * with an empty risk aversion) or per asset (hierarchy: {@code rank,asset,
 * marginalCostPerUnitRelief,daysToLiquidate,riskContribution,marginRate,firstPeriod,
 * soldFraction,binding,marginalCostPerUnitReliefBp}); figures that do not exist are empty. Ratios
 * of objective to money (shadow price, marginal cost per unit of relief) are in basis points in
 * the tables, raw and in basis points ({@code ...Bp}) in the CSV, and raw in the JSON (the curve's
 * JSON adds {@code shadowPriceBp}). JSON carries the same figures, with {@code null} for those.
 * Stateless and thread-safe.
 */
public final class AnalysisReport {

  private AnalysisReport() {}

  /**
   * A cost curve as a table, its breakpoints below.
   *
   * @param curve the curve
   * @return the table, lines ending with a line feed
   */
  public static String curveTable(CostCurve.Result curve) {
    return curveTable(curve, Double.NaN);
  }

  /**
   * A cost curve as a table, its breakpoints below, with the problem's own shortfall marked: the
   * grid point at it says so, or a row of its own between the grid points around it (or after
   * the last, when it is above the largest coverable shortfall). The shadow price is in basis
   * points (1 bp of objective per unit of money required is 0.0001).
   *
   * @param curve the curve
   * @param shortfall the problem's own shortfall, or NaN to mark none
   * @return the table, lines ending with a line feed
   */
  public static String curveTable(CostCurve.Result curve, double shortfall) {
    TextTable table = new TextTable(TextTable.Column.right("shortfall"),
        TextTable.Column.right("objective"), TextTable.Column.right("expected loss"),
        TextTable.Column.right("shadow price bp"), TextTable.Column.left("status"));
    boolean marked = Double.isNaN(shortfall);
    String mark = "<- this problem's shortfall";
    for (CurvePoint p : curve.points()) {
      if (!marked && shortfall < p.shortfall()) {
        table.row(money(shortfall), "", "", "", mark);
        marked = true;
      }
      boolean here = !marked && shortfall == p.shortfall();
      table.row(money(p.shortfall()), money(p.objective()), money(p.expectedLoss()),
          basisPoints(p.shadowPrice()), here ? p.status() + "  " + mark : p.status());
      marked |= here;
    }
    if (!marked) {
      table.row(money(shortfall), "", "", "", mark + " (above the largest coverable)");
    }
    StringBuilder text = new StringBuilder(format(
        "Cost curve: the optimum from no shortfall to the largest coverable, %s (%d solves)%n%n",
        money(curve.maxCoverableShortfall()), curve.solves()));
    text.append(table.render("  ")).append('\n');
    text.append(curve.breakpoints().isEmpty() ? "  No breakpoints.\n" : "  Breakpoints:\n");
    for (Breakpoint b : curve.breakpoints()) {
      text.append(format("    at %s (+- %s): %s%n", money(b.shortfall()),
          money(b.width() / 2), b.describe()));
    }
    return text.toString();
  }

  /**
   * A cost curve as CSV.
   *
   * @param curve the curve
   * @return the CSV text
   */
  public static String curveCsv(CostCurve.Result curve) {
    StringBuilder csv =
        new StringBuilder("shortfall,objective,expectedLoss,shadowPrice,status,shadowPriceBp\n");
    for (CurvePoint p : curve.points()) {
      csv.append(PlanCsv.number(p.shortfall())).append(',')
          .append(PlanCsv.number(p.objective())).append(',')
          .append(PlanCsv.number(p.expectedLoss())).append(',')
          .append(PlanCsv.optional(p.shadowPrice())).append(',')
          .append(p.status()).append(',')
          .append(PlanCsv.optional(bp(p.shadowPrice()))).append('\n');
    }
    return csv.toString();
  }

  /**
   * A cost curve as JSON.
   *
   * @param curve the curve
   * @param assets the problem's asset ids, in order (the states are listed by asset)
   * @return the document, ending in a newline
   */
  public static String curveJson(CostCurve.Result curve, List<String> assets) {
    ObjectNode root = Json.output();
    root.put("maxCoverableShortfall", curve.maxCoverableShortfall());
    root.put("solves", curve.solves());
    ArrayNode points = root.putArray("points");
    for (CurvePoint p : curve.points()) {
      ObjectNode json = points.addObject();
      json.put("shortfall", p.shortfall());
      json.put("objective", p.objective());
      json.put("expectedLoss", p.expectedLoss());
      Json.putOptional(json, "shadowPrice", p.shadowPrice());
      Json.putOptional(json, "shadowPriceBp", bp(p.shadowPrice()));
      json.put("status", p.status());
      ObjectNode states = json.putObject("states");
      for (int i = 0; i < assets.size(); i++) {
        states.put(assets.get(i), p.states().get(i).label());
      }
    }
    ArrayNode breakpoints = root.putArray("breakpoints");
    for (Breakpoint b : curve.breakpoints()) {
      breakpoints.addObject().put("shortfall", b.shortfall()).put("width", b.width())
          .put("asset", b.asset()).put("from", b.from().label()).put("to", b.to().label());
    }
    return Json.write(root);
  }

  /**
   * A frontier as a table.
   *
   * @param frontier the frontier
   * @return the table, lines ending with a line feed
   */
  public static String frontierTable(EfficientFrontier.Result frontier) {
    TextTable table = new TextTable(TextTable.Column.left("strategy"),
        TextTable.Column.right("risk aversion"), TextTable.Column.right("expected loss"),
        TextTable.Column.right("timing risk"), TextTable.Column.right("objective"));
    for (FrontierPoint p : all(frontier)) {
      table.row(p.label(), Double.isNaN(p.riskAversion()) ? "-" : format("%.4g", p.riskAversion()),
          money(p.expectedLoss()), money(p.timingRisk()), money(p.objective()));
    }
    return "Efficient frontier: expected loss against timing risk (standard deviation)\n\n"
        + table.render("  ");
  }

  /**
   * A frontier as CSV.
   *
   * @param frontier the frontier
   * @return the CSV text
   */
  public static String frontierCsv(EfficientFrontier.Result frontier) {
    StringBuilder csv =
        new StringBuilder("strategy,riskAversion,expectedLoss,timingRisk,objective\n");
    for (FrontierPoint p : all(frontier)) {
      csv.append(PlanCsv.field(p.label())).append(',')
          .append(Double.isNaN(p.riskAversion()) ? "" : PlanCsv.number(p.riskAversion()))
          .append(',').append(PlanCsv.number(p.expectedLoss())).append(',')
          .append(PlanCsv.number(p.timingRisk())).append(',')
          .append(PlanCsv.number(p.objective())).append('\n');
    }
    return csv.toString();
  }

  /**
   * A frontier as JSON.
   *
   * @param frontier the frontier
   * @return the document, ending in a newline
   */
  public static String frontierJson(EfficientFrontier.Result frontier) {
    ObjectNode root = Json.output();
    ArrayNode points = root.putArray("points");
    for (FrontierPoint p : frontier.points()) {
      put(points.addObject(), p);
    }
    put(root.putObject("sellNow"), frontier.sellNow());
    put(root.putObject("sellEvenly"), frontier.sellEvenly());
    return Json.write(root);
  }

  /**
   * A hierarchy report as a table.
   *
   * @param rows the rows
   * @return the table, lines ending with a line feed
   */
  public static String hierarchyTable(List<HierarchyRow> rows) {
    TextTable table = new TextTable(TextTable.Column.right("rank"), TextTable.Column.left("asset"),
        TextTable.Column.right("cost / relief bp"), TextTable.Column.right("days at cap"),
        TextTable.Column.right("risk share"), TextTable.Column.right("margin"),
        TextTable.Column.right("first period"), TextTable.Column.right("sold"),
        TextTable.Column.left("binding"));
    for (HierarchyRow r : rows) {
      table.row(Integer.toString(r.rank()), r.asset(),
          basisPoints(r.marginalCostPerUnitRelief()),
          Double.isFinite(r.daysToLiquidate()) ? format("%.2f", r.daysToLiquidate()) : "-",
          r.riskContribution().isPresent()
              ? format("%.1f%%", 100 * r.riskContribution().getAsDouble()) : "-",
          format("%.0f%%", 100 * r.marginRate()),
          r.firstPeriod().isPresent() ? Integer.toString(r.firstPeriod().getAsInt()) : "-",
          format("%.1f%%", 100 * r.soldFraction()), r.state().label());
    }
    return "Deleveraging hierarchy: why each asset is where it is\n\n" + table.render("  ");
  }

  /**
   * A hierarchy report as CSV.
   *
   * @param rows the rows
   * @return the CSV text
   */
  public static String hierarchyCsv(List<HierarchyRow> rows) {
    StringBuilder csv = new StringBuilder("rank,asset,marginalCostPerUnitRelief,daysToLiquidate,"
        + "riskContribution,marginRate,firstPeriod,soldFraction,binding,"
        + "marginalCostPerUnitReliefBp\n");
    for (HierarchyRow r : rows) {
      csv.append(r.rank()).append(',').append(PlanCsv.field(r.asset())).append(',')
          .append(PlanCsv.optional(r.marginalCostPerUnitRelief())).append(',')
          .append(Double.isFinite(r.daysToLiquidate()) ? PlanCsv.number(r.daysToLiquidate()) : "")
          .append(',').append(PlanCsv.optional(r.riskContribution())).append(',')
          .append(PlanCsv.number(r.marginRate())).append(',')
          .append(r.firstPeriod().isPresent() ? Integer.toString(r.firstPeriod().getAsInt()) : "")
          .append(',').append(PlanCsv.number(r.soldFraction())).append(',')
          .append(r.state().label()).append(',')
          .append(PlanCsv.optional(bp(r.marginalCostPerUnitRelief()))).append('\n');
    }
    return csv.toString();
  }

  /**
   * A hierarchy report as JSON.
   *
   * @param rows the rows
   * @return the document, ending in a newline
   */
  public static String hierarchyJson(List<HierarchyRow> rows) {
    ObjectNode root = Json.output();
    ArrayNode list = root.putArray("hierarchy");
    for (HierarchyRow r : rows) {
      ObjectNode json = list.addObject().put("rank", r.rank()).put("asset", r.asset());
      Json.putOptional(json, "marginalCostPerUnitRelief", r.marginalCostPerUnitRelief());
      Json.putFinite(json, "daysToLiquidate", r.daysToLiquidate());
      Json.putOptional(json, "riskContribution", r.riskContribution());
      json.put("marginRate", r.marginRate());
      if (r.firstPeriod().isPresent()) {
        json.put("firstPeriod", r.firstPeriod().getAsInt());
      } else {
        json.putNull("firstPeriod");
      }
      json.put("soldFraction", r.soldFraction());
      json.put("binding", r.state().label());
    }
    return Json.write(root);
  }

  private static List<FrontierPoint> all(EfficientFrontier.Result frontier) {
    List<FrontierPoint> all = new java.util.ArrayList<>(frontier.points());
    all.add(frontier.sellNow());
    all.add(frontier.sellEvenly());
    return all;
  }

  private static void put(ObjectNode json, FrontierPoint p) {
    json.put("strategy", p.label());
    Json.putFinite(json, "riskAversion", p.riskAversion());
    json.put("expectedLoss", p.expectedLoss());
    json.put("timingRisk", p.timingRisk());
    json.put("objective", p.objective());
  }

  /** A ratio in basis points, two decimals, or - when there is none. */
  private static String basisPoints(OptionalDouble ratio) {
    return ratio.isPresent() ? format("%,.2f", 1e4 * ratio.getAsDouble()) : "-";
  }

  /** A ratio in basis points (times 10,000), or none. */
  static OptionalDouble bp(OptionalDouble ratio) {
    return ratio.isPresent() ? OptionalDouble.of(1e4 * ratio.getAsDouble()) : ratio;
  }

  private static String money(double value) {
    return format("%,.2f", value);
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
