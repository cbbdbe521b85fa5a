package org.deleverage.solvers.adl;

import org.deleverage.models.internal.Checks;

/**
 * A position on the other side of a bankrupt one, which ADL may close. Prices are per contract
 * in the settlement currency (a linear contract: one contract moves by one unit of money per unit
 * of price). Immutable.
 *
 * @param account the account's id, not blank
 * @param side the side of the position
 * @param size its size in contracts, > 0
 * @param entryPrice the average entry price, > 0
 * @param margin the collateral behind the position (its isolated margin, or the wallet balance
 *     of the account when it holds this position alone), >= 0, in money
 */
public record OpposingPosition(
    String account, PositionSide side, double size, double entryPrice, double margin) {

  /**
   * Validates every field.
   *
   * @param account the account's id, not blank
   * @param side the side of the position
   * @param size its size in contracts, > 0
   * @param entryPrice the average entry price, > 0
   * @param margin the collateral behind the position (its isolated margin, or the wallet balance of
   *     the account when it holds this position alone), >= 0, in money
   */
  public OpposingPosition {
    Checks.present("account", account);
    if (account.isBlank()) {
      throw new org.deleverage.InvalidInputException("account", "must not be blank");
    }
    Checks.present("side", side);
    Checks.positive("size", size);
    Checks.positive("entryPrice", entryPrice);
    Checks.nonNegative("margin", margin);
  }

  /**
   * Unrealised profit at {@code price}: d size (price - entry), d = +1 long, -1 short.
   *
   * @param price p, the price, money per unit
   * @return the unrealised profit, money (negative for a loss)
   */
  public double unrealisedPnl(double price) {
    return side.sign() * size * (price - entryPrice);
  }

  /**
   * The price at which the position's equity, margin + unrealised PnL, is zero.
   *
   * @return the price at which the position's equity, margin + unrealised PnL, is zero
   */
  public double bankruptcyPrice() {
    return entryPrice - side.sign() * margin / size;
  }
}
