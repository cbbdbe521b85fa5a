package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;

class OrderBookTemporaryImpactTest {

  // p = 40. Ladder (given out of order on purpose): 1,000 units at 5 bp, 2,000 at 10 bp, 3,000 at
  // 25 bp, so the levels end at 1,000, 3,000 and 6,000 units.
  private static final TradingConditions CONDITIONS = new TradingConditions(40.0, 0.02, 1e5, 1.0);
  private static final OrderBookTemporaryImpact BOOK =
      OrderBookTemporaryImpact.of(
          BookLevel.of(0.0025, 3_000), BookLevel.of(0.0005, 1_000), BookLevel.of(0.0010, 2_000));

  @Test
  void aWalkInsideTheFirstLevelPaysItsOffset() {
    // 600 units, all at 5 bp: T = 40 * 0.0005 * 600 = 12; h = 12 / 600 = 0.02 = 0.0005 * 40.
    assertThat(BOOK.cost(600, CONDITIONS)).isCloseTo(12.0, within(1e-12));
    assertThat(BOOK.concession(600, CONDITIONS)).isCloseTo(0.02, within(1e-15));
    assertThat(BOOK.marginalCost(600, CONDITIONS)).isCloseTo(0.02, within(1e-15));
  }

  @Test
  void aWalkAcrossThreeLevels() {
    // 4,500 units: 1,000 at 5 bp, 2,000 at 10 bp, 1,500 at 25 bp.
    // T = 40 * (0.0005 * 1000 + 0.0010 * 2000 + 0.0025 * 1500) = 40 * (0.5 + 2 + 3.75) = 250.
    // h = 250 / 4500 = 0.0555556 (13.9 bp of 40); the next unit costs 40 * 0.0025 = 0.1.
    assertThat(BOOK.cost(4_500, CONDITIONS)).isCloseTo(250.0, within(1e-9));
    assertThat(BOOK.concession(4_500, CONDITIONS)).isCloseTo(250.0 / 4_500, within(1e-15));
    assertThat(BOOK.marginalCost(4_500, CONDITIONS)).isCloseTo(0.1, within(1e-15));
  }

  @Test
  void atALevelsEndTheMarginalCostIsTheNextLevels() {
    // Exactly 3,000 units: T = 40 * (0.5 + 2) = 100; the slope to the right is 40 * 0.0025.
    assertThat(BOOK.cost(3_000, CONDITIONS)).isCloseTo(100.0, within(1e-12));
    assertThat(BOOK.marginalCost(3_000, CONDITIONS)).isCloseTo(0.1, within(1e-15));
    assertThat(BOOK.marginalCost(2_999.9, CONDITIONS)).isCloseTo(0.04, within(1e-15));
    assertThat(BOOK.kinks(CONDITIONS)).containsExactly(1_000.0, 3_000.0);
  }

  @Test
  void theWholeLadderAndItsMostUnitsPerPeriod() {
    // 6,000 units: T = 40 * (0.5 + 2 + 7.5) = 400; depth 6,000 is the most units per period.
    assertThat(BOOK.cost(6_000, CONDITIONS)).isCloseTo(400.0, within(1e-9));
    assertThat(BOOK.maxUnitsPerPeriod(CONDITIONS)).isEqualTo(6_000.0);
    assertThat(BOOK.depth()).isEqualTo(6_000.0);
    assertThat(BOOK.levels()).extracting(BookLevel::offset).containsExactly(0.0005, 0.0010, 0.0025);
  }

  @Test
  void noTradeCostsNothingAndQuotesTheTopOfTheBook() {
    assertThat(BOOK.cost(0.0, CONDITIONS)).isZero();
    assertThat(BOOK.concession(0.0, CONDITIONS)).isCloseTo(0.02, within(1e-15));
    assertThat(BOOK.marginalCost(0.0, CONDITIONS)).isCloseTo(0.02, within(1e-15));
    assertThat(BOOK.curvature(500, CONDITIONS)).isZero();
    assertThat(BOOK.name()).isEqualTo("book");
  }

  @Test
  void levelsAtTheSameOffsetMakeNoKink() {
    OrderBookTemporaryImpact flat =
        OrderBookTemporaryImpact.of(
            BookLevel.of(0.001, 100), BookLevel.of(0.001, 200), BookLevel.of(0.002, 50));
    assertThat(flat.kinks(CONDITIONS)).containsExactly(300.0);
    assertThat(flat.cost(300, CONDITIONS)).isCloseTo(40 * 0.001 * 300, within(1e-12));
  }

  @Test
  void theCostIsConvexAndItsSlopeIsTheMarginalCostBetweenKinks() {
    double previousSlope = 0.0;
    for (double n = 50; n < 6_000; n += 97) {
      double step = 1e-3;
      double slope = (BOOK.cost(n + step, CONDITIONS) - BOOK.cost(n - step, CONDITIONS)) / (2 * step);
      assertThat(slope).isCloseTo(BOOK.marginalCost(n, CONDITIONS), within(1e-9));
      assertThat(slope).isGreaterThanOrEqualTo(previousSlope - 1e-9);
      previousSlope = slope;
    }
  }

  @Test
  void rejectsAnEmptyLadderAndBadLevels() {
    assertThatThrownBy(() -> OrderBookTemporaryImpact.of(List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("levels: must hold at least one level");
    assertThatThrownBy(() -> BookLevel.of(-0.001, 10))
        .hasMessage("offset: must be >= 0, was -0.001");
    assertThatThrownBy(() -> BookLevel.of(0.001, 0))
        .hasMessage("size: must be > 0, was 0.0");
  }
}
