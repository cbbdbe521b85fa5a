package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionCostModelTest {

  @Test
  void rejectsNegativeHalfSpread() {
    assertThatThrownBy(() -> new TransactionCostModel(-0.001, 0.0, 0.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("halfSpread: must be >= 0, was -0.001");
  }

  @Test
  void rejectsNegativeFee() {
    assertThatThrownBy(() -> new TransactionCostModel(0.0, -0.5, 0.0))
        .hasMessage("fee: must be >= 0, was -0.5");
  }

  @Test
  void rejectsNegativeFeePerUnit() {
    assertThatThrownBy(() -> new TransactionCostModel(0.0, 0.0, -2.0))
        .hasMessage("feePerUnit: must be >= 0, was -2.0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void rejectsNonFiniteValues(double value) {
    String rule = ": must be a finite number, was " + value;
    assertThatThrownBy(() -> new TransactionCostModel(value, 0.0, 0.0))
        .hasMessage("halfSpread" + rule);
    assertThatThrownBy(() -> new TransactionCostModel(0.0, value, 0.0)).hasMessage("fee" + rule);
    assertThatThrownBy(() -> new TransactionCostModel(0.0, 0.0, value))
        .hasMessage("feePerUnit" + rule);
  }

  @Test
  void costsAtTheMark() {
    // s = 0.001, f = 0.0005, u = 0.01, p = 20, n = 200:
    // spread = 0.001 * 20 * 200 = 4; fee = 0.0005 * 20 * 200 + 0.01 * 200 = 2 + 2 = 4;
    // e = (0.001 + 0.0005) * 20 + 0.01 = 0.04.
    TransactionCostModel costs = new TransactionCostModel(0.001, 0.0005, 0.01);
    assertThat(costs.spreadCost(200.0, 20.0)).isCloseTo(4.0, within(1e-12));
    assertThat(costs.feeCost(200.0, 20.0)).isCloseTo(4.0, within(1e-12));
    assertThat(costs.costPerUnit(20.0)).isCloseTo(0.04, within(1e-15));
    assertThat(TransactionCostModel.NONE.costPerUnit(20.0)).isEqualTo(0.0);
  }
}
