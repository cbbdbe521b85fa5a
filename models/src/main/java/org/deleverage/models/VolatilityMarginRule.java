package org.deleverage.models;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * A margin rate that rises with volatility, the funding-liquidity link of Brunnermeier and
 * Pedersen (2009, "Market Liquidity and Funding Liquidity", Review of Financial Studies 22(6)):
 * when prices turn volatile, margins rise, and holders must sell into the move.
 *
 * <p>For an asset whose margin rate is m0 at volatility sigma0, the rate at volatility sigma is
 *
 * <pre>
 *   m(sigma) = m0 * max(1, (sigma / sigma0)^k),   capped at max(cap, m0)
 * </pre>
 *
 * with elasticity k &gt;= 0 and cap in (0, 1]. With k = 1 the rate is proportional to volatility
 * once volatility is above its reference, m = m0 * max(1, sigma / sigma0); with k = 0 the rate
 * never moves ({@link #STATIC}). The rule never lowers a rate below m0 when volatility falls, and
 * never raises it above the cap (a rate already above the cap is kept). An asset with sigma0 = 0
 * and sigma &gt; 0 goes to the cap when k &gt; 0; one with m0 = 0 keeps a zero rate. Immutable.
 *
 * @param elasticity k, how strongly the rate follows volatility: finite and &gt;= 0
 * @param cap the most the rule raises a rate to, in (0, 1]
 */
public record VolatilityMarginRule(double elasticity, double cap) {

  /** The static rule: margin rates never move with volatility. */
  public static final VolatilityMarginRule STATIC = new VolatilityMarginRule(0, 1);

  /**
   * Validates the rule.
   *
   * @param elasticity k, how strongly the rate follows volatility: finite and &gt;= 0
   * @param cap the most the rule raises a rate to, in (0, 1]
   * @throws InvalidInputException when the elasticity is negative or not finite,
   *     or the cap is outside (0, 1]
   */
  public VolatilityMarginRule {
    Checks.nonNegative("elasticity", elasticity);
    Checks.positive("cap", cap);
    if (cap > 1) {
      throw new InvalidInputException("cap", "must be <= 1, was " + cap);
    }
  }

  /**
   * The rule m = m0 * max(1, sigma / sigma0), capped at 1.
   *
   * @return the rule with elasticity 1 and cap 1
   */
  public static VolatilityMarginRule proportional() {
    return new VolatilityMarginRule(1, 1);
  }

  /**
   * Whether the rule leaves every rate as it is (elasticity 0).
   *
   * @return whether the rule leaves every rate as it is (elasticity 0)
   */
  public boolean isStatic() {
    return elasticity == 0;
  }

  /**
   * The margin rate at volatility {@code volatility}.
   *
   * @param baseRate m0, the rate at the reference volatility, in [0, 1]
   * @param baseVolatility sigma0, the reference volatility, &gt;= 0
   * @param volatility sigma, the volatility now, &gt;= 0
   * @return m(sigma) as defined above, in [m0, max(cap, m0)]
   * @throws InvalidInputException when an argument is out of its range
   */
  public double rate(double baseRate, double baseVolatility, double volatility) {
    Checks.nonNegative("marginRate", baseRate);
    if (baseRate > 1) {
      throw new InvalidInputException(
          "marginRate", "must be <= 1, was " + baseRate);
    }
    Checks.nonNegative("baseVolatility", baseVolatility);
    Checks.nonNegative("volatility", volatility);
    if (baseRate == 0 || elasticity == 0 || volatility <= baseVolatility) {
      return baseRate;
    }
    double ceiling = Math.max(cap, baseRate);
    if (baseVolatility == 0) {
      return ceiling;
    }
    double multiple = Math.pow(volatility / baseVolatility, elasticity);
    return Math.min(ceiling, baseRate * multiple);
  }
}
