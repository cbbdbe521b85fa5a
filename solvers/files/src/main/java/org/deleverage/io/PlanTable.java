package org.deleverage.io;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import org.deleverage.core.evaluate.CostSplit;
import org.deleverage.core.evaluate.ObjectiveValue;
import org.deleverage.core.plan.HierarchyEntry;
import org.deleverage.core.plan.PeriodResult;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Trade;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.io.TextTable.Column;
import org.deleverage.solvers.optimal.RoundedPlan;

/**
 * Renders a {@link Plan} as a plain-text desk report: a summary (solver, status, shortfall,
 * largest coverable shortfall, objective), the liquidation sequence, the account period by period,
 * the cost of each asset split by cause, the objective's terms and the deleveraging hierarchy.
 *
 * <p>The cost table lists the assets the plan trades; the hierarchy lists every asset. Money has
 * two decimals and thousands separators; quantities four decimals (a crypto position
 * can be a fraction of a coin); expected prices four decimals, so that impact of a fraction of a
 * cent shows; ratios (shadow price, marginal cost per unit of relief) in basis points. Formats use
 * {@link Locale#ROOT}, so the report reads the same on every machine. The exact figures are in
 * the JSON and CSV forms ({@link PlanJson}, {@link PlanCsv}). Stateless and thread-safe.
 */
public final class PlanTable {

  private static final String INDENT = "  ";

  private PlanTable() {}

  /**
   * The report, ending in a newline.
   *
   * @param plan the plan
   * @return the report, ending in a newline
   */
  public static String write(Plan plan) {
    return write(plan, null);
  }

  /**
   * The report with a comparison against {@code baseline}, the result of a baseline solver on
   * the same problem (for example the greedy margin-call rule): how much the plan saves, or that
   * the baseline cannot cover the shortfall at all.
   *
   * @param plan the plan
   * @param baseline the baseline solver's result on the same problem, to compare with
   * @return the report with a comparison against {@code baseline}, the result of a baseline solver
   *     on the same problem (for example the greedy margin-call rule): how much the plan saves, or
   *     that the baseline cannot cover the shortfall at all
   */
  public static String write(Plan plan, SolveResult baseline) {
    return report(plan, null, baseline);
  }

  /**
   * The report of a plan rounded to whole lots: the report of the rounded plan with a section
   * after the summary that gives its objective, the continuous plan's and the difference, and a
   * comparison against {@code baseline} when it is not null.
   *
   * @param rounded the plan in whole lots and the continuous plan it came from
   * @param baseline the baseline solver's result on the same problem, or null for none
   * @return the report, ending in a newline
   */
  public static String write(RoundedPlan rounded, SolveResult baseline) {
    return report(rounded.plan(), rounded, baseline);
  }

  /** The sections of the report, with the whole-lot section when {@code rounded} is not null. */
  private static String report(Plan plan, RoundedPlan rounded, SolveResult baseline) {
    StringBuilder report = new StringBuilder();
    summary(plan, report);
    if (rounded != null) {
      lots(rounded, report);
    }
    if (baseline != null) {
      comparison(plan, baseline, report);
    }
    sequence(plan, report);
    account(plan, report);
    assetCosts(plan, report);
    objective(plan, report);
    hierarchy(plan, report);
    return report.toString();
  }

  private static void lots(RoundedPlan rounded, StringBuilder report) {
    heading(report, "WHOLE LOTS");
    TextTable table = new TextTable(Column.left(""), Column.right(""), Column.left(""));
    table.row("Objective in whole lots", money(rounded.roundedObjective()), "");
    table.row("Objective, continuous", money(rounded.continuousObjective()),
        rounded.continuous().status().label() + " plan of the " + rounded.continuous().solver()
            + " solver");
    table.row("Cost of rounding", money(rounded.gap()),
        rounded.gapIsBound()
            ? "at most this much above the best whole-lot plan"
            : "against the continuous plan (not optimal, so not a bound)");
    table.row("Lots added back", Integer.toString(rounded.lotsAdded()),
        "after rounding every trade down, to keep coverage");
    report.append(table.render(INDENT));
  }

  private static void summary(Plan plan, StringBuilder report) {
    heading(report, "DELEVERAGING PLAN");
    TextTable table = new TextTable(Column.left(""), Column.right(""), Column.left(""));
    table.row("Solver", plan.solver(), "");
    table.row("Status", plan.status().label(), statusNote(plan));
    table.row("Shortfall", money(plan.shortfall()), "");
    table.row(
        "Max coverable shortfall",
        optional(plan.maxCoverableShortfall(), PlanTable::money),
        plan.maxCoverableShortfall().isPresent() ? "" : "not computed by this solver");
    table.row("Expected loss", money(plan.objective().expectedLoss()), "");
    table.row("Objective total", money(plan.objective().total()), "");
    table.row(
        "Shadow price",
        optional(plan.shadowPrice(), PlanTable::basisPoints),
        plan.shadowPrice().isPresent()
            ? "objective per extra unit of money required"
            : plan.shadowPriceUnbounded()
                ? "unbounded: at the largest coverable shortfall"
                : "not known to this solver");
    table.row("Trades", Integer.toString(plan.trades().size()), "");
    table.row("Iterations", Long.toString(plan.iterations()), "");
    table.row("Solve time", format("%,.1f ms", plan.solveMillis()), "");
    report.append(table.render(INDENT));
  }

