package org.deleverage.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;

class CovariancesTest {

  @Test
  void fromCorrelationIsDcd() {
    // s = (0.2, 0.1): Sigma_11 = 0.04, Sigma_12 = 0.2 * 0.1 * 0.5 = 0.01, Sigma_22 = 0.01.
    double[][] sigma =
        Covariances.fromCorrelation(new double[][] {{1, 0.5}, {0.5, 1}}, new double[] {0.2, 0.1});

    assertThat(sigma[0]).containsExactly(new double[] {0.04, 0.01}, within(1e-16));
    assertThat(sigma[1]).containsExactly(new double[] {0.01, 0.01}, within(1e-16));
    assertThat(sigma[0][1]).isEqualTo(sigma[1][0]);
  }

  @Test
  void correlationOfUndoesIt() {
    // Sigma_12 / (sqrt 0.04 * sqrt 0.01) = 0.01 / 0.02 = 0.5.
    double[][] c = Covariances.correlationOf(new double[][] {{0.04, 0.01}, {0.01, 0.01}});

    assertThat(c[0][1]).isCloseTo(0.5, within(1e-15));
    assertThat(c[1][0]).isEqualTo(c[0][1]);
    assertThat(c[0][0]).isEqualTo(1.0);
    assertThat(c[1][1]).isEqualTo(1.0);
  }

  @Test
  void aZeroVarianceAssetIsUncorrelated() {
    double[][] c = Covariances.correlationOf(new double[][] {{0, 0}, {0, 4}});

    assertThat(c).isEqualTo(new double[][] {{1, 0}, {0, 1}});
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(
            () -> Covariances.fromCorrelation(new double[][] {{1, 0}, {0, 1}}, new double[] {1}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("volatilities: must have 2 entries (one per asset), had 1");
    assertThatThrownBy(
            () ->
                Covariances.fromCorrelation(
                    new double[][] {{1, 0}, {0, 1}}, new double[] {1, -0.1}))
        .hasMessage("volatilities[1]: must be >= 0, was -0.1");
    assertThatThrownBy(
            () -> Covariances.fromCorrelation(new double[][] {{1, 2}, {2, 1}}, new double[] {1, 1}))
        .hasMessage("correlation[0][1]: must be in [-1, 1], was 2.0");
    assertThatThrownBy(() -> Covariances.correlationOf(new double[][] {{1, 0.5}, {0.6, 1}}))
        .hasMessage("covariance[0][1]: must equal covariance[1][0] = 0.6 (symmetric), was 0.5");
  }
}
