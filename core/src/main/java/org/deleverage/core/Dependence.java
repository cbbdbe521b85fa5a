package org.deleverage.core;

import java.util.Arrays;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;
import org.deleverage.models.internal.MatrixChecks;

/**
 * How the asset prices move together: a correlation matrix C of returns, or a covariance matrix
 * of prices directly, or a factor model of returns, or independence. The problem turns it into
 * the daily price covariance (MODEL.md section 1)
 *
 * <pre>
 *   Sigma_ij = C_ij * sigma_i * p_i * sigma_j * p_j        money^2 per unit^2 per day
 *   Sigma_ij = p_i * p_j * Omega_ij,  Omega = B F B' + diag(D)     for a factor model
 * </pre>
 *
 * or uses the covariance as given. A factor model gives the daily covariance of returns Omega
 * through n x K loadings B (return per unit of factor return), a K x K factor covariance F (daily,
 * of the factor returns) and n specific variances D (daily, of returns): the solvers then use
 * Sigma without forming it (see {@link PriceCovariance}). As with a covariance given directly,
 * the volatilities of the assets do not enter Sigma; they keep their role in the impact models.
 *
 * <p>A correlation must be symmetric, have a unit diagonal, entries in [-1, 1] and be positive
 * semidefinite; a covariance must be symmetric, have a non-negative diagonal and be positive
 * semidefinite; a factor model needs finite loadings, F symmetric and positive semidefinite,
 * and D >= 0. Every rule is checked to {@value #TOLERANCE} (relative to the largest diagonal
 * entry for a covariance and for F). Immutable and thread-safe.
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
    COVARIANCE,
    /** A factor model of the daily covariance of returns, B F B' + diag(D). */
    FACTOR
  }

  /** The names of the factor model's parts, as the problem file spells them. */
  static final String LOADINGS = "factors.loadings";

  static final String FACTOR_COVARIANCE = "factors.covariance";

  static final String SPECIFIC_VARIANCE = "factors.specificVariance";

  private static final Dependence INDEPENDENT = new Dependence(Kind.INDEPENDENT, null);

  private final Kind kind;
  private final double[][] matrix;
  private final double[][] loadings;
  private final double[] specificVariance;

  private Dependence(Kind kind, double[][] matrix) {
    this(kind, matrix, null, null);
  }

  private Dependence(
      Kind kind, double[][] matrix, double[][] loadings, double[] specificVariance) {
    this.kind = kind;
    this.matrix = matrix;
    this.loadings = loadings;
    this.specificVariance = specificVariance;
  }

  /**
   * Uncorrelated returns, C = I, for any number of assets.
   *
   * @return independence, for any number of assets
   */
  public static Dependence independent() {
    return INDEPENDENT;
  }

  /**
   * A correlation matrix of returns, copied and validated.
   *
   * @param correlation the correlation matrix (not modified)
   * @return a correlation matrix of returns, copied and validated
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
   * @param covariance the covariance matrix (not modified)
   * @return a daily price covariance matrix (money^2 per unit^2), copied and validated
   * @throws InvalidInputException naming {@code covariance[i][j]} for a bad entry, or the
   *     smallest eigenvalue when the matrix is not positive semidefinite
   */
  public static Dependence covariance(double[][] covariance) {
    double[][] copy = MatrixChecks.symmetric("covariance", covariance, TOLERANCE);
    double largest = MatrixChecks.largestVariance("covariance", copy);
    MatrixChecks.semidefinite("covariance", copy, TOLERANCE * Math.max(1.0, largest));
    return new Dependence(Kind.COVARIANCE, copy);
  }

  /**
   * A factor model of the daily covariance of returns, Omega = B F B' + diag(D), copied and
   * validated. The price covariance is then Sigma_ij = p_i p_j Omega_ij.
   *
   * @param loadings B, n x K: the return of asset i per unit return of factor k (a row per asset)
   * @param factorCovariance F, K x K: the daily covariance of the factor returns, symmetric and
   *     positive semidefinite (it may be singular)
   * @param specificVariance D, n: the daily variance of each asset's own return, >= 0
   * @return a factor model of the daily covariance of returns, Omega = B F B' + diag(D), copied and
   *     validated
   * @throws InvalidInputException naming {@code factors.loadings[i][k]}, {@code
   *     factors.covariance[k][l]} or {@code factors.specificVariance[i]} for a bad entry or a bad
   *     size, or {@code factors.covariance} with its smallest eigenvalue when F is not positive
   *     semidefinite
   */
  public static Dependence factor(
      double[][] loadings, double[][] factorCovariance, double[] specificVariance) {
    double[][] f = MatrixChecks.symmetric(FACTOR_COVARIANCE, factorCovariance, TOLERANCE);
    int factors = f.length;
    if (factors == 0) {
      throw new InvalidInputException(
          FACTOR_COVARIANCE, "must hold at least one factor (a 1 x 1 matrix or larger)");
    }
    double largest = MatrixChecks.largestVariance(FACTOR_COVARIANCE, f);
    Checks.present(LOADINGS, loadings);
    int n = loadings.length;
    double[][] b = new double[n][];
    for (int i = 0; i < n; i++) {
      if (loadings[i] == null || loadings[i].length != factors) {
        throw new InvalidInputException(
            LOADINGS + "[" + i + "]",
            "must have " + factors + " entries (one per factor of " + FACTOR_COVARIANCE
                + "), had " + (loadings[i] == null ? 0 : loadings[i].length));
      }
      b[i] = loadings[i].clone();
      for (int k = 0; k < factors; k++) {
        Checks.finite(LOADINGS + "[" + i + "][" + k + "]", b[i][k]);
      }
    }
    Checks.present(SPECIFIC_VARIANCE, specificVariance);
    if (specificVariance.length != n) {
      throw new InvalidInputException(
          SPECIFIC_VARIANCE,
          "must have " + n + " entries (one per row of " + LOADINGS + "), had "
              + specificVariance.length);
    }
    double[] d = specificVariance.clone();
    for (int i = 0; i < n; i++) {
      Checks.nonNegative(SPECIFIC_VARIANCE + "[" + i + "]", d[i]);
    }
    MatrixChecks.semidefinite(FACTOR_COVARIANCE, f, TOLERANCE * Math.max(1.0, largest));
    return new Dependence(Kind.FACTOR, f, b, d);
  }

  /**
   * The form of this matrix.
   *
   * @return the form of this matrix
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The number of assets it describes: the rows of the matrix, or of the loadings of a factor
   * model; empty for {@link Kind#INDEPENDENT}, which fits any size.
   *
   * @return the number of assets it describes: the rows of the matrix, or of the loadings of a
   *     factor model; empty for {@link Kind#INDEPENDENT}, which fits any size
   */
  public java.util.OptionalInt size() {
    if (loadings != null) {
      return java.util.OptionalInt.of(loadings.length);
    }
    return matrix == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(matrix.length);
  }

  /**
   * A copy of the matrix as given; the identity of size {@code n} when independent.
   *
   * @param n the number of assets, for the identity
   * @return a copy of the matrix as given; the identity of size {@code n} when independent
   * @throws IllegalStateException for a factor model, which has no n x n matrix: read {@link
   *     #loadings()}, {@link #factorCovariance()} and {@link #specificVariance()}
   */
  public double[][] matrix(int n) {
    if (kind == Kind.FACTOR) {
      throw new IllegalStateException(
          "a factor model has no n x n matrix; read its loadings, factor covariance and specific"
              + " variances");
    }
    if (matrix == null) {
      double[][] identity = new double[n][n];
      for (int i = 0; i < n; i++) {
        identity[i][i] = 1.0;
      }
      return identity;
    }
    return copy(matrix);
  }

  /**
   * B, the loadings of a factor model, a copy (n x K).
   *
   * @return B, the loadings of a factor model, a copy (n x K)
   * @throws IllegalStateException if this is not a factor model
   */
  public double[][] loadings() {
    return copy(factorPart(loadings));
  }

  /**
   * F, the factor covariance of a factor model, a copy (K x K).
   *
   * @return F, the factor covariance of a factor model, a copy (K x K)
   * @throws IllegalStateException if this is not a factor model
   */
  public double[][] factorCovariance() {
    return copy(factorPart(matrix));
  }

  /**
   * D, the specific variances of a factor model, a copy (n).
   *
   * @return D, the specific variances of a factor model, a copy (n)
   * @throws IllegalStateException if this is not a factor model
   */
  public double[] specificVariance() {
    return factorPart(specificVariance).clone();
  }

  /**
   * The daily price covariance Sigma for assets of the given volatilities and prices: the
   * covariance itself, C_ij * sigma_i * p_i * sigma_j * p_j, or for a factor model the loadings
   * in money, p_i B_ik, with F and the specific variances p_i^2 D_i, never formed densely; for
   * independent returns, or a matrix with nothing off its diagonal, the n variances alone.
   */
  PriceCovariance priceCovariance(double[] volatilities, double[] prices) {
    int n = prices.length;
    if (kind == Kind.FACTOR) {
      double[][] priceLoadings = new double[n][];
      double[] specific = new double[n];
      for (int i = 0; i < n; i++) {
        priceLoadings[i] = loadings[i].clone();
        for (int k = 0; k < priceLoadings[i].length; k++) {
          priceLoadings[i][k] *= prices[i];
        }
        specific[i] = prices[i] * prices[i] * specificVariance[i];
      }
      return PriceCovariance.factor(priceLoadings, copy(matrix), specific);
    }
    if (kind == Kind.INDEPENDENT || offDiagonalZero()) {
      // Independent prices: n variances, never an n x n array.
      double[] variances = new double[n];
      for (int i = 0; i < n; i++) {
        double scale = kind == Kind.COVARIANCE ? 1.0 : volatilities[i] * prices[i];
        variances[i] = (kind == Kind.INDEPENDENT ? 1.0 : matrix[i][i]) * scale * scale;
      }
      return PriceCovariance.diagonal(variances);
    }
    double[][] sigma = matrix(n);
    if (kind != Kind.COVARIANCE) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          sigma[i][j] *= volatilities[i] * prices[i] * volatilities[j] * prices[j];
        }
      }
    }
    return PriceCovariance.dense(sigma);
  }

  /** Whether the correlation or covariance matrix has only zeros off its diagonal. */
  private boolean offDiagonalZero() {
    if (matrix == null || kind == Kind.FACTOR) {
      return false;
    }
    for (int i = 0; i < matrix.length; i++) {
      for (int j = 0; j < matrix.length; j++) {
        if (i != j && matrix[i][j] != 0.0) {
          return false;
        }
      }
    }
    return true;
  }

  private <T> T factorPart(T part) {
    if (kind != Kind.FACTOR) {
      throw new IllegalStateException("not a factor model but " + this);
    }
    return part;
  }

  private static double[][] copy(double[][] matrix) {
    double[][] copy = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      copy[i] = matrix[i].clone();
    }
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Dependence that
        && kind == that.kind
        && Arrays.deepEquals(matrix, that.matrix)
        && Arrays.deepEquals(loadings, that.loadings)
        && Arrays.equals(specificVariance, that.specificVariance);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * kind.hashCode() + Arrays.deepHashCode(matrix))
            + Arrays.deepHashCode(loadings))
        + Arrays.hashCode(specificVariance);
  }

  @Override
  public String toString() {
    if (kind == Kind.INDEPENDENT) {
      return "Dependence[independent]";
    }
    if (kind == Kind.FACTOR) {
      return "Dependence[factor loadings " + Arrays.deepToString(loadings) + " covariance "
          + Arrays.deepToString(matrix) + " specificVariance "
          + Arrays.toString(specificVariance) + "]";
    }
    return "Dependence[" + kind.name().toLowerCase(java.util.Locale.ROOT) + " "
        + Arrays.deepToString(matrix) + "]";
  }
}
