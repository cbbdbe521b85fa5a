package org.deleverage.models;

import org.deleverage.models.internal.Checks;


/**
 * What an impact model needs to know about the asset and the period it trades in.
 *
 * @param price the mid mark p before the plan, money per unit, {@code > 0}
 * @param volatility sigma, the daily standard deviation of returns, {@code >= 0}
 * @param adv V, the average daily volume, units per day, {@code > 0}
 * @param periodLength tau, the length of one trading period, days, {@code > 0}
 */
public record TradingConditions(double price, double volatility, double adv, double periodLength) {
  /**
   * Validates every field.
   *
   * @param price the mid mark p before the plan, money per unit, {@code > 0}
   * @param volatility sigma, the daily standard deviation of returns, {@code >= 0}
   * @param adv V, the average daily volume, units per day, {@code > 0}
   * @param periodLength tau, the length of one trading period, days, {@code > 0}
   */
  public TradingConditions {
    Checks.positive("price", price);
    Checks.nonNegative("volatility", volatility);
    Checks.positive("adv", adv);
    Checks.positive("periodLength", periodLength);
  }
}
