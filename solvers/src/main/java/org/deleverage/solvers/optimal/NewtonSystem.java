package org.deleverage.solvers.optimal;

import java.util.Optional;
import org.deleverage.solvers.ojalgo.DenseSolver;
import org.deleverage.solvers.ojalgo.SpdFactor;

/**
 * The Newton system of one interior-point step, factored once and solved for several right-hand
 * sides. The linear constraints are eliminated into the Hessian; the few coverage constraints are
 * kept with their own dual steps dz (the augmented form, which stays well conditioned when their
 * slacks vanish):
 *
 * <pre>
 *   A dv - U dz = r1          A = Hessian of the Lagrangian + J' (Z / S) J over the linear
 *   U' dv + D dz = q              constraints + delta I;  U = the coverage gradients; D = S_c / Z_c
 * </pre>
 *
 * In the period-major order of the variables, A is block tridiagonal: a block per period (dense
 * when correlated risk couples the assets, diagonal otherwise) and diagonal blocks between
 * neighbouring periods, since a trade n_ik joins y_i,k-1 and y_ik only. A is factored by block
 * elimination, S_k = D_k - E_k-1 S_k-1^-1 E_k-1, at O(N f^3) for f movable assets with correlated
 * risk and O(N f) without. The coverage duals, and the level t of the capacity problem (which has
 * no curvature), are then found from a small dense system of the Schur complement U' A^-1 U + D.
 * Pinned variables keep an identity row.
 */
final class NewtonSystem {

  private final Formulation model;
  private final int f;
  private final int periods;
  private final int ny;
  private final boolean dense;
  private final double[][][] denseInverse;
  private final double[][] diagonalInverse;
  private final double[][] coupling;
  private final double[][] coverageY;
  private final double[] coverageT;
  private double[][] aInverseU;

  private NewtonSystem(Formulation model, double[][] coverageY, double[] coverageT) {
    this.model = model;
    this.f = model.blockSize();
    this.periods = model.periods;
    this.ny = f * periods;
    this.dense = !model.diagonalBlocks() && model.blockSize() > 0;
    this.denseInverse = dense ? new double[periods][][] : null;
    this.diagonalInverse = dense ? null : new double[periods][];
    this.coupling = new double[periods][f];
    this.coverageY = coverageY;
    this.coverageT = coverageT;
  }

  /**
   * Builds and factors the system at a point, or returns empty when A + delta I is not positive
   * definite.
   *
   * @param slacks s, of the linear constraints then the coverage constraints
   * @param duals z, in the same order
   */
  static Optional<NewtonSystem> factor(
      Formulation model, Formulation.Point point, double[] slacks, double[] duals,
      double delta) {
    int linear = model.linearA.length;
    int m = model.coverageCount();
    int f = model.blockSize();
    int periods = model.periods;
    double[][] coverageY = new double[m][];
    double[] coverageT = new double[m];
    for (int c = 0; c < m; c++) {
      coverageY[c] = java.util.Arrays.copyOf(point.coverageGradient[c], f * periods);
      if (model.goal == Formulation.Goal.CAPACITY) {
        coverageT[c] = point.coverageGradient[c][model.levelIndex()];
      }
      for (int v = 0; v < f * periods; v++) {
        if (model.pinned[v]) {
          coverageY[c][v] = 0.0;
        }
      }
    }
    NewtonSystem system = new NewtonSystem(model, coverageY, coverageT);
    double[][] diagonal = new double[periods][f];
    for (int a = 0; a < f; a++) {
      for (int k = 0; k < periods; k++) {
        diagonal[k][a] = point.bandDiagonal[a][k] + delta;
        if (k + 1 < periods) {
          system.coupling[k][a] = point.bandOff[a][k];
        }
      }
    }
    for (int j = 0; j < linear; j++) {
      double w = duals[j] / slacks[j];
      int ia = model.linearA[j];
      int ib = model.linearB[j];
      if (ia >= 0) {
        diagonal[ia / f][ia % f] += w * model.linearCa[j] * model.linearCa[j];
      }
      if (ib >= 0) {
        diagonal[ib / f][ib % f] += w * model.linearCb[j] * model.linearCb[j];
      }
      if (ia >= 0 && ib >= 0) {
        int k = Math.min(ia, ib) / f;
        system.coupling[k][ia % f] += w * model.linearCa[j] * model.linearCb[j];
      }
    }
    for (int k = 0; k < periods; k++) {
      double risk = 2 * model.riskWeight(k);
      for (int a = 0; a < f; a++) {
        diagonal[k][a] += risk * model.scaledCovariance(a, a);
      }
    }
    for (int v = 0; v < f * periods; v++) {
      if (model.pinned[v]) {
        int k = v / f;
        diagonal[k][v % f] = 1.0;
        system.coupling[k][v % f] = 0.0;
        if (k > 0) {
          system.coupling[k - 1][v % f] = 0.0;
        }
      }
    }
    if (!system.eliminate(diagonal)) {
      return Optional.empty();
    }
    system.aInverseU = new double[m][];
    for (int c = 0; c < m; c++) {
      system.aInverseU[c] = system.solveA(coverageY[c]);
    }
    return Optional.of(system);
  }

