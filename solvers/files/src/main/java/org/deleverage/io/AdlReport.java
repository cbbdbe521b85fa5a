package org.deleverage.io;

import java.util.Locale;
import org.deleverage.solvers.adl.AdlProblem;
import org.deleverage.solvers.adl.AdlResult;

/**
 * Writes an auto-deleveraging result as a readable table or as CSV. The CSV has one header row,
 *
 * <pre>
 *   rank,account,size,score,profitable,percentile,closed,price,realisedPnl,remaining
 * </pre>
 *
 * and one row per position of the queue in ADL order; {@code closed}, {@code realisedPnl} are 0
 * and {@code price} empty for a position ADL did not reach, {@code remaining} is then its size;
 * an infinite score is written {@code inf}. Numbers are plain decimals with the digits of {@link
 * Double#toString}. Stateless and thread-safe.
 */
public final class AdlReport {

  private AdlReport() {}

  /**
   * The result as CSV, header first.
   *
   * @param result the result
   * @return the CSV text, rows ending with a line feed
   */
  public static String csv(AdlResult result) {
    StringBuilder csv =
        new StringBuilder(
            "rank,account,size,score,profitable,percentile,closed,price,realisedPnl,remaining\n");
    for (AdlResult.QueueEntry entry : result.queue()) {
      AdlResult.Allocation allocation = allocation(result, entry.account());
      csv.append(entry.rank()).append(',')
          .append(PlanCsv.field(entry.account())).append(',')
          .append(PlanCsv.number(entry.size())).append(',')
          .append(FiniteNumbers.csv(entry.score()))
          .append(',')
          .append(entry.profitable()).append(',')
          .append(entry.percentile()).append(',')
          .append(PlanCsv.number(allocation == null ? 0.0 : allocation.closed())).append(',')
          .append(allocation == null ? "" : PlanCsv.number(allocation.price())).append(',')
          .append(PlanCsv.number(allocation == null ? 0.0 : allocation.realisedPnl()))
          .append(',')
          .append(PlanCsv.number(allocation == null ? entry.size() : allocation.remaining()))
          .append('\n');
    }
    return csv.toString();
  }

  /**
   * The result as a table for a desk: what the market and the fund took, then the queue with
   * what ADL closed of each position.
   *
   * @param problem the problem the result is of
   * @param result the result
   * @return the table, lines ending with a line feed
   */
  public static String table(AdlProblem problem, AdlResult result) {
    StringBuilder text = new StringBuilder();
    text.append(format("Auto-deleveraging (%s rule): bankrupt %s of %s at %s, mark %s%n",
        result.rule().label(), AdlJson.side(problem.bankrupt().side()),
        amount(problem.bankrupt().size()), amount(problem.bankrupt().bankruptcyPrice()),
        amount(problem.mark())));
    text.append(format("  loss per contract at the mark   %s%n", amount(result.lossPerContract())));
    text.append(format("  closed in the market            %s (insurance fund paid %s of %s,"
            + " %s left)%n", amount(result.marketClosed()), amount(result.fundPaid()),
        amount(problem.insuranceFund()), amount(result.fundAfter())));
    text.append(format("  auto-deleveraged                %s%n", amount(result.adlClosed())));
    if (result.unclosed() > 0) {
      text.append(format("  left open (queue exhausted)     %s%n", amount(result.unclosed())));
    }
    if (!result.refused().isEmpty()) {
      text.append(format("  refused by the overlap check    %s%n",
          String.join(", ", result.refused())));
    }
    if (result.uncoveredDeficit() > 0) {
      text.append(format("  loss left uncovered (at mark)   %s%n",
          amount(result.uncoveredDeficit())));
    }
    text.append('\n');
    TextTable table =
        new TextTable(
            TextTable.Column.right("rank"),
            TextTable.Column.left("account"),
            TextTable.Column.right("size"),
            TextTable.Column.right("score"),
            TextTable.Column.left("in profit"),
            TextTable.Column.right("percentile"),
            TextTable.Column.right("closed"),
            TextTable.Column.right("at"),
            TextTable.Column.right("realised PnL"),
            TextTable.Column.right("left"));
    for (AdlResult.QueueEntry entry : result.queue()) {
      AdlResult.Allocation allocation = allocation(result, entry.account());
      table.row(
          Integer.toString(entry.rank()),
          entry.account(),
          amount(entry.size()),
          Double.isFinite(entry.score()) ? format("%.6g", entry.score()) : "unbounded",
          entry.profitable() ? "yes" : "no",
          entry.percentile() + "%",
          allocation == null ? "-" : amount(allocation.closed()),
          allocation == null ? "-" : amount(allocation.price()),
          allocation == null ? "-" : amount(allocation.realisedPnl()),
          amount(allocation == null ? entry.size() : allocation.remaining()));
    }
    text.append(table.render("  "));
    return text.toString();
  }

  private static AdlResult.Allocation allocation(AdlResult result, String account) {
    for (AdlResult.Allocation allocation : result.allocations()) {
      if (allocation.account().equals(account)) {
        return allocation;
      }
    }
    return null;
  }

  private static String amount(double value) {
    return format("%,.4f", value).replaceAll("\\.?0+$", "");
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
