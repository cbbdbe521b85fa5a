package org.deleverage.models;

import org.deleverage.models.internal.Checks;


/**
 * Power-law temporary impact: the concession grows as a power of the trading rate measured in
 * daily volumes, scaled by the asset's daily volatility,
 *
 * <pre>
 *   h(n)   = c sigma p (n / (tau V))^beta                     money per unit
 *   T(n)   = n h(n)       = c sigma p n^(1+beta) / (tau V)^beta
 *   T'(n)  = (1 + beta) h(n)
 *   T''(n) = (1 + beta) beta h(n) / n  = (1 + beta) beta c sigma p n^(beta-1) / (tau V)^beta
 * </pre>
 *
 * with n the units traded in the period, tau its length in days, V the average daily volume in
 * units, sigma the daily volatility and p the price (MODEL.md section 1). {@code beta = 0.5} is the
 * square-root law; Almgren, Thum, Hauptmann and Li fitted {@code c = 0.142}, {@code beta = 0.6} to
 * US equity executions ("Direct estimation of equity market impact", Risk, July 2005), which
 * gives 0.142 x 1.57% = 22 bp for a trade of 10% of ADV over 0.1 day at 1.57% daily volatility.
 *
 * <p>For {@code 0 < beta <= 1} the cost is convex in n, its curvature falls as n grows (it is
 * infinite at n = 0 when {@code beta < 1}) and it is smooth for n > 0, with T'(0) = 0. At
 * {@code beta = 1} the model is linear impact with eta = c sigma p / V. Immutable and thread-safe.
 *
 * @param coefficient c, dimensionless, {@code >= 0}
 * @param exponent beta, in (0, 1]
 */
public record PowerLawTemporaryImpact(double coefficient, double exponent)
    implements TemporaryImpactModel {

  /** The square-root law's exponent. */
  public static final double SQUARE_ROOT = 0.5;

  /**
   * Validates {@code coefficient >= 0} and {@code 0 < exponent <= 1}.
   *
   * @param coefficient c, dimensionless, {@code >= 0}
   * @param exponent beta, in (0, 1]
   */
  public PowerLawTemporaryImpact {
    Checks.nonNegative("coefficient", coefficient);
    Checks.inHalfOpenRange("exponent", exponent, 0.0, 1.0);
  }

  /**
   * Power-law impact h(n) = c sigma p (n / (tau V))^beta.
   *
   * @param coefficient c, dimensionless, {@code >= 0}
   * @param exponent beta, in (0, 1]
   * @return the model
   */
  public static PowerLawTemporaryImpact of(double coefficient, double exponent) {
    return new PowerLawTemporaryImpact(coefficient, exponent);
  }

  /**
   * The square-root law h(n) = c sigma p sqrt(n / (tau V)).
   *
   * @param coefficient c, dimensionless, {@code >= 0}
   * @return the square-root law h(n) = c sigma p sqrt(n / (tau V))
   */
  public static PowerLawTemporaryImpact squareRoot(double coefficient) {
    return new PowerLawTemporaryImpact(coefficient, SQUARE_ROOT);
  }

  @Override
  public String name() {
    return "power";
  }

  @Override
  public double concession(double units, TradingConditions conditions) {
    if (units <= 0) {
      return 0.0;
    }
    return scale(conditions) * Math.pow(participation(units, conditions), exponent);
  }

  @Override
  public double marginalCost(double units, TradingConditions conditions) {
    return (1 + exponent) * concession(units, conditions);
  }

  @Override
  public double curvature(double units, TradingConditions conditions) {
    double scale = scale(conditions);
    if (scale == 0.0) {
      return 0.0;
    }
    if (exponent == 1.0) {
      return 2 * scale / (conditions.periodLength() * conditions.adv());
    }
    if (units <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double rate = participation(units, conditions);
    return (1 + exponent) * exponent * scale * Math.pow(rate, exponent) / units;
  }

  /**
   * c' = coefficientMultiplier x c, the exponent kept; the other parts of the stress do not apply
   * to a power law (a fall in the daily volume reaches it through V).
   *
   * @param stress the liquidity stress
   * @return the power law with c multiplied
   */
  @Override
  public PowerLawTemporaryImpact stressed(ImpactStress stress) {
    return new PowerLawTemporaryImpact(coefficient * stress.coefficientMultiplier(), exponent);
  }

  /** c sigma p: the concession at a trading rate of one daily volume per day, money per unit. */
  private double scale(TradingConditions conditions) {
    return coefficient * conditions.volatility() * conditions.price();
  }

  /** n / (tau V): the trading rate in daily volumes per day. */
  private static double participation(double units, TradingConditions conditions) {
    return units / (conditions.periodLength() * conditions.adv());
  }
}
