package org.deleverage.solvers.optimal;

/**
 * The Cholesky factor A = U'U of a symmetric positive definite matrix, on plain arrays, and the
 * solutions it gives by forward and back substitution (never an explicit inverse).
 *
 * <p>U is kept by rows, upper triangle (row i holds U_ij for j &gt;= i), so that every inner loop
 * runs along one row with the same index in each array it touches, which the JIT compiles to
 * vector instructions. The factorisation is right-looking and blocked: a panel of {@value #PANEL}
 * rows is factored, then its outer products are taken off the trailing rows four at a time,
 * so the trailing matrix is read once per panel rather than once per row (ojAlgo's Cholesky,
 * which this replaces in the dense Newton blocks, reads it once per row). The solves with many
 * right-hand sides (rows of a matrix) likewise take four rows of the solution at a time.
 *
 * <p>A is positive definite to working precision when every pivot is positive, the test LAPACK's
 * {@code dpotrf} and ojAlgo make. Immutable once built.
 */
final class BlockedCholesky {

  /** Rows factored together before the trailing update; 4 * 64 rows of 8 kB stay in L2. */
  private static final int PANEL = 64;

  private final double[][] u;
  private final int n;

  private BlockedCholesky(double[][] u) {
    this.u = u;
    this.n = u.length;
  }

  /**
   * The factor of {@code matrix} (square, symmetric; only its upper triangle is read), or null
   * when a pivot is not positive. The rows of {@code matrix} are overwritten by the factor (the
   * entries below the diagonal by scratch, never read).
   *
   * @param matrix the matrix, by rows; its rows become U's
   * @return the factor, or null when the matrix is not positive definite to working precision
   */
  static BlockedCholesky factorInPlace(double[][] matrix) {
    int n = matrix.length;
    double[][] u = matrix;
    for (int k0 = 0; k0 < n; k0 += PANEL) {
      int k1 = Math.min(k0 + PANEL, n);
      for (int k = k0; k < k1; k++) {
        double[] rowK = u[k];
        double pivot = rowK[k];
        if (!(pivot > 0)) {
          return null;
        }
        double d = Math.sqrt(pivot);
        rowK[k] = d;
        double scale = 1.0 / d;
        for (int j = k + 1; j < n; j++) {
          rowK[j] *= scale;
        }
        for (int i = k + 1; i < k1; i++) {
          double s = rowK[i];
          if (s != 0.0) {
            double[] rowI = u[i];
            for (int j = i; j < n; j++) {
              rowI[j] -= s * rowK[j];
            }
          }
        }
      }
      int i = k1;
      for (; i + 1 < n; i += 2) {
        subtractRowPair(u, k0, k1, i, n);
      }
      if (i < n) {
        subtractRows(u, k0, k1, i, u[i], i, n);
      }
    }
    return new BlockedCholesky(u);
  }

  /**
   * row[j] -= sum over k in [k0, k1) of U_ki U_kj, for j in [from, to): the update of one row by
   * the rows k of U, four at a time.
   */
  private static void subtractRows(
      double[][] u, int k0, int k1, int i, double[] row, int from, int to) {
    int k = k0;
    for (; k + 3 < k1; k += 4) {
      double[] p0 = u[k];
      double[] p1 = u[k + 1];
      double[] p2 = u[k + 2];
      double[] p3 = u[k + 3];
      subtractFour(row, p0, p1, p2, p3, p0[i], p1[i], p2[i], p3[i], from, to);
    }
    for (; k < k1; k++) {
      double[] p = u[k];
      double s = p[i];
      for (int j = from; j < to; j++) {
        row[j] -= s * p[j];
      }
    }
  }

