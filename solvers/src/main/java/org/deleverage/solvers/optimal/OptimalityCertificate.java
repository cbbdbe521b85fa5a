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
    for (int i = 0; i < gradient.length; i++) {
      double remaining = problem.held(i) - table.traded(i);
      complementarity += linear.retainMin()[i] * (remaining - problem.retainMin(i));
      complementarity += linear.retainMax()[i] * (problem.retainMax(i) - remaining);
      for (int k = 0; k < gradient[i].length; k++) {
        double units = table.units(i, k);
        complementarity += linear.lower()[i][k] * units;
        complementarity += linear.upper()[i][k] * (problem.periodCap(i) - units);
        // g = n, cap - n, Q - sum n - retainMin and retainMax - Q + sum n: minus z' grad g.
        gradient[i][k] +=
            -linear.lower()[i][k] + linear.upper()[i][k] + linear.retainMin()[i]
                - linear.retainMax()[i];
      }
    }
    double kinkSlack = 0.0;
    for (int i = 0; i < problem.assetCount(); i++) {
      kinkSlack += subgradients(problem, table, mu, i, gradient[i]);
    }
    double descent = 0.0;
    for (int i = 0; i < problem.assetCount(); i++) {
      double current = 0.0;
      for (int k = 0; k < gradient[i].length; k++) {
        current += gradient[i][k] * table.units(i, k);
      }
      descent += minimumOverLimits(problem, i, gradient[i]) - current;
    }
    return complementarity - descent + kinkSlack;
  }

  /**
   * For an asset whose temporary cost T has kinks (an order book), where the evaluator's
   * derivative is only one side's: replaces each trade's T'(n) in {@code gradient} by the
   * subgradient g that the multipliers imply and returns how far short of an exact subgradient
   * it falls. The cost enters the Lagrangian as a T(n_k), a = w + the multipliers of the coverage
   * constraints at or after period k, and for every n' in [0, cap]
   *
   * <pre>
   *   T(n') >= T(n) + g (n' - n) - e,      e = T(n) - g n - min over m in [0, cap] of (T(m) - g m)
   * </pre>
   *
   * (the minimum of a piecewise-linear function lies at a kink or an end), so the bound stays
   * valid with a e added. g = T'(n) - r / a makes the trade's entry of the gradient r zero; near an
   * optimum it is a subgradient at n or at a kink next to it, and e is as small as that distance.
   * Returns the sum of a e over the asset's trades; zero for a cost without kinks.
   */
  private static double subgradients(
      ResolvedProblem problem, TradeTable table, double[] mu, int i, double[] gradient) {
    TemporaryImpactModel model = problem.temporaryImpact(i);
    TradingConditions conditions = problem.conditions(i);
    double[] kinks = model.kinks(conditions);
    if (kinks.length == 0 || problem.locked(i)) {
      return 0.0;
    }
    double cap = problem.periodCap(i);
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
      double slope = model.marginalCost(units, conditions);
      double g = slope - gradient[k] / weight;
      double least = Math.min(0.0, model.cost(cap, conditions) - g * cap);
      for (double kink : kinks) {
        if (kink < cap) {
          least = Math.min(least, model.cost(kink, conditions) - g * kink);
        }
      }
      slack += weight * Math.max(0.0, model.cost(units, conditions) - g * units - least);
      gradient[k] = 0.0;
    }
    return slack;
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
