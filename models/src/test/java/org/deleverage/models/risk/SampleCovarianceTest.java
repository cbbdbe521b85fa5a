package org.deleverage.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.SplittableRandom;
import org.deleverage.InvalidInputException;
import org.deleverage.models.numerics.SymmetricEigen;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class SampleCovarianceTest {

  private static final double NA = Double.NaN;

  /**
   * Three assets over four days, with one return missing for B (day 1) and one for C (day 2).
   *
   * <pre>
   *   day   A   B    C
   *   0     1   2    2
   *   1     2   -    1
   *   2     3   4    -
   *   3     6   6    3
   * </pre>
   */
  private static final double[][] RETURNS = {{1, 2, 2}, {2, NA, 1}, {3, 4, NA}, {6, 6, 3}};

  @Test
  void pairwiseByHandWithMissingReturns() {
    // Variances over each asset's own days:
    //   A (days 0-3): mean 3, deviations -2, -1, 0, 3, squares sum 14, / 3 = 14/3.
    //   B (days 0, 2, 3): 2, 4, 6, mean 4, deviations -2, 0, 2, sum 8, / 2 = 4.
    //   C (days 0, 1, 3): 2, 1, 3, mean 2, deviations 0, -1, 1, sum 2, / 2 = 1.
    // Covariances over the days the pair shares, with the means of those days:
    //   A,B (0, 2, 3): A 1, 3, 6 (mean 10/3, deviations -7/3, -1/3, 8/3), B deviations -2, 0, 2;
    //     products 14/3 + 0 + 16/3 = 10, / 2 = 5.
    //   A,C (0, 1, 3): A 1, 2, 6 (mean 3, deviations -2, -1, 3), C deviations 0, -1, 1;
    //     products 0 + 1 + 3 = 4, / 2 = 2.
    //   B,C (0, 3): B 2, 6 (deviations -2, 2), C 2, 3 (deviations -1/2, 1/2); 1 + 1 = 2, / 1 = 2.
    // Correlations, standard deviations over the shared days too:
    //   A,B: var A on (0, 2, 3) = (49 + 1 + 64)/9 / 2 = 19/3, var B = 4: 5 / sqrt(76/3)
    //     = sqrt(75/76). (5 / sqrt(14/3 * 4) = 1.157 would not be a correlation.)
    //   A,C: var A on (0, 1, 3) = (4 + 1 + 9) / 2 = 7, var C = 1: 2 / sqrt 7.
    //   B,C: var B on (0, 3) = 8, var C = 1/2: 2 / sqrt 4 = 1 (two points are on a line).
    SampleCovariance estimate = SampleCovariance.ofReturns(RETURNS);

    double[][] s = estimate.covariance();
    assertThat(s[0]).containsExactly(new double[] {14.0 / 3.0, 5.0, 2.0}, within(1e-14));
    assertThat(s[1]).containsExactly(new double[] {5.0, 4.0, 2.0}, within(1e-14));
    assertThat(s[2]).containsExactly(new double[] {2.0, 2.0, 1.0}, within(1e-14));
    double[][] c = estimate.correlation();
    assertThat(c[0]).containsExactly(
        new double[] {1.0, Math.sqrt(75.0 / 76.0), 2.0 / Math.sqrt(7.0)}, within(1e-14));
    assertThat(c[1][2]).isCloseTo(1.0, within(1e-14));
    assertThat(c[1][0]).isEqualTo(c[0][1]);
    assertThat(c[2][0]).isEqualTo(c[0][2]);
    assertThat(c[2][1]).isEqualTo(c[1][2]);
    assertThat(new double[] {c[0][0], c[1][1], c[2][2]}).containsOnly(1.0);
    assertThat(estimate.observations()).isEqualTo(new int[][] {{4, 3, 3}, {3, 3, 2}, {3, 2, 3}});
    assertThat(estimate.volatilities())
        .containsExactly(new double[] {Math.sqrt(14.0 / 3.0), 2.0, 1.0}, within(1e-14));
    assertThat(estimate.size()).isEqualTo(3);
  }

  @Test
  void pairwiseCorrelationNeedNotBeSemidefinite() {
    // From the case above: B and C are perfectly correlated on their shared days, but A
    // correlates differently with each: a = sqrt(75/76), b = 2/sqrt 7. The determinant of
    // [[1, a, b], [a, 1, 1], [b, 1, 1]] is 1(1 - 1) - a(a - b) + b(a - b) = -(a - b)^2 < 0, so an
    // eigenvalue is negative.
    double[][] c = SampleCovariance.ofReturns(RETURNS).correlation();

    assertThat(SymmetricEigen.smallestEigenvalue(c)).isNegative();
  }

  @Test
  void fromPricesIsTheEstimateOfTheirSimpleReturns() {
    // Asset 0: 100, 110, 99, 99 -> returns 0.1, -0.1, 0; asset 1: 50, -, 60, 66 -> -, -, 0.1.
    // Asset 1 then has one return: too few for a variance, named by the given name.
    double[][] prices = {{100, 50, 10}, {110, NA, 11}, {99, 60, 12}, {99, 66, 11}};
    assertThatThrownBy(() -> SampleCovariance.ofPrices(prices, List.of("X", "Y", "Z")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("prices: Y has 1 return observed, need at least 2 for a variance");

    double[][] full = {{100, 50}, {110, 55}, {99, 60}, {99, 66}};
    SampleCovariance fromPrices = SampleCovariance.ofPrices(full);
    SampleCovariance fromReturns = SampleCovariance.ofReturns(Returns.simple(full));
    assertThat(fromPrices.covariance()).isEqualTo(fromReturns.covariance());
    assertThat(fromPrices.correlation()).isEqualTo(fromReturns.correlation());
  }

  @Test
  void aConstantSeriesHasZeroVarianceAndIsUncorrelated() {
    // The price of asset 1 never moves: its returns are all 0, its variance and covariances 0,
    // and its correlations 0 by definition, with 1 on the diagonal.
    double[][] prices = {{10, 5, 20}, {11, 5, 21}, {12.1, 5, 19}, {11, 5, 22}};

    SampleCovariance estimate = SampleCovariance.ofPrices(prices);

    double[][] s = estimate.covariance();
    double[][] c = estimate.correlation();
    assertThat(s[1]).containsExactly(0.0, 0.0, 0.0);
    assertThat(s[0][1]).isZero();
    assertThat(c[1]).containsExactly(0.0, 1.0, 0.0);
    assertThat(c[0][1]).isZero();
    assertThat(c[2][1]).isZero();
    assertThat(c[0][2]).isNotZero();
    assertThat(estimate.volatilities()[1]).isZero();
  }

  @Test
  void aPairSharingFewerThanTwoDaysIsNamed() {
    // A has returns on days 0, 1; B on days 1, 2: they share day 1 only.
    double[][] returns = {{0.01, NA}, {0.02, 0.01}, {NA, 0.03}};

    assertThatThrownBy(() -> SampleCovariance.ofReturns(returns, List.of("MSFT", "BTC")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "returns: MSFT and BTC have 1 day with both returns observed, need at least 2 for a"
                + " covariance");
    assertThatThrownBy(() -> SampleCovariance.ofReturns(returns))
        .hasMessageContaining("returns: column 0 and column 1 have 1 day");
    double[][] disjoint = {{0.01, NA}, {0.02, NA}, {NA, 0.03}, {NA, 0.01}};
    assertThatThrownBy(() -> SampleCovariance.ofReturns(disjoint))
        .hasMessageContaining("column 0 and column 1 have 0 days with both returns observed");
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> SampleCovariance.ofReturns(new double[][] {{0.1}, {1.0 / 0.0}}))
        .hasMessage(
            "returns[1][0]: must be a finite number, or NaN for a missing return, was Infinity");
    assertThatThrownBy(() -> SampleCovariance.ofReturns(new double[][] {{0.1, 0.2}}))
        .hasMessage("returns: must have at least 2 rows (days), had 1");
    assertThatThrownBy(() -> SampleCovariance.ofReturns(RETURNS, List.of("A", "B")))
        .hasMessage("names: must have 3 entries (one per column), had 2");
    assertThatThrownBy(
            () -> SampleCovariance.ofPrices(new double[][] {{1, 2}, {1, -2}, {1, 2}}))
        .hasMessage(
            "prices[1][1]: must be a finite number > 0, or NaN for a missing price, was -2.0");
  }

  @Test
  void accessorsReturnCopies() {
    SampleCovariance estimate = SampleCovariance.ofReturns(RETURNS);
    estimate.covariance()[0][0] = 99;
    estimate.correlation()[0][1] = 99;
    estimate.observations()[0][0] = 99;
    assertThat(estimate.covariance()[0][0]).isCloseTo(14.0 / 3.0, within(1e-14));
    assertThat(estimate.correlation()[0][1]).isLessThan(1.0);
    assertThat(estimate.observations()[0][0]).isEqualTo(4);
  }

  /**
   * On random histories with random gaps, each entry equals the textbook formula applied to the
   * days that entry may use, computed here without Commons Math; with no gap the covariance is
   * also the product of the volatilities and the correlation, and positive semidefinite.
   */
  @Test
  void everyEntryIsTheTextbookEstimateOnItsOwnDays() {
    qt().withFixedSeed(4242L)
        .withExamples(200)
        .forAll(SourceDSL.longs().all(), SourceDSL.booleans().all())
        .checkAssert(
            (seed, gaps) -> {
              double[][] returns = randomReturns(new SplittableRandom(seed), gaps);
              SampleCovariance estimate = SampleCovariance.ofReturns(returns);
              double[][] s = estimate.covariance();
              double[][] c = estimate.correlation();
              double[] vol = estimate.volatilities();
              int n = s.length;
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  double[][] pair = shared(returns, i, j);
                  double scale = Math.max(1e-6, Math.abs(s[i][j]));
                  assertThat(s[i][j]).isCloseTo(textbookCovariance(pair), within(1e-9 * scale));
                  double expected =
                      i == j ? 1.0 : textbookCovariance(pair)
                          / Math.sqrt(textbookCovariance(new double[][] {pair[0], pair[0]})
                              * textbookCovariance(new double[][] {pair[1], pair[1]}));
                  assertThat(c[i][j]).isCloseTo(expected, within(1e-9));
                  if (!gaps) {
                    assertThat(vol[i] * vol[j] * c[i][j])
                        .isCloseTo(s[i][j], within(1e-9 * Math.max(vol[i] * vol[j], 1e-12)));
                  }
                }
              }
              if (!gaps) {
                assertThat(SymmetricEigen.smallestEigenvalue(s)).isGreaterThan(-1e-12);
              }
            });
  }

  /**
   * 2 to 6 assets over 20 to 60 days of returns with daily volatility up to 5%, driven by a
   * common factor; with gaps, each return is missing with probability 0.2, except that the first
   * five days are complete so that every pair shares enough days.
   */
  private static double[][] randomReturns(SplittableRandom random, boolean gaps) {
    int n = 2 + random.nextInt(5);
    int days = 20 + random.nextInt(41);
    double[] loadings = new double[n];
    double[] vols = new double[n];
    for (int i = 0; i < n; i++) {
      loadings[i] = random.nextDouble(-1, 1);
      vols[i] = random.nextDouble(0.001, 0.05);
    }
    double[][] returns = new double[days][n];
    for (int t = 0; t < days; t++) {
      double common = random.nextDouble(-1, 1);
      for (int i = 0; i < n; i++) {
        double own = random.nextDouble(-1, 1);
        returns[t][i] = vols[i] * (loadings[i] * common + own);
        if (gaps && t >= 5 && random.nextDouble() < 0.2) {
          returns[t][i] = Double.NaN;
        }
      }
    }
    return returns;
  }

  /** The returns of assets i and j on the days both have one, as two rows. */
  private static double[][] shared(double[][] returns, int i, int j) {
    return new double[][] {column(returns, i, j), column(returns, j, i)};
  }

  private static double[] column(double[][] returns, int i, int j) {
    return java.util.Arrays.stream(returns)
        .filter(day -> !Double.isNaN(day[i]) && !Double.isNaN(day[j]))
        .mapToDouble(day -> day[i])
        .toArray();
  }

  /** sum_t (x_t - mean x)(y_t - mean y) / (m - 1), by two plain passes. */
  private static double textbookCovariance(double[][] pair) {
    double[] x = pair[0];
    double[] y = pair[1];
    double meanX = 0;
    double meanY = 0;
    for (int t = 0; t < x.length; t++) {
      meanX += x[t] / x.length;
      meanY += y[t] / y.length;
    }
    double sum = 0;
    for (int t = 0; t < x.length; t++) {
      sum += (x[t] - meanX) * (y[t] - meanY);
    }
    return sum / (x.length - 1);
  }
}
