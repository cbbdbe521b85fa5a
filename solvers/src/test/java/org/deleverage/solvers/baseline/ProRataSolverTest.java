package org.deleverage.solvers.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Requirement;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.SolveResult;
import org.junit.jupiter.api.Test;

class ProRataSolverTest {

  /**
   * Two longs with linear costs only. A: 10,000 at 20, m = 0.5, half spread 0.001, so a unit
   * frees 0.5 * 20 - 0.001 * 20 = 9.98; B: 20,000 at 50, m = 0.25, fee per unit 0.05, so a unit
   * frees 12.5 - 0.05 = 12.45. Selling the fraction f frees f (10,000 * 9.98 + 20,000 * 12.45) =
   * 348,800 f, so S = 100,000 needs f = 100,000 / 348,800 = 0.286697... of each position; the
   * largest coverable shortfall is 348,800 (f = 1).
   */
  @Test
  void sellsTheSameFractionOfEveryPosition() {
    DeleveragingProblem problem = twoLongs(100_000);

    Plan plan = ProRataSolver.DEFAULT.plan(problem);

    double f = 100_000 / 348_800.0;
    assertThat(plan.table().units(0, 0)).isCloseTo(f * 10_000, within(1e-6));
    assertThat(plan.table().units(1, 0)).isCloseTo(f * 20_000, within(1e-6));
    assertThat(plan.periods().get(0).excess()).isCloseTo(0, within(1e-6));
    assertThat(plan.maxCoverableShortfall().getAsDouble()).isCloseTo(348_800, within(1e-3));
  }

  /** The same book asked for 400,000, above the 348,800 that selling everything frees. */
  @Test
  void infeasibleAboveWhatSellingEverythingFrees() {
    DeleveragingProblem problem = twoLongs(400_000);

    SolveResult result = ProRataSolver.DEFAULT.solve(problem.resolve());

    assertThat(result).isInstanceOf(SolveResult.Infeasible.class);
    assertThat(((SolveResult.Infeasible) result).maxCoverableShortfall())
        .isCloseTo(348_800, within(1e-3));
  }

  /** The two longs of the tests above, A with a half spread and B with a fee per unit. */
  private static DeleveragingProblem twoLongs(double shortfall) {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(10_000).price(20).adv(1e7).marginRate(0.5)
            .halfSpread(0.001).build())
        .asset(Asset.builder("B").quantity(20_000).price(50).adv(1e7).marginRate(0.25)
            .feePerUnit(0.05).build())
        .requirement(Requirement.margin().withShortfall(shortfall))
        .build();
  }
}
