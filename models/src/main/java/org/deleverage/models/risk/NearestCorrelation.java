package org.deleverage.models.risk;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;
import org.deleverage.models.numerics.SymmetricEigen;

/**
 * The nearest correlation matrix in the Frobenius norm, by Higham's alternating projections with
 * Dykstra's correction: given a symmetric matrix A, the matrix X that minimises
 *
 * <pre>
 *   ||A - X||_F = sqrt(sum_ij (A_ij - X_ij)^2)
 *   over X symmetric, positive semidefinite (the set S), with X_ii = 1 (the set U)
 * </pre>
 *
 * which exists and is unique because the intersection of S and U is closed and convex (the
 * weight W of Higham's paper is the identity here). With P_S the projection onto S (negative
 * eigenvalues set to 0) and P_U the projection onto U (diagonal set to 1), the iteration is
 *
 * <pre>
 *   Y_0 = A, dS_0 = 0
 *   R_k  = Y_{k-1} - dS_{k-1}
 *   X_k  = P_S(R_k)
 *   dS_k = X_k - R_k                    Dykstra's correction
 *   Y_k  = P_U(X_k)
 * </pre>
 *
 * until the relative changes {@code ||X_k - X_{k-1}|| / ||X_k||}, {@code ||Y_k - Y_{k-1}|| /
 * ||Y_k||} and the gap {@code ||Y_k - X_k|| / ||Y_k||} are all at most {@link #tolerance()}, or
 * {@link #maxIterations()} iterations have run. Without Dykstra's correction the plain
 * alternation would converge to some point of both sets, not to the nearest one.
 *
 * <p>The last Y has a unit diagonal but may have eigenvalues a little below 0; it is finished as
 * {@code D^-1/2 P_S(Y) D^-1/2} with D the diagonal of P_S(Y) (every entry of which is at least 1,
 * since {@code P_S(Y) = Y + P_S(-Y)}), a congruence that keeps the matrix semidefinite and
 * restores the unit diagonal. The result is then exactly symmetric with a diagonal of exactly 1,
 * and its smallest eigenvalue is at least {@code -}{@value #PSD_TOLERANCE}.
 *
 * <p>A matrix that is already a correlation matrix (exactly symmetric, diagonal exactly 1,
 * smallest eigenvalue at least {@code -}{@value #PSD_TOLERANCE}) is returned unchanged, at
 * distance 0, with no iteration. Immutable and thread-safe.
 *
 * <p>Reference: N. J. Higham, "Computing the nearest correlation matrix - a problem from finance",
 * IMA Journal of Numerical Analysis 22 (2002) 329-343, Algorithm 3.3.
 *
 * @param tolerance the relative change at which the iteration stops, in (0, 1)
 * @param maxIterations the most iterations, each one symmetric eigendecomposition, {@code >= 1}
 */
public record NearestCorrelation(double tolerance, int maxIterations) {

  /**
   * How far below 0 the smallest eigenvalue of a correlation matrix may be, in this class's
   * input (to pass as valid) and output.
   */
  public static final double PSD_TOLERANCE = 1e-12;

  /** A tolerance of 1e-10 and at most 1,000 iterations. */
  public static final NearestCorrelation DEFAULT = new NearestCorrelation(1e-10, 1000);

  /**
   * Validates the tolerance and the iteration bound.
   *
   * @param tolerance the relative change at which the iteration stops, in (0, 1)
   * @param maxIterations the most iterations, each one symmetric eigendecomposition, {@code >= 1}
   */
  public NearestCorrelation {
    Checks.finite("tolerance", tolerance);
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new InvalidInputException("tolerance", "must be in (0, 1), was " + tolerance);
    }
    Checks.atLeastOne("maxIterations", maxIterations);
  }

  /**
   * The nearest correlation matrix to {@code matrix}.
   *
   * @param matrix a non-empty square matrix of finite numbers, symmetric to 1e-10 relative (its
   *     diagonal may be anything); not modified
   * @return the nearest correlation matrix to {@code matrix}
   * @throws InvalidInputException naming {@code matrix[i][j]} for an entry that is not finite or
   *     breaks the symmetry
   */
  public CorrelationRepair repair(double[][] matrix) {
    double[][] given = Matrices.square("matrix", matrix);
    double[][] symmetric = Matrices.symmetric("matrix", matrix);
    double smallestBefore = SymmetricEigen.smallestEigenvalue(symmetric);
    if (isCorrelation(given, smallestBefore)) {
      return new CorrelationRepair(given, 0.0, smallestBefore, 0, false, true);
    }
    int n = symmetric.length;
    double[][] y = symmetric;
    double[][] x = null;
    double[][] correction = new double[n][n];
    int iterations = 0;
    boolean converged = false;
    while (iterations < maxIterations && !converged) {
      iterations++;
      double[][] r = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          r[i][j] = y[i][j] - correction[i][j];
        }
      }
      double[][] nextX = SymmetricEigen.projectOntoSemidefinite(r);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          correction[i][j] = nextX[i][j] - r[i][j];
        }
      }
      double[][] nextY = Matrices.copy(nextX);
      for (int i = 0; i < n; i++) {
        nextY[i][i] = 1.0;
      }
      double normY = Matrices.norm(nextY);
      double changeX =
          x == null ? Double.POSITIVE_INFINITY
              : Matrices.distance(nextX, x) / Matrices.norm(nextX);
      double changeY = Matrices.distance(nextY, y) / normY;
      double gap = Matrices.distance(nextY, nextX) / normY;
      converged = Math.max(changeX, Math.max(changeY, gap)) <= tolerance;
      x = nextX;
      y = nextY;
    }
    double[][] repaired = finish(y);
    return new CorrelationRepair(
        repaired, Matrices.distance(given, repaired), smallestBefore, iterations, true, converged);
  }

  /** Exactly symmetric, diagonal exactly 1, smallest eigenvalue within the tolerance. */
  private static boolean isCorrelation(double[][] matrix, double smallestEigenvalue) {
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i][i] != 1.0) {
        return false;
      }
      for (int j = i + 1; j < matrix.length; j++) {
        if (matrix[i][j] != matrix[j][i]) {
          return false;
        }
      }
    }
    return smallestEigenvalue >= -PSD_TOLERANCE;
  }

  /**
   * {@code D^-1/2 P_S(Y) D^-1/2} with D the diagonal of P_S(Y), exactly symmetric with a unit
   * diagonal.
   */
  private static double[][] finish(double[][] y) {
    double[][] z = SymmetricEigen.projectOntoSemidefinite(y);
    int n = z.length;
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = 1.0 / Math.sqrt(z[i][i]);
    }
    for (int i = 0; i < n; i++) {
      z[i][i] = 1.0;
      for (int j = i + 1; j < n; j++) {
        double entry = Math.max(-1.0, Math.min(1.0, z[i][j] * (scale[i] * scale[j])));
        z[i][j] = entry;
        z[j][i] = entry;
      }
    }
    double smallest = SymmetricEigen.smallestEigenvalue(z);
    if (smallest < -PSD_TOLERANCE) {
      throw new ArithmeticException(
          "nearest correlation: the finished matrix has smallest eigenvalue " + smallest
              + ", below -" + PSD_TOLERANCE + "; the eigendecomposition lost too much accuracy");
    }
    return z;
  }
}
