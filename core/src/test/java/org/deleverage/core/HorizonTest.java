package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.models.InvalidInputException;
import org.junit.jupiter.api.Test;

class HorizonTest {
  @Test
  void lengthIsPeriodsTimesPeriodLength() {
    assertThat(Horizon.of(5, 0.5).length()).isEqualTo(2.5);
  }

  @Test
  void rejectsZeroPeriods() {
    assertThatThrownBy(() -> Horizon.of(0, 1.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("periods: must be >= 1, was 0");
  }
}
