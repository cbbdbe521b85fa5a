package org.deleverage.solvers.adl;

import org.deleverage.models.internal.Checks;

/**
 * The position of a bankrupt account that the exchange must close: its side, its size in
 * contracts, and its bankruptcy price (the price at which the account's equity is zero). Closing
 * it at the bankruptcy price costs nobody anything; closing it at a worse price is a loss that the
 * insurance fund, and then auto-deleveraging, must absorb. Immutable.
 *
 * @param side the side of the bankrupt position
 * @param size its size in contracts, > 0
 * @param bankruptcyPrice the price at which the account's equity is zero, > 0
 */
public record BankruptPosition(PositionSide side, double size, double bankruptcyPrice) {

  /**
   * Validates every field.
   *
   * @param side the side of the bankrupt position
   * @param size its size in contracts, > 0
   * @param bankruptcyPrice the price at which the account's equity is zero, > 0
   */
  public BankruptPosition {
    Checks.present("side", side);
    Checks.positive("size", size);
    Checks.positive("bankruptcyPrice", bankruptcyPrice);
  }
}