  /** Block elimination of A; false if a pivot block is not positive definite. */
  private boolean eliminate(double[][] diagonal) {
    for (int k = 0; k < periods; k++) {
      if (dense) {
        double[][] block = new double[f][f];
        double risk = 2 * model.riskWeight(k);
        for (int a = 0; a < f; a++) {
          boolean pinnedA = model.pinned[model.index(a, k)];
          for (int b = 0; b < f; b++) {
            boolean pinnedB = model.pinned[model.index(b, k)];
            if (a != b && !pinnedA && !pinnedB) {
              block[a][b] = risk * model.scaledCovariance(a, b);
            }
          }
          block[a][a] = diagonal[k][a];
        }
        if (k > 0) {
          double[] e = coupling[k - 1];
          double[][] previous = denseInverse[k - 1];
          for (int a = 0; a < f; a++) {
            if (e[a] == 0.0) {
              continue;
            }
            for (int b = 0; b < f; b++) {
              block[a][b] -= e[a] * previous[a][b] * e[b];
            }
          }
        }
        Optional<SpdFactor> factor = SpdFactor.of(block);
        if (factor.isEmpty()) {
          return false;
        }
        denseInverse[k] = factor.get().inverse();
      } else {
        double[] inverse = new double[f];
        for (int a = 0; a < f; a++) {
          double pivot = diagonal[k][a];
          if (k > 0) {
            double e = coupling[k - 1][a];
            pivot -= e * e * diagonalInverse[k - 1][a];
          }
          if (!(pivot > 0)) {
            return false;
          }
          inverse[a] = 1.0 / pivot;
        }
        diagonalInverse[k] = inverse;
      }
    }
    return true;
  }

  /**
   * Solves the augmented system for (dv, dz).
   *
   * @param r1 the right-hand side of the variables' rows
   * @param q the right-hand side of the coverage rows
   * @param d the diagonal D = s_c / z_c of the coverage rows
   * @return dv (pinned entries zero) followed by dz
   */
  double[] solve(double[] r1, double[] q, double[] d) {
    int m = coverageY.length;
    double[] ry = java.util.Arrays.copyOf(r1, ny);
    for (int v = 0; v < ny; v++) {
      if (model.pinned[v]) {
        ry[v] = 0.0;
      }
    }
    double[] base = solveA(ry);
    boolean level = model.goal == Formulation.Goal.CAPACITY;
    int size = m + (level ? 1 : 0);
    double[][] small = new double[size][size];
    double[] right = new double[size];
    for (int c = 0; c < m; c++) {
      for (int e = 0; e < m; e++) {
        small[c][e] = dot(coverageY[c], aInverseU[e]);
      }
      small[c][c] += d[c];
      right[c] = q[c] - dot(coverageY[c], base);
      if (level) {
        small[c][m] = coverageT[c];
        small[m][c] = coverageT[c];
      }
    }
    if (level) {
      right[m] = -r1[ny];
    }
    double[] unknowns = DenseSolver.solve(small, right);
    double[] answer = new double[r1.length + m];
    for (int v = 0; v < ny; v++) {
      double value = base[v];
      for (int c = 0; c < m; c++) {
        value += aInverseU[c][v] * unknowns[c];
      }
      answer[v] = value;
    }
    if (level) {
      answer[ny] = unknowns[m];
    }
    System.arraycopy(unknowns, 0, answer, r1.length, m);
    return answer;
  }

  /** A^-1 x by the block elimination. */
  private double[] solveA(double[] x) {
    double[][] w = new double[periods][f];
    for (int k = 0; k < periods; k++) {
      System.arraycopy(x, k * f, w[k], 0, f);
      if (k > 0) {
        double[] carried = applyInverse(k - 1, w[k - 1]);
        double[] e = coupling[k - 1];
        for (int a = 0; a < f; a++) {
          w[k][a] -= e[a] * carried[a];
        }
      }
    }
    double[] result = new double[ny];
    double[] next = null;
    for (int k = periods - 1; k >= 0; k--) {
      double[] right = w[k].clone();
      if (next != null) {
        double[] e = coupling[k];
        for (int a = 0; a < f; a++) {
          right[a] -= e[a] * next[a];
        }
      }
      next = applyInverse(k, right);
      System.arraycopy(next, 0, result, k * f, f);
    }
    return result;
  }

  private double[] applyInverse(int k, double[] x) {
    double[] y = new double[f];
    if (dense) {
      double[][] inverse = denseInverse[k];
      for (int a = 0; a < f; a++) {
        double sum = 0.0;
        double[] row = inverse[a];
        for (int b = 0; b < f; b++) {
          sum += row[b] * x[b];
        }
        y[a] = sum;
      }
    } else {
      for (int a = 0; a < f; a++) {
        y[a] = diagonalInverse[k][a] * x[a];
      }
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
