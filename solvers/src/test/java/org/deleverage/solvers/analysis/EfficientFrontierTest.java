package org.deleverage.solvers.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Requirement;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.junit.jupiter.api.Test;

/**
 * One asset: Q = 1,000 at p = 100 with daily volatility 2% (sigma_p = 2, Sigma = 4), no spread,
 * eta = 0.01, gamma = 0.001, five periods of a day (convex: eta / tau = 0.01 >= gamma (N + 1) /
 * 2 = 0.003), caps far away. By MODEL.md sections 3 and 4 (Almgren and Chriss 2000):
 *
 * <ul>
 *   <li>sell everything now, n = (1,000, 0, 0, 0, 0): L = gamma (Q^2 - Q^2 / 2 - Q^2 / 2) +
 *       eta Q^2 = 10,000, and nothing is held after period 1, so the timing risk is 0;
 *   <li>sell evenly, n = 200 a day: L = gamma (Q^2 / 2 - 5 x 200^2 / 2) + 5 eta 200^2 = 400 +
 *       2,000 = 2,400; remaining 800, 600, 400, 200, 0, so tau sum Sigma r_k^2 = 4 x 1.2e6 =
 *       4.8e6 (= tau sigma_p^2 Q^2 (N - 1)(2N - 1) / (6N)), a standard deviation of 2,190.89.
 * </ul>
 */
class EfficientFrontierTest {

  @Test
  void theEndsAreTheClosedFormStrategiesAndTheSweepIsMonotone() {
    EfficientFrontier.Result frontier =
        EfficientFrontier.of(problem(), Solvers.optimal(), 6, 0.0, 1e-3, done -> { });

    assertThat(frontier.sellNow().expectedLoss()).isCloseTo(10_000, within(1e-9));
    assertThat(frontier.sellNow().timingRisk()).isCloseTo(0.0, within(1e-9));
    assertThat(frontier.sellEvenly().expectedLoss()).isCloseTo(2_400, within(1e-9));
    assertThat(frontier.sellEvenly().timingRisk())
        .isCloseTo(Math.sqrt(4 * 1e6 * 4 * 9 / 30.0), within(1e-9));
    List<FrontierPoint> points = frontier.points();
    assertThat(points).hasSize(6);
    assertThat(points.get(0).riskAversion()).isZero();
    assertThat(points.get(5).riskAversion()).isCloseTo(1e-3, within(1e-15));
    for (int j = 1; j < points.size(); j++) {
      FrontierPoint before = points.get(j - 1);
      FrontierPoint after = points.get(j);
      assertThat(after.riskAversion()).isGreaterThan(before.riskAversion());
      assertThat(after.expectedLoss())
          .isGreaterThanOrEqualTo(before.expectedLoss() - 1e-6 * before.expectedLoss());
      assertThat(after.timingRisk())
          .isLessThanOrEqualTo(before.timingRisk() + 1e-6 * before.timingRisk());
    }
  }

  @Test
  void lambdasAreLogEven() {
    assertThat(EfficientFrontier.lambdas(3, 1e-6, 1e-2))
        .containsExactly(new double[] {1e-6, 1e-4, 1e-2}, within(1e-18));
    assertThat(EfficientFrontier.lambdas(4, 0.0, 1.0))
        .containsExactly(new double[] {0.0, 1e-6, 1e-3, 1.0}, within(1e-15));
  }

  private static DeleveragingProblem problem() {
    return DeleveragingProblem.builder()
        .cash(-60_000)
        .asset(Asset.builder("A").quantity(1_000).price(100).volatility(0.02).adv(1e9)
            .marginRate(0.5).eta(0.01).gamma(0.001).build())
        .horizon(Horizon.of(5, 1.0))
        .requirement(Requirement.margin())
        .build();
  }
}
