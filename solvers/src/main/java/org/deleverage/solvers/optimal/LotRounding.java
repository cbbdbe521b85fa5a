package org.deleverage.solvers.optimal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.deleverage.SolverFailedException;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Constraint;
import org.deleverage.core.evaluate.ConstraintCheck;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.internal.PlanAssembler;
import org.deleverage.core.plan.HierarchyEntry;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.core.solve.SolverReport;

/**
 * Rounds a plan to whole lots ({@link org.deleverage.core.Asset#lotSize()}) and keeps every
 * constraint: coverage, the schedule, the participation caps, the holdings and the retain limits.
 * Stateless and thread-safe: use {@link #DEFAULT}.
 *
 * <p>A trade in whole lots is {@code m * lot} units with {@code m} a whole number. One trade per
 * asset may carry the odd remainder on top: the trade that closes the position, when the units
 * held are not a whole number of lots (a book of 2400.0004 BTC in lots of 0.001 closes with a
 * last 0.0004). Rounding each trade to its nearest lot can leave the shortfall uncovered by a few
 * lots, so the method searches instead:
 *
 * <ol>
 *   <li>Round every trade down to whole lots, and no further than the period's cap and the units
 *       the retain minimum leaves to sell.
 *   <li>While the evaluator finds a constraint broken, add one lot (or the closing remainder) to
 *       one trade: if a position holds more than its retain maximum, to that asset, in the period
 *       where it costs least; otherwise to the trade with the least marginal objective per unit
 *       of relief, where the relief is what the lot frees towards each broken coverage or
 *       schedule requirement (capped at what that requirement lacks) and both are the
 *       evaluator's gradients at the current table.
 *   <li>Assemble the table into a plan through the evaluator, like every solver's.
 * </ol>
 *
 * <p>Why it terminates and what it returns (a proof sketch). Rounding down keeps every
 * constraint that selling less cannot break: no trade is negative, none exceeds its cap (a
 * floor of a trade under the cap stays under it), a locked asset stays at zero, and the units
 * sold stay within the holding and the retain minimum. A lot is offered in step 2 only if the
 * trade stays within its cap and the asset's units sold within {@code held - retainMin}, so those
 * constraints hold at every step; only the retain maximum, coverage and the schedule can be
 * broken, and each step either returns or adds at least {@code min(lot, remainder) > 0} units to
 * an asset's units sold, which are bounded by its holding. Hence at most {@code sum_i
 * ceil(Q_i / lot_i) + n} steps. A plan is returned only when the evaluator finds every constraint
 * kept, so a returned plan is feasible by construction. The search finds one whenever selling
 * frees excess along the way (each lot's relief is positive, as when its margin released m p
 * exceeds its marginal cost) and the continuous plan rounded up to lots fits the caps: as long as
 * coverage fails the current table cannot be at or above that rounded-up plan entry by entry
 * (that one covers at least what the continuous plan covers), so some trade below it still has
 * room and positive relief, and a step is always offered. Otherwise, when no lot frees anything
 * while a requirement is still short, it stops and says so ({@link SolverFailedException}).
 *
 * <p>The continuous optimum's objective is a lower bound of the whole-lot optimum's, so the
 * rounded objective minus the continuous one bounds what rounding costs ({@link RoundedPlan}).
 * Each step evaluates the table once and takes its gradients, O(N n) with a factor model or
 * O(N n^2) with a dense covariance, and the number of steps is about the number of trades rounded
 * down.
 */
public final class LotRounding {

  /** The single instance. */
  public static final LotRounding DEFAULT = new LotRounding();

  /** How far below a whole number of lots a trade may be and still count as that many. */
  private static final double LOT_SNAP = 1e-9;

  private LotRounding() {}

