package org.deleverage.core.internal;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.ConstraintCheck;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.plan.HierarchyEntry;
import org.deleverage.core.plan.PeriodResult;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Side;
import org.deleverage.core.plan.Trade;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.core.solve.SolverReport;

/**
 * Turns a solver's trade table into a {@link Plan}, through the {@link Evaluator}: the table is
 * evaluated, a table that breaks any constraint becomes a {@link SolveResult.Failed} naming the
 * worst violation, and only a feasible table becomes a plan. Every figure of the plan (objective,
 * costs, excess path) is the evaluator's. Stateless: use {@link #DEFAULT}.
 */
public final class PlanAssembler {

  /** The single instance. */
  public static final PlanAssembler DEFAULT = new PlanAssembler();

  private PlanAssembler() {}

  /**
   * The plan for {@code table}, or the failure that it breaks a constraint.
   *
   * @param priority the assets in the solver's order of preference (a permutation of 0..n-1);
   *     the hierarchy ranks sold assets by their first period, then by this order, and lists the
   *     unsold ones after them in this order
   * @param problem the resolved problem
   * @param table the trade table
   * @param report the solver's name, status, S_max, shadow price, iterations and time
   * @return the plan for {@code table}, or the failure that it breaks a constraint
   */
  public SolveResult assemble(
      ResolvedProblem problem, TradeTable table, int[] priority, SolverReport report) {
    return assemble(problem, Evaluator.DEFAULT.evaluate(problem, table), priority, report);
  }

  /**
   * The plan for a trade table the solver has already evaluated, or the failure that it breaks a
   * constraint: {@link #assemble(ResolvedProblem, TradeTable, int[], SolverReport)} without
   * evaluating the table again (on a large book the evaluation is a good part of a solve).
   *
   * @param problem the resolved problem
   * @param evaluation the evaluator's result for the table, on this problem
   * @param priority the assets in the solver's order of preference (a permutation of 0..n-1)
   * @param report the solver's name, status, S_max, shadow price, iterations and time
   * @return the plan for the evaluated table, or the failure that it breaks a constraint
   */
  public SolveResult assemble(
      ResolvedProblem problem, Evaluation evaluation, int[] priority, SolverReport report) {
    return assemble(problem, evaluation, priority, report, marginalCostPerUnitRelief(problem));
  }

  /**
   * The plan for an evaluated trade table with the assets preferred cheapest first: by
   * increasing {@link #marginalCostPerUnitRelief}, ties by index, those that free no excess
   * last. The ratios are computed once, for the order and the hierarchy both.
   *
   * @param problem the resolved problem
   * @param evaluation the evaluator's result for the table, on this problem
   * @param report the solver's name, status, S_max, shadow price, iterations and time
   * @return the plan for the evaluated table, or the failure that it breaks a constraint
   */
  public SolveResult assembleCheapestFirst(
      ResolvedProblem problem, Evaluation evaluation, SolverReport report) {
    double[] ratio = marginalCostPerUnitRelief(problem);
    return assemble(problem, evaluation, cheapestFirst(ratio), report, ratio);
  }

  private SolveResult assemble(ResolvedProblem problem, Evaluation evaluation, int[] priority,
      SolverReport report, double[] ratio) {
    TradeTable table = evaluation.table();
    if (!evaluation.feasible()) {
      ConstraintCheck worst = evaluation.worstViolation().orElseThrow();
      return new SolveResult.Failed(
          report.solver(),
          "the plan breaks " + evaluation.violations().size() + " constraint(s), worst: "
              + worst.describe(),
          report.iterations(),
          report.solveMillis());
    }
    int[] first = new int[problem.assetCount()];
    for (int i = 0; i < first.length; i++) {
      first[i] = firstTrade(table, i);
    }
    int[] order = hierarchyOrder(first, priority);
    int[] rankOf = new int[order.length];
    for (int r = 0; r < order.length; r++) {
      rankOf[order[r]] = r;
    }
    List<Trade> trades = new ArrayList<>();
    for (int k = 0; k < problem.periods(); k++) {
      for (int i : order) {
        double units = table.units(i, k);
        if (units > 0) {
          trades.add(
              new Trade(
                  k + 1,
                  problem.id(i),
                  problem.direction(i) < 0 ? Side.BUY : Side.SELL,
                  units,
                  evaluation.executionPrice(i, k),
                  evaluation.tradeCost(i, k)));
        }
      }
    }
    List<PeriodResult> periods = new ArrayList<>();
    for (int k = 0; k < problem.periods(); k++) {
      periods.add(
          new PeriodResult(
              k + 1, evaluation.excess(k), evaluation.cashRaised(k), evaluation.loss(k)));
    }
    Plan plan =
        new Plan(
            report.status(),
            report.solver(),
            problem.shortfall(),
            report.maxCoverableShortfall(),
            evaluation.objective(),
            report.shadowPrice(),
            report.shadowPriceUnbounded(),
            trades,
            periods,
            hierarchy(problem, table, order, first, ratio),
            report.iterations(),
            report.solveMillis(),
            table,
            evaluation);
    return new SolveResult.Solved(plan);
  }

