package org.deleverage.core.solve;

import java.util.List;
import org.deleverage.InfeasibleShortfallException;
import org.deleverage.SolverFailedException;
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
   * Solves a sweep of problems that differ only in their shortfall, as a cost curve asks. Each
   * result is what {@link #solve} returns for its problem; a solver may share the work the
   * problems have in common (the optimiser runs its largest-coverable-shortfall run once). This
   * default solves them one by one.
   *
   * @param problems the problems, alike but for the shortfall
   * @return a result per problem, in order
   */
  default List<SolveResult> solveEach(List<ResolvedProblem> problems) {
    return problems.stream().map(this::solve).toList();
  }

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
