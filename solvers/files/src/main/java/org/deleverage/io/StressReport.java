package org.deleverage.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.deleverage.solvers.stress.Cascade;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRound;
import org.deleverage.solvers.stress.StressOutcome;

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
   * A cascade as a table: the losses and amplification, then each round.
   *
   * @param result the result
   * @return the table, lines ending with a line feed
   */
  public static String cascadeTable(CascadeResult result) {
    StringBuilder text = new StringBuilder();
    text.append(format("Fire-sale cascade: %d round%s, %s%n", result.rounds().size(),
        result.rounds().size() == 1 ? "" : "s",
        switch (result.ending()) {
          case SETTLED -> "ended with no account short";
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
      TextTable assets = new TextTable(TextTable.Column.left("asset"),
          TextTable.Column.right("sold"), TextTable.Column.right("price"),
          TextTable.Column.right("move"));
      round.sales().forEach((id, sold) -> assets.row(id, format("%,.4f", sold),
          format("%,.4f", round.prices().get(id)),
          format("%+.3f%%", 100 * round.priceMoves().get(id))));
      text.append('\n').append(assets.render("  "));
      if (!round.defaults().isEmpty()) {
        text.append("  in default after the round: ")
            .append(String.join(", ", round.defaults())).append('\n');
      }
    }
    return text.toString();
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
