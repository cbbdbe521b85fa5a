package org.deleverage.solvers.baseline;

import java.util.Comparator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.internal.PlanAssembler;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.core.solve.SolverReport;
import org.deleverage.models.numerics.Univariate;

/**
 * The margin-call rule of trading platforms: sell positions in a fixed priority, each as far as
 * needed, in the first period until the excess is back above what the requirement asks; what the
 * participation cap stops in one period spills into the next. A baseline for the optimiser: it
 * covers the shortfall when it can, but does not look at what it costs.
 *
 * <p>The rule, precisely:
 *
 * <ol>
 *   <li>Forced sales come first: Q_i - retainMax_i units of each asset, front-loaded at the cap.
 *   <li>For each period k from the first to the last that carries a coverage constraint, while
 *       some constraint in a period {@code >= k} is short (X_deadline &lt; buffer, or X_s &lt; -S (1 -
 *       phi_s)), take the assets in priority order and add sales of asset i in period k: the
 *       fewest units that make every such constraint hold, or, if that is not possible, the units
 *       that help them most (the maximum of the smallest slack, found by Brent's search), within
 *       the cap left in the period and the units left to sell above retainMin. An asset whose
 *       sale does not raise the smallest slack is skipped.
 * </ol>
 *
 * If the rule ends short, the result is {@link SolveResult.Infeasible} with the largest
 * shortfall the rule covers: that of the plan that sells, in the same order, everything that
 * helps. Locked assets never trade. Stateless and thread-safe.
 */
public final class GreedyMarginCallSolver implements DeleveragingSolver {

  /** The order in which the rule sells. Ties are broken by the asset's place in the problem. */
  public enum Priority {
    /** The largest tradable notional per period first, rho * V * tau * p. */
    MOST_LIQUID("greedy"),
    /** The largest position by market value first, Q * p. */
    LARGEST_POSITION("greedy-largest"),
    /** The lowest marginal cost per unit of excess freed first (see the hierarchy). */
    CHEAPEST_RELIEF("greedy-cheapest");

    private final String solverName;

    Priority(String solverName) {
      this.solverName = solverName;
    }
  }

  /** The platform default: most liquid first. */
  public static final GreedyMarginCallSolver MOST_LIQUID_FIRST =
      new GreedyMarginCallSolver(Priority.MOST_LIQUID);

  private final Priority priority;

  /**
   * The rule with the given priority.
   *
   * @param priority the order in which assets are sold
   */
  public GreedyMarginCallSolver(Priority priority) {
    this.priority = priority;
  }

  @Override
  public String name() {
    return priority.solverName;
  }

  /**
   * The priority of this rule.
   *
   * @return the priority of this rule
   */
  public Priority priority() {
    return priority;
  }

  @Override
  public SolveResult solve(ResolvedProblem problem) {
    long start = System.nanoTime();
    int[] order = order(problem);
    CoverageTargets targets = new CoverageTargets(problem);
    Run covering = new Run(problem, order, targets);
    covering.sell(false);
    Run exhaustive = new Run(problem, order, targets);
    exhaustive.sell(true);
    double maxCoverable =
        targets.maxCoverableShortfall(exhaustive.draft.excess(), problem.initialExcess());
    Run chosen = covering;
    if (targets.slack(covering.draft.excess(), 0) < 0) {
      if (targets.slack(exhaustive.draft.excess(), 0) < 0) {
        return new SolveResult.Infeasible(
            name(),
            problem.shortfall(),
            maxCoverable,
            covering.evaluations + exhaustive.evaluations,
            SolverReport.millisSince(start));
      }
      chosen = exhaustive;
    }
    SolverReport report =
        SolverReport.feasible(
            name(), maxCoverable, covering.evaluations + exhaustive.evaluations,
            SolverReport.millisSince(start));
    return PlanAssembler.DEFAULT.assemble(problem, chosen.draft.table(), order, report);
  }

  /** The assets in selling order. */
  int[] order(ResolvedProblem problem) {
    double[] key = new double[problem.assetCount()];
    double[] ratio =
        priority == Priority.CHEAPEST_RELIEF
            ? PlanAssembler.DEFAULT.marginalCostPerUnitRelief(problem)
            : null;
    for (int i = 0; i < key.length; i++) {
      key[i] =
          switch (priority) {
            case MOST_LIQUID -> -problem.periodCap(i) * problem.price(i);
            case LARGEST_POSITION -> -problem.held(i) * problem.price(i);
            case CHEAPEST_RELIEF -> Double.isNaN(ratio[i]) ? Double.POSITIVE_INFINITY : ratio[i];
          };
    }
    return IntStream.range(0, key.length)
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> key[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }


  /** One pass of the rule over a fresh draft. */
  private static final class Run {
    private final ResolvedProblem problem;
    private final int[] order;
    private final CoverageTargets targets;
    private final DraftPlan draft;
    private long evaluations;

    Run(ResolvedProblem problem, int[] order, CoverageTargets targets) {
      this.problem = problem;
      this.order = order;
      this.targets = targets;
      this.draft = new DraftPlan(problem);
      for (int i = 0; i < problem.assetCount(); i++) {
        if (problem.forcedUnits(i) > 0) {
          draft.frontLoad(i, problem.forcedUnits(i));
        }
      }
    }

    /**
     * Sells period by period in priority order; with {@code exhaustive}, everything that raises
     * the smallest relief, otherwise only until every constraint holds.
     */
    void sell(boolean exhaustive) {
      double initial = problem.initialExcess();
      for (int k = 0; k <= targets.lastPeriod(); k++) {
        int from = k;
        for (int i : order) {
          if (!exhaustive && targets.slack(draft.excess(), from) >= 0) {
            break;
          }
          double room =
              Math.min(
                  problem.periodCap(i) - draft.units(i, k),
                  problem.sellableUnits(i) - draft.traded(i));
          if (!(room > 0)) {
            continue;
          }
          int asset = i;
          int period = k;
          DoubleUnaryOperator slack =
              t -> {
                evaluations++;
                double[] path = draft.excessWith(asset, added(asset, period, t));
                return exhaustive
                    ? targets.relief(path, initial, from)
                    : targets.slack(path, from);
              };
          double now = slack.applyAsDouble(0.0);
          double best = Univariate.argmax(slack, 0.0, room);
          double bestValue = slack.applyAsDouble(best);
          if (!(bestValue > now)) {
            continue;
          }
          double units =
              !exhaustive && bestValue >= 0
                  ? Univariate.firstNonNegative(slack, 0.0, best)
                  : best;
          draft.set(asset, added(asset, period, units));
        }
      }
    }

    private double[] added(int i, int k, double units) {
      double[] row = draft.row(i);
      row[k] += units;
      return row;
    }
  }
}
