package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked Cholesky factor: a hand-worked factor, solutions whose residuals are at rounding
 * level for sizes around the panel and the unrolling (odd sizes, one panel and a bit, several),
 * and the refusal of a matrix that is not positive definite.
 */
class BlockedCholeskyTest {

  /**
   * A = [[4, 2, -2], [2, 10, 2], [-2, 2, 6]] = U'U with U = [[2, 1, -1], [0, 3, 1], [0, 0, 2]]:
   * U_11 = sqrt 4, U_12 = 2 / 2, U_13 = -2 / 2, U_22 = sqrt(10 - 1), U_23 = (2 + 1) / 3, U_33 =
   * sqrt(6 - 1 - 1). With b = A (1, 1, 1)' = (4, 14, 6), A x = b gives x = (1, 1, 1).
   */
  @Test
  void handWorkedFactorAndSolve() {
    double[][] a = {{4, 2, -2}, {2, 10, 2}, {-2, 2, 6}};
    BlockedCholesky factor = BlockedCholesky.factorInPlace(a);
    assertThat(factor).isNotNull();
    assertThat(a[0][0]).isCloseTo(2.0, within(1e-15));
    assertThat(a[0][1]).isCloseTo(1.0, within(1e-15));
    assertThat(a[0][2]).isCloseTo(-1.0, within(1e-15));
    assertThat(a[1][1]).isCloseTo(3.0, within(1e-15));
    assertThat(a[1][2]).isCloseTo(1.0, within(1e-15));
    assertThat(a[2][2]).isCloseTo(2.0, within(1e-15));
    double[] x = factor.solve(new double[] {4, 14, 6});
    for (double value : x) {
      assertThat(value).isCloseTo(1.0, within(1e-14));
    }
    double[][] columns = {{4, 8}, {14, 28}, {6, 12}};
    factor.solveInPlace(columns);
    for (double[] row : columns) {
      assertThat(row[0]).isCloseTo(1.0, within(1e-14));
      assertThat(row[1]).isCloseTo(2.0, within(1e-14));
    }
  }

  /** Residuals |A x - b| within 1e-12 of |b| (A well conditioned, entries of order 1). */
  @Test
  void solvesAtRoundingLevelAcrossBlockSizes() {
    for (int n : new int[] {1, 2, 3, 5, 63, 64, 65, 130, 201}) {
      double[][] a = spd(n, n);
      double[][] copy = copy(a);
      BlockedCholesky factor = BlockedCholesky.factorInPlace(copy);
      assertThat(factor).as("n = %d", n).isNotNull();
      SplittableRandom random = new SplittableRandom(7 * n);
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = random.nextDouble(-1, 1);
      }
      double[] x = factor.solve(b);
      assertThat(residual(a, x, b)).as("n = %d", n).isLessThan(1e-12);
      int columns = n % 3 + 2;
      double[][] rhs = new double[n][columns];
      for (double[] row : rhs) {
        for (int j = 0; j < columns; j++) {
          row[j] = random.nextDouble(-1, 1);
        }
      }
      double[][] solution = copy(rhs);
      factor.solveInPlace(solution);
      for (int j = 0; j < columns; j++) {
        double[] column = new double[n];
        double[] right = new double[n];
        for (int i = 0; i < n; i++) {
          column[i] = solution[i][j];
          right[i] = rhs[i][j];
        }
        assertThat(residual(a, column, right)).as("n = %d, column %d", n, j).isLessThan(1e-12);
      }
    }
  }

  /** [[1, 2], [2, 1]] has eigenvalues 3 and -1: its second pivot, 1 - 4, is negative. */
  @Test
  void refusesAnIndefiniteMatrix() {
    assertThat(BlockedCholesky.factorInPlace(new double[][] {{1, 2}, {2, 1}})).isNull();
    double[][] singular = spd(70, 3);
    for (double[] row : singular) {
      row[69] = 0.0;
    }
    singular[69] = new double[70];
    assertThat(BlockedCholesky.factorInPlace(singular)).isNull();
  }

  /** G G' / n + I for a random n x n matrix G: eigenvalues in [1, about 5]. */
  private static double[][] spd(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] g = new double[n][n];
    for (double[] row : g) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextDouble(-1, 1);
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
          sum += g[i][k] * g[j][k];
        }
        a[i][j] = sum / n + (i == j ? 1.0 : 0.0);
      }
    }
    return a;
  }

  private static double[][] copy(double[][] a) {
    double[][] copy = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      copy[i] = a[i].clone();
    }
    return copy;
  }

  /** max_i |(A x - b)_i| / max(1, max_i |b_i|). */
  private static double residual(double[][] a, double[] x, double[] b) {
    double worst = 0.0;
    double scale = 1.0;
    for (int i = 0; i < a.length; i++) {
      double sum = -b[i];
      for (int j = 0; j < a.length; j++) {
        sum += a[i][j] * x[j];
      }
      worst = Math.max(worst, Math.abs(sum));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return worst / scale;
  }
}
