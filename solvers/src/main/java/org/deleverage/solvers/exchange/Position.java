package org.deleverage.solvers.exchange;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;
import org.deleverage.solvers.adl.PositionSide;

/**
 * A position in a linear contract (one contract gains one unit of money per unit of price).
 *
 * @param contract the contract's id
 * @param side long or short
 * @param size contracts, >= 0 (0 once closed)
 * @param entryPrice the average entry price, > 0
 * @param mode isolated or cross
 * @param isolatedMargin the position's own margin when isolated, >= 0; 0 when cross
 */
public record Position(String contract, PositionSide side, double size, double entryPrice,
    MarginMode mode, double isolatedMargin) {

  /**
   * Validates every field.
   *
   * @param contract the contract's id
   * @param side long or short
   * @param size contracts, >= 0
   * @param entryPrice the average entry price, > 0
   * @param mode isolated or cross
   * @param isolatedMargin the position's own margin when isolated, >= 0; 0 when cross
   */
  public Position {
    Checks.present("contract", contract);
    Checks.present("side", side);
    Checks.nonNegative("size", size);
    Checks.positive("entryPrice", entryPrice);
    Checks.present("mode", mode);
    Checks.finite("isolatedMargin", isolatedMargin);
    if (mode == MarginMode.CROSS && isolatedMargin != 0) {
      throw new InvalidInputException(
          "isolatedMargin", "must be 0 for a cross position, was " + isolatedMargin);
    }
  }

  /**
   * Unrealised PnL at {@code price}: d q (price - e).
   *
   * @param price the price
   * @return the unrealised PnL, money
   */
  public double pnl(double price) {
    return side.sign() * size * (price - entryPrice);
  }

  /**
   * A copy with another size and isolated margin.
   *
   * @param newSize the size
   * @param newMargin the isolated margin (0 for cross)
   * @return the copy
   */
  public Position with(double newSize, double newMargin) {
    return new Position(contract, side, newSize, entryPrice, mode,
        mode == MarginMode.CROSS ? 0.0 : newMargin);
  }
}
