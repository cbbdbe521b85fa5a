package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TransientImpact;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;

/**
 * The optimiser on transient impact (MODEL.md section 9): the published closed form of Obizhaeva
 * and Wang's discrete-time problem to 1e-8.
 */
class TransientImpactTest {

  private static final InteriorPointSolver SOLVER = Solvers.optimal();

  /**
   * Obizhaeva and Wang (2013), "Optimal trading strategy and supply/demand dynamics", Journal of
   * Financial Markets 16(1), 1-32: a risk-neutral trader liquidates X units in N trades tau apart
   * on a block-shaped book of depth q = 1 / kappa whose displacement decays as exp(-rho t). Their
   * discrete-time optimum (solved explicitly by Alfonsi, Fruth and Schied, "Optimal execution
   * strategies in limit order books with general shape functions", Quantitative Finance 10(2),
   * 2010, 143-157, for the block-shaped book, https://arxiv.org/abs/0708.1756) trades a block at
   * each end and a constant amount between:
   *
   * <pre>
   *   n_1 = n_N = X / (2 + (N - 2)(1 - a)),    n_k = (1 - a) n_1 (1 &lt; k &lt; N),    a = exp(-rho tau)
   * </pre>
   *
   * It follows from MODEL.md section 9: the cost is (kappa / 2) n' G n with G_jk = a^|j-k|, whose
   * inverse is tridiagonal, G^-1 1 = [1, 1 - a, ..., 1 - a, 1] / (1 + a); minimising n' G n with
   * sum n = X gives n proportional to G^-1 1, and the least cost is (kappa / 2) X^2 / (1' G^-1
   * 1) = kappa X^2 (1 + a) / (2 (2 + (N - 2)(1 - a))). Here X = 100,000, kappa = 1e-4 (a depth of
   * 10,000 units per unit of price), half-life 0.5 day and tau = 0.25 day, so a = 2^-0.5, N = 10:
   * n_1 = 100,000 / (2 + 8 (1 - 0.70711)) = 23,016.6..., interior 6,741.4..., cost 146,937....
   * With no spread, fee, permanent impact or risk aversion and an account with excess (no margin
   * constraint binds) the problem is exactly theirs.
   */
  @Test
  void reproducesTheObizhaevaWangDiscreteOptimum() {
    double quantity = 100_000;
    double kappa = 1e-4;
    double halfLife = 0.5;
    double tau = 0.25;
    int periods = 10;
    DeleveragingProblem problem = liquidation(quantity, kappa, halfLife, tau, periods);

    Plan plan = SOLVER.plan(problem);

    double a = Math.pow(2, -tau / halfLife);
    double denominator = 2 + (periods - 2) * (1 - a);
    double end = quantity / denominator;
    for (int k = 0; k < periods; k++) {
      double expected = k == 0 || k == periods - 1 ? end : (1 - a) * end;
      assertThat(plan.table().units(0, k)).isCloseTo(expected, within(1e-8 * expected));
    }
    double cost = kappa * quantity * quantity * (1 + a) / (2 * denominator);
    assertThat(plan.expectedLoss()).isCloseTo(cost, within(1e-8 * cost));
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
  }

