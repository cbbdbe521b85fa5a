package org.deleverage.models.numerics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleMomentsTest {

  @Test
  void unbiasedMomentsByHand() {
    // x = (1, 3, 6), mean 10/3, deviations (-7, -1, 8)/3; y = (2, 4, 6), mean 4, deviations
    // (-2, 0, 2). var x = (49 + 1 + 64)/9 / 2 = 19/3; var y = 8 / 2 = 4;
    // cov = (14/3 + 0 + 16/3) / 2 = 5; corr = 5 / sqrt(19/3 * 4) = sqrt(75/76).
    double[] x = {1, 3, 6};
    double[] y = {2, 4, 6};
    assertThat(SampleMoments.variance(x)).isCloseTo(19.0 / 3.0, within(1e-14));
    assertThat(SampleMoments.variance(y)).isCloseTo(4.0, within(1e-14));
    assertThat(SampleMoments.covariance(x, y)).isCloseTo(5.0, within(1e-14));
    assertThat(SampleMoments.correlation(x, y)).isCloseTo(Math.sqrt(75.0 / 76.0), within(1e-14));
  }

  @Test
  void needsTwoPairedObservations() {
    assertThatThrownBy(() -> SampleMoments.variance(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a sample moment needs at least 2 observations, had 1");
    assertThatThrownBy(() -> SampleMoments.covariance(new double[] {1, 2}, new double[] {1}))
        .hasMessage("paired observations must have the same length, had 2 and 1");
    assertThatThrownBy(() -> SampleMoments.correlation(new double[] {1}, new double[] {1}))
        .hasMessage("a sample moment needs at least 2 observations, had 1");
  }
}
