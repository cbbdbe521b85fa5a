package org.deleverage.solvers.optimal;

import java.util.Arrays;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TradingConditions;

/**
 * A bound on how far a plan's objective can be above the true optimum, computed from the plan and
 * multipliers alone, with the evaluator's gradients (not the optimiser's). For a convex instance,
 * multipliers mu >= 0 of the coverage constraints G_c = X_kc - b_c >= 0 and z >= 0 of the linear
 * constraints g_j >= 0 (n >= 0, n <= cap, the retain limits), the Lagrangian l = f - mu'G - z'g
 * is convex, and for every feasible n'
 *
 * <pre>
 *   f(n') >= l(n') >= l(n) + r'(n' - n),            r = grad l(n)
 *   f(n) - f*  <=  mu'G(n) + z'g(n)  -  min over n' in P of r'(n' - n)
 * </pre>
 *
 * where P is the polyhedron of the linear constraints. At an exact optimum with exact
 * multipliers r = 0 and the bound is the complementarity, zero; near one the bound is as small as
 * the residual r, whatever the multipliers' sizes. The minimum over P splits by asset into a box
 * with a band on the sum, solved exactly by taking periods in increasing order of r. The bound
 * holds for any multipliers; good ones make it small.
 */
final class OptimalityCertificate {

  private OptimalityCertificate() {}