  /**
   * Instant resilience: a half-life of 1e-6 day with tau = 1 leaves a = 2^-1e6 = 0, and transient
   * impact kappa is linear impact eta = kappa tau / 2 (MODEL.md section 9.1). On a margin call (Q =
   * 100,000 long at 10, m = 0.5, S = 100,000, four periods, risk aversion 1e-6 at 2% volatility,
   * so the plan spreads its sales) the optimiser finds the same plan for both, to 1e-8. The
   * transient instance takes the whole-matrix Newton system, the linear one the per-asset path:
   * two different solves of the same program.
   */
  @Test
  void instantResilienceGivesTheLinearModelsPlan() {
    double kappa = 2e-5;
    DeleveragingProblem decaying = marginCall(TransientImpact.of(kappa, 1e-6));
    DeleveragingProblem linear = marginCall(LinearTemporaryImpact.of(kappa / 2));

    Plan transientPlan = SOLVER.plan(decaying);
    Plan linearPlan = SOLVER.plan(linear);

    for (int k = 0; k < 4; k++) {
      assertThat(transientPlan.table().units(0, k))
          .isCloseTo(linearPlan.table().units(0, k), within(1e-8 * 100_000));
    }
    double objective = linearPlan.objective().total();
    assertThat(transientPlan.objective().total())
        .isCloseTo(objective, within(1e-8 * objective));
    assertThat(transientPlan.shadowPrice().getAsDouble())
        .isCloseTo(linearPlan.shadowPrice().getAsDouble(),
            within(1e-6 * linearPlan.shadowPrice().getAsDouble()));
    assertThat(transientPlan.status()).isEqualTo(SolveStatus.OPTIMAL);
  }

  /**
   * The Newton system of an instance with a transient asset factors a dense block: the asset's N
   * periods when no risk couples the assets, all f N trade variables when it does. Either block
   * is limited to {@value InteriorPointSolver#MAX_TRANSIENT_VARIABLES} variables: one asset over
   * 2,001 periods fails at once with the reason, and so do two correlated assets with risk
   * aversion over 1,001 periods (2,002 variables); five uncorrelated assets (one transient) over
   * 500 periods, 2,500 variables in all but a block of 500, solve to a certified optimum.
   */
  @Test
  void aTransientInstanceBeyondTheDenseLimitFailsWithTheReason() {
    SolveResult alone = SOLVER.solve(liquidation(1_000, 1e-4, 0.5, 0.01, 2_001).resolve());
    SolveResult correlated = SOLVER.solve(pair(1_001, 0.5, 1e-8).resolve());
    SolveResult separate = SOLVER.solve(five(500).resolve());

    assertThat(alone).isInstanceOf(SolveResult.Failed.class);
    assertThat(((SolveResult.Failed) alone).reason())
        .contains("at most 2000 periods, here 2001");
    assertThat(correlated).isInstanceOf(SolveResult.Failed.class);
    assertThat(((SolveResult.Failed) correlated).reason())
        .contains("at most 2000 trade variables", "here 2002");
    assertThat(separate).isInstanceOf(SolveResult.Solved.class);
    assertThat(separate.plan().status()).isEqualTo(SolveStatus.OPTIMAL);
  }

