package org.deleverage.models.numerics;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Eigenvalues, square roots and the projection onto the positive semidefinite cone of symmetric
 * matrices, by Apache Commons Math. This package is the only place the library touches Commons Math types.
 */
public final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * The smallest eigenvalue of a symmetric matrix.
   *
   * @param matrix a square, symmetric matrix of finite numbers (not modified)
   * @return the smallest eigenvalue of a symmetric matrix
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

  /**
   * A square root R of a symmetric positive semidefinite matrix A, with R R' = A: one column
   * sqrt(lambda_j) v_j per eigenpair whose eigenvalue lambda_j is above {@code relativeCutoff}
   * times the largest. The other eigenvalues (zero, or negative by rounding) are dropped, so R has
   * as many columns as the numerical rank of A, none when A is zero, and R R' differs from A by
   * at most the cutoff relative to its largest eigenvalue.
   *
   * @param matrix a square, symmetric matrix of finite numbers (not modified)
   * @param relativeCutoff the smallest eigenvalue kept, as a fraction of the largest, in [0, 1)
   * @return R, with a row per row of A
   */
  public static double[][] semidefiniteRoot(double[][] matrix, double relativeCutoff) {
    int n = matrix.length;
    if (n == 0) {
      return new double[0][0];
    }
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(matrix, true));
    double[] values = eigen.getRealEigenvalues();
    double largest = 0.0;
    for (double value : values) {
      largest = Math.max(largest, value);
    }
    List<double[]> columns = new ArrayList<>();
    for (int j = 0; j < values.length; j++) {
      if (largest > 0 && values[j] > relativeCutoff * largest) {
        RealVector vector = eigen.getEigenvector(j);
        double root = Math.sqrt(values[j]);
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
          column[i] = root * vector.getEntry(i);
        }
        columns.add(column);
      }
    }
    double[][] factor = new double[n][columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      for (int i = 0; i < n; i++) {
        factor[i][c] = columns.get(c)[i];
      }
    }
    return factor;
  }
}
