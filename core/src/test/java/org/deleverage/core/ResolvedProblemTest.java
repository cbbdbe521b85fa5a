package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvedProblemTest {

  /**
   * A: long 1000 at 50, V = 400, rho = 0.25, s = 0.001, f = 0.0002, u = 0.01, m = 0.4,
   *    retain [100, 900], sigma = 0.02.
   * B: short -200 at 30, V = 1000, locked, m = 1 (default), sigma = 0.01.
   * Cash 10,000, N = 4 periods of tau = 0.5, correlation 0.5.
   */
  private static DeleveragingProblem.Builder problem() {
    Asset a =
        Asset.builder("A").quantity(1000.0).price(50.0).adv(400.0).maxParticipation(0.25)
            .halfSpread(0.001).fee(0.0002).feePerUnit(0.01).marginRate(0.4).retain(100.0, 900.0)
            .volatility(0.02).build();
    Asset b =
        Asset.builder("B").quantity(-200.0).price(30.0).adv(1000.0).locked(true)
            .volatility(0.01).build();
    return DeleveragingProblem.builder()
        .cash(10_000.0)
        .asset(a)
        .asset(b)
        .dependence(Dependence.correlation(new double[][] {{1.0, 0.5}, {0.5, 1.0}}))
        .horizon(Horizon.of(4, 0.5));
  }

  @Test
  void perAssetFigures() {
    ResolvedProblem p = problem().build().resolve();
    assertThat(p.assetCount()).isEqualTo(2);
    assertThat(p.periods()).isEqualTo(4);
    assertThat(p.periodLength()).isEqualTo(0.5);
    assertThat(p.id(1)).isEqualTo("B");
    assertThat(p.held(1)).isEqualTo(200.0);
    assertThat(p.direction(1)).isEqualTo(-1);
    // cap = rho V tau = 0.25 * 400 * 0.5 = 50; a locked asset has cap 0.
    assertThat(p.periodCap(0)).isCloseTo(50.0, within(1e-12));
    assertThat(p.periodCap(1)).isEqualTo(0.0);
    // e = (0.001 + 0.0002) * 50 + 0.01 = 0.07.
    assertThat(p.costPerUnit(0)).isCloseTo(0.07, within(1e-15));
    // Sellable Q - retain.min = 900; forced Q - retain.max = 100.
    assertThat(p.sellableUnits(0)).isEqualTo(900.0);
    assertThat(p.forcedUnits(0)).isEqualTo(100.0);
    // Sigma_01 = 0.5 * (0.02 * 50) * (0.01 * 30) = 0.5 * 1 * 0.3 = 0.15; Sigma_00 = 1.
    assertThat(p.covariance(0, 1)).isCloseTo(0.15, within(1e-15));
    assertThat(p.covariance(0, 0)).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void shortfallFromTheAccount() {
    // E = 10,000 + 50,000 - 6,000 = 54,000; R = 0.4 * 50,000 + 1 * 6,000 = 26,000;
    // X_0 = 28,000 > 0, so S = 0.
    ResolvedProblem p = problem().build().resolve();
    assertThat(p.equity()).isCloseTo(54_000.0, within(1e-9));
    assertThat(p.marginRequirement()).isCloseTo(26_000.0, within(1e-9));
    assertThat(p.initialExcess()).isCloseTo(28_000.0, within(1e-9));
    assertThat(p.shortfall()).isEqualTo(0.0);
    // With cash -40,000: X_0 = -22,000, S = 22,000.
    ResolvedProblem call = problem().cash(-40_000.0).build().resolve();
    assertThat(call.initialExcess()).isCloseTo(-22_000.0, within(1e-9));
    assertThat(call.shortfall()).isCloseTo(22_000.0, within(1e-9));
  }

  @Test
  void aGivenShortfallSetsTheInitialExcess() {
    ResolvedProblem p =
        problem().requirement(Requirement.margin().withShortfall(5000.0)).build().resolve();
    assertThat(p.shortfall()).isEqualTo(5000.0);
    assertThat(p.initialExcess()).isEqualTo(-5000.0);
  }

  @Test
  void periodsBecomeZeroBased() {
    ResolvedProblem byDefault = problem().build().resolve();
    assertThat(byDefault.deadlineIndex()).isEqualTo(3);
    ResolvedProblem p =
        problem()
            .requirement(
                Requirement.margin()
                    .withDeadline(2)
                    .withBuffer(100.0)
                    .withSchedule(List.of(ScheduleStep.of(1, 0.25), ScheduleStep.of(3, 0.5))))
            .objective(Objective.of(2.0, 0.1, 0.2))
            .build()
            .resolve();
    assertThat(p.deadlineIndex()).isEqualTo(1);
    assertThat(p.buffer()).isEqualTo(100.0);
    assertThat(p.scheduleSize()).isEqualTo(2);
    assertThat(p.scheduleIndex(0)).isEqualTo(0);
    assertThat(p.scheduleIndex(1)).isEqualTo(2);
    assertThat(p.scheduleFraction(1)).isEqualTo(0.5);
    assertThat(p.costWeight()).isEqualTo(2.0);
    assertThat(p.riskAversion()).isEqualTo(0.1);
    assertThat(p.residualRiskAversion()).isEqualTo(0.2);
  }

  @Test
  void aFactorModelGivesTheCovarianceEntryByEntry() {
    // One factor, B = (1, -0.5), F = 0.04, D = (0.01, 0.02), p = (50, 30):
    // Omega = [[0.04 + 0.01, -0.02], [-0.02, 0.01 + 0.02]], Sigma_ij = p_i p_j Omega_ij
    // = [[2500 * 0.05, 1500 * -0.02], [-30, 900 * 0.03]] = [[125, -30], [-30, 27]].
    ResolvedProblem p =
        problem()
            .dependence(
                Dependence.factor(
                    new double[][] {{1.0}, {-0.5}}, new double[][] {{0.04}},
                    new double[] {0.01, 0.02}))
            .build()
            .resolve();
    assertThat(p.priceCovariance().isFactorModel()).isTrue();
    assertThat(p.covariance(0, 0)).isCloseTo(125.0, within(1e-12));
    assertThat(p.covariance(0, 1)).isCloseTo(-30.0, within(1e-12));
    assertThat(p.covariance(1, 0)).isCloseTo(-30.0, within(1e-12));
    assertThat(p.covariance(1, 1)).isCloseTo(27.0, within(1e-12));
  }
}
