package org.deleverage.solvers.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Requirement;
import org.deleverage.core.plan.Plan;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.junit.jupiter.api.Test;

/**
 * Two uncorrelated assets, one period, no risk term: A and B both at p = 10 with m = 0.5, 10,000
 * units each, eta = 1e-5, half spreads 1% (A, e_A = 0.1 per unit) and 2% (B, e_B = 0.2). Selling
 * n of asset i costs e_i n + eta n^2 and frees 5 n - e_i n - eta n^2 of excess, so at the optimum
 * every asset sold has the same marginal cost per unit of excess freed, mu = (e_i + 2 eta n_i) /
 * (5 - e_i - 2 eta n_i), and an unsold one has a higher one at n = 0.
 *
 * <ul>
 *   <li>B enters when A's ratio reaches B's at zero, 0.2 / 4.8 = 1/24: 24 (0.1 + 2e-5 n) = 4.9 -
 *       2e-5 n gives n_A = 5,000, and S = 5 x 5,000 - 0.1 x 5,000 - 1e-5 x 5,000^2 = 24,250.
 *   <li>A is exhausted (n_A = 10,000) at mu = 0.3 / 4.7; then B's 4.7 (0.2 + 2e-5 n) = 0.3 (4.8
 *       - 2e-5 n) gives n_B = 5,000, and S = (50,000 - 1,000 - 1,000) + (25,000 - 1,000 - 250) =
 *       71,750.
 *   <li>S_max sells both entirely: 48,000 + (50,000 - 2,000 - 1,000) = 95,000 (the freed excess
 *       rises on all of [0, 10,000] for both).
 * </ul>
 */
class CostCurveTest {

  private static final InteriorPointSolver OPTIMAL = Solvers.optimal();

  @Test
  void breakpointsWhereAnAssetEntersAndWhereOneIsExhausted() {
    CostCurve.Result curve = CostCurve.of(problem(), OPTIMAL, 11, (done, sweep) -> { });

    assertThat(curve.maxCoverableShortfall()).isCloseTo(95_000, within(1e-3));
    assertThat(curve.points()).hasSize(11);
    Breakpoint enters = find(curve, "B", AssetState.NOT_NEEDED, AssetState.INTERIOR);
    Breakpoint exhausted = find(curve, "A", AssetState.INTERIOR, AssetState.EXHAUSTED);
    assertThat(enters.width()).isLessThanOrEqualTo(9_500.0 / 4096 * 1.0001);
    // The bisection brackets where the solved plans change state to 9,500 / 4,096; the plans
    // themselves are exact to the certificate's 1e-8 in the objective, which near a degenerate
    // point (B at zero, A at its end) leaves trades accurate to about 1e-7 of the position, and
    // AssetState reads a trade below 1e-6 of it as none: the change is seen within 0.1% of S.
    assertThat(enters.shortfall()).isCloseTo(24_250, within(enters.width() + 24.25));
    assertThat(exhausted.shortfall()).isCloseTo(71_750, within(exhausted.width() + 71.75));
    assertThat(find(curve, "A", AssetState.NOT_NEEDED, AssetState.INTERIOR).shortfall())
        .isLessThan(9_500.0 / 4096 * 1.0001);
  }

  /** Each point is the optimum of the problem at its shortfall; the slope is mu. */
  @Test
  void pointsEqualIndependentSolvesAndTheSlopeIsTheShadowPrice() {
    CostCurve.Result curve = CostCurve.of(problem(), OPTIMAL, 5, (done, sweep) -> { });

    for (CurvePoint point : curve.points()) {
      Plan plan = OPTIMAL.solve(CostCurve.at(problem(), point.shortfall())).plan();
      assertThat(point.objective())
          .isCloseTo(plan.objective().total(), within(1e-7 * Math.max(1, point.objective())));
      assertThat(point.expectedLoss())
          .isCloseTo(plan.expectedLoss(), within(1e-6 * Math.max(1, point.expectedLoss())));
    }
    CurvePoint middle = curve.points().get(2);
    double h = 1.0;
    double above = OPTIMAL.solve(CostCurve.at(problem(), middle.shortfall() + h)).plan()
        .objective().total();
    double below = OPTIMAL.solve(CostCurve.at(problem(), middle.shortfall() - h)).plan()
        .objective().total();
    assertThat(middle.shadowPrice().getAsDouble())
        .isCloseTo((above - below) / (2 * h), within(1e-6));
  }

  private static Breakpoint find(CostCurve.Result curve, String asset, AssetState from,
      AssetState to) {
    List<Breakpoint> found = curve.breakpoints().stream()
        .filter(b -> b.asset().equals(asset) && b.from() == from && b.to() == to).toList();
    assertThat(found).as("breakpoints %s", curve.breakpoints()).hasSize(1);
    return found.get(0);
  }

  static DeleveragingProblem problem() {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(10_000).price(10).adv(1e9).marginRate(0.5)
            .halfSpread(0.01).eta(1e-5).build())
        .asset(Asset.builder("B").quantity(10_000).price(10).adv(1e9).marginRate(0.5)
            .halfSpread(0.02).eta(1e-5).build())
        .requirement(Requirement.margin().withShortfall(1_000))
        .build();
  }
}
