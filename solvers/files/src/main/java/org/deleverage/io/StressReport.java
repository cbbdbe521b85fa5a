package org.deleverage.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.deleverage.solvers.stress.Cascade;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRound;
import org.deleverage.solvers.stress.CascadeSettings;
import org.deleverage.solvers.stress.DepthFunction;
import org.deleverage.solvers.stress.StressOutcome;
import org.deleverage.solvers.stress.SystemicMeasures;

/**
 * Writes stress-test outcomes and cascade results as readable tables and as CSV. Stress CSV:
 * one row per (scenario, account),
 *
 * <pre>
 *   scenario,account,equity,shortfall,status,maxCoverableShortfall,expectedLoss,objective,message,
 *   marginRequirement
 * </pre>
 *
 * (one line) with empty cells for figures that do not exist (no plan); {@code message} is why
 * there is no plan (as in the table's "Cannot cover" list), empty when there is one; {@code
 * marginRequirement} (added last, after {@code message}, so that the earlier columns keep their
 * places) is the margin the account requires under the scenario. Cascade CSV: one row
 * per round and asset,
 *
 * <pre>
 *   round,asset,sold,price,priceMove,lossToDate
 * </pre>
 *
 * Numbers are plain decimals with the digits of {@link Double#toString}. Stateless and
 * thread-safe.
 */
public final class StressReport {

  private StressReport() {}

  /**
   * Stress outcomes as CSV.
   *
   * @param outcomes the outcomes
   * @return the CSV text, header first, rows ending with a line feed
   */
  public static String stressCsv(List<StressOutcome> outcomes) {
    StringBuilder csv = new StringBuilder(
        "scenario,account,equity,shortfall,status,maxCoverableShortfall,expectedLoss,objective,"
            + "message,marginRequirement\n");
    for (StressOutcome o : outcomes) {
      csv.append(PlanCsv.field(o.scenario())).append(',')
          .append(PlanCsv.field(o.account())).append(',')
          .append(PlanCsv.number(o.equity())).append(',')
          .append(PlanCsv.number(o.shortfall())).append(',')
          .append(o.status()).append(',')
          .append(PlanCsv.optional(o.maxCoverableShortfall())).append(',')
          .append(PlanCsv.optional(o.expectedLoss())).append(',')
          .append(PlanCsv.optional(o.objective())).append(',')
          .append(PlanCsv.field(o.message())).append(',')
          .append(PlanCsv.number(o.marginRequirement())).append('\n');
    }
    return csv.toString();
  }

  /**
   * Stress outcomes as a table (equity, margin required, shortfall, status, largest coverable
   * shortfall, expected loss, objective), with the accounts that cannot cover under each
   * scenario.
   *
   * @param outcomes the outcomes
   * @return the table, lines ending with a line feed
   */
  public static String stressTable(List<StressOutcome> outcomes) {
    TextTable table = new TextTable(
        TextTable.Column.left("scenario"),
        TextTable.Column.left("account"),
        TextTable.Column.right("equity"),
        TextTable.Column.right("margin"),
        TextTable.Column.right("shortfall"),
        TextTable.Column.left("status"),
        TextTable.Column.right("max coverable"),
        TextTable.Column.right("expected loss"),
        TextTable.Column.right("objective"));
    List<String> cannot = new ArrayList<>();
    for (StressOutcome o : outcomes) {
      table.row(o.scenario(), o.account(), money(o.equity()), money(o.marginRequirement()),
          money(o.shortfall()), o.status(),
          money(o.maxCoverableShortfall()), money(o.expectedLoss()), money(o.objective()));
      if (!o.covers()) {
        cannot.add(o.scenario() + ": " + o.account()
            + (o.message().isEmpty() ? "" : " (" + o.message() + ")"));
      }
    }
    StringBuilder text = new StringBuilder("Stress test\n\n").append(table.render("  "));
    text.append('\n').append(cannot.isEmpty()
        ? "  Every account covers its shortfall under every scenario.\n"
        : "  Cannot cover:\n");
    for (String line : cannot) {
      text.append("    ").append(line).append('\n');
    }
    return text.toString();
  }

  /**
   * A cascade's rounds as CSV.
   *
   * @param result the result
   * @return the CSV text, header first, rows ending with a line feed
   */
  public static String cascadeCsv(CascadeResult result) {
    StringBuilder csv = new StringBuilder("round,asset,sold,price,priceMove,lossToDate\n");
    for (CascadeRound round : result.rounds()) {
      for (Map.Entry<String, Double> sale : round.sales().entrySet()) {
        String id = sale.getKey();
        csv.append(round.round()).append(',')
            .append(PlanCsv.field(id)).append(',')
            .append(PlanCsv.number(sale.getValue())).append(',')
            .append(PlanCsv.number(round.prices().get(id))).append(',')
            .append(PlanCsv.number(round.priceMoves().get(id))).append(',')
            .append(PlanCsv.number(round.lossToDate())).append('\n');
      }
    }
    return csv.toString();
  }

