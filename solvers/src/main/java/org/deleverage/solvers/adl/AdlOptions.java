package org.deleverage.solvers.adl;

import org.deleverage.models.internal.Checks;

/**
 * How {@link AdlEngine} closes the part of a bankrupt position that the market and the fund do
 * not take.
 *
 * <ul>
 *   <li>{@code pricing}: at the bankruptcy price (BitMEX, Binance, Bybit; dYdX fills "at the
 *       bankruptcy price of the liquidated subaccount", dYdX v4 indexer DeleveragingEventV1 as
 *       documented at nautilustrader.io/docs/core-nightly/nautilus_dydx/proto/dydxprotocol/
 *       indexer/events/struct.DeleveragingEventV1.html) or at the mark (Hyperliquid: "closed at
 *       the previous oracle price against the now underwater user",
 *       hyperliquid.gitbook.io/hyperliquid-docs/trading/auto-deleveraging). At the mark, the
 *       bankrupt account's loss beyond its bankruptcy price is not recovered from anyone: it is
 *       reported as {@link AdlResult#uncoveredDeficit}.
 *   <li>{@code allocation}: down the ranked queue, or pro rata to size across every eligible
 *       profitable position (so that a venue can compare both rules on one event; the
 *       over-haircut of some winners in Hyperliquid's ADL of October 2025 motivates it). Pro
 *       rata falls back to the unprofitable eligible positions, again pro rata, only when the
 *       profitable ones are used up.
 *   <li>{@code overlapCheck}: a counterparty is filled only when closing at the ADL price keeps
 *       its equity at or above zero, that is when its own bankruptcy price b_c lies on the safe
 *       side of the ADL price p: d_c (p - b_c) >= 0. Its equity at p is margin + d_c q_c (p -
 *       e_c), and closing any part of the position at p leaves that equity unchanged, so a fill
 *       creates no new bad debt exactly when the check passes. A refused counterparty is named in
 *       {@link AdlResult#refused}; what the eligible ones cannot take is left open ({@link
 *       AdlResult#unclosed}) for the fund, a socialised loss or the next step to settle, instead
 *       of being pushed onto an account that cannot pay for it.
 * </ul>
 *
 * @param pricing where ADL fills
 * @param allocation queue or pro rata
 * @param overlapCheck whether to refuse counterparties that would be left below zero equity
 */
public record AdlOptions(Pricing pricing, Allocation allocation, boolean overlapCheck) {

  /** The default: bankruptcy price, down the queue, with the overlap check. */
  public static final AdlOptions SAFE = new AdlOptions(Pricing.BANKRUPTCY, Allocation.QUEUE, true);

  /**
   * Validates every field.
   *
   * @param pricing where ADL fills
   * @param allocation queue or pro rata
   * @param overlapCheck whether to refuse counterparties that would be left below zero equity
   */
  public AdlOptions {
    Checks.present("pricing", pricing);
    Checks.present("allocation", allocation);
  }

  /** Where ADL fills the counterparties. */
  public enum Pricing {
    /** At the bankrupt position's bankruptcy price: the bankrupt account ends at zero. */
    BANKRUPTCY,
    /** At the mark (Hyperliquid): the loss beyond the bankruptcy price stays uncovered. */
    MARK
  }

  /** How the contracts are shared among the counterparties. */
  public enum Allocation {
    /** Down the ranked queue, each as far as its size goes. */
    QUEUE,
    /** Pro rata to size across the eligible profitable positions. */
    PRO_RATA
  }
}
