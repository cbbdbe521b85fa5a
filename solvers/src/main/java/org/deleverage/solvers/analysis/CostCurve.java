package org.deleverage.solvers.analysis;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.SolverFailedException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;

/**
 * The cost curve: the optimal objective and expected loss, with the shadow price mu, as the
 * shortfall S grows from 0 to the largest coverable one S_max, on an even grid of S, with the
 * breakpoints where an asset changes {@link AssetState} (enters, reaches its cap, a retain limit,
 * is exhausted) located between grid points by bisection to {@value #BISECTIONS} halvings of the
 * grid step.
 *
 * <p>Every point is an independent exact solve of the problem with its shortfall set to S (the
 * requirement's mode, deadline, buffer and schedule kept), so each value equals a solve of that
 * problem. For speed the largest-coverable-shortfall run of the interior-point method, which does
 * not depend on S, is shared: the grid is one {@link DeleveragingSolver#solveEach} sweep and each
 * level of the bisections another. An interior-point method cannot be warm-started from a
 * neighbouring optimum without losing its interiority, so the plan runs are not warm-started.
 * Along the curve the objective is convex in S and its slope is mu. Stateless.
 */
public final class CostCurve {

  /** Halvings of a grid step that locate a breakpoint. */
  public static final int BISECTIONS = 12;

  private CostCurve() {}

  /** Told of each finished sweep of solves, for progress reports. */
  @FunctionalInterface
  public interface Progress {
    /**
     * Called after a sweep.
     *
     * @param solved the solves done so far
     * @param sweep the sweep just done, 1 for the grid, then one per bisection level
     */
    void done(int solved, int sweep);
  }

  /**
   * A computed curve.
   *
   * @param maxCoverableShortfall S_max
   * @param points the grid points, S increasing from 0 to S_max
   * @param breakpoints the state changes found, S increasing
   * @param solves the plan solves made
   */
  public record Result(double maxCoverableShortfall, List<CurvePoint> points,
      List<Breakpoint> breakpoints, int solves) {

    /**
     * Copies the lists.
     *
     * @param maxCoverableShortfall S_max
     * @param points the grid points, S increasing from 0 to S_max
     * @param breakpoints the state changes found, S increasing
     * @param solves the plan solves made
     */
    public Result {
      points = ImmutableList.copyOf(points);
      breakpoints = ImmutableList.copyOf(breakpoints);
    }
  }

  /**
   * The cost curve of {@code problem} on {@code count} points.
   *
   * @param problem the problem (its own shortfall is ignored)
   * @param solver the solver, usually {@link org.deleverage.solvers.Solvers#optimal()}, whose
   *     {@code solveEach} shares the largest-coverable-shortfall run
   * @param count grid points, >= 2
   * @param progress told after each sweep
   * @return the curve
   * @throws SolverFailedException if a point cannot be solved
   * @throws InvalidInputException naming {@code points} when fewer than 2
   */
  public static Result of(DeleveragingProblem problem, DeleveragingSolver solver, int count,
      Progress progress) {
    if (count < 2) {
      throw new InvalidInputException("points", "must be >= 2, was " + count);
    }
    // The first point, S = 0, also tells S_max, which places the others.
    ResolvedProblem probe = at(problem, 0.0);
    SolveResult first = solver.solveEach(List.of(probe)).get(0);
    double most = maxCoverable(first);
    List<CurvePoint> points = new ArrayList<>();
    points.add(point(first, probe));
    List<ResolvedProblem> grid = new ArrayList<>();
    for (int j = 1; j < count; j++) {
      grid.add(at(problem, j == count - 1 ? most : most * j / (count - 1)));
    }
    List<SolveResult> solved = solver.solveEach(grid);
    for (int j = 0; j < grid.size(); j++) {
      points.add(point(solved.get(j), grid.get(j)));
    }
    int solves = count;
    int sweep = 1;
    progress.done(solves, sweep);
    List<Bracket> brackets = new ArrayList<>();
    for (int j = 1; j < count; j++) {
      CurvePoint below = points.get(j - 1);
      CurvePoint above = points.get(j);
      for (int i = 0; i < probe.assetCount(); i++) {
        if (below.states().get(i) != above.states().get(i)) {
          brackets.add(new Bracket(i, below.shortfall(), above.shortfall(),
              below.states().get(i), above.states().get(i)));
        }
      }
    }
    for (int level = 0; level < BISECTIONS && !brackets.isEmpty(); level++) {
      List<ResolvedProblem> middles = new ArrayList<>();
      for (Bracket bracket : brackets) {
        middles.add(at(problem, bracket.middle()));
      }
      List<SolveResult> results = solver.solveEach(middles);
      for (int b = 0; b < brackets.size(); b++) {
        Bracket bracket = brackets.get(b);
        CurvePoint middle = point(results.get(b), middles.get(b));
        brackets.set(b, bracket.narrowed(middle.shortfall(), middle.states().get(bracket.asset())));
      }
      solves += middles.size();
      progress.done(solves, ++sweep);
    }
    List<Breakpoint> breakpoints = new ArrayList<>();
    for (Bracket bracket : brackets) {
      breakpoints.add(new Breakpoint(bracket.middle(), bracket.high() - bracket.low(),
          probe.id(bracket.asset()), bracket.below(), bracket.above()));
    }
    breakpoints.sort(java.util.Comparator.comparingDouble(Breakpoint::shortfall));
    return new Result(most, points, breakpoints, solves);
  }

  /** {@code problem} with its shortfall set to {@code shortfall}, resolved. */
  static ResolvedProblem at(DeleveragingProblem problem, double shortfall) {
    return problem.withShortfall(shortfall).resolve();
  }

  private static double maxCoverable(SolveResult result) {
    if (result instanceof SolveResult.Solved solved) {
      return solved.plan().maxCoverableShortfall().orElseThrow();
    }
    if (result instanceof SolveResult.Infeasible infeasible) {
      return infeasible.maxCoverableShortfall();
    }
    throw new SolverFailedException(
        "cost curve: the largest coverable shortfall: " + ((SolveResult.Failed) result).reason());
  }

  private static CurvePoint point(SolveResult result, ResolvedProblem problem) {
    if (!(result instanceof SolveResult.Solved solved)) {
      String why = result instanceof SolveResult.Failed failed
          ? failed.reason()
          : "infeasible at its own largest coverable shortfall";
      throw new SolverFailedException(
          "cost curve at shortfall " + problem.shortfall() + ": " + why);
    }
    Plan plan = solved.plan();
    List<AssetState> states = new ArrayList<>();
    for (int i = 0; i < problem.assetCount(); i++) {
      states.add(AssetState.of(problem, plan.table(), i));
    }
    return new CurvePoint(problem.shortfall(), plan.objective().total(), plan.expectedLoss(),
        plan.shadowPrice(), plan.status().label(), states);
  }

  /**
   * Where asset {@code asset} changes state, between shortfalls {@code low} (state {@code below})
   * and {@code high} (another state, {@code above}).
   */
  private record Bracket(int asset, double low, double high, AssetState below,
      AssetState above) {

    double middle() {
      return 0.5 * (low + high);
    }

    /** The half that still holds the change, given the state at the middle. */
    Bracket narrowed(double middle, AssetState state) {
      return state == below
          ? new Bracket(asset, middle, high, below, above)
          : new Bracket(asset, low, middle, below, above);
    }
  }

}
