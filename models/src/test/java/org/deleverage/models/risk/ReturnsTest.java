package org.deleverage.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnsTest {

  private static final double NA = Double.NaN;

  @Test
  void simpleReturnsBetweenConsecutiveRowsAndMissingWhereEitherPriceIs() {
    // Column 0: 10 -> 11 -> 12.1 -> 11: returns 0.1, 0.1, 11/12.1 - 1 = -1/11.
    // Column 1: 20 -> (missing) -> 22 -> 24.2: the missing day takes two returns with it
    // (20 -> gap and gap -> 22); 22 -> 24.2 is 0.1. No return spans the gap (20 -> 22).
    double[][] prices = {{10, 20}, {11, NA}, {12.1, 22}, {11, 24.2}};

    double[][] returns = Returns.simple(prices);

    assertThat(returns).hasDimensions(3, 2);
    assertThat(returns[0][0]).isCloseTo(0.1, within(1e-15));
    assertThat(returns[1][0]).isCloseTo(0.1, within(1e-15));
    assertThat(returns[2][0]).isCloseTo(-1.0 / 11.0, within(1e-15));
    assertThat(returns[0][1]).isNaN();
    assertThat(returns[1][1]).isNaN();
    assertThat(returns[2][1]).isCloseTo(0.1, within(1e-15));
    assertThat(prices[1][1]).as("input untouched").isNaN();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -3.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void aPriceThatIsNotPositiveAndFiniteIsNamedByRowAndColumn(double bad) {
    double[][] prices = {{10, 20, 30}, {11, 21, 31}, {12, bad, 32}};

    assertThatThrownBy(() -> Returns.simple(prices))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "prices[2][1]: must be a finite number > 0, or NaN for a missing price, was " + bad);
  }

  @Test
  void needsTwoRowsAColumnAndRectangularRows() {
    assertThatThrownBy(() -> Returns.simple(new double[][] {{10}}))
        .hasMessage("prices: must have at least 2 rows (days), had 1");
    assertThatThrownBy(() -> Returns.simple(new double[][] {{}, {}}))
        .hasMessage("prices[0]: must have at least one column (asset)");
    assertThatThrownBy(() -> Returns.simple(new double[][] {{10, 20}, {11}}))
        .hasMessage("prices[1]: must have 2 entries like prices[0] (one per asset), had 1");
    assertThatThrownBy(() -> Returns.simple(new double[][] {{10}, null}))
        .hasMessage("prices[1]: is required");
    assertThatThrownBy(() -> Returns.simple(null)).hasMessage("prices: is required");
  }
}
