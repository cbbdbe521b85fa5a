package org.deleverage.solvers.ojalgo;

import java.util.Optional;
import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * The Cholesky factor of a symmetric positive definite matrix, by ojAlgo, and what the solvers
 * need of it: solutions by forward and back substitution (never an explicit inverse). This package is the only place of the library that
 * imports ojAlgo types.
 */
public final class SpdFactor {

  private final Cholesky<Double> cholesky;
  private final int size;

  private SpdFactor(Cholesky<Double> cholesky, int size) {
    this.cholesky = cholesky;
    this.size = size;
  }

  /**
   * The factor of {@code matrix} (square, symmetric, not modified), or empty when it is not
   * positive definite to working precision.
   *
   * @param matrix the matrix (not modified)
   * @return the factor of {@code matrix} (square, symmetric, not modified), or empty when it is not
   *     positive definite to working precision
   */
  public static Optional<SpdFactor> of(double[][] matrix) {
    int n = matrix.length;
    R064Store store = R064Store.FACTORY.make(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        store.set(i, j, matrix[i][j]);
      }
    }
    Cholesky<Double> cholesky = Cholesky.R064.make(store);
    if (!cholesky.decompose(store) || !cholesky.isSPD()) {
      return Optional.empty();
    }
    return Optional.of(new SpdFactor(cholesky, n));
  }

  /**
   * The solution x of A x = b.
   *
   * @param b the right-hand side
   * @return the solution x of A x = b
   */
  public double[] solve(double[] b) {
    R064Store rhs = R064Store.FACTORY.make(size, 1);
    for (int i = 0; i < size; i++) {
      rhs.set(i, 0, b[i]);
    }
    MatrixStore<Double> solution = cholesky.getSolution(rhs);
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      x[i] = solution.doubleValue(i, 0);
    }
    return x;
  }

  /**
   * The solution X of A X = B for a square or rectangular B (rows of B: the size of A).
   *
   * @param b the right-hand side
   * @return the solution X of A X = B for a square or rectangular B (rows of B: the size of A)
   */
  public double[][] solve(double[][] b) {
    int columns = b.length == 0 ? 0 : b[0].length;
    R064Store rhs = R064Store.FACTORY.make(size, columns);
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < columns; j++) {
        rhs.set(i, j, b[i][j]);
      }
    }
    MatrixStore<Double> solution = cholesky.getSolution(rhs);
    double[][] x = new double[size][columns];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < columns; j++) {
        x[i][j] = solution.doubleValue(i, j);
      }
    }
    return x;
  }
}
