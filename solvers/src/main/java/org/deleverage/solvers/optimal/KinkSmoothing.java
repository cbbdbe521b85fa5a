package org.deleverage.solvers.optimal;

import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TradingConditions;

/**
 * A smooth upper approximation of a piecewise-linear temporary cost (an order book), for the
 * interior-point method, which needs derivatives everywhere. With a_0 the slope at no trade and
 * slope steps d_j > 0 at the kinks b_j,
 *
 * <pre>
 *   T(n)   = a_0 n + sum_j d_j max(0, n - b_j)
 *   T_t(n) = a_0 n + sum_j d_j t softplus((n - b_j) / t),      softplus(x) = ln(1 + e^x)
 * </pre>
 *
 * so that T <= T_t <= T + t ln 2 sum_j d_j: the smoothed cost never understates the true one (a
 * plan that covers the requirement under T_t covers it under T) and converges to it as the width
 * t goes to zero. The method sets t from its barrier parameter at every step, so the smoothing
 * vanishes as it converges (Nesterov-style smoothing followed down with the central path); the
 * returned plan is then judged with the exact cost by the evaluator and the optimality
 * certificate. A model without kinks passes through unchanged. Immutable.
 */
final class KinkSmoothing {

  /** The widest smoothing as a fraction of the shortest level between kinks. */
  private static final double WIDEST = 0.01;

  /** How many widths from a kink a trade is still taken to sit at it. */
  private static final double FOLLOWED = 10.0;

  private final TemporaryImpactModel model;
  private final TradingConditions conditions;
  private final double firstSlope;
  private final double[] kinks;
  private final double[] steps;
  private final double totalStep;
  private final double widest;

  KinkSmoothing(TemporaryImpactModel model, TradingConditions conditions) {
    this.model = model;
    this.conditions = conditions;
    kinks = model.kinks(conditions);
    steps = new double[kinks.length];
    firstSlope = model.marginalCost(0.0, conditions);
    double previous = firstSlope;
    double total = 0.0;
    for (int j = 0; j < kinks.length; j++) {
      double slope = model.marginalCost(kinks[j], conditions);
      steps[j] = slope - previous;
      total += steps[j];
      previous = slope;
    }
    totalStep = total;
    double gap = kinks.length == 0 ? 0.0 : kinks[0];
    for (int j = 1; j < kinks.length; j++) {
      gap = Math.min(gap, kinks[j] - kinks[j - 1]);
    }
    widest = WIDEST * gap;
  }

  /**
   * The width actually used for a requested one: at most {@value #WIDEST} of the shortest level
   * between kinks, so that T_t stays within a hundredth of a level's cost of T even while the
   * method is far from converged (a wider smoothing would shift the cost of every trade and can
   * make the smoothed requirement unreachable).
   */
  double width(double requested) {
    return Math.min(requested, widest);
  }

  /** Whether the cost has kinks to smooth. */
  boolean kinked() {
    return totalStep > 0;
  }

  /** sum_j d_j: the rise of the marginal cost over the ladder, money per unit; 0 without kinks. */
  double totalStep() {
    return totalStep;
  }

  /** T_t(n), or T(n) when {@code width} is zero or the cost has no kinks. */
  double cost(double units, double width) {
    if (!kinked() || width <= 0) {
      return model.cost(units, conditions);
    }
    width = width(width);
    double value = firstSlope * units;
    for (int j = 0; j < kinks.length; j++) {
      double x = (units - kinks[j]) / width;
      value += steps[j] * width * (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
    }
    return value;
  }

  /** T_t'(n) = a_0 + sum_j d_j s((n - b_j) / t), s the logistic function. */
  double marginalCost(double units, double width) {
    if (!kinked() || width <= 0) {
      return model.marginalCost(units, conditions);
    }
    width = width(width);
    double value = firstSlope;
    for (int j = 0; j < kinks.length; j++) {
      value += steps[j] * logistic((units - kinks[j]) / width);
    }
    return value;
  }

  /** T_t''(n) = sum_j d_j s(x) (1 - s(x)) / t. */
  double curvature(double units, double width) {
    if (!kinked() || width <= 0) {
      return model.curvature(units, conditions);
    }
    width = width(width);
    double value = 0.0;
    for (int j = 0; j < kinks.length; j++) {
      double e = Math.exp(-Math.abs((units - kinks[j]) / width));
      value += steps[j] * e / ((1 + e) * (1 + e) * width);
    }
    return value;
  }

  /**
   * The trade moved along the smoothed optimum when the width shrinks from {@code before} to
   * {@code after}: near a kink b the smoothed cost depends on (n - b) / t alone, so n = b + (n -
   * b) t_after / t_before keeps the slope, and with it the optimality conditions, unchanged;
   * trades far from every kink stay where they are.
   */
  double follow(double units, double before, double after) {
    double from = width(before);
    double to = width(after);
    if (!kinked() || from <= 0 || to >= from) {
      return units;
    }
    for (double kink : kinks) {
      if (Math.abs(units - kink) <= FOLLOWED * from) {
        return kink + (units - kink) * (to / from);
      }
    }
    return units;
  }

  private static double logistic(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
