package org.deleverage.models.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.deleverage.models.numerics.SymmetricEigen;

/** Random matrices for the properties of this package, and the check of a correlation matrix. */
final class RiskMatrices {
  private RiskMatrices() {}

  /**
   * A symmetric matrix of size 2 to 8 with a unit diagonal and off-diagonal entries uniform in
   * [-1, 1]: most of them from size 4 up are indefinite, so they need a repair.
   */
  static double[][] roughCorrelation(SplittableRandom random) {
    int n = 2 + random.nextInt(7);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i][i] = 1.0;
      for (int j = i + 1; j < n; j++) {
        a[i][j] = random.nextDouble(-1, 1);
        a[j][i] = a[i][j];
      }
    }
    return a;
  }

  /**
   * A valid correlation matrix of size {@code n} by construction: {@code B B' + D} for a random
   * n x 2 loading matrix B and a positive diagonal D, scaled to a unit diagonal (a congruence by
   * a positive diagonal, which keeps it positive definite), with the diagonal then set to exactly
   * 1.
   */
  static double[][] validCorrelation(SplittableRandom random, int n) {
    double[][] b = new double[n][2];
    for (double[] row : b) {
      row[0] = random.nextDouble(-1, 1);
      row[1] = random.nextDouble(-1, 1);
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = b[i][0] * b[j][0] + b[i][1] * b[j][1];
      }
      m[i][i] += random.nextDouble(0.05, 1.0);
    }
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i][j] = i == j ? 1.0 : m[i][j] / (Math.sqrt(m[i][i]) * Math.sqrt(m[j][j]));
      }
    }
    return c;
  }

  /** The Frobenius norm of a - b. */
  static double frobenius(double[][] a, double[][] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        sum += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
      }
    }
    return Math.sqrt(sum);
  }

  /** The identity of size n. */
  static double[][] identity(int n) {
    double[][] identity = new double[n][n];
    for (int i = 0; i < n; i++) {
      identity[i][i] = 1.0;
    }
    return identity;
  }

  /**
   * Asserts the contract of a correlation matrix this package returns: exactly symmetric, a
   * diagonal of exactly 1, entries in [-1, 1], smallest eigenvalue at least -1e-12.
   */
  static void assertValidCorrelation(double[][] c) {
    for (int i = 0; i < c.length; i++) {
      assertThat(c[i][i]).as("diagonal %d", i).isEqualTo(1.0);
      for (int j = 0; j < c.length; j++) {
        assertThat(c[i][j]).as("symmetric at %d, %d", i, j).isEqualTo(c[j][i]);
        assertThat(Math.abs(c[i][j])).isLessThanOrEqualTo(1.0);
      }
    }
    assertThat(SymmetricEigen.smallestEigenvalue(c)).isGreaterThanOrEqualTo(-1e-12);
  }
}
