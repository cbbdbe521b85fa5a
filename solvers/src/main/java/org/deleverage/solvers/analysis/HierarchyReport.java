package org.deleverage.solvers.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.HierarchyEntry;
import org.deleverage.core.plan.Plan;

/**
 * The hierarchy report of a plan: for each asset, in the plan's hierarchy order, what puts it
 * there: its marginal cost per unit of excess freed (the ranking key), its liquidity (days to
 * liquidate at the cap), its share of the book's risk, its margin rate, and what binds it in the
 * plan ({@link AssetState}). Stateless.
 */
public final class HierarchyReport {

  private HierarchyReport() {}

  /**
   * The report of {@code plan} for {@code problem}.
   *
   * @param problem the problem the plan solves
   * @param plan the plan
   * @return a row per asset, in the plan's hierarchy order
   */
  public static List<HierarchyRow> of(ResolvedProblem problem, Plan plan) {
    int n = problem.assetCount();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = problem.direction(i) * problem.held(i);
    }
    double[] product = problem.priceCovariance().times(x);
    double variance = 0.0;
    for (int i = 0; i < n; i++) {
      variance += x[i] * product[i];
    }
    List<HierarchyRow> rows = new ArrayList<>();
    for (HierarchyEntry entry : plan.hierarchy()) {
      int i = index(problem, entry.asset());
      double cap = problem.periodCap(i) / problem.periodLength();
      rows.add(new HierarchyRow(
          entry.rank(),
          entry.asset(),
          entry.marginalCostPerUnitRelief(),
          cap > 0 ? problem.held(i) / cap : Double.POSITIVE_INFINITY,
          variance > 0 ? OptionalDouble.of(x[i] * product[i] / variance) : OptionalDouble.empty(),
          problem.marginRate(i),
          entry.firstPeriod(),
          entry.soldFraction(),
          AssetState.of(problem, plan.table(), i)));
    }
    return rows;
  }

  private static int index(ResolvedProblem problem, String id) {
    for (int i = 0; i < problem.assetCount(); i++) {
      if (problem.id(i).equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("the plan's asset " + id + " is not in the problem");
  }
}
