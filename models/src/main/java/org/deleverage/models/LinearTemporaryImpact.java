package org.deleverage.models;

import org.deleverage.models.internal.Checks;


/**
 * Linear temporary impact of Almgren and Chriss: the concession grows with the trading rate,
 *
 * <pre>
 *   h(n) = eta * n / tau          money per unit
 *   cost = n * h(n) = eta * n^2 / tau
 * </pre>
 *
 * where n is the units traded in the period, tau the period length in days (so n / tau is the
 * trading rate in units per day), and eta, in money per unit per (unit per day), is the price
 * concession per unit of trading rate. The cost is convex in n for every {@code eta >= 0}.
 * Immutable and thread-safe.
 *
 * <p>Reference: R. Almgren and N. Chriss, "Optimal execution of portfolio transactions",
 * Journal of Risk 3 (2000), section 2.2.
 *
 * @param eta the impact coefficient, {@code >= 0}
 */
public record LinearTemporaryImpact(double eta) implements TemporaryImpactModel {

  /** No temporary impact at all. */
  public static final LinearTemporaryImpact NONE = new LinearTemporaryImpact(0.0);

  /**
   * Validates {@code eta >= 0}.
   *
   * @param eta the impact coefficient, {@code >= 0}
   */
  public LinearTemporaryImpact {
    Checks.nonNegative("eta", eta);
  }

  /**
   * Linear impact with coefficient {@code eta}.
   *
   * @param eta the impact coefficient, {@code >= 0}
   * @return the model
   */
  public static LinearTemporaryImpact of(double eta) {
    return new LinearTemporaryImpact(eta);
  }

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public double concession(double units, TradingConditions conditions) {
    return eta * units / conditions.periodLength();
  }

  @Override
  public double marginalCost(double units, TradingConditions conditions) {
    return 2.0 * eta * units / conditions.periodLength();
  }

  @Override
  public double curvature(double units, TradingConditions conditions) {
    return 2.0 * eta / conditions.periodLength();
  }

  /**
   * eta' = etaMultiplier x eta; the other parts of the stress do not apply to linear impact.
   *
   * @param stress the liquidity stress
   * @return the linear model with eta multiplied
   */
  @Override
  public LinearTemporaryImpact stressed(ImpactStress stress) {
    return new LinearTemporaryImpact(eta * stress.etaMultiplier());
  }
}