  /**
   * The plan {@code continuous} rounded to whole lots.
   *
   * @param problem the resolved problem the plan solves
   * @param continuous a plan of the problem, in any units (usually the optimiser's)
   * @return the plan in whole lots, evaluated, with the continuous plan and the gap
   * @throws SolverFailedException if no step of the search frees excess while a requirement is
   *     still short (the broken constraint is named)
   * @throws IllegalArgumentException if the plan's table does not match the problem's shape
   */
  public RoundedPlan round(ResolvedProblem problem, Plan continuous) {
    long start = System.nanoTime();
    TradeTable source = continuous.table();
    int n = problem.assetCount();
    int periods = problem.periods();
    if (source.assetCount() != n || source.periods() != periods) {
      throw new IllegalArgumentException(
          "continuous: the plan's table is " + source.assetCount() + " x " + source.periods()
              + ", the problem is " + n + " x " + periods);
    }
    Lots lots = new Lots(problem);
    for (int i = 0; i < n; i++) {
      if (problem.locked(i)) {
        continue;
      }
      double lot = problem.lotSize(i);
      long budget = (long) Math.floor(lots.sellable(i) / lot + LOT_SNAP);
      long used = 0;
      for (int k = 0; k < periods; k++) {
        long whole = (long) Math.floor(Math.max(0.0, source.units(i, k)) / lot + LOT_SNAP);
        long m = Math.min(Math.min(whole, lots.capLots(i)), budget - used);
        lots.count[i][k] = m;
        used += m;
      }
    }
    int added = 0;
    while (true) {
      TradeTable table = lots.table();
      Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, table);
      if (evaluation.feasible()) {
        return new RoundedPlan(assemble(problem, continuous, evaluation, added, start),
            continuous, added);
      }
      Move move = nextMove(problem, lots, table, evaluation);
      if (move == null) {
        ConstraintCheck worst = evaluation.worstViolation().orElseThrow();
        throw new SolverFailedException(
            "no plan in whole lots found: after " + added + " lot(s) added back, no further "
                + "lot frees anything towards " + worst.describe());
      }
      lots.apply(move);
      added++;
    }
  }

  /** The next lot to add, or null if none helps. */
  private static Move nextMove(
      ResolvedProblem problem, Lots lots, TradeTable table, Evaluation evaluation) {
    List<ConstraintCheck> broken = evaluation.violations();
    double[][] cost = Evaluator.DEFAULT.objectiveGradient(problem, table);
    Map<String, Double> retainShort = new HashMap<>();
    for (ConstraintCheck check : broken) {
      if (check.constraint() == Constraint.RETAIN_MAX) {
        retainShort.put(check.asset(), -check.slack());
      }
    }
    if (!retainShort.isEmpty()) {
      Move best = null;
      double bestScore = Double.POSITIVE_INFINITY;
      for (int i = 0; i < problem.assetCount(); i++) {
        Double lacking = retainShort.get(problem.id(i));
        if (lacking == null) {
          continue;
        }
        for (int k = 0; k < problem.periods(); k++) {
          double step = lots.step(i, k);
          if (step > 0) {
            double score = cost[i][k] * step / Math.min(step, lacking);
            if (score < bestScore) {
              bestScore = score;
              best = new Move(i, k, step);
            }
          }
        }
      }
      return best;
    }
    int requirements = 0;
    int[] period = new int[broken.size()];
    double[] lacking = new double[broken.size()];
    double[][][] relief = new double[broken.size()][][];
    for (ConstraintCheck check : broken) {
      if (check.constraint() == Constraint.COVERAGE
          || check.constraint() == Constraint.SCHEDULE) {
        period[requirements] = check.period() - 1;
        lacking[requirements] = -check.slack();
        relief[requirements] =
            Evaluator.DEFAULT.excessGradient(problem, table, check.period() - 1);
        requirements++;
      }
    }
    Move best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    for (int i = 0; i < problem.assetCount(); i++) {
      for (int k = 0; k < problem.periods(); k++) {
        double step = lots.step(i, k);
        if (step <= 0) {
          continue;
        }
        double freed = 0.0;
        for (int r = 0; r < requirements; r++) {
          if (k <= period[r]) {
            freed += Math.min(lacking[r], Math.max(0.0, relief[r][i][k] * step));
          }
        }
        if (freed > 0) {
          double score = cost[i][k] * step / freed;
          if (score < bestScore) {
            bestScore = score;
            best = new Move(i, k, step);
          }
        }
      }
    }
    return best;
  }

  private static Plan assemble(ResolvedProblem problem, Plan continuous, Evaluation evaluation,
      int added, long start) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < problem.assetCount(); i++) {
      index.put(problem.id(i), i);
    }
    List<HierarchyEntry> ranks = continuous.hierarchy();
    int[] priority = new int[problem.assetCount()];
    boolean[] placed = new boolean[problem.assetCount()];
    int next = 0;
    for (HierarchyEntry entry : ranks) {
      Integer i = index.get(entry.asset());
      if (i != null && !placed[i]) {
        priority[next++] = i;
        placed[i] = true;
      }
    }
    for (int i = 0; i < placed.length; i++) {
      if (!placed[i]) {
        priority[next++] = i;
      }
    }
    SolverReport report =
        new SolverReport(
            continuous.solver(),
            SolveStatus.FEASIBLE,
            continuous.maxCoverableShortfall(),
            OptionalDouble.empty(),
            false,
            continuous.iterations() + added,
            continuous.solveMillis() + SolverReport.millisSince(start));
    SolveResult result = PlanAssembler.DEFAULT.assemble(problem, evaluation, priority, report);
    return result.plan();
  }

  /** Add {@code step} units to asset {@code i}'s trade in 0-based period {@code k}. */
  private record Move(int i, int k, double step) {}

  /** The table being built: whole lots per trade, and the closing remainder where taken. */
  private static final class Lots {
    private final ResolvedProblem problem;
    private final long[][] count;
    private final int[] closedIn;
    private final double[] remainder;

    Lots(ResolvedProblem problem) {
      this.problem = problem;
      this.count = new long[problem.assetCount()][problem.periods()];
      this.closedIn = new int[problem.assetCount()];
      this.remainder = new double[problem.assetCount()];
      java.util.Arrays.fill(closedIn, -1);
    }

    /** The units asset i may sell in all: its holding less the retain minimum, with tolerance. */
    double sellable(int i) {
      return problem.held(i) - problem.retainMin(i) + Evaluator.unitTolerance(problem, i);
    }

    /** The whole lots that fit under a period's cap. */
    long capLots(int i) {
      return (long) Math.floor(
          (problem.periodCap(i) + Evaluator.unitTolerance(problem, i)) / problem.lotSize(i)
              + LOT_SNAP);
    }

    double units(int i, int k) {
      double units = inUnits(count[i][k], problem.lotSize(i));
      return closedIn[i] == k ? units + remainder[i] : units;
    }

    double traded(int i) {
      double traded = 0.0;
      for (int k = 0; k < count[i].length; k++) {
        traded += units(i, k);
      }
      return traded;
    }

    /** The units one step adds to trade (i, k): a lot, the closing remainder, or 0 if neither. */
    double step(int i, int k) {
      if (problem.locked(i) || closedIn[i] >= 0) {
        return 0.0;
      }
      double tolerance = Evaluator.unitTolerance(problem, i);
      double lot = problem.lotSize(i);
      double cap = problem.periodCap(i) + tolerance;
      double traded = traded(i);
      double here = units(i, k);
      if (count[i][k] + 1 <= capLots(i) && traded + lot <= sellable(i)) {
        return lot;
      }
      double rest = problem.held(i) - traded;
      boolean odd = rest > tolerance && rest < lot;
      if (odd && problem.retainMin(i) <= tolerance && here + rest <= cap) {
        return rest;
      }
      return 0.0;
    }

    void apply(Move move) {
      if (move.step() == problem.lotSize(move.i())) {
        count[move.i()][move.k()]++;
      } else {
        closedIn[move.i()] = move.k();
        remainder[move.i()] = move.step();
      }
    }

    TradeTable table() {
      double[][] units = new double[count.length][];
      for (int i = 0; i < count.length; i++) {
        units[i] = new double[count[i].length];
        for (int k = 0; k < units[i].length; k++) {
          units[i][k] = units(i, k);
        }
      }
      return TradeTable.of(units);
    }
  }

  /**
   * {@code lots} lots of {@code lot} units: the double nearest the decimal product, so that
   * 3,643,401 lots of 0.001 read 3643.401 in every output, not the 3643.4010000000003 of a binary
   * product. Whole lot sizes multiply exactly as they are.
   */
  static double inUnits(long lots, double lot) {
    if (lot == Math.rint(lot)) {
      return lots * lot;
    }
    return BigDecimal.valueOf(lots).multiply(BigDecimal.valueOf(lot)).doubleValue();
  }
}
