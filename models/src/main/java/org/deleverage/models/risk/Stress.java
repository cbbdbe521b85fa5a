package org.deleverage.models.risk;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * Stress transforms of covariance and correlation matrices: larger volatilities, correlations
 * pushed towards 1, and a block of assets set to move together. Each validates its inputs with an
 * {@link InvalidInputException} naming the argument and the rule, never changes them, and returns
 * a new matrix that is exactly symmetric. Stateless and thread-safe.
 */
public final class Stress {
  private Stress() {}

  /**
   * Every volatility scaled by its own factor:
   *
   * <pre>
   *   Sigma'_ij = k_i * k_j * Sigma_ij        Sigma' = K Sigma K, K = diag(k)
   * </pre>
   *
   * so that the volatility {@code sqrt(Sigma_ii)} of asset i becomes {@code k_i} times as large
   * and the correlations stay as they were (for the assets with {@code k_i > 0}). A congruence:
   * positive semidefinite stays so.
   *
   * @param covariance an n x n covariance matrix (symmetric, non-negative diagonal, positive
   *     semidefinite, each to 1e-10 relative to the largest variance)
   * @param factors n factors, each finite and {@code >= 0}
   * @return every volatility scaled by its own factor:  <pre> Sigma'_ij = k_i * k_j * Sigma_ij
   *     Sigma' = K Sigma K, K = diag(k) </pre>  so that the volatility {@code sqrt(Sigma_ii)} of
   *     asset i becomes {@code k_i} times as large and the correlations stay as they were (for the
   *     assets with {@code k_i > 0})
   * @throws InvalidInputException naming {@code covariance[i][j]}, {@code factors} or {@code
   *     factors[i]} and the rule
   */
  public static double[][] scaleVolatilities(double[][] covariance, double[] factors) {
    double[][] sigma = Matrices.covariance("covariance", covariance);
    double[] k = Matrices.factors("factors", factors, sigma.length);
    for (int i = 0; i < sigma.length; i++) {
      for (int j = 0; j < sigma.length; j++) {
        sigma[i][j] *= k[i] * k[j];
      }
    }
    return sigma;
  }

  /**
   * Every volatility scaled by one factor k: {@code Sigma' = k^2 Sigma}.
   *
   * @param covariance an n x n covariance matrix, as {@link #scaleVolatilities(double[][],
   *     double[])}
   * @param factor k, finite and {@code >= 0}
   * @return every volatility scaled by one factor k: {@code Sigma' = k^2 Sigma}
   * @throws InvalidInputException naming {@code covariance[i][j]} or {@code factor} and the rule
   */
  public static double[][] scaleVolatilities(double[][] covariance, double factor) {
    double[][] sigma = Matrices.covariance("covariance", covariance);
    Checks.nonNegative("factor", factor);
    double squared = factor * factor;
    for (double[] row : sigma) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= squared;
      }
    }
    return sigma;
  }

  /**
   * Every correlation moved the fraction theta of the way to 1:
   *
   * <pre>
   *   C'_ij = C_ij + theta * (1 - C_ij)        i != j,   C'_ii = 1
   * </pre>
   *
   * theta = 0 leaves C as it is and theta = 1 makes every asset move as one. The result is a
   * correlation matrix for every theta in [0, 1]: it equals
   *
   * <pre>
   *   C' = (1 - theta) C + theta 1 1'
   * </pre>
   *
   * (off the diagonal {@code (1 - theta) C_ij + theta = C_ij + theta (1 - C_ij)}; on it
   * {@code (1 - theta) + theta = 1}), a convex combination of two positive semidefinite matrices,
   * C and the all-ones matrix {@code 1 1'} (whose quadratic form is {@code (sum_i v_i)^2 >= 0}),
   * so {@code v' C' v = (1 - theta) v' C v + theta (1' v)^2 >= 0} for every v.
   *
   * @param correlation an n x n correlation matrix (symmetric, unit diagonal, entries in [-1, 1],
   *     positive semidefinite, each to 1e-10)
   * @param theta the fraction, in [0, 1]
   * @return every correlation moved the fraction theta of the way to 1:  <pre> C'_ij = C_ij + theta
   *     * (1 - C_ij)        i != j,   C'_ii = 1 </pre>  theta = 0 leaves C as it is and theta = 1
   *     makes every asset move as one
   * @throws InvalidInputException naming {@code correlation[i][j]} or {@code theta} and the rule
   */
  public static double[][] shiftCorrelations(double[][] correlation, double theta) {
    double[][] c = Matrices.correlation("correlation", correlation);
    Checks.inClosedRange("theta", theta, 0.0, 1.0);
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        if (i != j) {
          c[i][j] += theta * (1.0 - c[i][j]);
        }
      }
    }
    return c;
  }

  /**
   * The correlation of every pair of the given assets set to one value, then repaired to the
   * nearest correlation matrix ({@link NearestCorrelation#DEFAULT}) when that breaks positive
   * semidefiniteness:
   *
   * <pre>
   *   C'_ij = value     for i != j both in the block,   C'_ij = C_ij otherwise
   * </pre>
   *
   * The block alone is a valid correlation matrix exactly when {@code -1 / (m - 1) <= value <= 1}
   * for m assets, but its correlations with the assets outside it may still make the whole matrix
   * indefinite. The repair moves every entry, the block's included, as little as possible in the
   * Frobenius norm; {@link CorrelationRepair#distance()} states how far from C' it went (0 with
   * {@link CorrelationRepair#repaired()} false when C' was valid as it was) and {@link
   * CorrelationRepair#smallestEigenvalueBefore()} is C''s.
   *
   * @param correlation an n x n correlation matrix (symmetric, unit diagonal, entries in [-1, 1],
   *     positive semidefinite, each to 1e-10)
   * @param assets the block: at least 2 distinct indices in [0, n)
   * @param value the correlation within the block, in [-1, 1]
   * @return the correlation of every pair of the given assets set to one value, then repaired to
   *     the nearest correlation matrix ({@link NearestCorrelation#DEFAULT}) when that breaks
   *     positive semidefiniteness:  <pre> C'_ij = value     for i != j both in the block,   C'_ij =
   *     C_ij otherwise </pre>  The block alone is a valid correlation matrix exactly when {@code -1
   *     / (m - 1) <= value <= 1} for m assets, but its correlations with the assets outside it may
   *     still make the whole matrix indefinite
   * @throws InvalidInputException naming {@code correlation[i][j]}, {@code assets}, {@code
   *     assets[k]} or {@code value} and the rule
   */
  public static CorrelationRepair setBlock(double[][] correlation, int[] assets, double value) {
    double[][] c = Matrices.correlation("correlation", correlation);
    Checks.present("assets", assets);
    if (assets.length < 2) {
      throw new InvalidInputException(
          "assets", "must name at least 2 assets (a block of pairs), had " + assets.length);
    }
    int n = c.length;
    boolean[] inBlock = new boolean[n];
    for (int k = 0; k < assets.length; k++) {
      int index = assets[k];
      if (index < 0 || index >= n) {
        throw new InvalidInputException(
            "assets[" + k + "]", "must be in [0, " + (n - 1) + "] (an asset), was " + index);
      }
      if (inBlock[index]) {
        throw new InvalidInputException(
            "assets[" + k + "]", "must not repeat an earlier asset, was " + index);
      }
      inBlock[index] = true;
    }
    Checks.inClosedRange("value", value, -1.0, 1.0);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && inBlock[i] && inBlock[j]) {
          c[i][j] = value;
        }
      }
    }
    return NearestCorrelation.DEFAULT.repair(c);
  }
}