  private static void comparison(Plan plan, SolveResult baseline, StringBuilder report) {
    heading(report, "AGAINST THE " + baseline.solver().toUpperCase(Locale.ROOT) + " BASELINE");
    if (baseline instanceof SolveResult.Solved solved) {
      Plan other = solved.plan();
      double lossSaved = other.objective().expectedLoss() - plan.objective().expectedLoss();
      double objectiveSaved = other.objective().total() - plan.objective().total();
      TextTable table =
          new TextTable(Column.left(""), Column.right(plan.solver()), Column.right(other.solver()),
              Column.right("saved"), Column.right("saved %"));
      table.row("Expected loss", money(plan.objective().expectedLoss()),
          money(other.objective().expectedLoss()), money(lossSaved),
          percent(lossSaved, other.objective().expectedLoss()));
      table.row("Objective total", money(plan.objective().total()),
          money(other.objective().total()), money(objectiveSaved),
          percent(objectiveSaved, other.objective().total()));
      report.append(table.render(INDENT));
      report.append(INDENT)
          .append(format(
              "The %s plan costs %s less in expected loss than the %s rule (%s), and %s less in"
                  + " objective (%s).%n",
              plan.solver(), money(lossSaved), other.solver(),
              percent(lossSaved, other.objective().expectedLoss()), money(objectiveSaved),
              percent(objectiveSaved, other.objective().total())));
    } else if (baseline instanceof SolveResult.Infeasible infeasible) {
      report.append(INDENT)
          .append(format(
              "The %s rule cannot cover this shortfall: it covers at most %s.%n",
              infeasible.solver(), money(infeasible.maxCoverableShortfall())));
    } else {
      report.append(INDENT)
          .append(format("The %s rule failed: %s%n", baseline.solver(),
              ((SolveResult.Failed) baseline).reason()));
    }
  }

  private static String percent(double part, double whole) {
    return whole == 0.0 ? "-" : format("%.1f%%", 100.0 * part / whole);
  }

  private static String statusNote(Plan plan) {
    return switch (plan.status()) {
      case OPTIMAL -> "convex instance solved to tolerance";
      case LOCAL -> "local solution of a non-convex instance, not guaranteed optimal";
      case FEASIBLE -> "covers the shortfall within every constraint; not optimised";
    };
  }

  private static void sequence(Plan plan, StringBuilder report) {
    heading(report, "LIQUIDATION SEQUENCE");
    if (plan.trades().isEmpty()) {
      report.append(INDENT).append("No trades: there is nothing to cover.\n");
      return;
    }
    Map<String, Integer> ranks = PlanSummary.ranks(plan);
    TextTable table =
        new TextTable(
            Column.right("Period"),
            Column.right("Rank"),
            Column.left("Asset"),
            Column.left("Side"),
            Column.right("Quantity"),
            Column.right("Exp. price"),
            Column.right("Notional"),
            Column.right("Cost"),
            Column.right("Cost bp"));
    double notional = 0.0;
    double cost = 0.0;
    for (Trade trade : plan.trades()) {
      Integer rank = ranks.get(trade.asset());
      table.row(
          Integer.toString(trade.period()),
          rank == null ? "" : rank.toString(),
          trade.asset(),
          trade.side().name(),
          quantity(trade.quantity()),
          price(trade.expectedPrice()),
          money(trade.notional()),
          money(trade.cost().total()),
          costBasisPoints(trade.cost().total(), trade.notional()));
      notional += trade.notional();
      cost += trade.cost().total();
    }
    table.rule();
    table.row("", "", "Total", "", "", "", money(notional), money(cost),
        costBasisPoints(cost, notional));
    report.append(table.render(INDENT));
  }

