package org.deleverage.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void everyDoubleCheckRejectsNanAndInfinities(double value) {
    String expected = "x: must be a finite number, was " + value;
    assertThatThrownBy(() -> Checks.finite("x", value)).hasMessage(expected);
    assertThatThrownBy(() -> Checks.positive("x", value)).hasMessage(expected);
    assertThatThrownBy(() -> Checks.nonNegative("x", value)).hasMessage(expected);
    assertThatThrownBy(() -> Checks.inClosedRange("x", value, 0.0, 1.0)).hasMessage(expected);
    assertThatThrownBy(() -> Checks.inHalfOpenRange("x", value, 0.0, 1.0)).hasMessage(expected);
  }

  @Test
  void finiteAcceptsAnyFiniteValueAndReturnsIt() {
    assertThat(Checks.finite("x", -1e300)).isEqualTo(-1e300);
    assertThat(Checks.finite("x", 0.0)).isEqualTo(0.0);
  }

  @Test
  void positiveRejectsZeroAndNegatives() {
    assertThatThrownBy(() -> Checks.positive("price", -5.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("price: must be > 0, was -5.0");
    assertThatThrownBy(() -> Checks.positive("price", 0.0))
        .hasMessage("price: must be > 0, was 0.0");
    assertThat(Checks.positive("price", Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
  }

  @Test
  void nonNegativeRejectsNegativesOnly() {
    assertThatThrownBy(() -> Checks.nonNegative("fee", -1e-300))
        .hasMessage("fee: must be >= 0, was -1.0E-300");
    assertThat(Checks.nonNegative("fee", 0.0)).isEqualTo(0.0);
    assertThat(Checks.nonNegative("fee", 2.5)).isEqualTo(2.5);
  }

  @Test
  void closedRangeIncludesBothEnds() {
    assertThat(Checks.inClosedRange("m", 0.0, 0.0, 1.0)).isEqualTo(0.0);
    assertThat(Checks.inClosedRange("m", 1.0, 0.0, 1.0)).isEqualTo(1.0);
    assertThatThrownBy(() -> Checks.inClosedRange("m", 1.5, 0.0, 1.0))
        .hasMessage("m: must be in [0.0, 1.0], was 1.5");
    assertThatThrownBy(() -> Checks.inClosedRange("m", -0.1, 0.0, 1.0))
        .hasMessage("m: must be in [0.0, 1.0], was -0.1");
  }

  @Test
  void halfOpenRangeExcludesTheLowEndOnly() {
    assertThat(Checks.inHalfOpenRange("rho", 1.0, 0.0, 1.0)).isEqualTo(1.0);
    assertThatThrownBy(() -> Checks.inHalfOpenRange("rho", 0.0, 0.0, 1.0))
        .hasMessage("rho: must be in (0.0, 1.0], was 0.0");
    assertThatThrownBy(() -> Checks.inHalfOpenRange("rho", 1.01, 0.0, 1.0))
        .hasMessage("rho: must be in (0.0, 1.0], was 1.01");
  }

  @Test
  void atLeastOne() {
    assertThat(Checks.atLeastOne("periods", 1)).isEqualTo(1);
    assertThatThrownBy(() -> Checks.atLeastOne("periods", 0))
        .hasMessage("periods: must be >= 1, was 0");
    assertThatThrownBy(() -> Checks.atLeastOne("periods", -3))
        .hasMessage("periods: must be >= 1, was -3");
  }

  @Test
  void presentRejectsNull() {
    assertThatThrownBy(() -> Checks.present("account", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("account: is required");
    assertThat(Checks.present("account", "x")).isEqualTo("x");
  }

  @Test
  void failuresCarryThePathAndTheRuleApart() {
    assertThatThrownBy(() -> Checks.positive("adv", -1.0))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.path()).isEqualTo("adv");
              assertThat(e.rule()).isEqualTo("must be > 0, was -1.0");
            });
  }

  @Test
  void aMapMemberIsAPathSegmentAndAnOddKeyIsQuoted() {
    assertThat(Checks.member("priceShocks", "BTC")).isEqualTo("priceShocks.BTC");
    assertThat(Checks.member("depth", "S&P 500")).isEqualTo("depth[\"S&P 500\"]");
    assertThat(Checks.member("path[1]", "\u0000")).isEqualTo("path[1][\"\\u0000\"]");
    assertThat(Checks.member("x", "a\"b\\c\n")).isEqualTo("x[\"a\\\"b\\\\c\\n\"]");
    assertThat(Checks.member("x", "")).isEqualTo("x[\"\"]");
    // 50 letters and a space: the quoted key is cut after 40 characters, its quote and 39
    // letters, as the file readers cut a quoted name.
    String key = "A".repeat(50) + " ";
    assertThat(Checks.member("x", key)).isEqualTo("x[\"" + "A".repeat(39) + "...\"]");
    // An error under the member reads as one path.
    InvalidInputException e = new InvalidInputException("rate", "must be >= 0, was -1.0")
        .under(Checks.member("floors", "my asset"));
    assertThat(e).hasMessage("floors[\"my asset\"].rate: must be >= 0, was -1.0");
  }
}
