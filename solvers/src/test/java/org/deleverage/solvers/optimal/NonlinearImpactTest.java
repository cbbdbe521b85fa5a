package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InfeasibleShortfallException;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.models.BookLevel;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.PowerLawTemporaryImpact;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked optima under power-law and order-book impact, to the optimiser's 1e-8 relative
 * tolerance, each with its derivation.
 */
class NonlinearImpactTest {

  private static final InteriorPointSolver SOLVER = Solvers.optimal();

  // p = 40, m = 0.5; 1,000 units at 5 bp, 2,000 at 10 bp, 3,000 at 25 bp. Relief per unit sold at
  // each level: m p - p o = 20 - 0.02 = 19.98, 20 - 0.04 = 19.96, 20 - 0.1 = 19.9.
  private static final OrderBookTemporaryImpact LADDER =
      OrderBookTemporaryImpact.of(
          BookLevel.of(0.0005, 1_000), BookLevel.of(0.0010, 2_000), BookLevel.of(0.0025, 3_000));

  /**
   * Close Q = 130,000 units over two periods of a day with the square-root law, risk aversion on
   * what is left after the first period. With a = c sigma p / (tau V)^(1/2) = 0.5 * 0.02 * 20 /
   * 1000 = 2e-4 and x = Q - n_1 = n_2, the objective is
   *
   * <pre>
   *   a n_1^(3/2) + a (Q - n_1)^(3/2) + lambda tau (sigma p)^2 (Q - n_1)^2
   * </pre>
   *
   * strictly convex; its first-order condition is (3/2) a (sqrt(n_1) - sqrt(Q - n_1)) = 2 lambda
   * tau (sigma p)^2 (Q - n_1). At n_1 = 90,000, n_2 = 40,000 the left side is 1.5 * 2e-4 * (300 -
   * 200) = 0.03 and the right is 2 lambda * 0.16 * 40,000 = 12,800 lambda, so lambda = 0.03 /
   * 12,800 = 2.34375e-6 makes (90,000, 40,000) the optimum. Expected loss a (90,000^1.5 +
   * 40,000^1.5) = 2e-4 (2.7e7 + 8e6) = 7,000; timing variance 0.16 * 40,000^2 = 2.56e8.
   */
  @Test
  void squareRootLawClosingOverTwoPeriodsMeetsItsFirstOrderCondition() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(1e8)
            .asset(
                Asset.builder("A").quantity(130_000).price(20).volatility(0.02).adv(1e6)
                    .temporaryImpact(PowerLawTemporaryImpact.squareRoot(0.5))
                    .retain(0, 0).build())
            .horizon(Horizon.of(2, 1.0))
            .objective(Objective.of(1.0, 2.34375e-6, 0.0))
            .build();

