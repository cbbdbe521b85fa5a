package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearTemporaryImpactTest {

  private static final TradingConditions HALF_DAY = new TradingConditions(20.0, 0.01, 1e4, 0.5);

  @Test
  void rejectsNegativeEta() {
    assertThatThrownBy(() -> LinearTemporaryImpact.of(-1.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("eta: must be >= 0, was -1.0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void rejectsNonFiniteEta(double eta) {
    assertThatThrownBy(() -> new LinearTemporaryImpact(eta))
        .hasMessage("eta: must be a finite number, was " + eta);
  }

  @Test
  void zeroEtaIsNone() {
    assertThat(LinearTemporaryImpact.of(0.0)).isEqualTo(LinearTemporaryImpact.NONE);
    assertThat(LinearTemporaryImpact.NONE.name()).isEqualTo("linear");
  }

  @Test
  void concessionCostAndDerivativesScaleWithTheTradingRate() {
    // eta = 0.01, tau = 0.5, n = 200: rate n / tau = 400 units/day.
    // h = 0.01 * 400 = 4; cost = n h = 800; marginal = 2 eta n / tau = 8; curvature = 2 eta / tau
    // = 0.04; no limit on units per period.
    LinearTemporaryImpact impact = LinearTemporaryImpact.of(0.01);
    assertThat(impact.concession(200.0, HALF_DAY)).isCloseTo(4.0, within(1e-12));
    assertThat(impact.cost(200.0, HALF_DAY)).isCloseTo(800.0, within(1e-9));
    assertThat(impact.marginalCost(200.0, HALF_DAY)).isCloseTo(8.0, within(1e-12));
    assertThat(impact.curvature(200.0, HALF_DAY)).isCloseTo(0.04, within(1e-15));
    assertThat(impact.maxUnitsPerPeriod(HALF_DAY)).isEqualTo(Double.POSITIVE_INFINITY);
  }
}
