package org.deleverage.solvers.ojalgo;

import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Solutions of small square systems, symmetric or not, by ojAlgo's LU decomposition. */
public final class DenseSolver {
  private DenseSolver() {}

  /**
   * The solution x of A x = b.
   *
   * @param a the matrix
   * @param b the right-hand side
   * @return the solution x of A x = b
   * @throws ArithmeticException if A is singular to working precision
   */
  public static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    R064Store matrix = R064Store.FACTORY.make(n, n);
    R064Store rhs = R064Store.FACTORY.make(n, 1);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        matrix.set(i, j, a[i][j]);
      }
      rhs.set(i, 0, b[i]);
    }
    LU<Double> lu = LU.R064.make(matrix);
    if (!lu.decompose(matrix) || !lu.isSolvable()) {
      throw new ArithmeticException("singular system of size " + n);
    }
    MatrixStore<Double> solution = lu.getSolution(rhs);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = solution.doubleValue(i, 0);
    }
    return x;
  }
}
