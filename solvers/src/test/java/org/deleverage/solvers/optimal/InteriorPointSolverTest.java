package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Requirement;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.junit.jupiter.api.Test;

class InteriorPointSolverTest {

  /**
   * MODEL.md section 7: n = (5 - sqrt(21)) / 2e-5 = 20,871.2152..., loss 1e-5 n^2 = 4,356.0760...,
   * mu = 2 eta n / (5 - 2 eta n) = 0.091089..., S_max = 400,000.
   */
  @Test
  void workedExampleOfTheModel() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(Asset.builder("A").quantity(100_000).price(10).adv(1e9).marginRate(0.5)
                .eta(1e-5).build())
            .requirement(Requirement.margin().withShortfall(100_000))
            .build();

    Plan plan = InteriorPointSolver.DEFAULT.plan(problem);

    double n = (5 - Math.sqrt(21)) / 2e-5;
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 0)).isCloseTo(n, within(1e-8 * n));
    assertThat(plan.expectedLoss()).isCloseTo(1e-5 * n * n, within(1e-8 * 4356));
    assertThat(plan.shadowPrice().getAsDouble())
        .isCloseTo(2e-5 * n / (5 - 2e-5 * n), within(1e-8));
    assertThat(plan.maxCoverableShortfall().getAsDouble()).isCloseTo(400_000, within(1e-4));
  }
}
