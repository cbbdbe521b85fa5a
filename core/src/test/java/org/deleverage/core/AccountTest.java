package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {

  @Test
  void cashMayBeNegative() {
    assertThat(Account.of(-1_650_000.0).cash()).isEqualTo(-1_650_000.0);
    assertThat(Account.of(0.0).cash()).isEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void cashMustBeFinite(double cash) {
    assertThatThrownBy(() -> Account.of(cash))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("cash: must be a finite number, was " + cash);
  }
}
