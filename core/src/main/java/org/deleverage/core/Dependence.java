package org.deleverage.core;

import java.util.Arrays;
import java.util.OptionalInt;
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
 * entry for a covariance and for F).
 *
 * <p>Four forms, one record each: {@link Independent}, {@link Correlation}, {@link Covariance}
 * and {@link Factor}. Each record validates and copies what it is given, and its accessors
 * return copies, so every instance is immutable and thread-safe.
 */
public sealed interface Dependence
    permits Dependence.Independent, Dependence.Correlation, Dependence.Covariance,
        Dependence.Factor {

  /** The tolerance of the symmetry, unit-diagonal and semidefiniteness checks. */
  double TOLERANCE = 1e-10;

  /**
   * Uncorrelated returns, C = I, for any number of assets.
   *
   * @return independence, for any number of assets
   */
  static Independent independent() {
    return Independent.INSTANCE;
  }

  /**
   * A correlation matrix of returns, copied and validated.
   *
   * @param correlation the correlation matrix (not modified)
   * @return a correlation matrix of returns, copied and validated
   * @throws InvalidInputException naming {@code correlation[i][j]} for a bad entry, or the
   *     smallest eigenvalue when the matrix is not positive semidefinite
   */
  static Correlation correlation(double[][] correlation) {
    return new Correlation(correlation);
  }

  /**
   * A daily price covariance matrix (money^2 per unit^2), copied and validated.
   *
   * @param covariance the covariance matrix (not modified)
   * @return a daily price covariance matrix (money^2 per unit^2), copied and validated
   * @throws InvalidInputException naming {@code covariance[i][j]} for a bad entry, or the
   *     smallest eigenvalue when the matrix is not positive semidefinite
   */
  static Covariance covariance(double[][] covariance) {
    return new Covariance(covariance);
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
  static Factor factor(double[][] loadings, double[][] factorCovariance, double[] specificVariance) {
    return new Factor(loadings, factorCovariance, specificVariance);
  }

  /**
   * The number of assets it describes: the rows of the matrix, or of the loadings of a factor
   * model; empty for independence, which fits any size.
   *
   * @return the number of assets it describes, empty for independence
   */
  OptionalInt size();

  /** Uncorrelated returns, C = I, for any number of assets. */
  record Independent() implements Dependence {

    private static final Independent INSTANCE = new Independent();

    @Override
    public OptionalInt size() {
      return OptionalInt.empty();
    }

    @Override
    public String toString() {
      return "Dependence[independent]";
    }
  }

  /**
   * A correlation matrix of returns, C: symmetric, unit diagonal, entries in [-1, 1], positive
   * semidefinite.
   *
   * @param matrix C, n x n (copied on the way in and out)
   */
  record Correlation(double[][] matrix) implements Dependence {

    /**
     * Validates and copies the matrix.
     *
     * @param matrix C, n x n (not modified)
     * @throws InvalidInputException naming {@code correlation[i][j]} for a bad entry, or the
     *     smallest eigenvalue when the matrix is not positive semidefinite
     */
    public Correlation {
      matrix = MatrixChecks.symmetric("correlation", matrix, TOLERANCE);
      MatrixChecks.correlationEntries("correlation", matrix, TOLERANCE);
      MatrixChecks.semidefinite("correlation", matrix, TOLERANCE);
    }

    /**
     * C, a copy.
     *
     * @return C, a copy
     */
    @Override
    public double[][] matrix() {
      return copy(matrix);
    }

    @Override
    public OptionalInt size() {
      return OptionalInt.of(matrix.length);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Correlation that && Arrays.deepEquals(matrix, that.matrix);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(matrix);
    }

    @Override
    public String toString() {
      return "Dependence[correlation " + Arrays.deepToString(matrix) + "]";
    }
  }

  /**
   * A daily covariance matrix of prices, Sigma (money^2 per unit^2): symmetric, a non-negative
   * diagonal, positive semidefinite.
   *
   * @param matrix Sigma, n x n (copied on the way in and out)
   */
  record Covariance(double[][] matrix) implements Dependence {

    /**
     * Validates and copies the matrix.
     *
     * @param matrix Sigma, n x n (not modified)
     * @throws InvalidInputException naming {@code covariance[i][j]} for a bad entry, or the
     *     smallest eigenvalue when the matrix is not positive semidefinite
     */
    public Covariance {
      matrix = MatrixChecks.symmetric("covariance", matrix, TOLERANCE);
      double largest = MatrixChecks.largestVariance("covariance", matrix);
      MatrixChecks.semidefinite("covariance", matrix, TOLERANCE * Math.max(1.0, largest));
    }

    /**
     * Sigma, a copy.
     *
     * @return Sigma, a copy
     */
    @Override
    public double[][] matrix() {
      return copy(matrix);
    }

    @Override
    public OptionalInt size() {
      return OptionalInt.of(matrix.length);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Covariance that && Arrays.deepEquals(matrix, that.matrix);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(matrix);
    }

    @Override
    public String toString() {
      return "Dependence[covariance " + Arrays.deepToString(matrix) + "]";
    }
  }

  /**
   * A factor model of the daily covariance of returns, Omega = B F B' + diag(D).
   *
   * @param loadings B, n x K: the return of asset i per unit return of factor k (copied)
   * @param factorCovariance F, K x K: the daily covariance of the factor returns (copied)
   * @param specificVariance D, n: the daily variance of each asset's own return (copied)
   */
  record Factor(double[][] loadings, double[][] factorCovariance, double[] specificVariance)
      implements Dependence {

    /** The names of the factor model's parts, as the problem file spells them. */
    static final String LOADINGS = "factors.loadings";

    static final String FACTOR_COVARIANCE = "factors.covariance";

    static final String SPECIFIC_VARIANCE = "factors.specificVariance";

    /**
     * Validates and copies the parts.
     *
     * @param loadings B, n x K (not modified)
     * @param factorCovariance F, K x K, symmetric and positive semidefinite (not modified)
     * @param specificVariance D, n, each >= 0 (not modified)
     * @throws InvalidInputException naming {@code factors.loadings[i][k]}, {@code
     *     factors.covariance[k][l]} or {@code factors.specificVariance[i]} for a bad entry or a
     *     bad size, or {@code factors.covariance} with its smallest eigenvalue when F is not
     *     positive semidefinite
     */
    public Factor {
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
      loadings = b;
      factorCovariance = f;
      specificVariance = d;
    }

    /**
     * B, a copy (n x K).
     *
     * @return B, a copy (n x K)
     */
    @Override
    public double[][] loadings() {
      return copy(loadings);
    }

    /**
     * F, a copy (K x K).
     *
     * @return F, a copy (K x K)
     */
    @Override
    public double[][] factorCovariance() {
      return copy(factorCovariance);
    }

    /**
     * D, a copy (n).
     *
     * @return D, a copy (n)
     */
    @Override
    public double[] specificVariance() {
      return specificVariance.clone();
    }

    /**
     * K, the number of factors.
     *
     * @return K, the number of factors
     */
    public int factorCount() {
      return factorCovariance.length;
    }

    @Override
    public OptionalInt size() {
      return OptionalInt.of(loadings.length);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Factor that
          && Arrays.deepEquals(loadings, that.loadings)
          && Arrays.deepEquals(factorCovariance, that.factorCovariance)
          && Arrays.equals(specificVariance, that.specificVariance);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.deepHashCode(loadings) + Arrays.deepHashCode(factorCovariance))
          + Arrays.hashCode(specificVariance);
    }

    @Override
    public String toString() {
      return "Dependence[factor loadings " + Arrays.deepToString(loadings) + " covariance "
          + Arrays.deepToString(factorCovariance) + " specificVariance "
          + Arrays.toString(specificVariance) + "]";
    }
  }

  private static double[][] copy(double[][] matrix) {
    double[][] copy = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      copy[i] = matrix[i].clone();
    }
    return copy;
  }
}
