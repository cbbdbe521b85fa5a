package org.deleverage.io;

import java.util.List;
import java.util.Map;
import org.deleverage.core.plan.PeriodResult;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Trade;

/**
 * Writes the liquidation sequence of a {@link Plan} as CSV: one header row,
 *
 * <pre>
 *   period,asset,side,quantity,expectedPrice,spread,fee,temporaryImpact,permanentImpact,
 *   notional,totalCost,costBp,rank,excess,netCash,cashFromSales,cashPaid,lossToDate
 * </pre>
 *
 * (one line), the columns of the desk report's liquidation sequence and account by period:
 * {@code notional} (quantity times expected price), {@code totalCost} (the four costs added up),
 * {@code costBp} (total cost per notional in basis points, empty for a zero notional), {@code
 * rank} (the asset's hierarchy rank, empty for an asset the hierarchy does not list), and the
 * account at the end of the trade's period: {@code excess} (X_k), {@code netCash} (K_k, the
 * plan file's {@code cashRaised}: negative when buy-backs cost more than sales brought), {@code
 * cashFromSales} and {@code cashPaid} (both >= 0, so far) and {@code lossToDate} (L_k).
 *
 * then one row per trade in the plan's order (by period, then by hierarchy rank). Periods are
 * 1-based; side is {@code SELL} or {@code BUY}; quantity in units, expected price in money per
 * unit, the four costs in money (MODEL.md section 3). Numbers carry full precision in plain
 * decimal notation (no exponent), with the digits of {@link Double#toString}, which read back to
 * the same double. An asset id holding a comma, a double quote or a line break is quoted as RFC
 * 4180 says (inner quotes doubled). Rows end with a line feed. Stateless and thread-safe.
 */
public final class PlanCsv {

  /** The header row's column names, in order. */
  public static final List<String> COLUMNS =
      List.of("period", "asset", "side", "quantity", "expectedPrice", "spread", "fee",
          "temporaryImpact", "permanentImpact", "notional", "totalCost", "costBp", "rank",
          "excess", "netCash", "cashFromSales", "cashPaid", "lossToDate");

  private PlanCsv() {}

  /**
   * The liquidation sequence as CSV text, header first.
   *
   * @param plan the plan
   * @return the liquidation sequence as CSV text, header first
   */
  public static String write(Plan plan) {
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", COLUMNS)).append('\n');
    Map<String, Integer> ranks = PlanSummary.ranks(plan);
    List<PlanSummary.PeriodCash> cash = PlanSummary.periodCash(plan);
    for (Trade trade : plan.trades()) {
      PeriodResult period = plan.periods().get(trade.period() - 1);
      PlanSummary.PeriodCash periodCash = cash.get(trade.period() - 1);
      Integer rank = ranks.get(trade.asset());
      csv.append(trade.period())
          .append(',')
          .append(field(trade.asset()))
          .append(',')
          .append(trade.side().name())
          .append(',')
          .append(number(trade.quantity()))
          .append(',')
          .append(number(trade.expectedPrice()))
          .append(',')
          .append(number(trade.cost().spread()))
          .append(',')
          .append(number(trade.cost().fee()))
          .append(',')
          .append(number(trade.cost().temporaryImpact()))
          .append(',')
          .append(number(trade.cost().permanentImpact()))
          .append(',')
          .append(number(trade.notional()))
          .append(',')
          .append(number(trade.cost().total()))
          .append(',')
          .append(trade.notional() == 0.0
              ? "" : number(1e4 * trade.cost().total() / Math.abs(trade.notional())))
          .append(',')
          .append(rank == null ? "" : rank.toString())
          .append(',')
          .append(number(period.excess()))
          .append(',')
          .append(number(period.cashRaised()))
          .append(',')
          .append(number(periodCash.fromSales()))
          .append(',')
          .append(number(periodCash.paid()))
          .append(',')
          .append(number(period.loss()))
          .append('\n');
    }
    return csv.toString();
  }

  /** {@code text} as one CSV field: as is, or quoted with inner quotes doubled (RFC 4180). */
  static String field(String text) {
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /**
   * {@code value} as {@link #number(double)} writes it, or an empty cell when there is none.
   *
   * @param value the figure, if any
   * @return the cell's text
   */
  static String optional(java.util.OptionalDouble value) {
    return value.isPresent() ? number(value.getAsDouble()) : "";
  }

  /**
   * {@code value} in plain decimal notation with the digits of {@link Double#toString}, which
   * read back to the same double: 12345000, 0.0000001, 2.5; an empty cell when it is not finite
   * ({@link FiniteNumbers#csv}).
   */
  static String number(double value) {
    return FiniteNumbers.csv(value);
  }
}
