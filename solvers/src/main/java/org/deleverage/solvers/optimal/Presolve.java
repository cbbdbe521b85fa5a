package org.deleverage.solvers.optimal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deleverage.core.ResolvedProblem;

/**
 * What the optimiser settles before it starts: which assets can move, the fixed path of those that
 * cannot, and the money scale M. An asset cannot move when it is locked or empty, may sell
 * nothing, or is held by a forced sale at its cap in every period; its remaining units are then a
 * constant path. Immutable.
 *
 * @param movable the indices of the assets that can move, in problem order
 * @param fixedPath per asset, its remaining units after each period if it cannot move, else null
 * @param scale M: the shortfall, the buffer or the largest position's market value, whichever is
 *     largest (at least 1), so that the scaled excess and its gradient in y (a position's relief,
 *     at most Q_i p_i / M) are of order one at most
 */
record Presolve(int[] movable, double[][] fixedPath, double scale) {

  /** The presolve of {@code problem}. */
  static Presolve of(ResolvedProblem problem) {
    int n = problem.assetCount();
    List<Integer> moving = new ArrayList<>();
    double[][] fixed = new double[n][];
    for (int i = 0; i < n; i++) {
      fixed[i] = fixedPath(problem, i);
      if (fixed[i] == null) {
        moving.add(i);
      }
    }
    return new Presolve(
        moving.stream().mapToInt(Integer::intValue).toArray(), fixed, moneyScale(problem));
  }

  /**
   * The path of remaining units of an asset that cannot move, or null if it can: a locked or
   * empty position, one that may sell nothing, or one its forced sale holds at the cap in every
   * period.
   */
  private static double[] fixedPath(ResolvedProblem problem, int i) {
    int periods = problem.periods();
    double held = problem.held(i);
    double[] path = new double[periods];
    if (problem.locked(i) || held == 0.0 || problem.sellableUnits(i) <= 1e-12 * held) {
      Arrays.fill(path, held);
      return path;
    }
    double cap = problem.periodCap(i);
    if (problem.forcedUnits(i) >= periods * cap * (1 - 1e-12)) {
      for (int k = 0; k < periods; k++) {
        path[k] = Math.max(problem.retainMax(i), held - (k + 1) * cap);
      }
      return path;
    }
    return null;
  }

  private static double moneyScale(ResolvedProblem problem) {
    double largest = 0.0;
    for (int i = 0; i < problem.assetCount(); i++) {
      largest = Math.max(largest, problem.held(i) * problem.price(i));
    }
    return Math.max(1.0, Math.max(problem.shortfall(), Math.max(problem.buffer(), largest)));
  }
}
