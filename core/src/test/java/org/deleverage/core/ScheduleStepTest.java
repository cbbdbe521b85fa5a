package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleStepTest {

  @Test
  void acceptsTheEndsOfTheFractionRange() {
    assertThat(ScheduleStep.of(1, 0.0).fraction()).isEqualTo(0.0);
    assertThat(ScheduleStep.of(3, 1.0).period()).isEqualTo(3);
  }

  @Test
  void periodIsOneBased() {
    assertThatThrownBy(() -> ScheduleStep.of(0, 0.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("period: must be >= 1, was 0");
  }

  @Test
  void fractionMustBeInTheUnitInterval() {
    assertThatThrownBy(() -> ScheduleStep.of(1, 1.1))
        .hasMessage("fraction: must be in [0.0, 1.0], was 1.1");
    assertThatThrownBy(() -> ScheduleStep.of(1, -0.1))
        .hasMessage("fraction: must be in [0.0, 1.0], was -0.1");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void fractionMustBeFinite(double fraction) {
    assertThatThrownBy(() -> ScheduleStep.of(1, fraction))
        .hasMessage("fraction: must be a finite number, was " + fraction);
  }
}
