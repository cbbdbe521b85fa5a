package org.deleverage.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.util.SplittableRandom;
import org.deleverage.InvalidInputException;
import org.deleverage.models.numerics.SymmetricEigen;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class MatrixChecksTest {

  @Test
  void choleskyOfTwoByTwoByHand() {
    // [[1, r], [r, 1]] has eigenvalues 1 - r and 1 + r. With r = 0.6 both are positive: the
    // factor is L11 = 1, L21 = 0.6, L22 = sqrt(1 - 0.36) = 0.8. With r = 1.2 the second pivot is
    // 1 - 1.44 = -0.44 < 0: no factor, and the smallest eigenvalue is 1 - 1.2 = -0.2.
    assertThat(MatrixChecks.choleskyExists(new double[][] {{1, 0.6}, {0.6, 1}}, 0.0)).isTrue();
    assertThat(MatrixChecks.choleskyExists(new double[][] {{1, 1.2}, {1.2, 1}}, 0.0)).isFalse();
    // The shift: pivot 2 of [[1, 1.2], [1.2, 1]] + 0.3 I is 1.3 - 1.44 / 1.3 = 0.1923... > 0,
    // as the smallest eigenvalue -0.2 is above -0.3.
    assertThat(MatrixChecks.choleskyExists(new double[][] {{1, 1.2}, {1.2, 1}}, 0.3)).isTrue();
    assertThatThrownBy(() -> MatrixChecks.semidefinite(
            "correlation", new double[][] {{1, 1.2}, {1.2, 1}}, 1e-10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "correlation: must be positive semidefinite, smallest eigenvalue was -0.2");
  }

  @Test
  void aSingularSemidefiniteMatrixPassesThroughTheEigenvalueFallback() {
    // All ones: rank 1, eigenvalues 3, 0, 0. Without a shift the second pivot is 1 - 1 = 0, not
    // positive; with the tolerance it is about 1e-10 (or fails by rounding), and the smallest
    // eigenvalue (0 up to rounding) is within the tolerance either way.
    double[][] ones = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
    assertThat(MatrixChecks.choleskyExists(ones, 0.0)).isFalse();
    assertThatCode(() -> MatrixChecks.semidefinite("correlation", ones, 1e-10))
        .doesNotThrowAnyException();
  }

  @Test
  void choleskyExistsExactlyWhenTheSmallestEigenvalueIsAboveMinusTheShift() {
    // Random symmetric matrices B + B' - c I: the factor of A + s I must exist when the smallest
    // eigenvalue is clearly above -s and must not when it is clearly below (a margin of 1e-6
    // keeps rounding out of it).
    qt().withExamples(200)
        .forAll(SourceDSL.longs().all(), SourceDSL.integers().between(1, 12),
            SourceDSL.doubles().between(0.0, 1.0))
        .checkAssert((seed, n, shift) -> {
          SplittableRandom random = new SplittableRandom(seed);
          double[][] a = new double[n][n];
          double c = random.nextDouble(0, 2);
          for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
              double value = random.nextDouble(-1, 1);
              a[i][j] = value;
              a[j][i] = value;
            }
            a[i][i] += n - c * n;
          }
          double smallest = SymmetricEigen.smallestEigenvalue(a);
          if (smallest > -shift + 1e-6) {
            assertThat(MatrixChecks.choleskyExists(a, shift)).isTrue();
          } else if (smallest < -shift - 1e-6) {
            assertThat(MatrixChecks.choleskyExists(a, shift)).isFalse();
          }
        });
  }
}
