package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectiveTest {

  @Test
  void expectedLossIsTheDefault() {
    assertThat(Objective.EXPECTED_LOSS).isEqualTo(Objective.of(1.0, 0.0, 0.0));
    assertThat(Objective.of(0.0, 0.0, 0.0).costWeight()).isEqualTo(0.0);
  }

  @Test
  void weightsMustBeNonNegative() {
    assertThatThrownBy(() -> Objective.of(-1.0, 0.0, 0.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("costWeight: must be >= 0, was -1.0");
    assertThatThrownBy(() -> Objective.of(1.0, -1e-6, 0.0))
        .hasMessage("riskAversion: must be >= 0, was -1.0E-6");
    assertThatThrownBy(() -> Objective.of(1.0, 0.0, -2.0))
        .hasMessage("residualRiskAversion: must be >= 0, was -2.0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void weightsMustBeFinite(double value) {
    String rule = ": must be a finite number, was " + value;
    assertThatThrownBy(() -> Objective.of(value, 0.0, 0.0)).hasMessage("costWeight" + rule);
    assertThatThrownBy(() -> Objective.of(1.0, value, 0.0)).hasMessage("riskAversion" + rule);
    assertThatThrownBy(() -> Objective.of(1.0, 0.0, value))
        .hasMessage("residualRiskAversion" + rule);
  }
}
