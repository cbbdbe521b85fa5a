package org.deleverage.solvers.optimal;

import java.util.Arrays;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;

/**
 * A bound on how far a plan's objective can be above the true optimum, computed from the plan and
 * the coverage multipliers alone, with the evaluator's gradients (not the optimiser's). For a
 * convex instance, any feasible n', multipliers mu >= 0 and the Lagrangian l = f - sum_c mu_c
 * (X_kc - b_c):
 *
 * <pre>
 *   f(n') >= l(n') >= l(n) + grad l(n)' (n' - n)
 *   f(n) - f*  <=  sum_c mu_c (X_kc(n) - b_c)  -  min over n' in P of grad l(n)' (n' - n)
 * </pre>
 *
 * where P is the polyhedron of the linear constraints (the caps, the locks and the retain
 * limits). The minimum of a linear function over P splits by asset into a box with a band on the
 * sum, solved exactly by taking periods in increasing order of the gradient.
 */
final class OptimalityCertificate {

  private OptimalityCertificate() {}

  /**
   * The bound on f(n) - f* for {@code table} with multipliers {@code mu} of the deadline (index
   * 0) and the schedule steps (1..), in objective units.
   */
  static double gap(ResolvedProblem problem, TradeTable table, double[] mu) {
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
    double linear = 0.0;
    for (int i = 0; i < problem.assetCount(); i++) {
      double[] units = table.row(i);
      double current = 0.0;
      for (int k = 0; k < units.length; k++) {
        current += gradient[i][k] * units[k];
      }
      linear += minimumOverLimits(problem, i, gradient[i]) - current;
    }
    return complementarity - linear;
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