  /**
   * A cascade as a table: the losses and amplification, the settings, the systemic measures
   * (aggregate vulnerability, and per account leverage, systemicness, indirect vulnerability and
   * indirect contagion index), then each round (with each asset's volatility and margin rate
   * under a volatility-driven margin rule).
   *
   * @param result the result
   * @return the table, lines ending with a line feed
   */
  public static String cascadeTable(CascadeResult result) {
    StringBuilder text = new StringBuilder();
    text.append(format("Fire-sale cascade: %d round%s, %s%n", result.rounds().size(),
        result.rounds().size() == 1 ? "" : "s",
        switch (result.ending()) {
          // No account short (threshold rule) or above its trigger (a leverage rule).
          case SETTLED -> "settled: no account must sell";
          case DUST -> "ended when what was left to sell was dust (at most "
              + Cascade.DUST + " of an account's size)";
          case ROUND_LIMIT -> "stopped at the round limit";
        }));
    text.append(format("  shock loss       %s%n", money(result.shockLoss())));
    text.append(format("  total loss       %s%n", money(result.totalLoss())));
    text.append(format("  amplification    %s%n", Double.isFinite(result.amplification())
        ? format("%.4f", result.amplification()) : "-"));
    text.append(format("  in default       %s%n",
        result.defaults().isEmpty() ? "none" : String.join(", ", result.defaults())));
    text.append(settings(result.settings()));
    text.append(systemic(result.systemic()));
    for (CascadeRound round : result.rounds()) {
      text.append(format("%nRound %d (loss to date %s)%n", round.round(),
          money(round.lossToDate())));
      TextTable accounts = new TextTable(TextTable.Column.left("account"),
          TextTable.Column.right("equity"), TextTable.Column.right("shortfall"),
          TextTable.Column.left("action"));
      round.shortfalls().forEach((name, shortfall) -> accounts.row(name,
          money(round.equities().get(name)), money(shortfall),
          round.deleveraged().getOrDefault(name, "-")));
      text.append(accounts.render("  "));
      boolean margins = !round.volatilities().isEmpty();
      TextTable assets = margins
          ? new TextTable(TextTable.Column.left("asset"), TextTable.Column.right("sold"),
              TextTable.Column.right("price"), TextTable.Column.right("move"),
              TextTable.Column.right("volatility"), TextTable.Column.right("margin rate"))
          : new TextTable(TextTable.Column.left("asset"), TextTable.Column.right("sold"),
              TextTable.Column.right("price"), TextTable.Column.right("move"));
      round.sales().forEach((id, sold) -> {
        String units = format("%,.4f", sold);
        String price = format("%,.4f", round.prices().get(id));
        String move = format("%+.3f%%", 100 * round.priceMoves().get(id));
        if (margins) {
          assets.row(id, units, price, move,
              format("%.4f%%", 100 * round.volatilities().get(id)),
              format("%.4f%%", 100 * round.marginRates().get(id)));
        } else {
          assets.row(id, units, price, move);
        }
      });
      text.append('\n').append(assets.render("  "));
      if (!round.defaults().isEmpty()) {
        text.append("  in default after the round: ")
            .append(String.join(", ", round.defaults())).append('\n');
      }
    }
    return text.toString();
  }

  /** The settings a cascade ran with, one line each. */
  private static String settings(CascadeSettings settings) {
    StringBuilder text = new StringBuilder();
    String depth = settings.depthFunction().label();
    if (settings.depthFunction() instanceof DepthFunction.PriceFloor floor) {
      depth += format(" (Cont-Schaanning, floor %s of the price before the shock%s)",
          percent(floor.floor()), floor.floors().isEmpty() ? "" : ", " + floors(floor));
    }
    text.append(format("  depth function   %s%n", depth));
    text.append(format("  pro-rata fills   at the round's %s price%n",
        settings.executionPrice() == CascadeSettings.ExecutionPrice.END ? "end" : "midpoint"));
    text.append(format("  default          %s%n", settings.defaultRule().maxLeverage().isPresent()
        ? format("equity below zero, or leverage A/E above %s",
            settings.defaultRule().maxLeverage().getAsDouble())
        : "equity below zero"));
    text.append(format("  margins          %s%n", settings.marginRule()
        .map(rule -> format("volatility-driven: m0 max(1, (sigma/sigma0)^%s), cap %s;"
            + " sigma by EWMA, lambda %s", rule.elasticity(), rule.cap(), settings.ewmaLambda()))
        .orElse("fixed at their rates after the shock")));
    return text.toString();
  }

  private static String floors(DepthFunction.PriceFloor floor) {
    List<String> each = new ArrayList<>();
    floor.floors().forEach((id, f) -> each.add(id + " " + percent(f)));
    return String.join(", ", each);
  }

  /** The systemic measures: AV, then a row per account. */
  private static String systemic(SystemicMeasures measures) {
    StringBuilder text = new StringBuilder(format("%nSystemic measures (before the cascade)%n"));
    text.append(format("  aggregate vulnerability AV  %s of all accounts' equity"
        + " (Greenwood-Landier-Thesmar 2015)%n", percent(measures.aggregateVulnerability())));
    TextTable accounts = new TextTable(TextTable.Column.left("account"),
        TextTable.Column.right("leverage b"), TextTable.Column.right("systemicness S"),
        TextTable.Column.right("indirect vulnerability IV"),
        TextTable.Column.right("contagion index ICI"));
    measures.systemicness().forEach((name, s) -> accounts.row(name,
        figure(measures.leverage().get(name), "%.4f"), percent(s),
        percent(measures.indirectVulnerability().get(name)),
        Double.isFinite(measures.indirectContagion().get(name))
            ? money(measures.indirectContagion().get(name)) : "-"));
    text.append(accounts.render("  "));
    text.append("  S: loss the account's sales inflict on all, % of all equity; IV: loss all"
        + " sales inflict on it,\n  % of its equity; ICI: loss its liquidation inflicts on the"
        + " others (Cont-Schaanning 2019)\n");
    return text.toString();
  }

  private static String figure(double value, String pattern) {
    return Double.isFinite(value) ? format(pattern, value) : "-";
  }

  private static String percent(double fraction) {
    return Double.isFinite(fraction) ? format("%.4f%%", 100 * fraction) : "-";
  }

  private static String money(OptionalDouble value) {
    return value.isPresent() ? money(value.getAsDouble()) : "-";
  }

  private static String money(double value) {
    return format("%,.2f", value);
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
