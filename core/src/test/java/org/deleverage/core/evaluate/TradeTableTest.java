package org.deleverage.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradeTableTest {

  @Test
  void holdsACopyOfTheTrades() {
    double[][] units = {{1.0, 2.0}, {3.0, 0.0}};
    TradeTable table = TradeTable.of(units);
    units[0][0] = 99.0;
    assertThat(table.units(0, 0)).isEqualTo(1.0);
    table.row(0)[1] = 99.0;
    table.toArray()[1][0] = 99.0;
    assertThat(table.units(0, 1)).isEqualTo(2.0);
    assertThat(table.units(1, 0)).isEqualTo(3.0);
    assertThat(table.assetCount()).isEqualTo(2);
    assertThat(table.periods()).isEqualTo(2);
    assertThat(table.traded(0)).isEqualTo(3.0);
    assertThat(table.isEmpty()).isFalse();
    assertThat(table).isEqualTo(TradeTable.of(new double[][] {{1.0, 2.0}, {3.0, 0.0}}));
  }

  @Test
  void zerosIsEmpty() {
    TradeTable zeros = TradeTable.zeros(2, 3);
    assertThat(zeros.isEmpty()).isTrue();
    assertThat(zeros.periods()).isEqualTo(3);
    assertThat(zeros).isEqualTo(TradeTable.of(new double[2][3]));
  }

  @Test
  void negativeTradesAreForTheEvaluatorToJudge() {
    assertThat(TradeTable.of(new double[][] {{-1.0}}).units(0, 0)).isEqualTo(-1.0);
  }

  @Test
  void tradesAreRequired() {
    assertThatThrownBy(() -> TradeTable.of(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("trades: is required");
  }

  @Test
  void rowsMustHaveTheSameLength() {
    assertThatThrownBy(() -> TradeTable.of(new double[][] {{1.0, 2.0}, {3.0}}))
        .hasMessage("trades[1]: must have 2 periods, had 1");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void entriesMustBeFinite(double value) {
    assertThatThrownBy(() -> TradeTable.of(new double[][] {{1.0, 2.0}, {3.0, value}}))
        .hasMessage("trades[1][1]: must be a finite number, was " + value);
  }
}
