package org.deleverage.core.solve;

import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;

/**
 * A method that turns a deleveraging problem into a plan. Implementations are stateless and
 * thread-safe, keep nothing between calls, and return only plans that passed the {@link
 * org.deleverage.core.evaluate.Evaluator}.
 */
public interface DeleveragingSolver {

  /**
   * The solver's name, as {@code --solver} takes it.
   *
   * @return the solver's name, as {@code --solver} takes it
   */
  String name();

  /**
   * Solves the problem: a plan, or the largest shortfall the solver can cover, or why it failed.
   * Never throws for a problem that is merely infeasible.
   *
   * @param problem the resolved problem
   * @return the plan, or why there is none (infeasible, with the largest coverable shortfall, or
   *     failed)
   */
  SolveResult solve(ResolvedProblem problem);

  /**
   * Solves the problem and returns its plan.
   *
   * @param problem the resolved problem
   * @return the plan
   * @throws InfeasibleShortfallException if the shortfall is above what the solver can cover
   * @throws SolverFailedException if the solver failed
   */
  default Plan plan(DeleveragingProblem problem) {
    return solve(problem.resolve()).plan();
  }
}
