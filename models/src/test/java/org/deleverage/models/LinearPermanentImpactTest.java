package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearPermanentImpactTest {

  @Test
  void rejectsNegativeGamma() {
    assertThatThrownBy(() -> LinearPermanentImpact.of(-0.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("gamma: must be >= 0, was -0.5");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void rejectsNonFiniteGamma(double gamma) {
    assertThatThrownBy(() -> new LinearPermanentImpact(gamma))
        .hasMessage("gamma: must be a finite number, was " + gamma);
  }

  @Test
  void costIsTheSumOfTheTradeCosts() {
    // gamma = 0.01, Q = 1000, trades 100, 200, 300 (c = 100, 300, 600).
    // cost(Q, 600, 100^2 + 200^2 + 300^2 = 140000) = 0.01 * (600000 - 180000 - 70000) = 3500.
    // Trade by trade, gamma n (Q - c): 0.01*100*900 + 0.01*200*700 + 0.01*300*400
    //                                = 900 + 1400 + 1200 = 3500.
    LinearPermanentImpact impact = LinearPermanentImpact.of(0.01);
    assertThat(impact.cost(1000.0, 600.0, 140000.0)).isCloseTo(3500.0, within(1e-9));
    assertThat(impact.tradeCost(100.0, 900.0)).isCloseTo(900.0, within(1e-9));
    assertThat(impact.tradeCost(200.0, 700.0)).isCloseTo(1400.0, within(1e-9));
    assertThat(impact.tradeCost(300.0, 400.0)).isCloseTo(1200.0, within(1e-9));
    assertThat(impact.markMove(600.0)).isCloseTo(6.0, within(1e-12));
  }
}
