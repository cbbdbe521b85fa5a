package org.deleverage.core.plan;

import org.deleverage.core.evaluate.CostSplit;

/**
 * One step of the liquidation sequence. Immutable and thread-safe.
 *
 * @param period the 1-based period
 * @param asset the asset id
 * @param side SELL for a long, BUY for a short
 * @param quantity units traded, {@code > 0}
 * @param expectedPrice the expected execution price, money per unit (MODEL.md section 3)
 * @param cost the expected cost of the trade, split by cause
 */
public record Trade(
    int period, String asset, Side side, double quantity, double expectedPrice, CostSplit cost) {

  /**
   * The notional at the expected execution price.
   *
   * @return the notional at the expected execution price
   */
  public double notional() {
    return quantity * expectedPrice;
  }
}
