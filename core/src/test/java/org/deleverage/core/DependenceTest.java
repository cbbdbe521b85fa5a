package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DependenceTest {

  private static final String PSD_PREFIX =
      ": must be positive semidefinite, smallest eigenvalue was ";

  @Test
  void independentIsTheIdentityOfAnySize() {
    Dependence independent = Dependence.independent();
    assertThat(independent).isInstanceOf(Dependence.Independent.class);
    assertThat(independent.size()).isEmpty();
    assertThat(independent).isSameAs(Dependence.independent());
  }

  @Test
  void correlationIsCopied() {
    double[][] given = {{1.0, 0.5}, {0.5, 1.0}};
    Dependence.Correlation correlation = Dependence.correlation(given);
    given[0][1] = 0.9;
    assertThat(correlation).isInstanceOf(Dependence.Correlation.class);
    assertThat(correlation.size()).hasValue(2);
    double[][] out = correlation.matrix();
    assertThat(out[0][1]).isEqualTo(0.5);
    out[1][0] = 0.7;
    assertThat(correlation.matrix()[1][0]).isEqualTo(0.5);
  }

  @Test
  void priceCovarianceScalesTheCorrelationByPriceVolatility() {
    // sigma_i p_i = 0.02 * 10 = 0.2 and 0.01 * 20 = 0.2, so
    // Sigma = [[0.04, 0.5 * 0.04], [0.02, 0.04]].
    PriceCovariance sigma =
        PriceCovariance.of(Dependence.correlation(new double[][] {{1.0, 0.5}, {0.5, 1.0}}), new double[] {0.02, 0.01}, new double[] {10.0, 20.0});
    assertThat(sigma.isFactorModel()).isFalse();
    assertThat(sigma.entry(0, 0)).isCloseTo(0.04, within(1e-15));
    assertThat(sigma.entry(0, 1)).isCloseTo(0.02, within(1e-15));
    assertThat(sigma.entry(1, 0)).isCloseTo(0.02, within(1e-15));
    assertThat(sigma.entry(1, 1)).isCloseTo(0.04, within(1e-15));
    // Independent: the diagonal (sigma_i p_i)^2 only; a covariance is used as given.
    PriceCovariance diagonal =
        PriceCovariance.of(Dependence.independent(), new double[] {0.02, 0.01}, new double[] {10.0, 20.0});
    assertThat(diagonal.entry(0, 1)).isEqualTo(0.0);
    assertThat(diagonal.entry(1, 1)).isCloseTo(0.04, within(1e-15));
    PriceCovariance asGiven =
        PriceCovariance.of(Dependence.covariance(new double[][] {{4.0, 1.0}, {1.0, 9.0}}), new double[] {0.5, 0.5}, new double[] {10.0, 20.0});
    assertThat(new double[] {asGiven.entry(0, 0), asGiven.entry(0, 1), asGiven.entry(1, 0),
        asGiven.entry(1, 1)}).containsExactly(4.0, 1.0, 1.0, 9.0);
  }

  /**
   * Independent returns, and a correlation or covariance matrix with nothing off its diagonal,
   * are kept as n variances: the diagonal form, whose products equal the dense matrix's. With
   * sigma p = (0.2, 0.2, 1.5): variances (0.04, 0.04, 2.25); a covariance diag(4, 9, 1) as given;
   * x = (1, -2, 3) gives Sigma x = (0.04, -0.08, 6.75) and x' Sigma x = 0.04 + 0.16 + 20.25.
   */
  @Test
  void independentReturnsAreKeptAsVariances() {
    double[] volatilities = {0.02, 0.01, 0.3};
    double[] prices = {10.0, 20.0, 5.0};
    double[] x = {1.0, -2.0, 3.0};
    PriceCovariance independent = PriceCovariance.of(Dependence.independent(), volatilities, prices);
    PriceCovariance identity =
        PriceCovariance.of(Dependence.correlation(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), volatilities, prices);
    PriceCovariance diagonalCovariance =
        PriceCovariance.of(Dependence.covariance(new double[][] {{4, 0, 0}, {0, 9, 0}, {0, 0, 1}}), volatilities, prices);
    PriceCovariance correlated =
        PriceCovariance.of(Dependence.correlation(new double[][] {{1, 0.5, 0}, {0.5, 1, 0}, {0, 0, 1}}), volatilities, prices);

    assertThat(independent.isDiagonal()).isTrue();
    assertThat(identity.isDiagonal()).isTrue();
    assertThat(diagonalCovariance.isDiagonal()).isTrue();
    assertThat(correlated.isDiagonal()).isFalse();
    for (PriceCovariance sigma : new PriceCovariance[] {independent, identity}) {
      assertThat(sigma.times(x)).containsExactly(new double[] {0.04, -0.08, 6.75}, within(1e-14));
      assertThat(sigma.quadraticForm(x)).isCloseTo(20.45, within(1e-12));
      assertThat(sigma.entry(0, 2)).isEqualTo(0.0);
      assertThat(sigma.entry(2, 2)).isCloseTo(2.25, within(1e-15));
    }
    assertThat(diagonalCovariance.times(x)).containsExactly(4.0, -18.0, 3.0);
    assertThat(diagonalCovariance.quadraticForm(x)).isEqualTo(4.0 + 36.0 + 9.0);
  }

  @Test
  void matrixIsRequired() {
    assertThatThrownBy(() -> Dependence.correlation(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("correlation: is required");
    assertThatThrownBy(() -> Dependence.covariance(null)).hasMessage("covariance: is required");
  }

  @Test
  void matrixMustBeSquare() {
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.0, 0.0}, {0.0}}))
        .hasMessage("correlation[1]: must have 2 entries (a square matrix), had 1");
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.0, 0.0, 0.0}}))
        .hasMessage("correlation[0]: must have 1 entries (a square matrix), had 3");
    assertThatThrownBy(() -> Dependence.covariance(new double[][] {{1.0, 0.0}, null}))
        .hasMessage("covariance[1]: must have 2 entries (a square matrix), had 0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void entriesMustBeFinite(double value) {
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.0, value}, {0.0, 1.0}}))
        .hasMessage("correlation[0][1]: must be a finite number, was " + value);
    assertThatThrownBy(() -> Dependence.covariance(new double[][] {{1.0, 0.0}, {0.0, value}}))
        .hasMessage("covariance[1][1]: must be a finite number, was " + value);
  }

  @Test
  void matrixMustBeSymmetric() {
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.0, 0.5}, {0.4, 1.0}}))
        .hasMessage("correlation[0][1]: must equal correlation[1][0] = 0.4 (symmetric), was 0.5");
    assertThatThrownBy(() -> Dependence.covariance(new double[][] {{4.0, 1.0}, {2.0, 4.0}}))
        .hasMessage("covariance[0][1]: must equal covariance[1][0] = 2.0 (symmetric), was 1.0");
  }

  @Test
  void symmetryIsCheckedToTheToleranceRelativeToTheEntries() {
    // |0.5 + 5e-11 - 0.5| = 5e-11 <= 1e-10 * max(1, 0.5): accepted; 1e-9 is not.
    assertThatCode(
            () -> Dependence.correlation(new double[][] {{1.0, 0.5 + 5e-11}, {0.5, 1.0}}))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.0, 0.5 + 1e-9}, {0.5, 1.0}}))
        .hasMessageStartingWith("correlation[0][1]: must equal correlation[1][0] = 0.5");
    // For a covariance the tolerance scales with the entry: 1e-5 apart at 5e5 is 2e-11 relative.
    assertThatCode(
            () -> Dependence.covariance(new double[][] {{1e6, 5e5 + 1e-5}, {5e5, 1e6}}))
        .doesNotThrowAnyException();
  }

  @Test
  void correlationNeedsAUnitDiagonal() {
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.0, 0.0}, {0.0, 0.9}}))
        .hasMessage("correlation[1][1]: must be 1 (unit diagonal), was 0.9");
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.1}}))
        .hasMessage("correlation[0][0]: must be 1 (unit diagonal), was 1.1");
  }

  @Test
  void correlationEntriesMustBeInMinusOneToOne() {
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.0, 1.5}, {1.5, 1.0}}))
        .hasMessage("correlation[0][1]: must be in [-1, 1], was 1.5");
    assertThatThrownBy(() -> Dependence.correlation(new double[][] {{1.0, -1.2}, {-1.2, 1.0}}))
        .hasMessage("correlation[0][1]: must be in [-1, 1], was -1.2");
    // Perfect (anti-)correlation is allowed: eigenvalues 0 and 2.
    assertThatCode(() -> Dependence.correlation(new double[][] {{1.0, -1.0}, {-1.0, 1.0}}))
        .doesNotThrowAnyException();
  }

  @Test
  void correlationMustBeSemidefiniteAndTheErrorGivesTheSmallestEigenvalue() {
    // 3 x 3 with every off-diagonal r = -0.6: eigenvalues 1 + 2r = -0.2 (vector (1,1,1)) and
    // 1 - r = 1.6 (twice). Every entry is in [-1, 1] and the diagonal is 1, so only the
    // semidefiniteness rule is broken.
    double r = -0.6;
    double[][] c = {{1.0, r, r}, {r, 1.0, r}, {r, r, 1.0}};
    assertThatThrownBy(() -> Dependence.correlation(c))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.path()).isEqualTo("correlation");
              assertThat(e.getMessage()).startsWith("correlation" + PSD_PREFIX);
              assertThat(smallestEigenvalueIn(e)).isCloseTo(-0.2, within(1e-12));
            });
  }

  @Test
  void covarianceMustBeSemidefiniteAndTheErrorGivesTheSmallestEigenvalue() {
    // [[4, 6], [6, 4]]: eigenvalues 4 + 6 = 10 and 4 - 6 = -2.
    assertThatThrownBy(() -> Dependence.covariance(new double[][] {{4.0, 6.0}, {6.0, 4.0}}))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("covariance" + PSD_PREFIX);
              assertThat(smallestEigenvalueIn(e)).isCloseTo(-2.0, within(1e-12));
            });
  }

  @Test
  void semidefinitenessIsCheckedToTheTolerance() {
    // [[1, 1], [1, 1]] is singular (eigenvalues 0 and 2): semidefinite, accepted.
    assertThatCode(() -> Dependence.covariance(new double[][] {{1.0, 1.0}, {1.0, 1.0}}))
        .doesNotThrowAnyException();
    // A covariance of 1e8 with eigenvalue -1e-3 is -1e-11 relative: inside the tolerance.
    assertThatCode(
            () -> Dependence.covariance(new double[][] {{1e8, 1e8 + 1e-3}, {1e8 + 1e-3, 1e8}}))
        .doesNotThrowAnyException();
  }

  @Test
  void covarianceDiagonalIsAVariance() {
    assertThatThrownBy(() -> Dependence.covariance(new double[][] {{4.0, 0.0}, {0.0, -1.0}}))
        .hasMessage("covariance[1][1]: must be >= 0 (a variance), was -1.0");
  }

  @Test
  void equalityFollowsTheMatrix() {
    double[][] m = {{1.0, 0.3}, {0.3, 1.0}};
    assertThat(Dependence.correlation(m)).isEqualTo(Dependence.correlation(m));
    assertThat(Dependence.correlation(m)).isNotEqualTo(Dependence.covariance(m));
    assertThat(Dependence.correlation(m).hashCode())
        .isEqualTo(Dependence.correlation(m).hashCode());
  }

  // ---------------------------------------------------------------------------------------------
  // Factor models
  // ---------------------------------------------------------------------------------------------

  private static final double[][] LOADINGS = {{1.0, 0.0}, {0.5, 0.5}, {0.0, 2.0}};
  private static final double[][] FACTOR_COVARIANCE = {{0.04, 0.01}, {0.01, 0.09}};
  private static final double[] SPECIFIC = {0.01, 0.02, 0.03};

  @Test
  void factorModelIsCopiedAndSizedByItsLoadings() {
    double[][] loadings = {{1.0, 0.0}, {0.5, 0.5}, {0.0, 2.0}};
    double[] specific = SPECIFIC.clone();
    Dependence.Factor factor = Dependence.factor(loadings, FACTOR_COVARIANCE, specific);
    loadings[0][0] = 7.0;
    specific[0] = 7.0;
    assertThat(factor).isInstanceOf(Dependence.Factor.class);
    assertThat(factor.size()).hasValue(3);
    assertThat(factor.loadings()).isEqualTo(LOADINGS);
    assertThat(factor.factorCovariance()).isEqualTo(FACTOR_COVARIANCE);
    assertThat(factor.specificVariance()).containsExactly(SPECIFIC);
    factor.loadings()[1][1] = 9.0;
    assertThat(factor.loadings()[1][1]).isEqualTo(0.5);
  }

  /**
   * Omega = B F B' + D with B = [[1, 0], [0.5, 0.5], [0, 2]], F = [[0.04, 0.01], [0.01, 0.09]],
   * D = (0.01, 0.02, 0.03):
   *   Omega_00 = 0.04 + 0.01 = 0.05            Omega_01 = 0.5 (0.04 + 0.01) = 0.025
   *   Omega_02 = 2 * 0.01 = 0.02               Omega_11 = 0.25 (0.04 + 0.02 + 0.09) + 0.02 = 0.0575
   *   Omega_12 = 0.5 (0.02 + 0.18) = 0.1       Omega_22 = 4 * 0.09 + 0.03 = 0.39
   * and with p = (10, 20, 5), Sigma_ij = p_i p_j Omega_ij =
   *   [[5, 5, 1], [5, 23, 10], [1, 10, 9.75]].
   * For x = (1, -1, 2): Sigma x = (5 - 5 + 2, 5 - 23 + 20, 1 - 10 + 19.5) = (2, 2, 10.5) and
   * x' Sigma x = 2 - 2 + 21 = 21. The volatilities do not enter.
   */
  @Test
  void factorPriceCovarianceIsPricesTimesTheReturnCovariance() {
    PriceCovariance sigma =
        PriceCovariance.of(Dependence.factor(LOADINGS, FACTOR_COVARIANCE, SPECIFIC), new double[] {0.5, 0.0, 0.3}, new double[] {10.0, 20.0, 5.0});
    double[][] expected = {{5.0, 5.0, 1.0}, {5.0, 23.0, 10.0}, {1.0, 10.0, 9.75}};
    assertThat(sigma.isFactorModel()).isTrue();
    assertThat(sigma.size()).isEqualTo(3);
    assertThat(sigma.factorCount()).isEqualTo(2);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(sigma.entry(i, j)).as("Sigma[%d][%d]", i, j)
            .isCloseTo(expected[i][j], within(1e-13));
      }
    }
    double[] x = {1.0, -1.0, 2.0};
    double[] product = sigma.times(x);
    assertThat(product[0]).isCloseTo(2.0, within(1e-13));
    assertThat(product[1]).isCloseTo(2.0, within(1e-13));
    assertThat(product[2]).isCloseTo(10.5, within(1e-13));
    assertThat(sigma.quadraticForm(x)).isCloseTo(21.0, within(1e-12));
    // The parts in money: G_ik = p_i B_ik, s_i = p_i^2 D_i.
    assertThat(sigma.loading(2, 1)).isEqualTo(10.0);
    assertThat(sigma.factorCovariance(0, 1)).isEqualTo(0.01);
    assertThat(sigma.specificVariance(1)).isCloseTo(8.0, within(1e-15));
  }

  @Test
  void factorPartsAreRequired() {
    assertThatThrownBy(() -> Dependence.factor(null, FACTOR_COVARIANCE, SPECIFIC))
        .hasMessage("factors.loadings: is required");
    assertThatThrownBy(() -> Dependence.factor(LOADINGS, null, SPECIFIC))
        .hasMessage("factors.covariance: is required");
    assertThatThrownBy(() -> Dependence.factor(LOADINGS, FACTOR_COVARIANCE, null))
        .hasMessage("factors.specificVariance: is required");
    assertThatThrownBy(() -> Dependence.factor(new double[][] {{}}, new double[][] {}, SPECIFIC))
        .hasMessage("factors.covariance: must hold at least one factor (a 1 x 1 matrix or larger)");
  }

  @Test
  void factorDimensionsMustAgree() {
    assertThatThrownBy(
            () -> Dependence.factor(
                new double[][] {{1.0, 0.0}, {0.5}, {0.0, 2.0}}, FACTOR_COVARIANCE, SPECIFIC))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "factors.loadings[1]: must have 2 entries (one per factor of factors.covariance), had 1");
    assertThatThrownBy(
            () -> Dependence.factor(LOADINGS, new double[][] {{0.04, 0.01}, {0.01}}, SPECIFIC))
        .hasMessage("factors.covariance[1]: must have 2 entries (a square matrix), had 1");
    assertThatThrownBy(
            () -> Dependence.factor(LOADINGS, FACTOR_COVARIANCE, new double[] {0.01, 0.02}))
        .hasMessage(
            "factors.specificVariance: must have 3 entries (one per row of factors.loadings), had 2");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void factorEntriesMustBeFinite(double value) {
    double[][] loadings = {{1.0, 0.0}, {0.5, 0.5}, {0.0, value}};
    assertThatThrownBy(() -> Dependence.factor(loadings, FACTOR_COVARIANCE, SPECIFIC))
        .hasMessage("factors.loadings[2][1]: must be a finite number, was " + value);
    assertThatThrownBy(
            () -> Dependence.factor(LOADINGS, new double[][] {{value, 0.0}, {0.0, 1.0}}, SPECIFIC))
        .hasMessage("factors.covariance[0][0]: must be a finite number, was " + value);
    assertThatThrownBy(
            () -> Dependence.factor(LOADINGS, FACTOR_COVARIANCE, new double[] {0.01, value, 0.0}))
        .hasMessage("factors.specificVariance[1]: must be a finite number, was " + value);
  }

  @Test
  void factorCovarianceMustBeASymmetricSemidefiniteCovariance() {
    assertThatThrownBy(
            () -> Dependence.factor(LOADINGS, new double[][] {{0.04, 0.01}, {0.02, 0.09}}, SPECIFIC))
        .hasMessage(
            "factors.covariance[0][1]: must equal factors.covariance[1][0] = 0.02 (symmetric),"
                + " was 0.01");
    assertThatThrownBy(
            () -> Dependence.factor(LOADINGS, new double[][] {{0.04, 0.0}, {0.0, -1.0}}, SPECIFIC))
        .hasMessage("factors.covariance[1][1]: must be >= 0 (a variance), was -1.0");
    // [[1, 2], [2, 1]]: eigenvalues 3 and -1.
    assertThatThrownBy(
            () -> Dependence.factor(LOADINGS, new double[][] {{1.0, 2.0}, {2.0, 1.0}}, SPECIFIC))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("factors.covariance" + PSD_PREFIX);
              assertThat(smallestEigenvalueIn(e)).isCloseTo(-1.0, within(1e-12));
            });
    // A singular F is a valid covariance: [[1, 1], [1, 1]], eigenvalues 0 and 2.
    assertThatCode(
            () -> Dependence.factor(LOADINGS, new double[][] {{1.0, 1.0}, {1.0, 1.0}}, SPECIFIC))
        .doesNotThrowAnyException();
  }

  @Test
  void specificVariancesAreNonNegative() {
    assertThatThrownBy(
            () -> Dependence.factor(LOADINGS, FACTOR_COVARIANCE, new double[] {0.01, -0.1, 0.0}))
        .hasMessage("factors.specificVariance[1]: must be >= 0, was -0.1");
    assertThatCode(
            () -> Dependence.factor(LOADINGS, FACTOR_COVARIANCE, new double[] {0.0, 0.0, 0.0}))
        .doesNotThrowAnyException();
  }

  @Test
  void factorModelsAreEqualByTheirParts() {
    Dependence factor = Dependence.factor(LOADINGS, FACTOR_COVARIANCE, SPECIFIC);
    assertThat(factor).isEqualTo(Dependence.factor(LOADINGS, FACTOR_COVARIANCE, SPECIFIC));
    assertThat(factor.hashCode())
        .isEqualTo(Dependence.factor(LOADINGS, FACTOR_COVARIANCE, SPECIFIC).hashCode());
    assertThat(factor)
        .isNotEqualTo(Dependence.factor(LOADINGS, FACTOR_COVARIANCE, new double[] {0.01, 0.02, 0}));
    assertThat(factor.toString()).startsWith("Dependence[factor loadings [[1.0, 0.0],");
  }

  private static double smallestEigenvalueIn(InvalidInputException e) {
    String message = e.getMessage();
    return Double.parseDouble(message.substring(message.lastIndexOf(' ') + 1));
  }
}