  private static void account(Plan plan, StringBuilder report) {
    heading(report, "ACCOUNT BY PERIOD");
    TextTable table =
        new TextTable(
            Column.right("Period"),
            Column.right("Excess"),
            Column.right("Cash from sales"),
            Column.right("Cash paid"),
            Column.right("Net cash"),
            Column.right("Loss to date"));
    java.util.List<PlanSummary.PeriodCash> cash = PlanSummary.periodCash(plan);
    for (int k = 0; k < plan.periods().size(); k++) {
      PeriodResult period = plan.periods().get(k);
      table.row(
          Integer.toString(period.period()),
          money(period.excess()),
          money(cash.get(k).fromSales()),
          money(cash.get(k).paid()),
          money(period.cashRaised()),
          money(period.loss()));
    }
    report.append(table.render(INDENT));
    report
        .append(INDENT)
        .append("Cash to date from sales of longs and paid for buy-backs of shorts; net cash is")
        .append(" the difference.\n");
  }

  private static void assetCosts(Plan plan, StringBuilder report) {
    heading(report, "COST BY ASSET");
    TextTable table =
        new TextTable(
            Column.left("Asset"),
            Column.right("Quantity"),
            Column.right("Notional"),
            Column.right("Spread"),
            Column.right("Fee"),
            Column.right("Temporary"),
            Column.right("Permanent"),
            Column.right("Total"));
    CostSplit sum = CostSplit.ZERO;
    double notional = 0.0;
    for (PlanSummary.AssetTotal total : PlanSummary.assetTotals(plan)) {
      if (total.quantity() == 0.0) {
        continue; // the hierarchy lists the assets the plan leaves alone
      }
      costRow(table, total.asset(), quantity(total.quantity()), total.notional(), total.cost());
      sum = sum.plus(total.cost());
      notional += total.notional();
    }
    table.rule();
    costRow(table, "Total", "", notional, sum);
    report.append(table.render(INDENT));
  }

  private static void costRow(
      TextTable table, String asset, String units, double notional, CostSplit cost) {
    table.row(
        asset,
        units,
        money(notional),
        money(cost.spread()),
        money(cost.fee()),
        money(cost.temporaryImpact()),
        money(cost.permanentImpact()),
        money(cost.total()));
  }

  private static void objective(Plan plan, StringBuilder report) {
    heading(report, "OBJECTIVE");
    ObjectiveValue objective = plan.objective();
    TextTable table = new TextTable(Column.left("Term"), Column.right("Value"), Column.left(""));
    table.row("Expected loss L_N", money(objective.expectedLoss()), "money");
    table.row(
        "Timing variance",
        variance(objective.timingVariance()),
        "money^2, sd " + money(Math.sqrt(objective.timingVariance())));
    table.row(
        "Residual variance",
        variance(objective.residualVariance()),
        "money^2, sd " + money(Math.sqrt(objective.residualVariance())));
    table.row("Reluctance", money(objective.reluctance()), "");
    table.rule();
    table.row("Total (weighted)", money(objective.total()), "");
    report.append(table.render(INDENT));
  }

  private static void hierarchy(Plan plan, StringBuilder report) {
    heading(report, "DELEVERAGING HIERARCHY");
    TextTable table =
        new TextTable(
            Column.right("Rank"),
            Column.left("Asset"),
            Column.right("Cost per relief"),
            Column.right("First period"),
            Column.right("Sold"));
    for (HierarchyEntry entry : plan.hierarchy()) {
      table.row(
          Integer.toString(entry.rank()),
          entry.asset(),
          optional(entry.marginalCostPerUnitRelief(), PlanTable::basisPoints),
          entry.firstPeriod().isPresent() ? Integer.toString(entry.firstPeriod().getAsInt()) : "-",
          format("%.1f%%", 100.0 * entry.soldFraction()));
    }
    report.append(table.render(INDENT));
    report
        .append(INDENT)
        .append("Cost per relief: the marginal objective per unit of excess freed by the first")
        .append(" unit sold\n")
        .append(INDENT)
        .append("(- where selling frees none). First period -: the plan does not trade the")
        .append(" asset.\n");
  }

  private static void heading(StringBuilder report, String title) {
    if (report.length() > 0) {
      report.append('\n');
    }
    report.append(title).append('\n').append("=".repeat(title.length())).append('\n');
  }

  private static String optional(OptionalDouble value, DoubleFunction<String> f) {
    return value.isPresent() ? f.apply(value.getAsDouble()) : "-";
  }

  /** Two decimals; a figure that rounds to zero shows as 0.00, never -0.00. */
  private static String money(double value) {
    String text = format("%,.2f", value);
    return text.equals("-0.00") ? "0.00" : text;
  }

  private static String quantity(double value) {
    return format("%,.4f", value);
  }

  private static String price(double value) {
    return format("%,.4f", value);
  }

  private static String variance(double value) {
    return format("%.4e", value);
  }

  private static String basisPoints(double ratio) {
    return format("%,.2f bp", ratio * 1e4);
  }

  private static String costBasisPoints(double cost, double notional) {
    return notional == 0.0 ? "-" : format("%.2f", 1e4 * cost / Math.abs(notional));
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
