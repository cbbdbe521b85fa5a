package org.deleverage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;

/** Checks every returned plan must pass, whichever solver made it. */
public final class PlanChecks {
  private PlanChecks() {}

  /**
   * The evaluator, run again on the plan's trade table, finds every constraint satisfied and the
   * same objective as the plan reports, and no locked asset trades.
   */
  public static void assertPassesTheEvaluator(ResolvedProblem problem, Plan plan) {
    Evaluation again = Evaluator.DEFAULT.evaluate(problem, plan.table());
    assertThat(again.violations()).isEmpty();
    assertThat(plan.objective()).isEqualTo(again.objective());
    for (int i = 0; i < problem.assetCount(); i++) {
      if (problem.locked(i)) {
        assertThat(plan.table().row(i)).containsOnly(0.0);
      }
    }
  }

  /**
   * The optimiser's plan is certified optimal, except where the shortfall sits at the largest
   * coverable one and the requirement leaves no room for a certificate: there feasible will do.
   */
  public static void assertCertifiedUnlessAtMaxCoverable(ResolvedProblem problem, Plan plan) {
    boolean atMaxCoverable =
        problem.shortfall()
            >= plan.maxCoverableShortfall().getAsDouble()
                - 1e-6 * Math.max(1.0, problem.shortfall());
    assertThat(plan.status())
        .isIn(atMaxCoverable
            ? List.of(SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
            : List.of(SolveStatus.OPTIMAL));
  }
}
