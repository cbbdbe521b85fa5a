package org.deleverage.models.numerics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Eigenvalues of symmetric matrices, by Apache Commons Math. This package is the only place the
 * library touches Commons Math types.
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
}
