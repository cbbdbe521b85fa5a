package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;

class VolatilityMarginRuleTest {

  @Test
  void proportionalRuleFollowsVolatilityAboveItsReference() {
    // m0 = 0.10 at sigma0 = 0.02. Volatility doubles to 0.04: m = 0.10 * max(1, 0.04 / 0.02)
    // = 0.20. Volatility halves to 0.01: max(1, 0.5) = 1, so m stays 0.10.
    VolatilityMarginRule rule = VolatilityMarginRule.proportional();
    assertThat(rule.rate(0.10, 0.02, 0.04)).isCloseTo(0.20, within(1e-15));
    assertThat(rule.rate(0.10, 0.02, 0.01)).isEqualTo(0.10);
    assertThat(rule.rate(0.10, 0.02, 0.02)).isEqualTo(0.10);
  }

  @Test
  void elasticityAndCapShapeTheRise() {
    // k = 2, cap 0.5: sigma / sigma0 = 1.5 gives 0.1 * 2.25 = 0.225; a ratio of 3 would give
    // 0.1 * 9 = 0.9, which the cap holds at 0.5.
    VolatilityMarginRule rule = new VolatilityMarginRule(2, 0.5);
    assertThat(rule.rate(0.1, 0.02, 0.03)).isCloseTo(0.225, within(1e-15));
    assertThat(rule.rate(0.1, 0.02, 0.06)).isEqualTo(0.5);
    // A rate already above the cap is kept, never lowered to it.
    assertThat(rule.rate(0.8, 0.02, 0.06)).isEqualTo(0.8);
  }

  @Test
  void edgeCasesOfZeroRateAndZeroReferenceVolatility() {
    VolatilityMarginRule rule = VolatilityMarginRule.proportional();
    assertThat(rule.rate(0, 0.02, 0.5)).isZero();
    assertThat(rule.rate(0.1, 0, 0.01)).isEqualTo(1.0);
    assertThat(rule.rate(0.1, 0, 0)).isEqualTo(0.1);
    assertThat(VolatilityMarginRule.STATIC.rate(0.1, 0.02, 0.5)).isEqualTo(0.1);
    assertThat(VolatilityMarginRule.STATIC.isStatic()).isTrue();
    assertThat(rule.isStatic()).isFalse();
  }

  @Test
  void badInputNamesTheFieldAndTheRule() {
    assertThatThrownBy(() -> new VolatilityMarginRule(-1, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("elasticity")
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new VolatilityMarginRule(1, 1.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cap: must be <= 1");
    assertThatThrownBy(() -> VolatilityMarginRule.proportional().rate(0.1, 0.02, Double.NaN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("volatility");
  }
}
