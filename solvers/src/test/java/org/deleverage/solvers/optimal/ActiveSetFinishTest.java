package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.models.BookLevel;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.junit.jupiter.api.Test;

/**
 * The active-set finish: trades on a bound come back exactly on it, free trades and multipliers
 * to working precision, and the certificate then closes to about 1e-12 instead of stopping near
 * 1e-8 as the interior point alone does.
 */
class ActiveSetFinishTest {

  /**
   * The general method: several cases here have one period and no coupling risk, which the
   * separable path would otherwise solve without the finish (SeparablePathTest checks that path).
   */
  private static final InteriorPointSolver SOLVER =
      new InteriorPointSolver(InteriorPointOptions.DEFAULTS.withSeparable(false));

  /**
   * MODEL.md section 7: Q = 100,000, p = 10, m = 0.5, eta = 1e-5, one period, S = 100,000. The
   * excess after selling n is -100,000 + 5 n - 1e-5 n^2, whose smaller root n = (5 - sqrt(21)) /
   * 2e-5 = 20,871.215252... is the optimum; loss 1e-5 n^2 = 4,356.0761...; stationarity 2 eta n =
   * mu (5 - 2 eta n) gives mu = 2 eta n / (5 - 2 eta n) = 0.0910894.... The finished plan meets
   * all three to 1e-12 relative, four orders of magnitude inside the certificate's 1e-8.
   */
  @Test
  void theWorkedExampleToWorkingPrecision() {
    Plan plan = SOLVER.plan(workedExample());
    double n = (5 - Math.sqrt(21)) / 2e-5;
    double mu = 2e-5 * n / (5 - 2e-5 * n);

    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 0)).isCloseTo(n, within(1e-12 * n));
    assertThat(plan.expectedLoss()).isCloseTo(1e-5 * n * n, within(1e-12 * 1e-5 * n * n));
    assertThat(plan.shadowPrice().getAsDouble()).isCloseTo(mu, within(1e-11 * mu));
    assertThat(gap(workedExample().resolve(), plan)).isLessThan(1e-12);
  }

  /**
   * The worked example at its largest coverable shortfall: the excess 5 n - 1e-5 n^2 rises on all
   * of [0, 100,000], so selling everything frees the most, 5e5 - 1e5 = 400,000 = S_max. At S =
   * S_max the only plan that covers it sells all 100,000 units; it is optimal, with S_max exact,
   * and its shadow price is unbounded (reported absent, and said to be unbounded).
   */
  @Test
  void atTheLargestCoverableShortfallThePlanIsOptimalAndItsPriceUnbounded() {
    DeleveragingProblem problem = DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(100_000).price(10).volatility(0.01).adv(1e6)
            .marginRate(0.5).eta(1e-5).maxParticipation(1.0).build())
        .horizon(Horizon.of(1, 1.0))
        .requirement(Requirement.margin().withShortfall(400_000))
        .build();

    Plan plan = SOLVER.plan(problem);

    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.maxCoverableShortfall().getAsDouble())
        .isCloseTo(400_000, within(1e-12 * 400_000));
    assertThat(plan.table().units(0, 0)).isEqualTo(100_000.0);
    assertThat(plan.shadowPrice()).isEmpty();
    assertThat(plan.shadowPriceUnbounded()).isTrue();
  }

  /**
   * Cash call over two periods of a day, one asset on a two-level book that refills: level 1 of
   * 100 units at 1 bp, level 2 of 100 units at 10 bp, p = 100, no other cost, so a unit raises
   * 99.99 from level 1 and 99.9 from level 2. S = 24,993 = 200 * 99.99 + 50 * 99.9 needs both
   * periods' level 1 and 50 units of level 2. Where those 50 units go changes no cost; the timing
   * risk lambda tau (sigma p)^2 (r_1^2 + r_2^2), with (sigma p)^2 = 4 and lambda = 1e-6, prefers
   * period 1 (it lowers r_1 and leaves r_2 as it is), and is far too small (2 * 4e-6 * r < 0.02
   * per unit) to pay for a unit more at 0.1. The optimum is n = (150, 100): period 2 sits exactly
   * at the end of level 1, a kink of the cost, and comes back exactly there.
   */
  @Test
  void aTradeAtTheEndOfABookLevelComesBackExactlyThere() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(Asset.builder("C").quantity(1000).price(100).volatility(0.02).adv(1e6)
                .temporaryImpact(OrderBookTemporaryImpact.of(
                    BookLevel.of(0.0001, 100), BookLevel.of(0.001, 100)))
                .marginRate(0.5).maxParticipation(1.0).build())
            .horizon(Horizon.of(2, 1.0))
            .requirement(Requirement.cash(24_993))
            .objective(Objective.of(1.0, 1e-6, 0.0))
            .build();

    Plan plan = SOLVER.plan(problem);

    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 1)).isEqualTo(100.0);
    assertThat(plan.table().units(0, 0)).isCloseTo(150, within(1e-9));
    assertThat(gap(problem.resolve(), plan)).isLessThan(1e-12);
  }

  /**
   * The README's two-asset example at a shortfall of 238.444 (a point of its cost curve), which
   * the interior point alone certified only within 1.1e-7: ACME is not sold at all and BETA only
   * up to the deadline; those trades come back exactly 0, and the plan is certified to 1e-12.
   */
  @Test
  void untradedPeriodsComeBackExactlyZero() {
    DeleveragingProblem problem = readme(238.44401041530836);

    Plan plan = SOLVER.plan(problem);

    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().row(0)).containsOnly(0.0);
    assertThat(plan.table().units(1, 3)).isEqualTo(0.0);
    assertThat(plan.table().units(1, 4)).isEqualTo(0.0);
    assertThat(gap(problem.resolve(), plan)).isLessThan(1e-12);
  }

  /** The certificate's relative bound on the plan, with its own shadow price. */
  private static double gap(ResolvedProblem problem, Plan plan) {
    TradeTable table = plan.table();
    int n = problem.assetCount();
    int periods = problem.periods();
    Formulation.LinearMultipliers none = new Formulation.LinearMultipliers(
        new double[n][periods], new double[n][periods], new double[n], new double[n]);
    double bound = OptimalityCertificate.gap(
        problem, table, new double[] {plan.shadowPrice().getAsDouble()}, none);
    return bound / Math.max(1.0, Math.abs(plan.objective().total()));
  }

  private static DeleveragingProblem workedExample() {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(100_000).price(10).volatility(0.01).adv(1e6)
            .marginRate(0.5).eta(1e-5).maxParticipation(1.0).build())
        .horizon(Horizon.of(1, 1.0))
        .requirement(Requirement.margin().withShortfall(100_000))
        .build();
  }

  /** The README's QuickStart problem with the shortfall given. */
  private static DeleveragingProblem readme(double shortfall) {
    return DeleveragingProblem.builder()
        .cash(-11_000_000)
        .asset(Asset.builder("ACME").quantity(200_000).price(50).volatility(0.02)
            .adv(4_000_000).halfSpread(0.0005).marginRate(0.25)
            .eta(2.5e-6).gamma(2.5e-7).maxParticipation(0.1).build())
        .asset(Asset.builder("BETA").quantity(100_000).price(50).volatility(0.03)
            .adv(500_000).halfSpread(0.001).marginRate(0.5)
            .eta(2e-5).gamma(1e-6).maxParticipation(0.1).build())
        .horizon(Horizon.of(5, 1.0))
        .requirement(Requirement.margin().withShortfall(shortfall).withDeadline(3))
        .build();
  }
}
