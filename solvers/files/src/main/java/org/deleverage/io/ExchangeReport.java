package org.deleverage.io;

import java.util.Locale;
import java.util.Map;
import org.deleverage.solvers.exchange.ExchangeResult;

/**
 * Writes an exchange simulation as a table for a risk desk or as CSV. The CSV has one header row,
 *
 * <pre>
 *   step,liquidations,partial,closed,badDebt,fundBefore,fundReceived,fundPaid,fundAfter,
 *   adlClosed,deleveraged,socialisedLoss,uncovered
 * </pre>
 *
 * (on one line) and one row per step; {@code deleveraged} is the number of distinct accounts ADL
 * closed. Numbers are plain decimals with the digits of {@link Double#toString}. Stateless.
 */
public final class ExchangeReport {

  private ExchangeReport() {}

  /**
   * The result as CSV, header first.
   *
   * @param result the result
   * @return the CSV text, rows ending with a line feed
   */
  public static String csv(ExchangeResult result) {
    StringBuilder csv = new StringBuilder("step,liquidations,partial,closed,badDebt,fundBefore,"
        + "fundReceived,fundPaid,fundAfter,adlClosed,deleveraged,socialisedLoss,uncovered\n");
    for (ExchangeResult.Step step : result.steps()) {
      csv.append(step.index()).append(',')
          .append(step.liquidations().size()).append(',')
          .append(step.liquidations().stream().filter(ExchangeResult.Liquidation::partial)
              .count()).append(',')
          .append(PlanCsv.number(closed(step))).append(',')
          .append(PlanCsv.number(step.badDebt())).append(',')
          .append(PlanCsv.number(step.fundBefore())).append(',')
          .append(PlanCsv.number(step.fundReceived())).append(',')
          .append(PlanCsv.number(step.fundPaid())).append(',')
          .append(PlanCsv.number(step.fundAfter())).append(',')
          .append(PlanCsv.number(step.adlClosed())).append(',')
          .append(deleveraged(step)).append(',')
          .append(PlanCsv.number(step.socialisedLoss())).append(',')
          .append(PlanCsv.number(step.uncovered())).append('\n');
    }
    return csv.toString();
  }

  /**
   * The result as a table: a summary, one row per step, then each ADL fill.
   *
   * @param result the result
   * @return the table, lines ending with a line feed
   */
  public static String table(ExchangeResult result) {
    StringBuilder text = new StringBuilder();
    double badDebt = result.steps().stream().mapToDouble(ExchangeResult.Step::badDebt).sum();
    double adl = result.steps().stream().mapToDouble(ExchangeResult.Step::adlClosed).sum();
    int liquidations = result.steps().stream().mapToInt(s -> s.liquidations().size()).sum();
    text.append(format("Exchange simulation (%s policy), %d steps%n", result.policy(),
        result.steps().size()));
    int exhausted = -1;
    for (ExchangeResult.Step step : result.steps()) {
      if (exhausted < 0 && step.fundBefore() > 0 && step.fundAfter() <= 0) {
        exhausted = step.index();
      }
    }
    text.append(format("  insurance fund        %s -> %s%s%n", amount(result.openingFund()),
        amount(result.closingFund()), exhausted >= 0
            ? "  (exhausted at step " + exhausted + ")" : ""));
    text.append(format("  liquidations          %d%n", liquidations));
    text.append(format("  bad debt              %s%n", amount(badDebt)));
    text.append(format("  auto-deleveraged      %s contracts%s%n", amount(adl),
        adl > 0 ? "  (ADL triggered)" : ""));
    text.append('\n');
    TextTable table = new TextTable(
        TextTable.Column.right("step"), TextTable.Column.left("marks"),
        TextTable.Column.right("liq."), TextTable.Column.right("partial"),
        TextTable.Column.right("closed"), TextTable.Column.right("bad debt"),
        TextTable.Column.right("fund in"), TextTable.Column.right("fund out"),
        TextTable.Column.right("fund after"), TextTable.Column.right("ADL closed"),
        TextTable.Column.right("deleveraged"), TextTable.Column.right("socialised"),
        TextTable.Column.right("uncovered"));
    for (ExchangeResult.Step step : result.steps()) {
      StringBuilder marks = new StringBuilder();
      for (Map.Entry<String, Double> mark : new java.util.TreeMap<>(step.marks()).entrySet()) {
        marks.append(marks.length() == 0 ? "" : " ").append(mark.getKey()).append('=')
            .append(amount(mark.getValue()));
      }
      table.row(Integer.toString(step.index()), marks.toString(),
          Integer.toString(step.liquidations().size()),
          Long.toString(step.liquidations().stream()
              .filter(ExchangeResult.Liquidation::partial).count()),
          amount(closed(step)), amount(step.badDebt()), amount(step.fundReceived()),
          amount(step.fundPaid()), amount(step.fundAfter()), amount(step.adlClosed()),
          Long.toString(deleveraged(step)), amount(step.socialisedLoss()),
          amount(step.uncovered()));
    }
    text.append(table.render("  "));
    boolean any = false;
    for (ExchangeResult.Step step : result.steps()) {
      for (ExchangeResult.AdlFill fill : step.adl()) {
        if (!any) {
          text.append(format("%nADL fills (step: bankrupt -> counterparty, contracts at price,"
              + " counterparty's realised PnL)%n"));
          any = true;
        }
        text.append(format("  %d: %s -> %s  %s %s at %s, PnL %s%n", step.index(),
            fill.bankrupt(), fill.counterparty(), amount(fill.closed()), fill.contract(),
            amount(fill.price()), amount(fill.realisedPnl())));
      }
    }
    return text.toString();
  }

  private static double closed(ExchangeResult.Step step) {
    return step.liquidations().stream().mapToDouble(ExchangeResult.Liquidation::quantity).sum();
  }

  private static long deleveraged(ExchangeResult.Step step) {
    return step.adl().stream().map(ExchangeResult.AdlFill::counterparty).distinct().count();
  }

  private static String amount(double value) {
    String text = format("%,.2f", value);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
