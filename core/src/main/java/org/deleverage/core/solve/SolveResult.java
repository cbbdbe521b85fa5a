package org.deleverage.core.solve;

import org.deleverage.InfeasibleShortfallException;
import org.deleverage.SolverFailedException;
import org.deleverage.core.plan.Plan;

/**
 * What a solver returns: a plan, the statement that the shortfall cannot be covered, or a
 * failure. Infeasibility is a result, never an empty or clipped plan.
 */
public sealed interface SolveResult
    permits SolveResult.Solved, SolveResult.Infeasible, SolveResult.Failed {

  /**
   * The solver's name.
   *
   * @return the solver's name
   */
  String solver();

  /**
   * The solver's iterations.
   *
   * @return the solver's iterations
   */
  long iterations();

  /**
   * The time spent inside the solver, milliseconds.
   *
   * @return the time spent inside the solver, milliseconds
   */
  double solveMillis();

  /**
   * The plan.
   *
   * @return the plan
   * @throws InfeasibleShortfallException if the result is {@link Infeasible}
   * @throws SolverFailedException if the result is {@link Failed}
   */
  Plan plan();

  /**
   * A plan that covers the shortfall and passed the evaluator.
   *
   * @param value the plan
   */
  record Solved(Plan value) implements SolveResult {
    @Override
    public String solver() {
      return value.solver();
    }

    @Override
    public long iterations() {
      return value.iterations();
    }

    @Override
    public double solveMillis() {
      return value.solveMillis();
    }

    @Override
    public Plan plan() {
      return value;
    }
  }

  /**
   * The shortfall is larger than the solver can cover under the constraints.
   *
   * @param solver the solver's name
   * @param shortfall S, the shortfall asked for
   * @param maxCoverableShortfall the largest shortfall the solver can cover
   * @param iterations the solver's iterations
   * @param solveMillis the time spent, milliseconds
   */
  record Infeasible(
      String solver,
      double shortfall,
      double maxCoverableShortfall,
      long iterations,
      double solveMillis)
      implements SolveResult {
    @Override
    public Plan plan() {
      throw new InfeasibleShortfallException(solver, shortfall, maxCoverableShortfall);
    }
  }

  /**
   * The solver could not produce a plan that passes the evaluator.
   *
   * @param solver the solver's name
   * @param reason what went wrong
   * @param iterations the solver's iterations
   * @param solveMillis the time spent, milliseconds
   */
  record Failed(String solver, String reason, long iterations, double solveMillis)
      implements SolveResult {

    /**
     * The words a solver's reason carries when its time limit stopped it, wherever in the solve
     * that happened (the reason may name the stage first, as in {@code "plan: time limit
     * reached"}).
     */
    public static final String TIME_LIMIT_REACHED = "time limit reached";

    /**
     * Whether the solver stopped at its time limit rather than on a numerical or other failure.
     *
     * @return whether {@link #reason()} carries {@link #TIME_LIMIT_REACHED}
     */
    public boolean timeLimitReached() {
      return reason.contains(TIME_LIMIT_REACHED);
    }

    @Override
    public Plan plan() {
      throw new SolverFailedException(solver + ": " + reason);
    }
  }
}
