package org.deleverage.models;

/**
 * Temporary price impact: the per-unit price concession h(n) paid for trading n units in one
 * period, which vanishes before the next period (MODEL.md section 1).
 *
 * <p>Every method takes the units traded in the period, {@code n >= 0}, and the conditions of the
 * asset and period. The same model object is used by the evaluator and by every solver, so the
 * cost a solver optimises is the cost the evaluator reports. Sealed: the linear, power-law,
 * order-book and transient models are the four the model document defines, and the solvers know
 * each one's shape (smooth, or piecewise linear with kinks). The transient model ({@link
 * TransientImpact}) is the one whose book does not refill between periods: its per-trade methods
 * describe a trade on an undisturbed book, and the displacement left by earlier trades adds a
 * cost that couples the periods (MODEL.md section 9). Immutable and thread-safe.
 */
public sealed interface TemporaryImpactModel
    permits LinearTemporaryImpact, PowerLawTemporaryImpact, OrderBookTemporaryImpact,
        TransientImpact {

  /**
   * The model's name as written in the problem file, for example {@code linear}.
   *
   * @return the model's name as written in the problem file, for example {@code linear}
   */
  String name();

  /**
   * h(n): the per-unit price concession, money per unit.
   *
   * @param units n, the units traded in one period
   * @param conditions the asset's price, volatility, daily volume and period length
   * @return h(n): the per-unit price concession, money per unit
   */
  double concession(double units, TradingConditions conditions);

  /**
   * n * h(n): the money lost to temporary impact on the trade.
   *
   * @param units n, the units traded in one period
   * @param conditions the asset's price, volatility, daily volume and period length
   * @return n * h(n): the money lost to temporary impact on the trade
   */
  default double cost(double units, TradingConditions conditions) {
    return units * concession(units, conditions);
  }

  /**
   * d/dn [n * h(n)]: the marginal cost of one more unit, money per unit.
   *
   * @param units n, the units traded in one period
   * @param conditions the asset's price, volatility, daily volume and period length
   * @return d/dn [n * h(n)]: the marginal cost of one more unit, money per unit
   */
  double marginalCost(double units, TradingConditions conditions);

  /**
   * d^2/dn^2 [n * h(n)]: the curvature of the cost, money per unit squared.
   *
   * @param units n, the units traded in one period
   * @param conditions the asset's price, volatility, daily volume and period length
   * @return d^2/dn^2 [n * h(n)]: the curvature of the cost, money per unit squared
   */
  double curvature(double units, TradingConditions conditions);

  /**
   * The most units that can trade in one period under this model (an order book holds only so
   * much); {@code Double.POSITIVE_INFINITY} when the model sets no limit.
   *
   * @param conditions the asset's price, volatility, daily volume and period length
   * @return the most units that can trade in one period under this model (an order book holds only
   *     so much); {@code Double.POSITIVE_INFINITY} when the model sets no limit
   */
  default double maxUnitsPerPeriod(TradingConditions conditions) {
    return Double.POSITIVE_INFINITY;
  }

  /**
   * The trade sizes, in increasing order, at which the marginal cost jumps: the cost is then
   * piecewise linear and convex between them (an order book), {@link #curvature} is zero off them
   * and {@link #marginalCost} gives the slope to the right. Empty (the default) for a cost with a
   * continuous marginal cost. Solvers that need derivatives everywhere treat these points
   * specially.
   *
   * @param conditions the asset's price, volatility, daily volume and period length
   * @return the trade sizes, in increasing order, at which the marginal cost jumps: the cost is
   *     then piecewise linear and convex between them (an order book), {@link #curvature} is zero
   *     off them and {@link #marginalCost} gives the slope to the right
   */
  default double[] kinks(TradingConditions conditions) {
    return new double[0];
  }

  /**
   * This model under a liquidity stress: each model takes the part of {@code stress} that
   * applies to it ({@link ImpactStress} lists them), and a stress of {@link ImpactStress#NONE}
   * gives a model equal to this one. Every model of the sealed family implements it, so a new
   * model must say how a liquidity stress changes it.
   *
   * @param stress the multipliers and book cuts of the stress
   * @return the stressed model
   * @throws org.deleverage.InvalidInputException naming {@code bookLevels} or {@code
   *     bookMaxOffset} when a cut leaves an order book with no level
   */
  TemporaryImpactModel stressed(ImpactStress stress);
}
