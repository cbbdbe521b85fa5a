package org.deleverage.solvers.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Requirement;
import org.deleverage.core.ScheduleStep;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.SolveResult;
import org.junit.jupiter.api.Test;

class GreedyMarginCallSolverTest {

  private static final GreedyMarginCallSolver GREEDY = GreedyMarginCallSolver.MOST_LIQUID_FIRST;

  /**
   * MODEL.md section 7: one long, Q = 100,000, p = 10, m = 0.5, eta = 1e-5, tau = N = 1, S =
   * 100,000. Selling n gives X_1 = -100,000 + 5n - 1e-5 n^2, which first reaches 0 at n = (5 -
   * sqrt(25 - 4)) / 2e-5 = 20,871.2152...; the loss there is 1e-5 n^2 = 4,356.0760... With one
   * asset the greedy rule stops exactly there. Selling everything frees 5e5 - 1e5 = 400,000, the
   * largest coverable shortfall.
   */
  @Test
  void workedExampleOfTheModel() {
    Plan plan = GREEDY.plan(workedExample(100_000));

    double expected = (5 - Math.sqrt(21)) / 2e-5;
    assertThat(plan.table().units(0, 0)).isCloseTo(expected, within(1e-6));
    assertThat(plan.expectedLoss()).isCloseTo(1e-5 * expected * expected, within(1e-6));
    assertThat(plan.periods().get(0).excess()).isCloseTo(0.0, within(1e-6));
    assertThat(plan.maxCoverableShortfall().getAsDouble()).isCloseTo(400_000, within(1e-3));
    assertThat(plan.status()).isEqualTo(SolveStatus.FEASIBLE);
  }

  /** Above 400,000 (see above) the rule cannot cover the shortfall, and says how much it can. */
  @Test
  void reportsTheLargestCoverableShortfallWhenInfeasible() {
    SolveResult result = GREEDY.solve(workedExample(450_000).resolve());

    assertThat(result).isInstanceOf(SolveResult.Infeasible.class);
    SolveResult.Infeasible infeasible = (SolveResult.Infeasible) result;
    assertThat(infeasible.maxCoverableShortfall()).isCloseTo(400_000, within(1e-3));
    assertThat(infeasible.shortfall()).isEqualTo(450_000);
  }

  /**
   * The cap spills the sale into later periods. Q = 100,000, p = 10, m = 0.5, no costs, so each
   * unit sold frees 5. S = 75,000 needs 15,000 units; the cap is rho V tau = 0.1 * 100,000 * 1 =
   * 10,000 a period, so the rule sells 10,000 in period 1 and 5,000 in period 2. The excess is
   * -75,000 + 50,000 = -25,000 after period 1 and 0 after.
   */
  @Test
  void participationCapSpillsIntoTheNextPeriod() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(
                Asset.builder("A")
                    .quantity(100_000)
                    .price(10)
                    .adv(100_000)
                    .marginRate(0.5)
                    .maxParticipation(0.1)
                    .build())
            .horizon(Horizon.of(3, 1.0))
            .requirement(Requirement.margin().withShortfall(75_000))
            .build();

    Plan plan = GREEDY.plan(problem);

