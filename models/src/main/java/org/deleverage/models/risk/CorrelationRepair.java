package org.deleverage.models.risk;

import java.util.Arrays;

/**
 * The outcome of {@link NearestCorrelation#repair(double[][])}: a valid correlation matrix and
 * what it took to get there. Immutable and thread-safe; {@link #matrix()} returns a copy.
 *
 * <p>The matrix is exactly symmetric, has a diagonal of exactly 1 and its smallest eigenvalue,
 * as Commons Math computes it, is at least {@code -}{@value NearestCorrelation#PSD_TOLERANCE}.
 */
public final class CorrelationRepair {

  private final double[][] matrix;
  private final double distance;
  private final double smallestEigenvalueBefore;
  private final int iterations;
  private final boolean repaired;
  private final boolean converged;

  CorrelationRepair(
      double[][] matrix,
      double distance,
      double smallestEigenvalueBefore,
      int iterations,
      boolean repaired,
      boolean converged) {
    this.matrix = matrix;
    this.distance = distance;
    this.smallestEigenvalueBefore = smallestEigenvalueBefore;
    this.iterations = iterations;
    this.repaired = repaired;
    this.converged = converged;
  }

  /**
   * The correlation matrix: the input when it was valid, else the nearest one found.
   *
   * @return the correlation matrix: the input when it was valid, else the nearest one found
   */
  public double[][] matrix() {
    return Matrices.copy(matrix);
  }

  /**
   * The Frobenius distance {@code ||A - X||_F = sqrt(sum_ij (A_ij - X_ij)^2)} from the input A
   * to {@link #matrix()} X, dimensionless; exactly 0 when nothing was repaired.
   *
   * @return the Frobenius distance {@code ||A - X||_F = sqrt(sum_ij (A_ij - X_ij)^2)} from the
   *     input A to {@link #matrix()} X, dimensionless; exactly 0 when nothing was repaired
   */
  public double distance() {
    return distance;
  }

  /**
   * The smallest eigenvalue of the input (made exactly symmetric), before any repair.
   *
   * @return the smallest eigenvalue of the input (made exactly symmetric), before any repair
   */
  public double smallestEigenvalueBefore() {
    return smallestEigenvalueBefore;
  }

  /**
   * The alternating-projection iterations run; 0 when nothing was repaired.
   *
   * @return the alternating-projection iterations run; 0 when nothing was repaired
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Whether the input was changed; false exactly when it was returned as it was.
   *
   * @return whether the input was changed; false exactly when it was returned as it was
   */
  public boolean repaired() {
    return repaired;
  }

  /**
   * Whether the iterations met the tolerance within the iteration bound. When false the matrix
   * is still a valid correlation matrix, but not certified to be the nearest one; true when
   * nothing was repaired.
   *
   * @return whether the iterations met the tolerance within the iteration bound
   */
  public boolean converged() {
    return converged;
  }

  @Override
  public String toString() {
    return "CorrelationRepair[repaired=" + repaired + ", distance=" + distance
        + ", smallestEigenvalueBefore=" + smallestEigenvalueBefore + ", iterations=" + iterations
        + ", converged=" + converged + ", matrix=" + Arrays.deepToString(matrix) + "]";
  }
}
