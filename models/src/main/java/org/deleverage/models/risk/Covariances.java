package org.deleverage.models.risk;

import org.deleverage.InvalidInputException;

/**
 * Between a covariance matrix and a correlation matrix with volatilities:
 *
 * <pre>
 *   Sigma_ij = s_i * s_j * C_ij           s_i = sqrt(Sigma_ii)
 *   C_ij     = Sigma_ij / (s_i * s_j)     C_ii = 1
 * </pre>
 *
 * in whatever units the volatilities carry (daily return volatilities give a return covariance
 * per day; price volatilities {@code sigma_i * p_i}, money per unit per day, give the price
 * covariance of MODEL.md section 1). Stateless and thread-safe.
 */
public final class Covariances {
  private Covariances() {}

  /**
   * The covariance {@code Sigma_ij = s_i s_j C_ij}, n x n, exactly symmetric, positive
   * semidefinite when C is (it is D C D with D = diag(s), a congruence).
   *
   * @param correlation an n x n correlation matrix (symmetric, unit diagonal, entries in [-1, 1],
   *     positive semidefinite, each to 1e-10); not modified
   * @param volatilities n volatilities, each finite and {@code >= 0}; not modified
   * @return the covariance {@code Sigma_ij = s_i s_j C_ij}, n x n, exactly symmetric, positive
   *     semidefinite when C is (it is D C D with D = diag(s), a congruence)
   * @throws InvalidInputException naming {@code correlation[i][j]} or {@code volatilities[i]} and
   *     the rule they break
   */
  public static double[][] fromCorrelation(double[][] correlation, double[] volatilities) {
    double[][] c = Matrices.correlation("correlation", correlation);
    double[] s = Matrices.factors("volatilities", volatilities, c.length);
    double[][] covariance = new double[c.length][c.length];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        covariance[i][j] = (s[i] * s[j]) * c[i][j];
      }
    }
    return covariance;
  }

  /**
   * The correlation {@code C_ij = Sigma_ij / (s_i s_j)}, with a diagonal of exactly 1. An asset
   * of zero variance has no defined correlation; its row and column are set to 0 off the
   * diagonal (uncorrelated), as {@link SampleCovariance} does.
   *
   * @param covariance an n x n covariance matrix (symmetric, non-negative diagonal, positive
   *     semidefinite, each to 1e-10 relative to the largest variance); not modified
   * @return the correlation {@code C_ij = Sigma_ij / (s_i s_j)}, with a diagonal of exactly 1
   * @throws InvalidInputException naming {@code covariance[i][j]} and the rule it breaks
   */
  public static double[][] correlationOf(double[][] covariance) {
    double[][] sigma = Matrices.covariance("covariance", covariance);
    int n = sigma.length;
    double[][] correlation = new double[n][n];
    for (int i = 0; i < n; i++) {
      correlation[i][i] = 1.0;
      for (int j = i + 1; j < n; j++) {
        double scale = Math.sqrt(sigma[i][i]) * Math.sqrt(sigma[j][j]);
        double entry =
            scale > 0 ? Math.max(-1.0, Math.min(1.0, sigma[i][j] / scale)) : 0.0;
        correlation[i][j] = entry;
        correlation[j][i] = entry;
      }
    }
    return correlation;
  }
}
