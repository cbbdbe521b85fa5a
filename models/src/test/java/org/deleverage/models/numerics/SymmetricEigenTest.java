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

  @Test
  void theRootOfAFullRankMatrixReproducesIt() {
    // [[4, 2, 0], [2, 5, 1], [0, 1, 3]] is diagonally dominant with a positive diagonal, hence
    // positive definite: every eigenvalue is kept, three columns.
    double[][] a = {{4.0, 2.0, 0.0}, {2.0, 5.0, 1.0}, {0.0, 1.0, 3.0}};
    double[][] root = SymmetricEigen.semidefiniteRoot(a, 1e-12);
    assertThat(root).hasDimensions(3, 3);
    assertReproduces(root, a);
  }

  @Test
  void theRootOfASingularMatrixHasItsRankInColumns() {
    // u u' + v v' with u = (1, 2, 0), v = (0, 1, -1): rank 2, the third eigenvalue is zero.
    double[][] a = {{1.0, 2.0, 0.0}, {2.0, 5.0, -1.0}, {0.0, -1.0, 1.0}};
    double[][] root = SymmetricEigen.semidefiniteRoot(a, 1e-12);
    assertThat(root).hasDimensions(3, 2);
    assertReproduces(root, a);
  }

  @Test
  void theRootOfZeroHasNoColumns() {
    assertThat(SymmetricEigen.semidefiniteRoot(new double[][] {{0.0, 0.0}, {0.0, 0.0}}, 1e-12))
        .hasDimensions(2, 0);
  }

  @Test
  void eigenvaluesBelowTheCutoffAreDropped() {
    // diag(1, 1e-14): the second is below 1e-12 of the largest and is dropped.
    double[][] root =
        SymmetricEigen.semidefiniteRoot(new double[][] {{1.0, 0.0}, {0.0, 1e-14}}, 1e-12);
    assertThat(root).hasDimensions(2, 1);
    assertThat(Math.abs(root[0][0])).isCloseTo(1.0, within(1e-15));
    assertThat(root[1][0]).isCloseTo(0.0, within(1e-15));
  }

  private static void assertReproduces(double[][] root, double[][] a) {
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        double sum = 0.0;
        for (int c = 0; c < root[i].length; c++) {
          sum += root[i][c] * root[j][c];
        }
        assertThat(sum).as("(R R')[%d][%d]", i, j).isCloseTo(a[i][j], within(1e-13));
      }
    }
  }
}
