package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;

class LotRoundingTest {

  /**
   * Cash mode, one period, one long: 10 units at 100 with half spread 0.001, no fee or impact.
   * A unit sold raises 100 - 0.001 * 100 = 99.9 and costs 0.1. Raising 250 takes 250 / 99.9 =
   * 2.502502... units at a cost of 0.2502502... Rounded down to whole units, 2 raise 199.8 <
   * 250; one more lot makes 3, which raise 299.7 >= 250 and cost 0.3. The gap is 0.3 - 0.2502502
   * = 0.0497497...
   */
  @Test
  void roundsUpUntilTheShortfallIsCovered() {
    ResolvedProblem problem = oneLong(1.0, 250).resolve();
    Plan continuous = Solvers.optimal().solve(problem).plan();

    RoundedPlan rounded = LotRounding.DEFAULT.round(problem, continuous);

    assertThat(continuous.table().units(0, 0)).isCloseTo(250 / 99.9, within(1e-6));
    assertThat(rounded.plan().table().units(0, 0)).isEqualTo(3.0);
    assertThat(rounded.lotsAdded()).isEqualTo(1);
    assertThat(rounded.roundedObjective()).isCloseTo(0.3, within(1e-9));
    assertThat(rounded.continuousObjective()).isCloseTo(0.1 * 250 / 99.9, within(1e-6));
    assertThat(rounded.gap()).isCloseTo(0.3 - 0.1 * 250 / 99.9, within(1e-6));
    assertThat(rounded.gapIsBound()).isTrue();
    assertThat(rounded.plan().evaluation().feasible()).isTrue();
    assertThat(rounded.plan().periods().get(0).cashRaised()).isCloseTo(299.7, within(1e-9));
  }

  /**
   * The same book in lots of 0.25: 2.5025 units are 10.01 lots, rounded down to 10 lots = 2.5
   * units raising 249.75, 0.25 short; one more lot makes 11 lots = 2.75 units, raising 274.725
   * at a cost of 0.275.
   */
  @Test
  void fractionalLotsAreWholeMultiples() {
    ResolvedProblem problem = oneLong(0.25, 250).resolve();

    RoundedPlan rounded =
        LotRounding.DEFAULT.round(problem, Solvers.optimal().solve(problem).plan());

    assertThat(rounded.plan().table().units(0, 0)).isEqualTo(2.75);
    assertThat(rounded.roundedObjective()).isCloseTo(0.275, within(1e-9));
    assertThat(rounded.plan().periods().get(0).cashRaised()).isCloseTo(274.725, within(1e-9));
  }

  /**
   * Two longs at 100, cash mode, raise 300 in one period. A (half spread 0.001: raises 99.9 and
   * costs 0.1 a unit) may trade at most 0.1 * 22 = 2.2 units a period; B (half spread 0.003:
   * raises 99.7, costs 0.3) has room. The continuous optimum sells A to its cap, 2.2 units
   * raising 219.78, and B the rest, (300 - 219.78) / 99.7 = 0.8046... units. Rounded down: A 2
   * (a third lot would pass the cap of 2.2), B 0, raising 199.8, 100.2 short. Only B can add a
   * lot: one raises 99.7 (0.5 short), a second covers it. Whole-lot plan: A 2, B 2, cost 0.2 +
   * 0.6 = 0.8; every trade within its cap.
   */
  @Test
  void neverPassesACapToCover() {
    DeleveragingProblem problem = DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(10).price(100).adv(22).maxParticipation(0.1)
            .halfSpread(0.001).build())
        .asset(Asset.builder("B").quantity(10).price(100).adv(1000).halfSpread(0.003).build())
        .requirement(Requirement.cash(300))
        .build();
    ResolvedProblem resolved = problem.resolve();

    RoundedPlan rounded = LotRounding.DEFAULT.round(resolved, Solvers.optimal().solve(resolved).plan());

    assertThat(rounded.continuous().table().units(0, 0)).isCloseTo(2.2, within(1e-6));
    assertThat(rounded.plan().table().units(0, 0)).isEqualTo(2.0);
    assertThat(rounded.plan().table().units(1, 0)).isEqualTo(2.0);
    assertThat(rounded.lotsAdded()).isEqualTo(2);
    assertThat(rounded.roundedObjective()).isCloseTo(0.8, within(1e-9));
  }

  /**
   * A position of 2.4 units that must be closed (retain max 0) in lots of 1, while 100 is raised
   * in cash mode. The continuous plan sells all 2.4; rounded down that is 2, which leaves 0.4 >
   * 0 held, so the search closes the position with the odd remainder: one trade of 2.4 units,
   * 2 lots and the 0.4 left over.
   */
  @Test
  void closesAPositionWithItsOddRemainder() {
    DeleveragingProblem problem = DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(2.4).price(100).adv(1000).halfSpread(0.001)
            .retain(0, 0).build())
        .requirement(Requirement.cash(100))
        .build();
    ResolvedProblem resolved = problem.resolve();

    RoundedPlan rounded = LotRounding.DEFAULT.round(resolved, Solvers.optimal().solve(resolved).plan());

    assertThat(rounded.plan().table().units(0, 0)).isCloseTo(2.4, within(1e-12));
    assertThat(rounded.lotsAdded()).isEqualTo(1);
    assertThat(rounded.plan().evaluation().feasible()).isTrue();
  }

  /** A plan already in whole lots comes back unchanged, at no cost. */
  @Test
  void aWholeLotPlanIsKept() {
    // Raising 299.7 takes exactly 3 units at 99.9 each.
    ResolvedProblem problem = oneLong(1.0, 299.7).resolve();
    Plan continuous = Solvers.optimal().solve(problem).plan();

    RoundedPlan rounded = LotRounding.DEFAULT.round(problem, continuous);

    assertThat(rounded.plan().table().units(0, 0)).isEqualTo(3.0);
    assertThat(rounded.gap()).isCloseTo(0.0, within(1e-6));
    assertThat(rounded.plan().status()).isEqualTo(SolveStatus.FEASIBLE);
  }

  @Test
  void lotSizeMustBePositive() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Asset.builder("A").quantity(1).price(1).adv(1).lotSize(0).build())
        .hasMessage("lotSize: must be > 0, was 0.0");
  }

  private static DeleveragingProblem oneLong(double lot, double cash) {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(10).price(100).adv(1000).halfSpread(0.001)
            .lotSize(lot).build())
        .requirement(Requirement.cash(cash))
        .build();
  }

  /**
   * 3,643,401 lots of 0.001 ETH: the binary product 3643401 * 0.001 is 3643.4010000000003, one
   * ulp above the double nearest 3643.401; the lots are counted in decimal, so the plan (and its
   * CSV) reads 3643.401. A whole lot size multiplies as it is.
   */
  @Test
  void lotsOfADecimalSizeReadAsTheDecimalProduct() {
    assertThat(3_643_401 * 0.001).isNotEqualTo(3643.401);
    assertThat(LotRounding.inUnits(3_643_401, 0.001)).isEqualTo(3643.401);
    assertThat(Double.toString(LotRounding.inUnits(3_643_401, 0.001))).isEqualTo("3643.401");
    assertThat(LotRounding.inUnits(125_211, 1.0)).isEqualTo(125_211.0);
    assertThat(LotRounding.inUnits(7, 100.0)).isEqualTo(700.0);
  }
}