  /**
   * The bound on f(n) - f* for {@code table}, with multipliers {@code mu} of the deadline (index
   * 0) and the schedule steps (1..) and {@code linear} of the linear constraints, in objective
   * units.
   */
  static double gap(
      ResolvedProblem problem,
      TradeTable table,
      double[] mu,
      Formulation.LinearMultipliers linear) {
    Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, table);
    double[][] gradient = Evaluator.DEFAULT.objectiveGradient(problem, table);
    double complementarity = 0.0;
    for (int c = 0; c < mu.length; c++) {
      int period = c == 0 ? problem.deadlineIndex() : problem.scheduleIndex(c - 1);
      double bound =
          c == 0
              ? problem.buffer()
              : -problem.shortfall() * (1 - problem.scheduleFraction(c - 1));
      complementarity += mu[c] * (evaluation.excess(period) - bound);
      double[][] excess = Evaluator.DEFAULT.excessGradient(problem, table, period);
      for (int i = 0; i < gradient.length; i++) {
        for (int k = 0; k < gradient[i].length; k++) {
          gradient[i][k] -= mu[c] * excess[i][k];
        }
      }
    }
    double bound = complementarity;
    for (int i = 0; i < gradient.length; i++) {
      double withDuals = assetBound(problem, table, mu, i, gradient[i], linear, false);
      double withoutSlack = assetBound(problem, table, mu, i, gradient[i], linear, true);
      bound += Math.min(withDuals, withoutSlack);
    }
    return bound;
  }

  /**
   * Asset i's part of the bound, from its entries of the Lagrangian's gradient without the
   * linear constraints ({@code lagrangian}): the complementarity of its linear constraints plus
   * {@link #assetBound(ResolvedProblem, TradeTable, double[], int, double[])} of its gradient with
   * their multipliers. With {@code dropInactive} the multipliers of constraints that are not
   * active at the plan (slack above 1e-9 of the position) are taken as zero: the bound holds for
   * any multipliers, and an interior-point method leaves small ones (about mu / slack) on every
   * constraint, whose complementarity can outweigh the residual they remove.
   */
  private static double assetBound(
      ResolvedProblem problem,
      TradeTable table,
      double[] mu,
      int i,
      double[] lagrangian,
      Formulation.LinearMultipliers linear,
      boolean dropInactive) {
    double remaining = problem.held(i) - table.traded(i);
    double tolerance = 1e-9 * Math.max(1.0, problem.held(i));
    double retainMin = active(remaining - problem.retainMin(i), tolerance, dropInactive)
        ? linear.retainMin()[i] : 0.0;
    double retainMax = active(problem.retainMax(i) - remaining, tolerance, dropInactive)
        ? linear.retainMax()[i] : 0.0;
    double complementarity = retainMin * (remaining - problem.retainMin(i))
        + retainMax * (problem.retainMax(i) - remaining);
    double[] gradient = lagrangian.clone();
    for (int k = 0; k < gradient.length; k++) {
      double units = table.units(i, k);
      double lower = active(units, tolerance, dropInactive) ? linear.lower()[i][k] : 0.0;
      double upper = active(problem.periodCap(i) - units, tolerance, dropInactive)
          ? linear.upper()[i][k] : 0.0;
      complementarity += lower * units + upper * (problem.periodCap(i) - units);
      // g = n, cap - n, Q - sum n - retainMin and retainMax - Q + sum n: minus z' grad g.
      gradient[k] += -lower + upper + retainMin - retainMax;
    }
    return complementarity + assetBound(problem, table, mu, i, gradient);
  }

  /** Whether a constraint with this slack keeps its multiplier: always, or when it is active. */
  private static boolean active(double slack, double tolerance, boolean dropInactive) {
    return !dropInactive || slack <= tolerance;
  }

  /**
   * Asset i's part of the bound: r'n - min over the asset's limits of r'n', with r its entries of
   * the Lagrangian's gradient. For a cost that is not quadratic, the smallest of this bound
   * with part of r moved into the convex cost itself ({@link #separableBound}): none of it, all
   * of it, or all but its median (which keeps a common level, the multiplier of a retain limit,
   * with the limits it belongs to). Each choice gives a valid bound, so their least is one too.
   */
  private static double assetBound(
      ResolvedProblem problem, TradeTable table, double[] mu, int i, double[] gradient) {
    TemporaryImpactModel model = problem.temporaryImpact(i);
    TradingConditions conditions = problem.conditions(i);
    double limit = Math.min(problem.periodCap(i), problem.sellableUnits(i));
    if (problem.locked(i) || !(limit > 0) || !curved(model, conditions, limit)) {
      return linearBound(problem, table, i, gradient);
    }
    double[] sorted = gradient.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    double best = Double.POSITIVE_INFINITY;
    for (double kept : new double[] {Double.NaN, 0.0, median}) {
      double[] shifted = gradient.clone();
      double slack = separableBound(problem, table, mu, i, shifted, kept);
      best = Math.min(best, slack + linearBound(problem, table, i, shifted));
    }
    return best;
  }

  /** r'n - min over 0 <= n'_k <= cap, forced <= sum n' <= sellable of r'n'. */
  private static double linearBound(
      ResolvedProblem problem, TradeTable table, int i, double[] gradient) {
    double current = 0.0;
    for (int k = 0; k < gradient.length; k++) {
      current += gradient[k] * table.units(i, k);
    }
    return current - minimumOverLimits(problem, i, gradient);
  }

  /**
   * For an asset whose temporary cost T is not quadratic (a power law, whose curvature grows
   * without bound as the trade goes to zero, or an order book, whose cost has kinks and no
   * curvature between them), bounds the cost by the convex function itself instead of its
   * tangent, and returns the slack that adds. The cost enters the Lagrangian as a T(n_k), a = w +
   * the multipliers of the coverage constraints at or after period k. With kappa the least
   * curvature of T up to the cap (the one the convexity check relies on), the Lagrangian less
   * sum_k a D(n_k), D(n) = T(n) - kappa n^2 / 2, is still convex, and D is convex on [0, u],
   * u = min(cap, sellable), so for every n' in [0, u] and any slope g
   *
   * <pre>
   *   D(n') >= D(n) + g (n' - n) - e,      e = D(n) - g n - min over m in [0, u] of (D(m) - g m)
   * </pre>
   *
   * g = D'(n) - (r - kept) / a moves the trade's entry of the gradient r to {@code kept} (NaN
   * keeps r as it is, g = D'(n), the tangent; e is then zero unless n sits at a kink). With kept
   * = 0, e is about (r / a)^2 / (2 D''(n)) near an optimum: tiny where the curvature is large,
   * which is exactly where the tangent bound r (n' - n) is loose (power-law trades near zero),
   * and as small as the distance to the nearest kink for an order book. The minimum of the
   * convex D(m) - g m lies where D' crosses g, found by bisection on D' (the right derivative at
   * a kink). Updates {@code gradient} and returns the sum of a e over the asset's trades.
   */
  private static double separableBound(
      ResolvedProblem problem, TradeTable table, double[] mu, int i, double[] gradient,
      double kept) {
    TemporaryImpactModel model = problem.temporaryImpact(i);
    TradingConditions conditions = problem.conditions(i);
    double limit = Math.min(problem.periodCap(i), problem.sellableUnits(i));
    double kappa =
        Math.min(model.curvature(0.0, conditions), model.curvature(limit, conditions));
    kappa = model.kinks(conditions).length > 0 || !(kappa > 0) ? 0.0 : kappa;
    Separable part = new Separable(model, conditions, kappa);
    double slack = 0.0;
    for (int k = 0; k < gradient.length; k++) {
      double weight = problem.costWeight();
      for (int c = 0; c < mu.length; c++) {
        int period = c == 0 ? problem.deadlineIndex() : problem.scheduleIndex(c - 1);
        if (period >= k) {
          weight += mu[c];
        }
      }
      if (weight <= 0) {
        continue;
      }
      double units = table.units(i, k);
      double moved = Double.isNaN(kept) ? 0.0 : gradient[k] - kept;
      double g = part.slope(units) - moved / weight;
      double least = part.leastBelow(g, limit);
      slack += weight * Math.max(0.0, part.value(units) - g * units - least);
      gradient[k] -= moved;
    }
    return slack;
  }

  /** Whether T is not quadratic on [0, limit]: kinks, or a curvature that changes. */
  private static boolean curved(
      TemporaryImpactModel model, TradingConditions conditions, double limit) {
    if (model.kinks(conditions).length > 0) {
      return true;
    }
    double atZero = model.curvature(0.0, conditions);
    double atLimit = model.curvature(limit, conditions);
    return Double.isInfinite(atZero)
        || Math.abs(atZero - atLimit) > 1e-12 * Math.max(Math.abs(atZero), Math.abs(atLimit));
  }

  /** D(n) = T(n) - kappa n^2 / 2, convex on [0, limit], with its right derivative. */
  private record Separable(
      TemporaryImpactModel model, TradingConditions conditions, double kappa) {

    private static final int BISECTIONS = 200;

    double value(double units) {
      return model.cost(units, conditions) - 0.5 * kappa * units * units;
    }

    double slope(double units) {
      return model.marginalCost(units, conditions) - kappa * units;
    }

    /** min over m in [0, limit] of D(m) - g m, where the non-decreasing D' crosses g. */
    double leastBelow(double g, double limit) {
      double low = 0.0;
      double high = limit;
      if (slope(0.0) >= g) {
        high = 0.0;
      } else if (slope(limit) <= g) {
        low = limit;
      } else {
        for (int step = 0; step < BISECTIONS && high - low > Math.ulp(high); step++) {
          double middle = 0.5 * (low + high);
          if (slope(middle) < g) {
            low = middle;
          } else {
            high = middle;
          }
        }
      }
      double least = Math.min(0.0, value(limit) - g * limit);
      least = Math.min(least, value(low) - g * low);
      return Math.min(least, value(high) - g * high);
    }
  }

  /** min a'x over 0 <= x_k <= cap, forced <= sum x <= sellable (x = 0 for a locked asset). */
  static double minimumOverLimits(ResolvedProblem problem, int i, double[] a) {
    if (problem.locked(i)) {
      return 0.0;
    }
    double cap = problem.periodCap(i);
    double low = Math.max(0.0, problem.forcedUnits(i));
    double high = Math.max(low, problem.sellableUnits(i));
    Integer[] order = new Integer[a.length];
    for (int k = 0; k < a.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (x, y) -> Double.compare(a[x], a[y]));
    double[] x = new double[a.length];
    double total = 0.0;
    for (int k : order) {
      if (a[k] >= 0 || total >= high) {
        break;
      }
      x[k] = Math.min(cap, high - total);
      total += x[k];
    }
    for (int k : order) {
      if (total >= low) {
        break;
      }
      double add = Math.min(cap - x[k], low - total);
      x[k] += add;
      total += add;
    }
    double value = 0.0;
    for (int k = 0; k < a.length; k++) {
      value += a[k] * x[k];
    }
    return value;
  }
}
