package org.deleverage.models.numerics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Eigenvalues of symmetric matrices, and the projection onto the positive semidefinite cone, by
 * Apache Commons Math. This package is the only place the library touches Commons Math types.
 */
public final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * The smallest eigenvalue of a symmetric matrix.
   *
   * @param matrix a square, symmetric matrix of finite numbers (not modified)
   */
  public static double smallestEigenvalue(double[][] matrix) {
    if (matrix.length == 0) {
      return 0.0;
    }
    double[] values = new EigenDecomposition(new Array2DRowRealMatrix(matrix, true))
        .getRealEigenvalues();
    double smallest = Double.POSITIVE_INFINITY;
    for (double value : values) {
      smallest = Math.min(smallest, value);
    }
    return smallest;
  }

  /**
   * The nearest positive semidefinite matrix in the Frobenius norm: with the eigendecomposition
   * {@code A = V diag(lambda) V'}, the matrix {@code V diag(max(lambda, 0)) V'}, made exactly
   * symmetric by averaging it with its transpose (Higham 1988).
   *
   * @param matrix a square, symmetric matrix of finite numbers (not modified)
   * @return a new matrix
   */
  public static double[][] projectOntoSemidefinite(double[][] matrix) {
    int n = matrix.length;
    if (n == 0) {
      return new double[0][0];
    }
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(matrix, true));
    double[] values = eigen.getRealEigenvalues();
    RealMatrix vectors = eigen.getV();
    double[][] projected = new double[n][n];
    for (int k = 0; k < n; k++) {
      double value = values[k];
      if (!(value > 0)) {
        continue;
      }
      double[] v = vectors.getColumn(k);
      for (int i = 0; i < n; i++) {
        double scaled = value * v[i];
        for (int j = 0; j < n; j++) {
          projected[i][j] += scaled * v[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double mean = 0.5 * (projected[i][j] + projected[j][i]);
        projected[i][j] = mean;
        projected[j][i] = mean;
      }
    }
    return projected;
  }
}