  /**
   * The two factorisations agree: two assets, one transient, over 12 periods, solved with a
   * correlation of 0.6 and risk aversion (the matrix whole) and with the correlation 0.6 but no
   * risk aversion (blocks per asset, since no risk term couples them), each certified optimal,
   * and the second equal to the same instance with independent returns, whose risk is zero too.
   */
  @Test
  void theWholeAndTheBlockFactorisationsBothCertify() {
    Plan whole = SOLVER.plan(pair(12, 0.6, 1e-8));
    Plan blocks = SOLVER.plan(pair(12, 0.6, 0.0));
    Plan independent = SOLVER.plan(pair(12, 0.0, 0.0));

    assertThat(whole.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(blocks.status()).isEqualTo(SolveStatus.OPTIMAL);
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 12; k++) {
        assertThat(blocks.table().units(i, k))
            .isCloseTo(independent.table().units(i, k), within(1e-8 * 50_000));
      }
    }
  }

  /**
   * The convexity condition of MODEL.md section 10 with the transient bound: kappa = 3e-5 and a
   * = 2^(-0.1 / 0.1) = 0.5 give kappa (1 - a) / (1 + a) = 1e-5; over N = 4 periods the expected
   * loss needs it to be at least gamma (N + 1) = 5 gamma. gamma = 1.9e-6 (5 gamma = 9.5e-6)
   * passes and solves to a certified optimum; gamma = 2.1e-6 (1.05e-5) is refused, naming the
   * asset, the rule and the transient bound.
   */
  @Test
  void theConvexityConditionUsesTheKernelsLeastEigenvalue() {
    Plan plan = SOLVER.plan(withGamma(1.9e-6));

    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SOLVER.plan(withGamma(2.1e-6)))
        .isInstanceOf(org.deleverage.InvalidInputException.class)
        .hasMessageContaining("assets[0]")
        .hasMessageContaining("kappa >= gamma (N + 1)")
        .hasMessageContaining("kappa (1 - a) / (1 + a) for transient impact")
        .hasMessageContaining("1.00000e-05 < 1.05000e-05");
  }

  private static DeleveragingProblem withGamma(double gamma) {
    return DeleveragingProblem.builder()
        .cash(-300_000)
        .asset(Asset.builder("G").quantity(50_000).price(10).adv(1e9).marginRate(0.5)
            .temporaryImpact(TransientImpact.of(3e-5, 0.1)).gamma(gamma).build())
        .horizon(Horizon.of(4, 0.1))
        .requirement(Requirement.margin().withShortfall(50_000))
        .build();
  }

  /** A transient long and a linear long, correlated by rho, on a margin call. */
  private static DeleveragingProblem pair(int periods, double rho, double riskAversion) {
    return DeleveragingProblem.builder()
        .cash(-300_000)
        .asset(Asset.builder("T").quantity(50_000).price(10).volatility(0.02).adv(1e9)
            .marginRate(0.5).temporaryImpact(TransientImpact.of(1e-5, 0.5)).build())
        .asset(Asset.builder("L").quantity(40_000).price(20).volatility(0.02).adv(1e9)
            .marginRate(0.5).eta(2e-6).build())
        .dependence(org.deleverage.core.Dependence.correlation(
            new double[][] {{1, rho}, {rho, 1}}))
        .horizon(Horizon.of(periods, 0.1))
        .requirement(Requirement.margin().withShortfall(200_000))
        .objective(Objective.of(1.0, riskAversion, 0.0))
        .build();
  }

  /** Five independent longs, the first transient, the others linear, on a margin call. */
  private static DeleveragingProblem five(int periods) {
    DeleveragingProblem.Builder builder = DeleveragingProblem.builder().cash(-600_000);
    for (int i = 0; i < 5; i++) {
      Asset.Builder asset = Asset.builder("A" + i).quantity(40_000).price(10 + i).volatility(0.02)
          .adv(1e9).marginRate(0.5);
      builder.asset(i == 0 ? asset.temporaryImpact(TransientImpact.of(1e-5, 0.05)).build()
          : asset.eta(1e-6 * (1 + i)).build());
    }
    return builder.horizon(Horizon.of(periods, 0.01))
        .requirement(Requirement.margin().withShortfall(200_000))
        .objective(Objective.of(1.0, 1e-8, 0.0))
        .build();
  }

  private static DeleveragingProblem marginCall(TemporaryImpactModel impact) {
    return DeleveragingProblem.builder()
        .cash(-600_000)
        .asset(Asset.builder("M").quantity(100_000).price(10).volatility(0.02).adv(1e9)
            .marginRate(0.5).temporaryImpact(impact).build())
        .horizon(Horizon.of(4, 1.0))
        .requirement(Requirement.margin().withShortfall(100_000))
        .objective(Objective.of(1.0, 1e-6, 0.0))
        .build();
  }

  private static DeleveragingProblem liquidation(
      double quantity, double kappa, double halfLife, double tau, int periods) {
    return DeleveragingProblem.builder()
        .cash(1e9)
        .asset(Asset.builder("OW").quantity(quantity).price(50).adv(1e12).marginRate(1.0)
            .temporaryImpact(TransientImpact.of(kappa, halfLife)).retain(0, 0).build())
        .horizon(Horizon.of(periods, tau))
        .objective(Objective.of(1.0, 0.0, 0.0))
        .build();
  }
}