  /**
   * The marginal objective per unit of excess freed by the first unit of each asset sold in
   * period 1 from the untouched book; NaN where that unit frees no excess.
   *
   * @param problem the resolved problem
   * @return the marginal objective per unit of excess freed by the first unit of each asset sold in
   *     period 1 from the untouched book; NaN where that unit frees no excess
   */
  public double[] marginalCostPerUnitRelief(ResolvedProblem problem) {
    TradeTable untouched = TradeTable.zeros(problem.assetCount(), problem.periods());
    double[][] objective = Evaluator.DEFAULT.objectiveGradient(problem, untouched);
    double[][] relief = Evaluator.DEFAULT.excessGradient(problem, untouched, problem.deadlineIndex());
    double[] ratio = new double[problem.assetCount()];
    for (int i = 0; i < ratio.length; i++) {
      boolean frees = !problem.locked(i) && problem.held(i) > 0 && relief[i][0] > 0;
      ratio[i] = frees ? objective[i][0] / relief[i][0] : Double.NaN;
    }
    return ratio;
  }

  /**
   * The assets by increasing ratio, ties by index, NaN (frees no excess) last; the ratios are not
   * changed. Each ratio becomes a 64-bit key that orders as Double.compare does, and the indices
   * are sorted by it with a stable least-significant-digit radix sort (four passes of 16 bits),
   * so that ties stay in index order: linear time, since books run to a million assets.
   */
  private static int[] cheapestFirst(double[] ratio) {
    int n = ratio.length;
    long[] key = new long[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      long bits = Double.doubleToLongBits(
          Double.isNaN(ratio[i]) ? Double.POSITIVE_INFINITY : ratio[i]);
      // Negative values reversed, then the sign bit flipped: unsigned order is numeric order.
      key[i] = (bits ^ ((bits >> 63) & Long.MAX_VALUE)) ^ Long.MIN_VALUE;
      order[i] = i;
    }
    long[] keyBuffer = new long[n];
    int[] orderBuffer = new int[n];
    int[] count = new int[1 << 16];
    for (int shift = 0; shift < 64; shift += 16) {
      Arrays.fill(count, 0);
      for (int r = 0; r < n; r++) {
        count[(int) (key[r] >>> shift) & 0xFFFF]++;
      }
      int total = 0;
      for (int digit = 0; digit < count.length; digit++) {
        int size = count[digit];
        count[digit] = total;
        total += size;
      }
      for (int r = 0; r < n; r++) {
        int slot = count[(int) (key[r] >>> shift) & 0xFFFF]++;
        keyBuffer[slot] = key[r];
        orderBuffer[slot] = order[r];
      }
      long[] keys = key;
      key = keyBuffer;
      keyBuffer = keys;
      int[] indices = order;
      order = orderBuffer;
      orderBuffer = indices;
    }
    return order;
  }

  /** The assets sold, by first period then priority, and after them the unsold, by priority. */
  private static int[] hierarchyOrder(int[] first, int[] priority) {
    int n = first.length;
    int[] position = new int[n];
    for (int p = 0; p < priority.length; p++) {
      position[priority[p]] = p;
    }
    // Sorted by (first period, priority position), both below 2^31: one primitive sort of the
    // pair packed into a long, no boxing (this is O(n log n) on a book of a million assets).
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) first[i] << 32) | position[i];
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int r = 0; r < n; r++) {
      order[r] = priority[(int) keys[r]];
    }
    return order;
  }

  private List<HierarchyEntry> hierarchy(
      ResolvedProblem problem, TradeTable table, int[] order, int[] first, double[] ratio) {
    int n = order.length;
    // Read in asset order, then used in the hierarchy's order: on a large book the rows of the
    // table are scattered in memory and a random walk over them costs more than the rest.
    double[] traded = new double[n];
    for (int i = 0; i < n; i++) {
      traded[i] = table.traded(i);
    }
    ImmutableList.Builder<HierarchyEntry> entries = ImmutableList.builderWithExpectedSize(n);
    for (int r = 0; r < n; r++) {
      int i = order[r];
      double held = problem.held(i);
      entries.add(
          new HierarchyEntry(
              r + 1,
              problem.id(i),
              Double.isNaN(ratio[i]) ? OptionalDouble.empty() : OptionalDouble.of(ratio[i]),
              first[i] == table.periods() ? OptionalInt.empty() : OptionalInt.of(first[i] + 1),
              held > 0 ? Math.max(0.0, traded[i]) / held : 0.0));
    }
    return entries.build();
  }

  /** The 0-based first period in which asset {@code i} trades, or {@code periods} if never. */
  private static int firstTrade(TradeTable table, int i) {
    for (int k = 0; k < table.periods(); k++) {
      if (table.units(i, k) > 0) {
        return k;
      }
    }
    return table.periods();
  }
}