  /**
   * The update of {@link #subtractRows} for rows i and i + 1 at once (the rows of U each read
   * once for both), both over [i, to): row i + 1's entry i is below the diagonal and never read.
   *
   * <p>Unlike the solves, this two-row loop is kept: in this small method C2 vectorises it, and it
   * beats two calls of {@link #subtractFour} (a 500 x 20 solve: 2.1 against 2.5 ms a 500 x 500
   * factorisation; 1,000 x 1: 0.49 against 0.55 s a solve, thread CPU).
   */
  private static void subtractRowPair(double[][] u, int k0, int k1, int i, int to) {
    double[] row0 = u[i];
    double[] row1 = u[i + 1];
    int k = k0;
    for (; k + 3 < k1; k += 4) {
      double[] p0 = u[k];
      double[] p1 = u[k + 1];
      double[] p2 = u[k + 2];
      double[] p3 = u[k + 3];
      double s0 = p0[i];
      double s1 = p1[i];
      double s2 = p2[i];
      double s3 = p3[i];
      double t0 = p0[i + 1];
      double t1 = p1[i + 1];
      double t2 = p2[i + 1];
      double t3 = p3[i + 1];
      for (int j = i; j < to; j++) {
        double a0 = p0[j];
        double a1 = p1[j];
        double a2 = p2[j];
        double a3 = p3[j];
        row0[j] -= s0 * a0 + s1 * a1 + s2 * a2 + s3 * a3;
        row1[j] -= t0 * a0 + t1 * a1 + t2 * a2 + t3 * a3;
      }
    }
    for (; k < k1; k++) {
      double[] p = u[k];
      double s = p[i];
      double t = p[i + 1];
      for (int j = i; j < to; j++) {
        row0[j] -= s * p[j];
        row1[j] -= t * p[j];
      }
    }
  }

  /**
   * row[j] -= s0 y0[j] + s1 y1[j] + s2 y2[j] + s3 y3[j] for j in [from, to): the one loop that
   * carries the factorisation and the multi-column solves.
   *
   * <p>It stores to one row only. A loop storing to two rows (each of four rows read once for
   * both) is vectorised by C2 (JDK 17) in some callers and not in others: in the forward solve it
   * ran scalar, 14 ms for a 500 x 500 right-hand side against 4.5 ms for the same loop in the back
   * solve, and -XX:-UseLoopPredicate made both fast; the one-row loop is vectorised in every
   * caller measured. The sum is formed in the same order as before, so results are unchanged to
   * the last bit.
   */
  private static void subtractFour(double[] row, double[] y0, double[] y1, double[] y2,
      double[] y3, double s0, double s1, double s2, double s3, int from, int to) {
    for (int j = from; j < to; j++) {
      row[j] -= s0 * y0[j] + s1 * y1[j] + s2 * y2[j] + s3 * y3[j];
    }
  }

  /** The size of A. */
  int size() {
    return n;
  }

  /**
   * The solution x of A x = b.
   *
   * @param b the right-hand side (not modified)
   * @return x
   */
  double[] solve(double[] b) {
    double[] y = b.clone();
    // U' y = b, by columns of U' (rows of U).
    for (int k = 0; k < n; k++) {
      double[] rowK = u[k];
      double value = y[k] / rowK[k];
      y[k] = value;
      if (value != 0.0) {
        for (int i = k + 1; i < n; i++) {
          y[i] -= rowK[i] * value;
        }
      }
    }
    // U x = y, by rows of U.
    for (int i = n - 1; i >= 0; i--) {
      double[] rowI = u[i];
      double s0 = 0.0;
      double s1 = 0.0;
      double s2 = 0.0;
      double s3 = 0.0;
      int j = i + 1;
      for (; j + 3 < n; j += 4) {
        s0 += rowI[j] * y[j];
        s1 += rowI[j + 1] * y[j + 1];
        s2 += rowI[j + 2] * y[j + 2];
        s3 += rowI[j + 3] * y[j + 3];
      }
      for (; j < n; j++) {
        s0 += rowI[j] * y[j];
      }
      y[i] = (y[i] - ((s0 + s1) + (s2 + s3))) / rowI[i];
    }
    return y;
  }

  /**
   * Overwrites the rows of B (n rows, any number of columns) with the solution X of A X = B.
   *
   * @param b the right-hand side by rows; becomes X
   */
  void solveInPlace(double[][] b) {
    if (n == 0) {
      return;
    }
    int columns = b[0].length;
    forwardInPlace(b, columns);
    backInPlace(b, columns);
  }

