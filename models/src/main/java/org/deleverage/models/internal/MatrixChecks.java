package org.deleverage.models.internal;

import org.deleverage.InvalidInputException;
import org.deleverage.models.numerics.SymmetricEigen;

/**
 * Validation of square matrices (correlations and covariances), each failing with an {@link
 * InvalidInputException} that names the matrix, the entry ({@code name[i][j]}) and the rule. The
 * checks that return a matrix return a fresh copy of the input, unchanged; the others only read.
 */
public final class MatrixChecks {

  private MatrixChecks() {}

  /**
   * A copy of a square matrix of finite numbers (every row as long as there are rows).
   *
   * @param name the name of the matrix, for the error message
   * @param given the matrix (not modified)
   * @return a copy of a square matrix of finite numbers (every row as long as there are rows)
   */
  public static double[][] square(String name, double[][] given) {
    Checks.present(name, given);
    int n = given.length;
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      if (given[i] == null || given[i].length != n) {
        throw new InvalidInputException(
            name + "[" + i + "]",
            "must have " + n + " entries (a square matrix), had "
                + (given[i] == null ? 0 : given[i].length));
      }
      copy[i] = given[i].clone();
      for (int j = 0; j < n; j++) {
        Checks.finite(name + "[" + i + "][" + j + "]", copy[i][j]);
      }
    }
    return copy;
  }

  /**
   * A copy of a square matrix of finite numbers whose entries (i, j) and (j, i) differ by at most
   * {@code tolerance} times the larger of the pair and 1.
   *
   * @param name the name of the matrix, for the error message
   * @param tolerance the tolerance of the check
   * @param given the matrix (not modified)
   * @return a copy of a square matrix of finite numbers whose entries (i, j) and (j, i) differ by
   *     at most {@code tolerance} times the larger of the pair and 1
   */
  public static double[][] symmetric(String name, double[][] given, double tolerance) {
    double[][] copy = square(name, given);
    for (int i = 0; i < copy.length; i++) {
      for (int j = i + 1; j < copy.length; j++) {
        double scale = Math.max(1.0, Math.max(Math.abs(copy[i][j]), Math.abs(copy[j][i])));
        if (Math.abs(copy[i][j] - copy[j][i]) > tolerance * scale) {
          throw new InvalidInputException(
              name + "[" + i + "][" + j + "]",
              "must equal " + name + "[" + j + "][" + i + "] = " + copy[j][i]
                  + " (symmetric), was " + copy[i][j]);
        }
      }
    }
    return copy;
  }

  /**
   * The entries of a correlation matrix, row by row: a diagonal within {@code tolerance} of 1
   * and every entry within [-1 - tolerance, 1 + tolerance].
   *
   * @param name the name of the matrix, for the error message
   * @param matrix the matrix (not modified)
   * @param tolerance the tolerance of the check
   */
  public static void correlationEntries(String name, double[][] matrix, double tolerance) {
    for (int i = 0; i < matrix.length; i++) {
      if (Math.abs(matrix[i][i] - 1.0) > tolerance) {
        throw new InvalidInputException(
            name + "[" + i + "][" + i + "]", "must be 1 (unit diagonal), was " + matrix[i][i]);
      }
      for (int j = 0; j < matrix.length; j++) {
        if (Math.abs(matrix[i][j]) > 1.0 + tolerance) {
          throw new InvalidInputException(
              name + "[" + i + "][" + j + "]", "must be in [-1, 1], was " + matrix[i][j]);
        }
      }
    }
  }

  /**
   * The largest variance of a covariance matrix, each diagonal entry checked to be >= 0.
   *
   * @param name the name of the matrix, for the error message
   * @param matrix the matrix (not modified)
   * @return the largest variance of a covariance matrix, each diagonal entry checked to be >= 0
   */
  public static double largestVariance(String name, double[][] matrix) {
    double largest = 0.0;
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i][i] < 0) {
        throw new InvalidInputException(
            name + "[" + i + "][" + i + "]", "must be >= 0 (a variance), was " + matrix[i][i]);
      }
      largest = Math.max(largest, matrix[i][i]);
    }
    return largest;
  }

  /**
   * The smallest eigenvalue of a symmetric matrix is at least {@code -tolerance}.
   *
   * <p>First a Cholesky factorisation of {@code A + tolerance I} is tried (n^3/6 multiply-adds
   * on the lower triangle, no copy of the whole matrix): it exists exactly when every eigenvalue
   * of A is above {@code -tolerance}, so a semidefinite matrix passes without an
   * eigendecomposition. Only when it breaks down (a pivot that is not positive) is the smallest
   * eigenvalue computed, to decide a case on the boundary that rounding made fail and to report
   * the eigenvalue in the message. A 5,000 x 5,000 dense correlation takes seconds this way, not
   * the quarter of an hour of a full eigendecomposition.
   *
   * @param name the name of the matrix, for the error message
   * @param matrix the matrix (not modified), square and symmetric
   * @param tolerance the tolerance of the check
   */
  public static void semidefinite(String name, double[][] matrix, double tolerance) {
    if (choleskyExists(matrix, tolerance)) {
      return;
    }
    double smallest = SymmetricEigen.smallestEigenvalue(matrix);
    if (smallest < -tolerance) {
      throw new InvalidInputException(
          name, "must be positive semidefinite, smallest eigenvalue was " + smallest);
    }
  }

  /**
   * Whether {@code A + shift I} has a Cholesky factor L (L L' = A + shift I, L lower triangular
   * with a positive diagonal), computed row by row from the lower triangle of A:
   * {@code L[i][j] = (A[i][j] + shift [i = j] - sum_{k<j} L[i][k] L[j][k]) / L[j][j]}, and the
   * diagonal the square root of its numerator, which must be positive.
   */
  static boolean choleskyExists(double[][] a, double shift) {
    int n = a.length;
    double[][] factor = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] row = new double[i + 1];
      for (int j = 0; j <= i; j++) {
        double[] other = j == i ? row : factor[j];
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= row[k] * other[k];
        }
        if (j < i) {
          row[j] = sum / other[j];
        } else {
          sum += shift;
          if (!(sum > 0)) {
            return false;
          }
          row[i] = Math.sqrt(sum);
        }
      }
      factor[i] = row;
    }
    return true;
  }
}
