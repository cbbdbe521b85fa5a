package org.deleverage.solvers.baseline;

import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.internal.AssetLedger;

/**
 * A trade table under construction with the excess path it gives, X_k = X_0 + sum_i coverage_ik,
 * kept up to date one asset at a time (assets do not interact in the accounting, see {@link
 * AssetLedger}). Mutable; each solve owns its own.
 */
final class DraftPlan {

  private final ResolvedProblem problem;
  private final double[][] units;
  private final double[][] coverage;
  private final double[] excess;

  DraftPlan(ResolvedProblem problem) {
    this.problem = problem;
    int n = problem.assetCount();
    int periods = problem.periods();
    units = new double[n][periods];
    coverage = new double[n][periods];
    excess = new double[periods];
    java.util.Arrays.fill(excess, problem.initialExcess());
  }

  /** n_ik. */
  double units(int i, int k) {
    return units[i][k];
  }

  /** c_iN, all units of asset {@code i} traded so far. */
  double traded(int i) {
    double total = 0.0;
    for (double n : units[i]) {
      total += n;
    }
    return total;
  }

  /** A copy of the trades of asset {@code i}. */
  double[] row(int i) {
    return units[i].clone();
  }

  /** The excess path X_k, not to be modified. */
  double[] excess() {
    return excess;
  }

  /** The excess path if asset {@code i} traded {@code row} instead, leaving this draft unchanged. */
  double[] excessWith(int i, double[] row) {
    double[] changed = AssetLedger.DEFAULT.coverage(problem, i, row);
    double[] path = excess.clone();
    for (int k = 0; k < path.length; k++) {
      path[k] += changed[k] - coverage[i][k];
    }
    return path;
  }

  /** Replaces the trades of asset {@code i}. */
  void set(int i, double[] row) {
    double[] changed = AssetLedger.DEFAULT.coverage(problem, i, row);
    for (int k = 0; k < excess.length; k++) {
      excess[k] += changed[k] - coverage[i][k];
    }
    units[i] = row.clone();
    coverage[i] = changed;
  }

  /**
   * Spreads {@code total} units of asset {@code i} over the periods from the first, each up to the
   * participation cap, on top of what the asset already trades.
   */
  void frontLoad(int i, double total) {
    double[] row = row(i);
    double left = total;
    double cap = problem.periodCap(i);
    for (int k = 0; k < row.length && left > 0; k++) {
      double room = Math.max(0.0, cap - row[k]);
      double add = Math.min(room, left);
      row[k] += add;
      left -= add;
    }
    set(i, row);
  }

  /** The table as it stands. */
  TradeTable table() {
    return TradeTable.of(units);
  }
}
