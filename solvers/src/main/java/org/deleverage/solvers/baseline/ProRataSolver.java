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
 * Pro-rata deleveraging: sell the same fraction f of every unlocked position, the smallest f that
 * covers the requirement. A baseline for the optimiser.
 *
 * <p>For a fraction f, asset i sells
 *
 * <pre>
 *   c_i(f) = min(max(f * Q_i, Q_i - retainMax_i), Q_i - retainMin_i, N * cap_i)
 * </pre>
 *
 * units, front-loaded: as much as the participation cap allows in the first period, the rest
 * spilling into the next. The retain limits and the caps clip the fraction, so a clipped asset
 * sells less (or more) than f of its position. The smallest f is found on a grid of {@value
 * #GRID} fractions refined by Brent's bracketing solver on the first interval where the coverage
 * constraints come to hold. If no fraction covers the requirement, the result is {@link
 * SolveResult.Infeasible} with the largest shortfall any fraction covers (grid, then Brent's
 * search around the best grid point). Locked assets never trade. Stateless and thread-safe.
 */
public final class ProRataSolver implements DeleveragingSolver {

  /** The single instance. */
  public static final ProRataSolver DEFAULT = new ProRataSolver();

  /** The number of grid intervals on [0, 1]. */
  static final int GRID = 64;

  private ProRataSolver() {}

  @Override
  public String name() {
    return "pro-rata";
  }

  @Override
  public SolveResult solve(ResolvedProblem problem) {
    long start = System.nanoTime();
    CoverageTargets targets = new CoverageTargets(problem);
    long[] evaluations = new long[1];
    DoubleUnaryOperator slack =
        f -> {
          evaluations[0]++;
          return targets.slack(draft(problem, f).excess(), 0);
        };
    DoubleUnaryOperator coverable =
        f -> {
          evaluations[0]++;
          return targets.maxCoverableShortfall(draft(problem, f).excess(), problem.initialExcess());
        };
    double bestGrid = 0.0;
    double bestValue = Double.NEGATIVE_INFINITY;
    double fraction = Double.NaN;
    for (int g = 0; g <= GRID; g++) {
      double f = (double) g / GRID;
      if (Double.isNaN(fraction) && slack.applyAsDouble(f) >= 0) {
        fraction = g == 0 ? 0.0 : Univariate.firstNonNegative(slack, (g - 1.0) / GRID, f);
      }
      double value = coverable.applyAsDouble(f);
      if (value > bestValue) {
        bestValue = value;
        bestGrid = f;
      }
    }
    double refined =
        Univariate.argmax(
            coverable, Math.max(0.0, bestGrid - 1.0 / GRID), Math.min(1.0, bestGrid + 1.0 / GRID));
    double maxCoverable = Math.max(bestValue, coverable.applyAsDouble(refined));
    if (Double.isNaN(fraction)) {
      return new SolveResult.Infeasible(
          name(),
          problem.shortfall(),
          maxCoverable,
          evaluations[0],
          SolverReport.millisSince(start));
    }
    SolverReport report =
        SolverReport.feasible(
            name(), maxCoverable, evaluations[0], SolverReport.millisSince(start));
    return PlanAssembler.DEFAULT.assemble(
        problem, draft(problem, fraction).table(), bySize(problem), report);
  }

  /** The draft that sells the fraction {@code f} of every unlocked position. */
  static DraftPlan draft(ResolvedProblem problem, double f) {
    DraftPlan draft = new DraftPlan(problem);
    for (int i = 0; i < problem.assetCount(); i++) {
      if (problem.locked(i)) {
        continue;
      }
      double units =
          Math.min(
              Math.max(f * problem.held(i), problem.forcedUnits(i)),
              Math.min(problem.sellableUnits(i), problem.periods() * problem.periodCap(i)));
      if (units > 0) {
        draft.frontLoad(i, units);
      }
    }
    return draft;
  }

  /** The largest positions by market value first: the order of the liquidation sequence. */
  private static int[] bySize(ResolvedProblem problem) {
    return IntStream.range(0, problem.assetCount())
        .boxed()
        .sorted(
            Comparator.<Integer>comparingDouble(i -> -problem.held(i) * problem.price(i))
                .thenComparingInt(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }

}