    Plan plan = SOLVER.plan(problem);

    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 0)).isCloseTo(90_000, within(1e-8 * 130_000));
    assertThat(plan.table().units(0, 1)).isCloseTo(40_000, within(1e-8 * 130_000));
    assertThat(plan.expectedLoss()).isCloseTo(7_000, within(1e-8 * 7_000));
    assertThat(plan.objective().timingVariance()).isCloseTo(2.56e8, within(1e-8 * 2.56e8));
  }

  /**
   * One period, raise S = 50,000 of margin from the ladder above. The first level frees 1,000 *
   * 19.98 = 19,980; the rest, 30,020, comes from the second level at 19.96 per unit: 30,020 /
   * 19.96 = 1,504.00802 units. n = 2,504.00802, loss = 40 (0.0005 * 1,000 + 0.0010 * 1,504.00802)
   * = 80.160321; one more unit of shortfall needs 1 / 19.96 more units at 0.04 each, so mu = 0.04
   * / 19.96 = 0.00200401. The whole ladder frees 19,980 + 39,920 + 59,700 = 119,600, S_max.
   */
  @Test
  void aMarginCallWalksTheBookIntoItsSecondLevel() {
    Plan plan = SOLVER.plan(bookProblem(1, 50_000));

    double units = 1_000 + 30_020 / 19.96;
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 0)).isCloseTo(units, within(1e-8 * units));
    assertThat(plan.expectedLoss())
        .isCloseTo(40 * (0.5 + 0.001 * (units - 1_000)), within(1e-8 * 80.16));
    assertThat(plan.shadowPrice().getAsDouble()).isCloseTo(0.04 / 19.96, within(1e-8));
    assertThat(plan.maxCoverableShortfall().getAsDouble())
        .isCloseTo(119_600, within(1e-8 * 119_600));
  }

  /**
   * Two periods, the book refilling in between: each period's first 1,000 units cost 5 bp, so the
   * optimum takes 2 * 19,980 = 39,960 from the first levels and the other 10,040 from second
   * levels, 10,040 / 19.96 = 503.006 units (split between the periods in any way: the loss is the
   * same). Loss 40 (0.0005 * 2,000 + 0.0010 * 503.006) = 60.120240, less than one period's
   * 80.160321. S_max doubles to 239,200.
   */
  @Test
  void theBookRefillsBetweenPeriods() {
    Plan plan = SOLVER.plan(bookProblem(2, 50_000));

    double second = 10_040 / 19.96;
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().traded(0)).isCloseTo(2_000 + second, within(1e-6 * 2_503));
    assertThat(plan.expectedLoss())
        .isCloseTo(40 * (1.0 + 0.001 * second), within(1e-8 * 60.12));
    assertThat(plan.maxCoverableShortfall().getAsDouble())
        .isCloseTo(239_200, within(1e-8 * 239_200));
    assertThat(plan.evaluation().feasible()).isTrue();
  }

  /** Beyond the ladder's depth in every period nothing more can be sold: infeasible, with S_max. */
  @Test
  void sellingBeyondTheLadderIsInfeasible() {
    assertThatThrownBy(() -> SOLVER.plan(bookProblem(1, 120_000)))
        .isInstanceOf(InfeasibleShortfallException.class)
        .satisfies(
            e ->
                assertThat(((InfeasibleShortfallException) e).maxCoverableShortfall())
                    .isCloseTo(119_600, within(1e-8 * 119_600)));
  }

  /**
   * An order book has no curvature, so with permanent impact gamma > 0 the expected loss is not
   * convex (MODEL.md section 4 needs the temporary curvature to dominate gamma (N + 1)).
   */
  @Test
  void anOrderBookWithPermanentImpactIsNotConvex() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(
                Asset.builder("B").quantity(10_000).price(40).adv(1e6).marginRate(0.5)
                    .temporaryImpact(LADDER).gamma(1e-6).build())
            .requirement(Requirement.margin().withShortfall(50_000))
            .build();

    assertThatThrownBy(() -> SOLVER.plan(problem))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("assets[0]: not convex: the expected loss is convex in the trades"
            + " of B only if kappa >= gamma (N + 1)");
  }

  /**
   * A book mixing the three models with correlated risk: no hand value, but the plan must be
   * certified optimal, pass the evaluator, and cost no more than any baseline.
   */
  @Test
  void aMixedBookIsCertifiedOptimal() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(-2.0e6)
            .asset(Asset.builder("LIN").quantity(60_000).price(50).volatility(0.02).adv(4e5)
                .marginRate(0.3).halfSpread(2e-4).eta(2e-6).gamma(1e-7).build())
            .asset(Asset.builder("POW").quantity(40_000).price(80).volatility(0.025).adv(3e5)
                .marginRate(0.3).halfSpread(3e-4)
                .temporaryImpact(PowerLawTemporaryImpact.of(0.142, 0.6)).build())
            .asset(Asset.builder("BOOK").quantity(20_000).price(40).volatility(0.03).adv(2e5)
                .marginRate(0.5).temporaryImpact(LADDER).build())
            .dependence(Dependence.correlation(new double[][] {
                {1.0, 0.5, 0.3}, {0.5, 1.0, 0.4}, {0.3, 0.4, 1.0}}))
            .horizon(Horizon.of(4, 1.0))
            .requirement(Requirement.margin().withShortfall(600_000).withDeadline(3))
            .objective(Objective.of(1.0, 1e-7, 0.0))
            .build();

    Plan plan = SOLVER.plan(problem);

    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(Evaluator.DEFAULT.evaluate(problem.resolve(), plan.table()).feasible()).isTrue();
    for (String baseline : new String[] {"pro-rata", "greedy"}) {
      Plan other = Solvers.named(baseline).orElseThrow().plan(problem);
      assertThat(plan.objective().total())
          .isLessThanOrEqualTo(other.objective().total() * (1 + 1e-9));
    }
  }

  private static DeleveragingProblem bookProblem(int periods, double shortfall) {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("B").quantity(20_000).price(40).adv(1e6).marginRate(0.5)
            .temporaryImpact(LADDER).build())
        .horizon(Horizon.of(periods, 1.0))
        .requirement(Requirement.margin().withShortfall(shortfall))
        .build();
  }
}
