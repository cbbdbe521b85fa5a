package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradingConditionsTest {

  @Test
  void acceptsAValidSet() {
    assertThatCode(() -> new TradingConditions(10.0, 0.0, 1.0, 0.25)).doesNotThrowAnyException();
  }

  @Test
  void priceMustBePositive() {
    assertThatThrownBy(() -> new TradingConditions(-5.0, 0.0, 1.0, 1.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("price: must be > 0, was -5.0");
    assertThatThrownBy(() -> new TradingConditions(0.0, 0.0, 1.0, 1.0))
        .hasMessage("price: must be > 0, was 0.0");
  }

  @Test
  void volatilityMustBeNonNegative() {
    assertThatThrownBy(() -> new TradingConditions(1.0, -0.01, 1.0, 1.0))
        .hasMessage("volatility: must be >= 0, was -0.01");
  }

  @Test
  void advMustBePositive() {
    assertThatThrownBy(() -> new TradingConditions(1.0, 0.0, 0.0, 1.0))
        .hasMessage("adv: must be > 0, was 0.0");
  }

  @Test
  void periodLengthMustBePositive() {
    assertThatThrownBy(() -> new TradingConditions(1.0, 0.0, 1.0, 0.0))
        .hasMessage("periodLength: must be > 0, was 0.0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void rejectsNonFiniteValues(double value) {
    String rule = ": must be a finite number, was " + value;
    assertThatThrownBy(() -> new TradingConditions(value, 0.0, 1.0, 1.0))
        .hasMessage("price" + rule);
    assertThatThrownBy(() -> new TradingConditions(1.0, value, 1.0, 1.0))
        .hasMessage("volatility" + rule);
    assertThatThrownBy(() -> new TradingConditions(1.0, 0.0, value, 1.0)).hasMessage("adv" + rule);
    assertThatThrownBy(() -> new TradingConditions(1.0, 0.0, 1.0, value))
        .hasMessage("periodLength" + rule);
  }
}
