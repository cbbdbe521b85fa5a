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
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Side;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked optima, each with its derivation, and the Almgren-Chriss closed form. Tolerances are
 * 1e-8 relative, the optimiser's contract.
 */
class InteriorPointSolverTest {

  private static final InteriorPointSolver SOLVER = Solvers.optimal();

  /**
   * MODEL.md section 7: one long, Q = 100,000, p = 10, m = 0.5, eta = 1e-5, S = 100,000. X_1 =
   * -100,000 + 5n - 1e-5 n^2 >= 0 first holds at n = (5 - sqrt(21)) / 2e-5 = 20,871.2152..., and
   * every further unit only adds loss, so that is the optimum: loss 1e-5 n^2 = 4,356.0760...
   * Stationarity 2 eta n = mu (5 - 2 eta n) gives mu = 0.091089..., and selling everything frees
   * 5e5 - 1e5 = 400,000, the largest coverable shortfall.
   */
  @Test
  void workedExampleOfTheModel() {
    Plan plan = SOLVER.plan(singleLong(1e-5, 100_000));

    double n = (5 - Math.sqrt(21)) / 2e-5;
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 0)).isCloseTo(n, within(1e-8 * n));
    assertThat(plan.expectedLoss()).isCloseTo(1e-5 * n * n, within(1e-8 * 4356));
    assertThat(plan.shadowPrice().getAsDouble())
        .isCloseTo(2e-5 * n / (5 - 2e-5 * n), within(1e-8 * 0.091));
    assertThat(plan.maxCoverableShortfall().getAsDouble()).isCloseTo(400_000, within(1e-8 * 4e5));
  }

  /**
   * Almgren and Chriss (2000), section 4: liquidating X units over N periods of tau with linear
   * impact, minimising E + lambda V, follows x_j = X sinh(kappa (T - t_j)) / sinh(kappa T), where
   * (2 / tau^2) (cosh(kappa tau) - 1) = lambda sigma^2 / eta~ and eta~ = eta - gamma tau / 2;
   * their equations give
   *
   * <pre>
   *   E = gamma X^2 / 2 + eta~ X^2 tanh(kappa tau / 2) (tau sinh(2 kappa T) + 2 T sinh(kappa tau))
   *       / (2 tau^2 sinh^2(kappa T))
   *   V = sigma^2 X^2 (tau sinh(kappa T) cosh(kappa (T - tau)) - T sinh(kappa tau))
   *       / (2 sinh^2(kappa T) sinh(kappa tau))
   * </pre>
   *
   * Here E is MODEL.md's L_N for a full liquidation (gamma (Q c - c^2/2 - sum n^2/2) + eta/tau sum
   * n^2 = gamma X^2/2 + eta~/tau sum n^2 at c = X) and V is tau sum_k x_k' Sigma x_k, so with no
   * shortfall, retain 0..0 and sigma = volatility * price the optimum is this trajectory.
   */
  @Test
  void almgrenChrissSingleAsset() {
    double quantity = 100_000;
    double price = 50;
    double volatility = 0.02;
    double eta = 2.5e-6;
    double gamma = 2.5e-7;
    double lambda = 1e-7;
    int periods = 10;
    double tau = 1.0;
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(1e7)
            .asset(closing("A", quantity, price, volatility, eta, gamma))
            .horizon(Horizon.of(periods, tau))
            .objective(Objective.of(1.0, lambda, 0.0))
            .build();

    Plan plan = SOLVER.plan(problem);

    AlmgrenChriss expected =
        new AlmgrenChriss(quantity, volatility * price, eta, gamma, lambda, periods, tau);
    double[] row = plan.table().row(0);
    double remaining = quantity;
    for (int k = 0; k < periods; k++) {
      remaining -= row[k];
      assertThat(remaining).isCloseTo(expected.remaining(k + 1), within(1e-8 * quantity));
    }
    assertThat(plan.expectedLoss()).isCloseTo(expected.cost(), within(1e-8 * expected.cost()));
    assertThat(plan.objective().timingVariance())
        .isCloseTo(expected.variance(), within(1e-8 * expected.variance()));
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
  }

  /**
   * Two uncorrelated assets are two independent Almgren-Chriss problems: with a diagonal Sigma the
   * objective separates by asset, so each follows its own sinh trajectory.
   */
  @Test
  void twoUncorrelatedAssetsFollowTwoTrajectories() {
    double lambda = 2e-7;
    int periods = 8;
    double tau = 0.5;
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(1e7)
            .asset(closing("A", 80_000, 40, 0.015, 4e-6, 3e-7))
            .asset(closing("B", -30_000, 120, 0.03, 2e-5, 1e-6))
            .horizon(Horizon.of(periods, tau))
            .objective(Objective.of(1.0, lambda, 0.0))
            .build();

    Plan plan = SOLVER.plan(problem);

    AlmgrenChriss a = new AlmgrenChriss(80_000, 0.015 * 40, 4e-6, 3e-7, lambda, periods, tau);
    AlmgrenChriss b = new AlmgrenChriss(30_000, 0.03 * 120, 2e-5, 1e-6, lambda, periods, tau);
    double leftA = 80_000;
    double leftB = 30_000;
    for (int k = 0; k < periods; k++) {
      leftA -= plan.table().units(0, k);
      leftB -= plan.table().units(1, k);
      assertThat(leftA).isCloseTo(a.remaining(k + 1), within(1e-8 * 80_000));
      assertThat(leftB).isCloseTo(b.remaining(k + 1), within(1e-8 * 30_000));
    }
    assertThat(plan.expectedLoss())
        .isCloseTo(a.cost() + b.cost(), within(1e-8 * (a.cost() + b.cost())));
  }

  /**
   * Two correlated longs, one period, no costs but eta, no binding requirement (the account has
   * ample cash and m = 0). The objective is sum_i eta_i n_i^2 + lambda (Q - n)' Sigma (Q - n);
   * stationarity gives (diag(eta) + lambda Sigma) n = lambda Sigma Q. With Q = (1000, 2000), p =
   * 10, sigma = (0.02, 0.01), correlation 0.5: Sigma = [[0.04, 0.01], [0.01, 0.01]]; eta = (1e-3,
   * 2e-3), lambda = 0.05: [[3e-3, 5e-4], [5e-4, 2.5e-3]] n = (3, 1.5), determinant 7.25e-6, so n1 =
   * (3 * 2.5e-3 - 5e-4 * 1.5) / 7.25e-6 = 931.0344827... and n2 = (3e-3 * 1.5 - 5e-4 * 3) /
   * 7.25e-6 = 413.7931034...
   */
  @Test
  void twoCorrelatedAssetsOnePeriodByHand() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(1e6)
            .asset(Asset.builder("A").quantity(1000).price(10).volatility(0.02).adv(1e6)
                .marginRate(0).eta(1e-3).build())
            .asset(Asset.builder("B").quantity(2000).price(10).volatility(0.01).adv(1e6)
                .marginRate(0).eta(2e-3).build())
            .dependence(Dependence.correlation(new double[][] {{1, 0.5}, {0.5, 1}}))
            .objective(Objective.of(1.0, 0.05, 0.0))
            .build();

    Plan plan = SOLVER.plan(problem);

    assertThat(plan.table().units(0, 0)).isCloseTo(6.75e-3 / 7.25e-6, within(1e-8 * 1000));
    assertThat(plan.table().units(1, 0)).isCloseTo(3e-3 / 7.25e-6, within(1e-8 * 1000));
    assertThat(plan.shadowPrice().getAsDouble()).isCloseTo(0.0, within(1e-9));
  }

  /**
   * The same two assets with their risk from a factor model instead: Omega_ij = Sigma_ij / (p_i
   * p_j) = [[4e-4, 1e-4], [1e-4, 1e-4]] is B F B' + D with one factor, B = (0.01, 0.01), F = 1,
   * D = (3e-4, 0), and also with two factors B = [[0.004, 0.006], [0.007, 0.003]] and the singular
   * F = [[1, 1], [1, 1]] (B F B' = b b' with b = B (1, 1)' = (0.01, 0.01)). The volatilities play
   * no part in Sigma then. Stationarity is the same, so n1 = 6.75e-3 / 7.25e-6 = 931.0344827...
   * and n2 = 3e-3 / 7.25e-6 = 413.7931034..., whether the Newton systems take the factor risk in
   * low-rank form (here K' N = 1 <= 2 assets, the automatic choice) or in dense blocks.
   */
  @Test
  void twoAssetsWithTheirRiskFromAFactorModelByHand() {
    Dependence oneFactor =
        Dependence.factor(
            new double[][] {{0.01}, {0.01}}, new double[][] {{1.0}}, new double[] {3e-4, 0.0});
    Dependence singular =
        Dependence.factor(
            new double[][] {{0.004, 0.006}, {0.007, 0.003}},
            new double[][] {{1.0, 1.0}, {1.0, 1.0}},
            new double[] {3e-4, 0.0});
    InteriorPointSolver dense =
        new InteriorPointSolver(
            InteriorPointOptions.DEFAULTS.withFactorSolve(InteriorPointOptions.FactorSolve.DENSE));
    for (Dependence dependence : new Dependence[] {oneFactor, singular}) {
      for (InteriorPointSolver solver : new InteriorPointSolver[] {SOLVER, dense}) {
        DeleveragingProblem problem =
            DeleveragingProblem.builder()
                .cash(1e6)
                .asset(Asset.builder("A").quantity(1000).price(10).volatility(0.5).adv(1e6)
                    .marginRate(0).eta(1e-3).build())
                .asset(Asset.builder("B").quantity(2000).price(10).adv(1e6)
                    .marginRate(0).eta(2e-3).build())
                .dependence(dependence)
                .objective(Objective.of(1.0, 0.05, 0.0))
                .build();

        Plan plan = solver.plan(problem);

        assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
        assertThat(plan.table().units(0, 0)).isCloseTo(6.75e-3 / 7.25e-6, within(1e-8 * 1000));
        assertThat(plan.table().units(1, 0)).isCloseTo(3e-3 / 7.25e-6, within(1e-8 * 1000));
      }
    }
  }

  /**
   * The cap spreads a liquidation over periods. Close Q = 25,000 (retain 0..0) over N = 3 periods
   * with a cap of 0.1 * 100,000 = 10,000 a period, eta = 1e-6, price variance (0.02 * 10)^2 =
   * 0.04, lambda = 1e-4. With n3 = Q - n1 - n2, x1 = Q - n1, x2 = Q - n1 - n2, the objective
   * eta (n1^2 + n2^2 + n3^2) + lambda 0.04 (x1^2 + x2^2) has
   *
   * <pre>
   *   d/dn1 = 2 eta (n1 - n3) - 2 lambda 0.04 (x1 + x2),   d/dn2 = 2 eta (n2 - n3) - 2 lambda 0.04 x2
   * </pre>
   *
   * At n = (10,000, 10,000, 5,000): d/dn1 = 0.01 - 0.16 < 0 and d/dn2 = 0.01 - 0.04 < 0, so both
   * caps hold the optimum back and it sells 10,000, 10,000 and the last 5,000.
   */
  @Test
  void participationCapSpreadsTheSale() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(1e7)
            .asset(Asset.builder("A").quantity(25_000).price(10).volatility(0.02).adv(100_000)
                .maxParticipation(0.1).eta(1e-6).retain(0, 0).build())
            .horizon(Horizon.of(3, 1.0))
            .objective(Objective.of(1.0, 1e-4, 0.0))
            .build();

    Plan plan = SOLVER.plan(problem);

    assertThat(plan.table().units(0, 0)).isCloseTo(10_000, within(1e-8 * 25_000));
    assertThat(plan.table().units(0, 1)).isCloseTo(10_000, within(1e-8 * 25_000));
    assertThat(plan.table().units(0, 2)).isCloseTo(5_000, within(1e-8 * 25_000));
  }

  /**
   * A short bought back: Q = 50,000 at p = 20, m = 0.4, half spread 0.001 (e = 0.02 a unit), eta
   * = 2e-5, S = 100,000, one period. Buying back n frees 0.4 * 20 n = 8n of requirement and loses
   * e n + eta n^2, so X_1 = -100,000 + 7.98 n - 2e-5 n^2, which first reaches 0 at n = (7.98 -
   * sqrt(7.98^2 - 8)) / 4e-5 = 12,951.7...; stationarity (e + 2 eta n) = mu (7.98 - 2 eta n) gives
   * the shadow price. The trade is a BUY at p + e + eta n.
   */
  @Test
  void shortPositionIsBoughtBack() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(Asset.builder("S").quantity(-50_000).price(20).adv(1e9).marginRate(0.4)
                .halfSpread(0.001).eta(2e-5).build())
            .requirement(Requirement.margin().withShortfall(100_000))
            .build();

    Plan plan = SOLVER.plan(problem);

    double n = (7.98 - Math.sqrt(7.98 * 7.98 - 8)) / 4e-5;
    assertThat(plan.table().units(0, 0)).isCloseTo(n, within(1e-8 * n));
    assertThat(plan.trades().get(0).side()).isEqualTo(Side.BUY);
    assertThat(plan.trades().get(0).expectedPrice())
        .isCloseTo(20 + 0.02 + 2e-5 * n, within(1e-8 * 20));
    assertThat(plan.shadowPrice().getAsDouble())
        .isCloseTo((0.02 + 4e-5 * n) / (7.98 - 4e-5 * n), within(1e-8));
  }

  /**
   * A locked asset is never traded, even when it is the cheaper one: with A locked the optimum is
   * the single-asset optimum of B, which is MODEL.md section 7's example.
   */
  @Test
  void lockedAssetIsLeftAlone() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(Asset.builder("A").quantity(100_000).price(10).adv(1e9).marginRate(0.5)
                .eta(1e-7).locked(true).build())
            .asset(Asset.builder("B").quantity(100_000).price(10).adv(1e9).marginRate(0.5)
                .eta(1e-5).build())
            .requirement(Requirement.margin().withShortfall(100_000))
            .build();

    Plan plan = SOLVER.plan(problem);

    double n = (5 - Math.sqrt(21)) / 2e-5;
    assertThat(plan.table().row(0)).containsOnly(0.0);
    assertThat(plan.table().units(1, 0)).isCloseTo(n, within(1e-8 * n));
  }

  /**
   * The largest coverable shortfall of one long with eta = 5e-5 (Q = 100,000, p = 10, m = 0.5):
   * selling n frees 5n - 5e-5 n^2, at most at n = 5 / 1e-4 = 50,000 (inside the position), where it
   * frees 250,000 - 125,000 = 125,000. A shortfall of 200,000 is infeasible and says so.
   */
  @Test
  void infeasibleShortfallReportsTheLargestCoverable() {
    SolveResult result = SOLVER.solve(singleLong(5e-5, 200_000).resolve());

    assertThat(result).isInstanceOf(SolveResult.Infeasible.class);
    assertThat(((SolveResult.Infeasible) result).maxCoverableShortfall())
        .isCloseTo(125_000, within(1e-8 * 125_000));
    assertThatThrownBy(result::plan)
        .isInstanceOf(InfeasibleShortfallException.class)
        .hasMessageContaining("125000.00");
  }

  /**
   * A short with strong permanent impact breaks the concavity of the excess: with m = 0.5, k = 1
   * it needs 2 eta / tau >= gamma (1 + 2 k) = 3 gamma, here 2e-6 against 3e-6. The solver names
   * the asset and the condition, or, asked for a local solve, returns status local.
   */
  @Test
  void nonConvexInstanceIsRejectedUnlessALocalSolveIsAsked() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(0)
            .asset(Asset.builder("SHORTY").quantity(-10_000).price(10).adv(1e9).marginRate(0.5)
                .eta(1e-6).gamma(1e-6).build())
            .requirement(Requirement.margin().withShortfall(1_000))
            .objective(Objective.of(0.0, 0.0, 0.0))
            .build();

    assertThatThrownBy(() -> SOLVER.plan(problem))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("assets[0]")
        .hasMessageContaining("SHORTY")
        .hasMessageContaining("gamma (1 + (1 + 2 m) k)");

    Plan local =
        new InteriorPointSolver(InteriorPointOptions.DEFAULTS.withAllowLocal(true)).plan(problem);
    assertThat(local.status()).isEqualTo(SolveStatus.LOCAL);
  }

  private static DeleveragingProblem singleLong(double eta, double shortfall) {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(100_000).price(10).adv(1e9).marginRate(0.5).eta(eta)
            .build())
        .requirement(Requirement.margin().withShortfall(shortfall))
        .build();
  }

  private static Asset closing(
      String id, double quantity, double price, double volatility, double eta, double gamma) {
    return Asset.builder(id).quantity(quantity).price(price).volatility(volatility).adv(1e9)
        .marginRate(1.0).eta(eta).gamma(gamma).retain(0, 0).build();
  }

  /** The closed forms of Almgren and Chriss (2000), section 4, with no linear cost. */
  private record AlmgrenChriss(
      double quantity, double sigma, double eta, double gamma, double lambda, int periods,
      double tau) {

    double etaTilde() {
      return eta - gamma * tau / 2;
    }

    double kappa() {
      double kappaTildeSquared = lambda * sigma * sigma / etaTilde();
      return acosh(1 + kappaTildeSquared * tau * tau / 2) / tau;
    }

    double remaining(int j) {
      double t = periods * tau;
      return quantity * Math.sinh(kappa() * (t - j * tau)) / Math.sinh(kappa() * t);
    }

    double cost() {
      double k = kappa();
      double t = periods * tau;
      double sinhKt = Math.sinh(k * t);
      return gamma * quantity * quantity / 2
          + etaTilde() * quantity * quantity * Math.tanh(k * tau / 2)
              * (tau * Math.sinh(2 * k * t) + 2 * t * Math.sinh(k * tau))
              / (2 * tau * tau * sinhKt * sinhKt);
    }

    double variance() {
      double k = kappa();
      double t = periods * tau;
      double sinhKt = Math.sinh(k * t);
      return sigma * sigma * quantity * quantity
          * (tau * sinhKt * Math.cosh(k * (t - tau)) - t * Math.sinh(k * tau))
          / (2 * sinhKt * sinhKt * Math.sinh(k * tau));
    }

    private static double acosh(double x) {
      return Math.log(x + Math.sqrt(x * x - 1));
    }
  }
}
