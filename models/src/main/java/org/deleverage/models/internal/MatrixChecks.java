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
   * @param name the name of the matrix, for the error message
   * @param matrix the matrix (not modified)
   * @param tolerance the tolerance of the check
   */
  public static void semidefinite(String name, double[][] matrix, double tolerance) {
    double smallest = SymmetricEigen.smallestEigenvalue(matrix);
    if (smallest < -tolerance) {
      throw new InvalidInputException(
          name, "must be positive semidefinite, smallest eigenvalue was " + smallest);
    }
  }
}
