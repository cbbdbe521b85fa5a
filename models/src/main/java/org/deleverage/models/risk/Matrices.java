package org.deleverage.models.risk;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;
import org.deleverage.models.internal.MatrixChecks;

/**
 * Validation and small arithmetic of the square matrices this package takes: every check fails
 * with an {@link InvalidInputException} naming the argument, the entry and the rule, and every
 * matrix that passes is returned as a fresh copy that the caller may change.
 */
final class Matrices {

  /**
   * The tolerance of the symmetry, unit-diagonal, range and semidefiniteness checks of inputs
   * (relative to the largest diagonal entry for a covariance), as {@code Dependence} in core.
   */
  static final double TOLERANCE = 1e-10;

  private Matrices() {}

  /** A copy of a non-empty square matrix of finite numbers. */
  static double[][] square(String name, double[][] given) {
    return MatrixChecks.square(name, nonEmpty(name, given));
  }

  /**
   * A copy of a square matrix of finite numbers that is symmetric to {@link #TOLERANCE}
   * (relative to the larger of the pair and 1), made exactly symmetric by averaging each pair.
   */
  static double[][] symmetric(String name, double[][] given) {
    double[][] copy = MatrixChecks.symmetric(name, nonEmpty(name, given), TOLERANCE);
    for (int i = 0; i < copy.length; i++) {
      for (int j = i + 1; j < copy.length; j++) {
        double mean = 0.5 * (copy[i][j] + copy[j][i]);
        copy[i][j] = mean;
        copy[j][i] = mean;
      }
    }
    return copy;
  }

  /**
   * A copy of a correlation matrix: symmetric, unit diagonal, entries in [-1, 1] and positive
   * semidefinite, each to {@link #TOLERANCE}; the copy is exactly symmetric with a diagonal of
   * exactly 1.
   */
  static double[][] correlation(String name, double[][] given) {
    double[][] copy = symmetric(name, given);
    MatrixChecks.correlationEntries(name, copy, TOLERANCE);
    for (int i = 0; i < copy.length; i++) {
      copy[i][i] = 1.0;
    }
    MatrixChecks.semidefinite(name, copy, TOLERANCE);
    return copy;
  }

  /**
   * A copy of a covariance matrix: symmetric to {@link #TOLERANCE}, a non-negative diagonal and
   * positive semidefinite to {@link #TOLERANCE} times the largest variance (at least 1); the copy
   * is exactly symmetric.
   */
  static double[][] covariance(String name, double[][] given) {
    double[][] copy = symmetric(name, given);
    double largest = MatrixChecks.largestVariance(name, copy);
    MatrixChecks.semidefinite(name, copy, TOLERANCE * Math.max(1.0, largest));
    return copy;
  }

  private static double[][] nonEmpty(String name, double[][] given) {
    Checks.present(name, given);
    if (given.length == 0) {
      throw new InvalidInputException(name, "must have at least one row, was empty");
    }
    return given;
  }

  /** A copy of {@code given} with one finite, non-negative entry per row of an n x n matrix. */
  static double[] factors(String name, double[] given, int n) {
    Checks.present(name, given);
    if (given.length != n) {
      throw new InvalidInputException(
          name, "must have " + n + " entries (one per asset), had " + given.length);
    }
    double[] copy = given.clone();
    for (int i = 0; i < n; i++) {
      Checks.nonNegative(name + "[" + i + "]", copy[i]);
    }
    return copy;
  }

  /** The Frobenius norm of {@code a - b}, the square root of the sum of squared differences. */
  static double distance(double[][] a, double[][] b) {
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        double d = a[i][j] - b[i][j];
        sum += d * d;
      }
    }
    return Math.sqrt(sum);
  }

  /** The Frobenius norm of {@code a}. */
  static double norm(double[][] a) {
    double sum = 0.0;
    for (double[] row : a) {
      for (double entry : row) {
        sum += entry * entry;
      }
    }
    return Math.sqrt(sum);
  }

  /** A deep copy. */
  static double[][] copy(double[][] matrix) {
    double[][] copy = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      copy[i] = matrix[i].clone();
    }
    return copy;
  }
}
