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
 *   U' dv + D dz = q              constraints + delta (|diag| + 1); U = the coverage gradients; D = S_c / Z_c
 * </pre>
 *
 * In the period-major order of the variables, A is block tridiagonal: a block per period (dense
 * when correlated risk couples the assets, diagonal otherwise) and diagonal blocks between
 * neighbouring periods, since a trade n_ik joins y_i,k-1 and y_ik only. Writing A as R + C + B'
 * Omega B, with B the differences y_k-1 - y_k (the trades) and Omega their weights (curvature
 * and barrier), block elimination gives pivots S_k = Q_k + Omega_k+1 with
 *
 * <pre>
 *   Q_k = R_k + C_k + Omega_k S_k-1^-1 Q_k-1        (Q_0 = R_0 + C_0 + Omega_0)
 * </pre>
 *
 * the same as S_k = D_k - E S_k-1^-1 E but without subtracting the huge barrier weight of an
 * active trade bound from itself, which would lose the small curvature below it to rounding.
 * Cost: O(N f^3) for f movable assets with correlated risk, O(N f) without. The coverage duals,
 * and the level t of the capacity problem (which has no curvature), then come from a small dense
 * system of the Schur complement U' A^-1 U + D.
 *
 * <p>The risk of a factor model, Sigma-hat = L F L' + diag(h), can instead stay out of the blocks
 * ({@link Formulation#lowRankRisk()}): with F = R R' (a singular F has fewer columns; F is never
 * inverted),
 *
 * <pre>
 *   A = T + W W'        T: the blocks with the specific risk 2 w_k h only, diagonal
 *                       W = blockdiag over the periods with risk of sqrt(2 w_k) L R
 *   A^-1 x = T^-1 (x - W u),    (I + W' T^-1 W) u = W' T^-1 x          (Sherman-Morrison-Woodbury)
 * </pre>
 *
 * T is eliminated per asset by the same stable recursion, now on scalars: each movable asset's
 * periods form a small tridiagonal system. The capacitance I + W' T^-1 W, of size K' N_r (K' the
 * rank of F, N_r the periods with risk), is symmetric with eigenvalues >= 1 and is factored once
 * per step; forming it takes K' N_r solves with T. Cost: O(K' f N^2 + K'^2 f N^2 + K'^3 N^3) a
 * step instead of O(N f^3), and no f x f matrix.
 * Pinned variables keep an identity row.
 */
final class NewtonSystem {

  private final Formulation model;
  private final int f;
  private final int periods;
  private final int ny;
  private final boolean dense;
  private final boolean lowRank;
  private final double[][][] denseInverse;
  private final double[][] diagonalInverse;
  private final double[][] coupling;
  private final double[][] coverageY;
  private final double[] coverageT;
  private double[][] aInverseU;
  private int[] riskPeriods;
  private double[][][] lowRankBlocks;
  private SpdFactor capacitance;

  private NewtonSystem(Formulation model, double[][] coverageY, double[] coverageT) {
    this.model = model;
    this.f = model.blockSize();
    this.periods = model.periods;
    this.ny = f * periods;
    this.lowRank = model.lowRankRisk();
    this.dense = !model.diagonalBlocks() && model.blockSize() > 0 && !lowRank;
    this.denseInverse = dense ? new double[periods][][] : null;
    this.diagonalInverse = dense ? null : new double[periods][];
    this.coupling = new double[periods][f];
    this.coverageY = coverageY;
    this.coverageT = coverageT;
  }

  /**
   * Builds and factors the system at a point, or returns empty when A, with its diagonal raised
   * by {@code delta} (|A_ii| + 1), is not positive definite.
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
    // C: the curvature of each y_k term, the risk's diagonal, one-variable constraints.
    // Omega: the weight of each trade y_k-1 - y_k, from its curvature and its bounds.
    double[][] diagonal = new double[periods][f];
    double[][] omega = new double[periods][f];
    for (int a = 0; a < f; a++) {
      for (int k = 0; k < periods; k++) {
        diagonal[k][a] = point.diagonal[a][k];
        omega[k][a] = point.difference[a][k];
      }
    }
    for (int j = 0; j < linear; j++) {
      double w = duals[j] / slacks[j];
      int ia = model.linearA[j];
      int ib = model.linearB[j];
      if (ib >= 0 && model.linearCa[j] == -model.linearCb[j]) {
        // A bound on a trade, c (y_k-1 - y_k) + c0, with y_-1 fixed when ia < 0.
        omega[ib / f][ib % f] += w * model.linearCb[j] * model.linearCb[j];
      } else {
        diagonal[ia / f][ia % f] += w * model.linearCa[j] * model.linearCa[j];
      }
    }
    boolean lowRank = model.lowRankRisk();
    for (int k = 0; k < periods; k++) {
      double risk = 2 * model.riskWeight(k);
      for (int a = 0; a < f; a++) {
        // In the low-rank form only the specific risk is on the diagonal; the factor risk's
        // diagonal, risk |(L R)_a|^2 / M, stays in W W' but counts in the regularisation, so that
        // both forms regularise the same matrix.
        double factorPart = 0.0;
        if (lowRank) {
          diagonal[k][a] += risk * model.specificRisk(a);
          factorPart = risk * InteriorPointMethod.dot(model.riskRoot(a), model.riskRoot(a));
        } else {
          diagonal[k][a] += risk * model.scaledCovariance(a, a);
        }
        if (delta > 0) {
          // Relative regularisation, for what rounding leaves indefinite.
          diagonal[k][a] +=
              delta * (Math.abs(diagonal[k][a] + factorPart) + Math.abs(omega[k][a]) + 1.0);
        }
      }
    }
    for (int k = 0; k < periods; k++) {
      for (int a = 0; a < f; a++) {
        // The coupling of y_k to y_k-1 through the trade between them; none for a pinned y_k.
        system.coupling[k][a] = model.pinned[model.index(a, k)] ? 0.0 : omega[k][a];
      }
    }
    if (!system.eliminate(diagonal, omega) || (lowRank && !system.factorCapacitance())) {
      return Optional.empty();
    }
    system.aInverseU = new double[m][];
    for (int c = 0; c < m; c++) {
      system.aInverseU[c] = system.solveA(coverageY[c]);
    }
    return Optional.of(system);
  }

  /**
   * The block elimination, in the form Q_k = R_k + C_k + Omega'_k S_k-1^-1 (Q_k-1 + Omega_k -
   * Omega'_k), S_k = Q_k + Omega_k+1, where Omega' is Omega without the pinned variables'
   * entries (a pinned variable keeps an identity row); false if a pivot is not positive
   * definite.
   */
  private boolean eliminate(double[][] diagonal, double[][] omega) {
    double[][] previousQ = null;
    SpdFactor previousFactor = null;
    double[] previousQDiagonal = null;
    for (int k = 0; k < periods; k++) {
      double[] next = k + 1 < periods ? omega[k + 1] : new double[f];
      double[] own = coupling[k];
      if (dense) {
        double risk = 2 * model.riskWeight(k);
        double[][] q = new double[f][f];
        for (int a = 0; a < f; a++) {
          for (int b = 0; b < f; b++) {
            if (a != b) {
              q[a][b] = risk * model.scaledCovariance(a, b);
            }
          }
          q[a][a] = diagonal[k][a];
        }
        if (k == 0) {
          for (int a = 0; a < f; a++) {
            q[a][a] += omega[0][a];
          }
        } else {
          // Omega'_k S_k-1^-1 (Q_k-1 + Omega_k - Omega'_k), symmetrised; the product by a
          // solve with the previous pivot's factor.
          double[][] right = new double[f][];
          for (int a = 0; a < f; a++) {
            right[a] = previousQ[a].clone();
            right[a][a] += omega[k][a] - own[a];
          }
          double[][] carried = previousFactor.solve(right);
          for (int a = 0; a < f; a++) {
            for (int b = a; b < f; b++) {
              double value = 0.5 * (own[a] * carried[a][b] + own[b] * carried[b][a]);
              q[a][b] += value;
              if (b != a) {
                q[b][a] += value;
              }
            }
          }
        }
        for (int a = 0; a < f; a++) {
          if (model.pinned[model.index(a, k)]) {
            for (int b = 0; b < f; b++) {
              q[a][b] = 0.0;
              q[b][a] = 0.0;
            }
            q[a][a] = 1.0;
          }
        }
        double[][] pivot = new double[f][];
        for (int a = 0; a < f; a++) {
          pivot[a] = q[a].clone();
          pivot[a][a] += next[a];
        }
        Optional<SpdFactor> factor = SpdFactor.of(pivot);
        if (factor.isEmpty()) {
          return false;
        }
        denseInverse[k] = factor.get().inverse();
        previousFactor = factor.get();
        previousQ = q;
      } else {
        double[] q = new double[f];
        double[] inverse = new double[f];
        for (int a = 0; a < f; a++) {
          if (model.pinned[model.index(a, k)]) {
            q[a] = 1.0;
          } else if (k == 0) {
            q[a] = diagonal[0][a] + omega[0][a];
          } else {
            q[a] = diagonal[k][a]
                + own[a] * diagonalInverse[k - 1][a]
                    * (previousQDiagonal[a] + omega[k][a] - own[a]);
          }
          double pivot = q[a] + next[a];
          if (!(pivot > 0)) {
            return false;
          }
          inverse[a] = 1.0 / pivot;
        }
        diagonalInverse[k] = inverse;
        previousQDiagonal = q;
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
        small[c][e] = InteriorPointMethod.dot(coverageY[c], aInverseU[e]);
      }
      small[c][c] += d[c];
      right[c] = q[c] - InteriorPointMethod.dot(coverageY[c], base);
      if (level) {
        small[c][m] = coverageT[c];
        small[m][c] = coverageT[c];
      }
    }
    if (level) {
      right[m] = -r1[ny];
    }
    // Two coverage constraints in the same period have the same gradient, which makes the
    // Schur complement singular as their slacks vanish: a proximal term of a 1e-13 relative
    // size keeps it regular without moving the solution beyond working precision.
    double largest = 0.0;
    for (int c = 0; c < m; c++) {
      largest = Math.max(largest, Math.abs(small[c][c]));
    }
    for (int c = 0; c < m; c++) {
      small[c][c] += 1e-13 * Math.max(largest, 1e-300);
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

  /**
   * W and the Cholesky factor of the capacitance I + W' T^-1 W of the low-rank form, T being the
   * eliminated blocks; false if it is not positive definite to working precision (it is in exact
   * arithmetic, T being positive definite).
   */
  private boolean factorCapacitance() {
    int rank = model.riskRank();
    riskPeriods =
        java.util.stream.IntStream.range(0, periods).filter(k -> model.riskWeight(k) > 0).toArray();
    int slots = riskPeriods.length;
    lowRankBlocks = new double[slots][f][];
    for (int s = 0; s < slots; s++) {
      int k = riskPeriods[s];
      double weight = Math.sqrt(2 * model.riskWeight(k));
      for (int a = 0; a < f; a++) {
        double[] row = new double[rank];
        if (!model.pinned[model.index(a, k)]) {
          double[] root = model.riskRoot(a);
          for (int c = 0; c < rank; c++) {
            row[c] = weight * root[c];
          }
        }
        lowRankBlocks[s][a] = row;
      }
    }
    int size = slots * rank;
    double[][] matrix = new double[size][];
    for (int s = 0; s < slots; s++) {
      for (int c = 0; c < rank; c++) {
        double[] column = new double[ny];
        int offset = riskPeriods[s] * f;
        for (int a = 0; a < f; a++) {
          column[offset + a] = lowRankBlocks[s][a][c];
        }
        double[] row = lowRankTranspose(solveBlocks(column));
        row[s * rank + c] += 1.0;
        matrix[s * rank + c] = row;
      }
    }
    for (int j = 0; j < size; j++) {
      for (int l = j + 1; l < size; l++) {
        double value = 0.5 * (matrix[j][l] + matrix[l][j]);
        matrix[j][l] = value;
        matrix[l][j] = value;
      }
    }
    Optional<SpdFactor> factor = SpdFactor.of(matrix);
    factor.ifPresent(value -> capacitance = value);
    return factor.isPresent();
  }

  /** W' x, for x over the variables y. */
  private double[] lowRankTranspose(double[] x) {
    int rank = model.riskRank();
    double[] result = new double[riskPeriods.length * rank];
    for (int s = 0; s < riskPeriods.length; s++) {
      int offset = riskPeriods[s] * f;
      for (int a = 0; a < f; a++) {
        double value = x[offset + a];
        if (value != 0.0) {
          double[] row = lowRankBlocks[s][a];
          for (int c = 0; c < rank; c++) {
            result[s * rank + c] += row[c] * value;
          }
        }
      }
    }
    return result;
  }

  /**
   * A^-1 x: by the block elimination, and in the low-rank form by Woodbury's identity, T^-1 (x -
   * W u) with (I + W' T^-1 W) u = W' T^-1 x.
   */
  private double[] solveA(double[] x) {
    if (!lowRank) {
      return solveBlocks(x);
    }
    double[] u = capacitance.solve(lowRankTranspose(solveBlocks(x)));
    int rank = model.riskRank();
    double[] corrected = x.clone();
    for (int s = 0; s < riskPeriods.length; s++) {
      int offset = riskPeriods[s] * f;
      for (int a = 0; a < f; a++) {
        double[] row = lowRankBlocks[s][a];
        double sum = 0.0;
        for (int c = 0; c < rank; c++) {
          sum += row[c] * u[s * rank + c];
        }
        corrected[offset + a] -= sum;
      }
    }
    return solveBlocks(corrected);
  }

  /** The inverse of the block tridiagonal part by the block elimination (T^-1 x, or A^-1 x). */
  private double[] solveBlocks(double[] x) {
    double[][] w = new double[periods][f];
    for (int k = 0; k < periods; k++) {
      System.arraycopy(x, k * f, w[k], 0, f);
      if (k > 0) {
        double[] carried = applyInverse(k - 1, w[k - 1]);
        double[] e = coupling[k];
        for (int a = 0; a < f; a++) {
          w[k][a] += e[a] * carried[a];
        }
      }
    }
    double[] result = new double[ny];
    double[] next = null;
    for (int k = periods - 1; k >= 0; k--) {
      double[] right = w[k].clone();
      if (next != null) {
        double[] e = coupling[k + 1];
        for (int a = 0; a < f; a++) {
          right[a] += e[a] * next[a];
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

}