  /** U' Y = B: row i of Y is (B_i - sum over k &lt; i of U_ki Y_k) / U_ii; two rows at a time. */
  private void forwardInPlace(double[][] b, int columns) {
    int i = 0;
    for (; i + 1 < n; i += 2) {
      double[] row0 = b[i];
      double[] row1 = b[i + 1];
      int k = 0;
      for (; k + 3 < i; k += 4) {
        double[] u0 = u[k];
        double[] u1 = u[k + 1];
        double[] u2 = u[k + 2];
        double[] u3 = u[k + 3];
        double[] y0 = b[k];
        double[] y1 = b[k + 1];
        double[] y2 = b[k + 2];
        double[] y3 = b[k + 3];
        subtractFour(row0, y0, y1, y2, y3, u0[i], u1[i], u2[i], u3[i], 0, columns);
        subtractFour(row1, y0, y1, y2, y3, u0[i + 1], u1[i + 1], u2[i + 1], u3[i + 1], 0, columns);
      }
      for (; k < i; k++) {
        double s = u[k][i];
        double t = u[k][i + 1];
        double[] y = b[k];
        for (int j = 0; j < columns; j++) {
          row0[j] -= s * y[j];
          row1[j] -= t * y[j];
        }
      }
      double d0 = u[i][i];
      double coupling = u[i][i + 1];
      double d1 = u[i + 1][i + 1];
      for (int j = 0; j < columns; j++) {
        double y = row0[j] / d0;
        row0[j] = y;
        row1[j] = (row1[j] - coupling * y) / d1;
      }
    }
    if (i < n) {
      double[] row = b[i];
      for (int k = 0; k < i; k++) {
        double s = u[k][i];
        double[] y = b[k];
        for (int j = 0; j < columns; j++) {
          row[j] -= s * y[j];
        }
      }
      double d = u[i][i];
      for (int j = 0; j < columns; j++) {
        row[j] /= d;
      }
    }
  }

  /** U X = Y: row i of X is (Y_i - sum over k &gt; i of U_ik X_k) / U_ii; two rows at a time. */
  private void backInPlace(double[][] b, int columns) {
    int i = n - 1;
    for (; i >= 1; i -= 2) {
      double[] row1 = b[i];
      double[] row0 = b[i - 1];
      double[] upper1 = u[i];
      double[] upper0 = u[i - 1];
      int k = i + 1;
      for (; k + 3 < n; k += 4) {
        double[] x0 = b[k];
        double[] x1 = b[k + 1];
        double[] x2 = b[k + 2];
        double[] x3 = b[k + 3];
        subtractFour(row1, x0, x1, x2, x3, upper1[k], upper1[k + 1], upper1[k + 2],
            upper1[k + 3], 0, columns);
        subtractFour(row0, x0, x1, x2, x3, upper0[k], upper0[k + 1], upper0[k + 2],
            upper0[k + 3], 0, columns);
      }
      for (; k < n; k++) {
        double t = upper1[k];
        double s = upper0[k];
        double[] x = b[k];
        for (int j = 0; j < columns; j++) {
          row1[j] -= t * x[j];
          row0[j] -= s * x[j];
        }
      }
      double d1 = upper1[i];
      double coupling = upper0[i];
      double d0 = upper0[i - 1];
      for (int j = 0; j < columns; j++) {
        double x = row1[j] / d1;
        row1[j] = x;
        row0[j] = (row0[j] - coupling * x) / d0;
      }
    }
    if (i == 0) {
      double[] row = b[0];
      double[] upper = u[0];
      for (int k = 1; k < n; k++) {
        double s = upper[k];
        double[] x = b[k];
        for (int j = 0; j < columns; j++) {
          row[j] -= s * x[j];
        }
      }
      double d = upper[0];
      for (int j = 0; j < columns; j++) {
        row[j] /= d;
      }
    }
  }

}
