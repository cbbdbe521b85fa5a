package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.models.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DependenceTest {

  private static final String PSD_PREFIX =
      ": must be positive semidefinite, smallest eigenvalue was ";

  @Test
  void independentIsTheIdentityOfAnySize() {
    Dependence independent = Dependence.independent();
    assertThat(independent.kind()).isEqualTo(Dependence.Kind.INDEPENDENT);
    assertThat(independent.size()).isEmpty();
    assertThat(independent.matrix(2)).isEqualTo(new double[][] {{1.0, 0.0}, {0.0, 1.0}});
  }

  @Test
  void correlationIsCopied() {
    double[][] given = {{1.0, 0.5}, {0.5, 1.0}};
    Dependence correlation = Dependence.correlation(given);
    given[0][1] = 0.9;
    assertThat(correlation.kind()).isEqualTo(Dependence.Kind.CORRELATION);
    assertThat(correlation.size()).hasValue(2);
    double[][] out = correlation.matrix(2);
    assertThat(out[0][1]).isEqualTo(0.5);
    out[1][0] = 0.7;
    assertThat(correlation.matrix(2)[1][0]).isEqualTo(0.5);
  }

  @Test
  void priceCovarianceScalesTheCorrelationByPriceVolatility() {
    // sigma_i p_i = 0.02 * 10 = 0.2 and 0.01 * 20 = 0.2, so
    // Sigma = [[0.04, 0.5 * 0.04], [0.02, 0.04]].
    double[][] sigma =
        Dependence.correlation(new double[][] {{1.0, 0.5}, {0.5, 1.0}})
            .priceCovariance(new double[] {0.02, 0.01}, new double[] {10.0, 20.0});
    assertThat(sigma[0][0]).isCloseTo(0.04, within(1e-15));
    assertThat(sigma[0][1]).isCloseTo(0.02, within(1e-15));
    assertThat(sigma[1][0]).isCloseTo(0.02, within(1e-15));
    assertThat(sigma[1][1]).isCloseTo(0.04, within(1e-15));
    // Independent: the diagonal (sigma_i p_i)^2 only; a covariance is used as given.
    double[][] diagonal =
        Dependence.independent()
            .priceCovariance(new double[] {0.02, 0.01}, new double[] {10.0, 20.0});
    assertThat(diagonal[0][1]).isEqualTo(0.0);
    assertThat(diagonal[1][1]).isCloseTo(0.04, within(1e-15));
    double[][] asGiven =
        Dependence.covariance(new double[][] {{4.0, 1.0}, {1.0, 9.0}})
            .priceCovariance(new double[] {0.5, 0.5}, new double[] {10.0, 20.0});
    assertThat(asGiven).isEqualTo(new double[][] {{4.0, 1.0}, {1.0, 9.0}});
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

  private static double smallestEigenvalueIn(InvalidInputException e) {
    String message = e.getMessage();
    return Double.parseDouble(message.substring(message.lastIndexOf(' ') + 1));
  }
}