    assertThat(plan.table().units(0, 0)).isCloseTo(10_000, within(1e-6));
    assertThat(plan.table().units(0, 1)).isCloseTo(5_000, within(1e-6));
    assertThat(plan.table().units(0, 2)).isZero();
    assertThat(plan.periods().get(0).excess()).isCloseTo(-25_000, within(1e-6));
    assertThat(plan.periods().get(1).excess()).isCloseTo(0, within(1e-6));
    assertThat(plan.maxCoverableShortfall().getAsDouble()).isCloseTo(150_000, within(1e-3));
  }

  /**
   * The most liquid asset goes first, then the next. A: cap 0.1 * 50,000 = 5,000 units at 20 =
   * 100,000 notional a period; B: cap 0.1 * 100,000 = 10,000 units at 50 = 500,000, so B is first.
   * No costs, m = 0.5: a unit of A frees 10, a unit of B frees 25. S = 300,000: B sells its whole
   * cap of 10,000 (frees 250,000) and A the remaining 50,000 / 10 = 5,000, all in period 1. B is
   * ranked first in the hierarchy and the sequence.
   */
  @Test
  void sellsTheMostLiquidFirst() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(
                Asset.builder("A").quantity(20_000).price(20).adv(50_000).marginRate(0.5)
                    .maxParticipation(0.1).build())
            .asset(
                Asset.builder("B").quantity(20_000).price(50).adv(100_000).marginRate(0.5)
                    .maxParticipation(0.1).build())
            .requirement(Requirement.margin().withShortfall(300_000))
            .build();

    Plan plan = GREEDY.plan(problem);

    assertThat(plan.table().units(1, 0)).isCloseTo(10_000, within(1e-6));
    assertThat(plan.table().units(0, 0)).isCloseTo(5_000, within(1e-6));
    assertThat(plan.hierarchy().get(0).asset()).isEqualTo("B");
    assertThat(plan.trades().get(0).asset()).isEqualTo("B");
  }

  /**
   * A locked asset never trades, even when the rule comes up short: only the 10,000 units of B
   * can sell (A is locked), freeing 0.5 * 50 * 10,000 = 250,000 at most, below S = 300,000.
   */
  @Test
  void neverTradesALockedAsset() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(
                Asset.builder("A").quantity(20_000).price(20).adv(1e7).marginRate(0.5)
                    .locked(true).build())
            .asset(Asset.builder("B").quantity(10_000).price(50).adv(1e7).marginRate(0.5).build())
            .requirement(Requirement.margin().withShortfall(300_000))
            .build();

    SolveResult result = GREEDY.solve(problem.resolve());

    assertThat(result).isInstanceOf(SolveResult.Infeasible.class);
    assertThat(((SolveResult.Infeasible) result).maxCoverableShortfall())
        .isCloseTo(250_000, within(1e-3));
  }

  /**
   * retain.max forces a sale even with no shortfall: the account has cash 1e6 and holds 1,000
   * units at 10 with m = 1, so it has no shortfall, but retain.max = 400 closes 600 units, in the
   * first period. With no costs the excess does not move: selling frees 10 a unit of requirement
   * and loses nothing.
   */
  @Test
  void forcedSalesFromRetainMax() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(1e6)
            .asset(Asset.builder("A").quantity(1_000).price(10).adv(1e6).retain(0, 400).build())
            .horizon(Horizon.of(2, 1.0))
            .build();

    Plan plan = GREEDY.plan(problem);

    assertThat(plan.table().units(0, 0)).isCloseTo(600, within(1e-9));
    assertThat(plan.table().units(0, 1)).isZero();
  }

  /**
   * A schedule makes an early period count: S = 100,000 due by period 3, half of it by period 1.
   * The rule aims at the strongest bound still ahead, so it covers everything it can in period
   * 1: with a cap of 10,000 units freeing 5 each it frees 50,000 in period 1 (meeting the
   * schedule's -50,000 exactly) and 50,000 more in period 2.
   */
  @Test
  void scheduleIsMetOnTheWay() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(
                Asset.builder("A").quantity(100_000).price(10).adv(100_000).marginRate(0.5)
                    .maxParticipation(0.1).build())
            .horizon(Horizon.of(3, 1.0))
            .requirement(
                Requirement.margin()
                    .withShortfall(100_000)
                    .withSchedule(List.of(ScheduleStep.of(1, 0.5))))
            .build();

    Plan plan = GREEDY.plan(problem);

    assertThat(plan.periods().get(0).excess()).isCloseTo(-50_000, within(1e-6));
    assertThat(plan.periods().get(1).excess()).isCloseTo(0, within(1e-6));
  }

  private static DeleveragingProblem workedExample(double shortfall) {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(
            Asset.builder("A").quantity(100_000).price(10).adv(1e9).marginRate(0.5).eta(1e-5)
                .build())
        .requirement(Requirement.margin().withShortfall(shortfall))
        .build();
  }
}
