package org.deleverage.models;

import org.deleverage.models.internal.Checks;

/**
 * One notional bracket of a tiered margin schedule, as Binance ("Leverage and Margin of USDⓈ-M
 * Futures", binance.com/en/support/articles/360033162192: maintenance margin computed in a "tax
 * bracket" set-up) and Bybit (risk-limit tiers) publish them: positions whose notional is at least
 * {@code floor} (and below the next bracket's floor) pay maintenance margin notional x {@code
 * maintenanceRate} - {@code maintenanceAmount}, and may use at most {@code maxLeverage}.
 *
 * @param floor the lowest notional of the bracket, money, >= 0
 * @param maintenanceRate the maintenance margin rate r in [0, 1)
 * @param maintenanceAmount the maintenance amount (Binance's "cum"), money, >= 0
 * @param maxLeverage the highest leverage allowed in the bracket, >= 1
 */
public record MarginBracket(
    double floor, double maintenanceRate, double maintenanceAmount, double maxLeverage) {

  /**
   * Validates every field.
   *
   * @param floor the lowest notional of the bracket, money, >= 0
   * @param maintenanceRate the maintenance margin rate r in [0, 1)
   * @param maintenanceAmount the maintenance amount (Binance's "cum"), money, >= 0
   * @param maxLeverage the highest leverage allowed in the bracket, >= 1
   */
  public MarginBracket {
    Checks.nonNegative("floor", floor);
    Checks.inHalfOpenRange("maintenanceRate", maintenanceRate, 0, 1);
    Checks.nonNegative("maintenanceAmount", maintenanceAmount);
    Checks.finite("maxLeverage", maxLeverage);
    if (maxLeverage < 1) {
      throw new org.deleverage.InvalidInputException(
          "maxLeverage", "must be >= 1, was " + maxLeverage);
    }
  }

  /**
   * The initial margin rate at the bracket's highest leverage, 1 / maxLeverage.
   *
   * @return 1 / maxLeverage
   */
  public double initialRate() {
    return 1.0 / maxLeverage;
  }
}
