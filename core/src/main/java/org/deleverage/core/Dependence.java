package org.deleverage.core;

import java.util.Arrays;
import org.deleverage.models.Checks;
import org.deleverage.models.InvalidInputException;
import org.deleverage.models.MatrixChecks;

/**
 * How the asset prices move together: a correlation matrix C of returns, or a covariance matrix
 * of prices directly, or independence. The problem turns it into the daily price covariance
 * (MODEL.md section 1)
 *
 * <pre>
 *   Sigma_ij = C_ij * sigma_i * p_i * sigma_j * p_j        money^2 per unit^2 per day
 * </pre>
 *
 * or uses the covariance as given. A correlation must be symmetric, have a unit diagonal,
 * entries in [-1, 1] and be positive semidefinite; a covariance must be symmetric, have a
 * non-negative diagonal and be positive semidefinite. Every rule is checked to {@value
 * #TOLERANCE} (relative to the largest diagonal entry for a covariance). Immutable and
 * thread-safe.
 */
public final class Dependence {

  /** The tolerance of the symmetry, unit-diagonal and semidefiniteness checks. */
  public static final double TOLERANCE = 1e-10;

  /** The form of the matrix. */
  public enum Kind {
    /** No matrix: the returns are uncorrelated, C = I. */
    INDEPENDENT,
    /** A correlation matrix of returns. */
    CORRELATION,
    /** A daily covariance matrix of prices. */
    COVARIANCE
  }

  private static final Dependence INDEPENDENT = new Dependence(Kind.INDEPENDENT, null);

  private final Kind kind;
  private final double[][] matrix;

  private Dependence(Kind kind, double[][] matrix) {
    this.kind = kind;
    this.matrix = matrix;
  }

  /** Uncorrelated returns, C = I, for any number of assets. */
  public static Dependence independent() {
    return INDEPENDENT;
  }

  /**
   * A correlation matrix of returns, copied and validated.
   *
   * @throws InvalidInputException naming {@code correlation[i][j]} for a bad entry, or the
   *     smallest eigenvalue when the matrix is not positive semidefinite
   */
  public static Dependence correlation(double[][] correlation) {
    double[][] copy = MatrixChecks.symmetric("correlation", correlation, TOLERANCE);
    MatrixChecks.correlationEntries("correlation", copy, TOLERANCE);
    MatrixChecks.semidefinite("correlation", copy, TOLERANCE);
    return new Dependence(Kind.CORRELATION, copy);
  }

  /**
   * A daily price covariance matrix (money^2 per unit^2), copied and validated.
   *
   * @throws InvalidInputException naming {@code covariance[i][j]} for a bad entry, or the
   *     smallest eigenvalue when the matrix is not positive semidefinite
   */
  public static Dependence covariance(double[][] covariance) {
    double[][] copy = MatrixChecks.symmetric("covariance", covariance, TOLERANCE);
    double largest = MatrixChecks.largestVariance("covariance", copy);
    MatrixChecks.semidefinite("covariance", copy, TOLERANCE * Math.max(1.0, largest));
    return new Dependence(Kind.COVARIANCE, copy);
  }

  /** The form of this matrix. */
  public Kind kind() {
    return kind;
  }

  /** The number of rows, or empty for {@link Kind#INDEPENDENT}, which fits any size. */
  public java.util.OptionalInt size() {
    return matrix == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(matrix.length);
  }

  /** A copy of the matrix as given; the identity of size {@code n} when independent. */
  public double[][] matrix(int n) {
    if (matrix == null) {
      double[][] identity = new double[n][n];
      for (int i = 0; i < n; i++) {
        identity[i][i] = 1.0;
      }
      return identity;
    }
    double[][] copy = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      copy[i] = matrix[i].clone();
    }
    return copy;
  }

  /**
   * The daily price covariance Sigma for assets of the given volatilities and prices: the
   * covariance itself, or C_ij * sigma_i * p_i * sigma_j * p_j.
   */
  double[][] priceCovariance(double[] volatilities, double[] prices) {
    int n = prices.length;
    double[][] sigma = matrix(n);
    if (kind == Kind.COVARIANCE) {
      return sigma;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sigma[i][j] *= volatilities[i] * prices[i] * volatilities[j] * prices[j];
      }
    }
    return sigma;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Dependence that
        && kind == that.kind
        && Arrays.deepEquals(matrix, that.matrix);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.deepHashCode(matrix);
  }

  @Override
  public String toString() {
    return kind == Kind.INDEPENDENT
        ? "Dependence[independent]"
        : "Dependence[" + kind.name().toLowerCase(java.util.Locale.ROOT) + " "
            + Arrays.deepToString(matrix) + "]";
  }
}
