package org.deleverage.models.numerics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

  @Test
  void smallestEigenvalueOfATwoByTwo() {
    // [[2, 1], [1, 2]] has eigenvalues 2 +- 1 (vectors (1, 1) and (1, -1)): the smallest is 1.
    assertThat(SymmetricEigen.smallestEigenvalue(new double[][] {{2, 1}, {1, 2}}))
        .isCloseTo(1.0, within(1e-14));
    assertThat(SymmetricEigen.smallestEigenvalue(new double[0][0])).isZero();
  }

  @Test
  void projectionClipsTheNegativeEigenvalues() {
    // [[1, 2], [2, 1]] = 3 u u' - 1 w w' with u = (1, 1)/sqrt2, w = (1, -1)/sqrt2. Dropping the
    // negative part leaves 3 u u' = 1.5 [[1, 1], [1, 1]].
    double[][] projected =
        SymmetricEigen.projectOntoSemidefinite(new double[][] {{1, 2}, {2, 1}});
    for (double[] row : projected) {
      for (double entry : row) {
        assertThat(entry).isCloseTo(1.5, within(1e-14));
      }
    }
    assertThat(projected[0][1]).isEqualTo(projected[1][0]);
  }

  @Test
  void projectionKeepsASemidefiniteMatrixAndZeroesANegativeOne() {
    // diag(4, 0) is semidefinite already; -I has only the eigenvalue -1, clipped to 0.
    double[][] kept = SymmetricEigen.projectOntoSemidefinite(new double[][] {{4, 0}, {0, 0}});
    assertThat(kept[0][0]).isCloseTo(4.0, within(1e-14));
    assertThat(kept[0][1]).isCloseTo(0.0, within(1e-14));
    assertThat(kept[1][1]).isCloseTo(0.0, within(1e-14));
    double[][] zeroed = SymmetricEigen.projectOntoSemidefinite(new double[][] {{-1, 0}, {0, -1}});
    assertThat(zeroed).isEqualTo(new double[][] {{0, 0}, {0, 0}});
    assertThat(SymmetricEigen.projectOntoSemidefinite(new double[0][0])).isEmpty();
  }
}
