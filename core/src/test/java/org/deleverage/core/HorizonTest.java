package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HorizonTest {

  @Test
  void lengthIsPeriodsTimesPeriodLength() {
    assertThat(Horizon.of(5, 0.5).length()).isEqualTo(2.5);
    assertThat(Horizon.ONE_DAY).isEqualTo(Horizon.of(1, 1.0));
  }

  @Test
  void periodsMustBeAtLeastOne() {
    assertThatThrownBy(() -> Horizon.of(0, 1.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("periods: must be >= 1, was 0");
    assertThatThrownBy(() -> Horizon.of(-2, 1.0)).hasMessage("periods: must be >= 1, was -2");
  }

  @Test
  void periodsAreBounded() {
    assertThat(Horizon.of(Horizon.MAX_PERIODS, 1.0).periods()).isEqualTo(10_000);
    assertThatThrownBy(() -> Horizon.of(10_001, 1.0))
        .hasMessage("periods: must be <= 10000, was 10001");
  }

  @Test
  void periodLengthMustBePositive() {
    assertThatThrownBy(() -> Horizon.of(1, 0.0))
        .hasMessage("periodLength: must be > 0, was 0.0");
    assertThatThrownBy(() -> Horizon.of(1, -1.0))
        .hasMessage("periodLength: must be > 0, was -1.0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void periodLengthMustBeFinite(double tau) {
    assertThatThrownBy(() -> Horizon.of(1, tau))
        .hasMessage("periodLength: must be a finite number, was " + tau);
  }
}
