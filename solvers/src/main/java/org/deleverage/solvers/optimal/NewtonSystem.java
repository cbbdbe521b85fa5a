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
 * and the level t of the S_max problem (which has no curvature), then come from a small dense
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
 *
 * <p>Order books on level variables ({@link OrderBookLevels}) add, per book trade (a group), the
 * level variables u_l with their barrier weights D_l &gt; 0 and the equality B y - sum_l u_l = 0,
 * B y = y_k-1 - y_k the trade. Eliminating the levels and the equality's multiplier lambda from
 *
 * <pre>
 *   A dy - B' dlambda = r_y,      D_l du_l + dlambda = r_l,      B dy - sum_l du_l = e
 * </pre>
 *
 * gives du_l = (r_l - dlambda) / D_l, dlambda = omega (e - B dy + sum_l r_l / D_l) with omega = 1 /
 * sum_l (1 / D_l), and (A + omega B'B) dy = r_y + B' omega (e + sum_l r_l / D_l): the levels act
 * on their trade as one more weight omega on the difference, the harmonic combination of their
 * own, so the structure above is kept.
 *
 * <p>Transient impact ({@link Formulation#anyTransient()}) couples every period of its asset: its
 * Hessian in the asset's trades is kappa a^|j-l| omega_max(j,l) off the diagonal (the diagonal
 * is in Omega), dense in y. When no risk couples the assets, A is block diagonal over them: the
 * others keep the scalar recursion above, and each transient asset's N x N block (its trades'
 * weights plus that Hessian mapped to y by the differences, B' K B) gets a dense Cholesky of its
 * own, O(N^3) a step per transient asset. When risk couples them, the instance takes A whole:
 * the same entries as above (the trades' weights, the period blocks with the risk, a factor
 * model's risk in full) plus B' K B, factored by one dense Cholesky of size f N: O((f N)^3) a
 * step. Only instances with a transient asset pay either.
 *
 * <p>The weights of the linear constraints come in as {@link Weights}: from the barrier (z / s) in
 * the interior-point method, or a very large weight on each constraint the active-set finish
 * holds at equality, which the elimination above takes without cancellation. Pinned variables
 * keep an identity row.
 */
final class NewtonSystem {

  /**
   * The weights the linear constraints put on the Hessian.
   *
   * @param diagonal [k][a], on y_ak itself (retain limits)
   * @param trade [k][a], on the trade y_a,k-1 - y_ak (its floor and cap)
   * @param level per level variable (index less the first level's), its barrier weight D_l
   * @param held whether the weights hold variables fixed (the finish's) rather than come from a
   *     barrier; held weights take no part in the regularisation
   */
  record Weights(double[][] diagonal, double[][] trade, double[] level, boolean held) {

    /** The barrier's weights z_j / s_j of the linear constraints. */
    static Weights barrier(Formulation model, double[] slacks, double[] duals) {
      int f = model.blockSize();
      Weights weights = new Weights(new double[model.periods][f], new double[model.periods][f],
          new double[model.levels().count()], false);
      model.linearRows.addBarrierWeights(
          slacks, duals, weights.diagonal(), weights.trade(), weights.level());
      return weights;
    }
  }

  /**
   * The solution of the system.
   *
   * @param dv the step of the variables (pinned entries zero)
   * @param dz the steps of the coverage multipliers (zero for a row left out)
   * @param dlambda the steps of the groups' multipliers
   */
  record Solution(double[] dv, double[] dz, double[] dlambda) {}

  private final Formulation model;
  private final int f;
  private final int periods;
  private final int ny;
  private final boolean dense;
  private final boolean lowRank;
  private final BlockedCholesky[] denseFactor;
  private final double[][] diagonalInverse;
  private final double[][] coupling;
  private final double[][] coverageGradient;
  private final double[] coverageT;
  private final double[] groupWeight;
  private final double[] levelInverse;
  private Kkt[] aInverseU;
  private int[] riskPeriods;
  private double[][] riskScale;
  private SpdFactor capacitance;
  /** A whole, factored, when a transient asset couples all its periods; null otherwise. */
  private BlockedCholesky whole;
  /** Per movable asset, its block factored, for a transient asset when no risk couples them. */
  private BlockedCholesky[] perAsset;

  private NewtonSystem(Formulation model, double[][] coverageGradient, double[] coverageT) {
    this.model = model;
    this.f = model.blockSize();
    this.periods = model.periods;
    this.ny = model.trajectoryCount();
    this.lowRank = model.lowRankRisk() && !model.anyTransient();
    this.dense = !model.diagonalBlocks() && model.blockSize() > 0 && !lowRank;
    this.denseFactor = dense ? new BlockedCholesky[periods] : null;
    this.diagonalInverse = dense ? null : new double[periods][];
    this.coupling = new double[periods][f];
    this.coverageGradient = coverageGradient;
    this.coverageT = coverageT;
    this.groupWeight = new double[model.levels().groupCount()];
    this.levelInverse = new double[model.levels().count()];
  }

  /**
   * Builds and factors the system at a point with the barrier's weights, or returns empty when
   * A, with its diagonal raised by {@code delta} (|A_ii| + 1), is not positive definite.
   *
   * @param slacks s, of the linear constraints then the coverage constraints
   * @param duals z, in the same order
   */
  static Optional<NewtonSystem> factor(
      Formulation model, Formulation.Point point, double[] slacks, double[] duals,
      double delta) {
    return factor(model, point, Weights.barrier(model, slacks, duals), delta);
  }

  /**
   * Builds and factors the system at a point with the given weights of the linear constraints,
   * or returns empty when A, with its diagonal raised by {@code delta} (|A_ii| + 1), is not
   * positive definite.
   */
  static Optional<NewtonSystem> factor(
      Formulation model, Formulation.Point point, Weights weights, double delta) {
    int m = model.coverageCount();
    int f = model.blockSize();
    int periods = model.periods;
    int ny = model.trajectoryCount();
    OrderBookLevels levels = model.levels();
    double[][] coverageGradient = new double[m][];
    double[] coverageT = new double[m];
    for (int c = 0; c < m; c++) {
      coverageGradient[c] = point.coverageGradient[c].clone();
      if (model.goal != Formulation.Goal.PLAN) {
        coverageT[c] = point.coverageGradient[c][model.levelIndex()];
        coverageGradient[c][model.levelIndex()] = 0.0;
      }
      for (int v = 0; v < ny; v++) {
        if (model.pinned[v]) {
          coverageGradient[c][v] = 0.0;
        }
      }
    }
    NewtonSystem system = new NewtonSystem(model, coverageGradient, coverageT);
    // C: the curvature of each y_k term, the risk's diagonal, one-variable constraints.
    // Omega: the weight of each trade y_k-1 - y_k, from its curvature, its bounds and its levels.
    double[][] diagonal = new double[periods][];
    double[][] omega = new double[periods][];
    for (int k = 0; k < periods; k++) {
      diagonal[k] = point.diagonal[k].clone();
      omega[k] = point.difference[k].clone();
    }
    boolean lowRank = system.lowRank;
    RiskForm risk = model.risk();
    // Sigma-hat_aa / M, the same in every period.
    double[] ownRisk = new double[lowRank ? 0 : f];
    for (int a = 0; a < ownRisk.length; a++) {
      ownRisk[a] = model.scaledCovariance(a, a);
    }
    for (int k = 0; k < periods; k++) {
      double twice = 2 * risk.weight(k);
      for (int a = 0; a < f; a++) {
        // In the low-rank form only the specific risk is on the diagonal; the factor risk's
        // diagonal, risk |(L R)_a|^2 / M, stays in W W' but counts in the regularisation, so that
        // both forms regularise the same matrix.
        double factorPart = 0.0;
        if (lowRank) {
          diagonal[k][a] += twice * risk.specific(a);
          factorPart = twice * risk.rootSquare(a);
        } else {
          diagonal[k][a] += twice * ownRisk[a];
        }
        double held = weights.held() ? 0.0 : weights.diagonal()[k][a] + weights.trade()[k][a];
        if (delta > 0) {
          // Relative regularisation, for what rounding leaves indefinite: of the curvature and
          // the barrier's weights, whose rounding it must cover, but not of the weights that
          // hold the finish's fixed trades, which would swamp the free ones.
          diagonal[k][a] += delta * (Math.abs(diagonal[k][a] + factorPart)
              + Math.abs(omega[k][a]) + held + 1.0);
        }
        diagonal[k][a] += weights.diagonal()[k][a];
        omega[k][a] += weights.trade()[k][a];
      }
    }
    for (int g = 0; g < levels.groupCount(); g++) {
      OrderBookLevels.Group group = levels.group(g);
      double sum = 0.0;
      for (int u : group.indices()) {
        double d = weights.level()[u - levels.first()];
        d += delta * (d + 1.0);
        if (!(d > 0)) {
          return Optional.empty();
        }
        system.levelInverse[u - levels.first()] = 1.0 / d;
        sum += 1.0 / d;
      }
      system.groupWeight[g] = 1.0 / sum;
      omega[group.period()][group.slot()] += system.groupWeight[g];
    }
    for (int k = 0; k < periods; k++) {
      for (int a = 0; a < f; a++) {
        // The coupling of y_k to y_k-1 through the trade between them; none for a pinned y_k.
        system.coupling[k][a] = model.pinned[model.index(a, k)] ? 0.0 : omega[k][a];
      }
    }
    if (model.anyTransient()) {
      // Without risk coupling the assets, A is block diagonal over them and a block that fails
      // fails A whole: only coupled risk takes the whole f N factor, which the solver's size
      // limit bounds for that case.
      boolean factored = system.dense
          ? system.factorWhole(point, diagonal, omega)
          : system.eliminate(diagonal, omega) && system.factorPerAsset(point, diagonal, omega);
      if (!factored) {
        return Optional.empty();
      }
    } else if (!system.eliminate(diagonal, omega)
        || (lowRank && !system.factorCapacitance())) {
      return Optional.empty();
    }
    system.aInverseU = new Kkt[m];
    for (int c = 0; c < m; c++) {
      system.aInverseU[c] = system.solveKkt(coverageGradient[c], null);
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
    BlockedCholesky previousFactor = null;
    double[] previousQDiagonal = null;
    // Sigma-hat once for all periods: read entry by entry from the problem it costs more than a
    // period's factorisation for a few hundred assets.
    double[][] covariance = dense ? scaledCovariance() : null;
    for (int k = 0; k < periods; k++) {
      double[] next = k + 1 < periods ? omega[k + 1] : new double[f];
      double[] own = coupling[k];
      if (dense) {
        double risk = 2 * model.risk().weight(k);
        double[][] q = new double[f][f];
        for (int a = 0; a < f; a++) {
          for (int b = 0; b < f; b++) {
            if (a != b) {
              q[a][b] = risk * covariance[a][b];
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
          previousFactor.solveInPlace(right);
          double[][] carried = right;
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
        BlockedCholesky factor = BlockedCholesky.factorInPlace(pivot);
        if (factor == null) {
          return false;
        }
        denseFactor[k] = factor;
        previousFactor = factor;
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
                    * (previousQDiagonal[a] + (omega[k][a] - own[a]));
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
   * A as one dense matrix, factored: A_vv = C_k + Omega_k + Omega_k+1 for y_ak, -Omega_k between
   * y_a,k-1 and y_ak, the risk 2 w_k Sigma-hat_ab between the assets of a period when it couples
   * them, and for each transient asset B' K B with K_jl = kappa a^|j-l| omega_max(j,l) (j != l, 0
   * on the diagonal) its Hessian in the trades n_j = Q (y_j-1 - y_j) (the Q^2 / M is in omega):
   * (B' K B)_pq = K_p+1,q+1 - K_p+1,q - K_p,q+1 + K_pq, K zero beyond the last period. A pinned
   * variable keeps an identity row. False if A is not positive definite to working precision.
   */
  private boolean factorWhole(Formulation.Point point, double[][] diagonal, double[][] omega) {
    double[][] matrix = new double[ny][ny];
    boolean[] pinned = model.pinned;
    double[][] covariance = model.diagonalBlocks() ? null : scaledCovariance();
    for (int k = 0; k < periods; k++) {
      double risk = 2 * model.risk().weight(k);
      for (int a = 0; a < f; a++) {
        int v = model.index(a, k);
        if (pinned[v]) {
          continue;
        }
        matrix[v][v] = diagonal[k][a] + omega[k][a] + (k + 1 < periods ? omega[k + 1][a] : 0.0);
        if (k > 0 && !pinned[v - f]) {
          matrix[v - f][v] = -omega[k][a];
          matrix[v][v - f] = -omega[k][a];
        }
        if (covariance != null && risk != 0.0) {
          for (int b = 0; b < f; b++) {
            int u = model.index(b, k);
            if (b != a && !pinned[u]) {
              matrix[v][u] += risk * covariance[a][b];
            }
          }
        }
      }
    }
    for (int a = 0; a < f; a++) {
      if (point.transientReach[a] != null) {
        int slot = a;
        addTransient(matrix, point, a, k -> model.index(slot, k));
      }
    }
    for (int v = 0; v < ny; v++) {
      if (pinned[v]) {
        matrix[v][v] = 1.0;
      }
    }
    whole = BlockedCholesky.factorInPlace(matrix);
    return whole != null;
  }

  /**
   * Adds B' K B of transient asset a to {@code matrix}, its period p at row {@code row(p)}, with
   * K_jl = kappa a^|j-l| omega_max(j,l) for j != l and (B' K B)_pq = K_p+1,q+1 - K_p+1,q - K_p,q+1
   * + K_pq (K zero beyond the last period); nothing in a pinned variable's row or column.
   */
  private void addTransient(
      double[][] matrix, Formulation.Point point, int a, java.util.function.IntUnaryOperator row) {
    double[] reach = point.transientReach[a];
    double kappa = model.transientImpact(a).kappa();
    double decay = model.transientImpact(a).decay(model.conditions(a));
    double[][] k = new double[periods + 1][periods + 1];
    for (int j = 0; j < periods; j++) {
      double power = 1.0;
      for (int l = j + 1; l < periods; l++) {
        power *= decay;
        double value = kappa * power * reach[l];
        k[j][l] = value;
        k[l][j] = value;
      }
    }
    for (int p = 0; p < periods; p++) {
      if (model.pinned[model.index(a, p)]) {
        continue;
      }
      for (int q = 0; q < periods; q++) {
        if (!model.pinned[model.index(a, q)]) {
          matrix[row.applyAsInt(p)][row.applyAsInt(q)] +=
              k[p + 1][q + 1] - k[p + 1][q] - k[p][q + 1] + k[p][q];
        }
      }
    }
  }

  /**
   * With no risk coupling the assets (A block diagonal over them), each transient asset's N x N
   * block factored on its own: C_k + Omega_k + Omega_k+1 on the diagonal, -Omega_k between
   * periods k-1 and k, plus B' K B; the other assets keep the elimination already made. False if
   * a block is not positive definite to working precision.
   */
  private boolean factorPerAsset(
      Formulation.Point point, double[][] diagonal, double[][] omega) {
    perAsset = new BlockedCholesky[f];
    for (int a = 0; a < f; a++) {
      if (point.transientReach[a] == null) {
        continue;
      }
      double[][] matrix = new double[periods][periods];
      for (int k = 0; k < periods; k++) {
        if (model.pinned[model.index(a, k)]) {
          continue;
        }
        matrix[k][k] = diagonal[k][a] + omega[k][a] + (k + 1 < periods ? omega[k + 1][a] : 0.0);
        if (k > 0 && !model.pinned[model.index(a, k - 1)]) {
          matrix[k - 1][k] = -omega[k][a];
          matrix[k][k - 1] = -omega[k][a];
        }
      }
      addTransient(matrix, point, a, k -> k);
      for (int k = 0; k < periods; k++) {
        if (model.pinned[model.index(a, k)]) {
          matrix[k][k] = 1.0;
        }
      }
      perAsset[a] = BlockedCholesky.factorInPlace(matrix);
      if (perAsset[a] == null) {
        perAsset = null;
        return false;
      }
    }
    return true;
  }

  /** Sigma-hat between the movable assets, by rows (symmetric). */
  private double[][] scaledCovariance() {
    double[][] covariance = new double[f][f];
    for (int a = 0; a < f; a++) {
      for (int b = a; b < f; b++) {
        double value = model.scaledCovariance(a, b);
        covariance[a][b] = value;
        covariance[b][a] = value;
      }
    }
    return covariance;
  }

  /**
   * Solves the augmented system for (dv, dz, dlambda): every coverage row, or only those with
   * {@code active} set (the others keep dz = 0 and are left out).
   *
   * @param r1 the right-hand side of the variables' rows
   * @param equality the right-hand side e of the groups' equalities (null for zero)
   * @param q the right-hand side of the coverage rows
   * @param d the diagonal D = s_c / z_c of the coverage rows (0 for an equality)
   * @param active which coverage rows take part, or null for all
   */
  Solution solve(double[] r1, double[] equality, double[] q, double[] d, boolean[] active) {
    int m = coverageGradient.length;
    Kkt base = solveKkt(r1, equality);
    boolean level = model.goal != Formulation.Goal.PLAN;
    int[] rows = java.util.stream.IntStream.range(0, m)
        .filter(c -> active == null || active[c]).toArray();
    int count = rows.length;
    int size = count + (level ? 1 : 0);
    double[][] small = new double[size][size];
    double[] right = new double[size];
    for (int x = 0; x < count; x++) {
      int c = rows[x];
      for (int y = 0; y < count; y++) {
        small[x][y] = InteriorPointMethod.dot(coverageGradient[c], aInverseU[rows[y]].dv());
      }
      small[x][x] += d[c];
      right[x] = q[c] - InteriorPointMethod.dot(coverageGradient[c], base.dv());
      if (level) {
        small[x][count] = coverageT[c];
        small[count][x] = coverageT[c];
      }
    }
    if (level) {
      right[count] = -r1[model.levelIndex()];
    }
    // Two coverage constraints in the same period have the same gradient, which makes the
    // Schur complement singular as their slacks vanish: a proximal term of a 1e-13 relative
    // size keeps it regular without moving the solution beyond working precision.
    double largest = 0.0;
    for (int x = 0; x < count; x++) {
      largest = Math.max(largest, Math.abs(small[x][x]));
    }
    for (int x = 0; x < count; x++) {
      small[x][x] += 1e-13 * Math.max(largest, 1e-300);
    }
    double[] unknowns = size == 0 ? new double[0] : DenseSolver.solve(small, right);
    double[] dv = base.dv();
    double[] dlambda = base.dlambda();
    double[] dz = new double[m];
    for (int x = 0; x < count; x++) {
      int c = rows[x];
      dz[c] = unknowns[x];
      Kkt column = aInverseU[c];
      for (int v = 0; v < dv.length; v++) {
        dv[v] += column.dv()[v] * unknowns[x];
      }
      for (int g = 0; g < dlambda.length; g++) {
        dlambda[g] += column.dlambda()[g] * unknowns[x];
      }
    }
    if (level) {
      dv[model.levelIndex()] = unknowns[count];
    }
    return new Solution(dv, dz, dlambda);
  }

  /** The solution of the system without the coverage rows: dv (t's entry zero) and dlambda. */
  private record Kkt(double[] dv, double[] dlambda) {}

  /**
   * Solves A dy - B' dlambda = r_y, D_l du_l + dlambda = r_l, B dy - sum_l du_l = e by eliminating
   * each group into its trade (see the class doc); x is over all variables (t's entry ignored).
   */
  private Kkt solveKkt(double[] x, double[] equality) {
    OrderBookLevels levels = model.levels();
    int groups = levels.groupCount();
    double[] ry = java.util.Arrays.copyOf(x, ny);
    double[] carried = new double[groups];
    for (int g = 0; g < groups; g++) {
      OrderBookLevels.Group group = levels.group(g);
      double sum = equality == null ? 0.0 : equality[g];
      for (int u : group.indices()) {
        sum += x[u] * levelInverse[u - levels.first()];
      }
      carried[g] = sum;
      double push = groupWeight[g] * sum;
      int k = group.period();
      if (k > 0) {
        ry[model.index(group.slot(), k - 1)] += push;
      }
      ry[model.index(group.slot(), k)] -= push;
    }
    for (int v = 0; v < ny; v++) {
      if (model.pinned[v]) {
        ry[v] = 0.0;
      }
    }
    double[] dy = solveA(ry);
    double[] dv = new double[model.variableCount];
    System.arraycopy(dy, 0, dv, 0, ny);
    double[] dlambda = new double[groups];
    for (int g = 0; g < groups; g++) {
      OrderBookLevels.Group group = levels.group(g);
      int k = group.period();
      double trade = (k > 0 ? dy[model.index(group.slot(), k - 1)] : 0.0)
          - dy[model.index(group.slot(), k)];
      dlambda[g] = groupWeight[g] * (carried[g] - trade);
      for (int u : group.indices()) {
        dv[u] = (x[u] - dlambda[g]) * levelInverse[u - levels.first()];
      }
    }
    return new Kkt(dv, dlambda);
  }

  /**
   * W and the Cholesky factor of the capacitance I + W' T^-1 W of the low-rank form, T being the
   * eliminated blocks; false if it is not positive definite to working precision (it is in exact
   * arithmetic, T being positive definite).
   *
   * <p>T is diagonal over the assets (each asset's periods a tridiagonal system of their own), and
   * asset a's rows of W are p_as g_a' in the period of risk slot s (g_a = (L R)_a / sqrt(M), p_as
   * = sqrt(2 w_k), zero where y_ak is pinned), so
   *
   * <pre>
   *   (W' T^-1 W)_(s c),(t d) = sum_a M_a,st g_ac g_ad,     M_a,st = p_as (T_a^-1)_(k_s k_t) p_at
   * </pre>
   *
   * The elimination factors T_a = L S L' (S the pivots, L unit lower bidiagonal with L_k,k-1 =
   * -rho_k, rho_k = Omega_k / S_k-1, the recursion of {@link #solveBlocks}), so T_a^-1 is
   * semiseparable:
   *
   * <pre>
   *   (T_a^-1)_ij = rho_i+1 ... rho_j h_j  (i &lt;= j),     h_j = (T_a^-1)_jj = 1 / S_j + rho_j+1^2 h_j+1
   * </pre>
   *
   * products and sums of positive numbers, symmetric by construction: M_a costs O(N + N_r^2) an
   * asset. Each block (s, t), like M_a, is symmetric: the blocks s &lt;= t and their entries c &lt;=
   * d over the nonzero g_ac are summed, for O(f N + f N_r^2 K'^2 / 4) a step (far less when the
   * loadings are sparse: an asset in one sector has two nonzero g_ac) instead of K' N_r solves
   * with T and products with W.
   */
  private boolean factorCapacitance() {
    RiskForm risk = model.risk();
    int rank = risk.rank();
    riskPeriods =
        java.util.stream.IntStream.range(0, periods).filter(k -> risk.weight(k) > 0).toArray();
    int slots = riskPeriods.length;
    riskScale = new double[slots][f];
    for (int s = 0; s < slots; s++) {
      int k = riskPeriods[s];
      double weight = Math.sqrt(2 * risk.weight(k));
      for (int a = 0; a < f; a++) {
        riskScale[s][a] = model.pinned[model.index(a, k)] ? 0.0 : weight;
      }
    }
    int pairs = slots * (slots + 1) / 2;
    // sums[c][d - c][(s, t)]: sum_a M_a,st g_ac g_ad over the pairs s <= t, packed by row.
    double[][][] sums = new double[rank][][];
    for (int c = 0; c < rank; c++) {
      sums[c] = new double[rank - c][pairs];
    }
    double[] packed = new double[pairs];
    double[] ratio = new double[periods];
    double[] inverseDiagonal = new double[periods];
    // Per risk slot t of one asset: p_at, h at k_t, and rho over the periods since slot t - 1.
    double[] scaleAt = new double[slots];
    double[] diagonalAt = new double[slots];
    double[] ratioTo = new double[slots];
    for (int a = 0; a < f; a++) {
      int[] support = risk.support(a);
      if (support.length == 0) {
        continue;
      }
      // rho_k and h_k, from the last period back.
      double h = 0.0;
      for (int k = periods - 1; k >= 0; k--) {
        ratio[k] = k == 0 ? 0.0 : coupling[k][a] * diagonalInverse[k - 1][a];
        double after = k + 1 < periods ? ratio[k + 1] : 0.0;
        h = diagonalInverse[k][a] + after * after * h;
        inverseDiagonal[k] = h;
      }
      for (int t = 0; t < slots; t++) {
        int kt = riskPeriods[t];
        scaleAt[t] = riskScale[t][a];
        diagonalAt[t] = inverseDiagonal[kt];
        double product = 1.0;
        for (int k = t == 0 ? kt + 1 : riskPeriods[t - 1] + 1; k <= kt; k++) {
          product *= ratio[k];
        }
        ratioTo[t] = product;
      }
      int p = 0;
      for (int s = 0; s < slots; s++) {
        // p_as rho_k_s+1 ... rho_k_t, along the slots up to t.
        double chain = scaleAt[s];
        packed[p++] = chain * diagonalAt[s] * scaleAt[s];
        for (int t = s + 1; t < slots; t++) {
          chain *= ratioTo[t];
          packed[p++] = chain * diagonalAt[t] * scaleAt[t];
        }
      }
      double[] g = risk.root(a);
      for (int x = 0; x < support.length; x++) {
        int c = support[x];
        double gc = g[c];
        for (int y = x; y < support.length; y++) {
          int d = support[y];
          double product = gc * g[d];
          double[] target = sums[c][d - c];
          for (int q = 0; q < pairs; q++) {
            target[q] += packed[q] * product;
          }
        }
      }
    }
    int size = slots * rank;
    double[][] matrix = new double[size][size];
    int p = 0;
    for (int s = 0; s < slots; s++) {
      for (int t = s; t < slots; t++) {
        for (int c = 0; c < rank; c++) {
          for (int d = c; d < rank; d++) {
            double value = sums[c][d - c][p];
            matrix[s * rank + c][t * rank + d] = value;
            matrix[t * rank + d][s * rank + c] = value;
            matrix[s * rank + d][t * rank + c] = value;
            matrix[t * rank + c][s * rank + d] = value;
          }
        }
        p++;
      }
    }
    for (int j = 0; j < size; j++) {
      matrix[j][j] += 1.0;
    }
    Optional<SpdFactor> factor = SpdFactor.of(matrix);
    factor.ifPresent(value -> capacitance = value);
    return factor.isPresent();
  }

  /** W' x, for x over the variables y. */
  private double[] lowRankTranspose(double[] x) {
    RiskForm risk = model.risk();
    int rank = risk.rank();
    int[] start = risk.supportStarts();
    int[] column = risk.supportColumns();
    double[] g = risk.supportValues();
    double[] result = new double[riskPeriods.length * rank];
    for (int s = 0; s < riskPeriods.length; s++) {
      int offset = riskPeriods[s] * f;
      int base = s * rank;
      double[] scale = riskScale[s];
      for (int a = 0; a < f; a++) {
        double value = x[offset + a] * scale[a];
        if (value != 0.0) {
          for (int q = start[a]; q < start[a + 1]; q++) {
            result[base + column[q]] += g[q] * value;
          }
        }
      }
    }
    return result;
  }

  /**
   * A^-1 x: by the block elimination, and in the low-rank form by Woodbury's identity, T^-1 (x -
   * W u) with (I + W' T^-1 W) u = W' T^-1 x, x - W u and its solve in x's own array. x, of length
   * f N, is the caller's scratch and may be overwritten.
   */
  private double[] solveA(double[] x) {
    if (whole != null) {
      return whole.solve(x);
    }
    if (perAsset != null) {
      double[] result = solveDiagonalBlocks(x);
      double[] block = new double[periods];
      for (int a = 0; a < f; a++) {
        if (perAsset[a] != null) {
          for (int k = 0; k < periods; k++) {
            block[k] = x[model.index(a, k)];
          }
          double[] solved = perAsset[a].solve(block);
          for (int k = 0; k < periods; k++) {
            result[model.index(a, k)] = solved[k];
          }
        }
      }
      return result;
    }
    if (!lowRank) {
      return solveBlocks(x);
    }
    double[] u = capacitance.solve(lowRankTranspose(solveBlocks(x)));
    RiskForm risk = model.risk();
    int rank = risk.rank();
    int[] start = risk.supportStarts();
    int[] column = risk.supportColumns();
    double[] g = risk.supportValues();
    for (int s = 0; s < riskPeriods.length; s++) {
      int offset = riskPeriods[s] * f;
      int base = s * rank;
      double[] scale = riskScale[s];
      for (int a = 0; a < f; a++) {
        if (scale[a] == 0.0) {
          continue;
        }
        double sum = 0.0;
        for (int q = start[a]; q < start[a + 1]; q++) {
          sum += g[q] * u[base + column[q]];
        }
        x[offset + a] -= scale[a] * sum;
      }
    }
    return solveDiagonalBlocksInPlace(x);
  }

  /** The inverse of the block tridiagonal part by the block elimination (T^-1 x, or A^-1 x). */
  private double[] solveBlocks(double[] x) {
    if (!dense) {
      return solveDiagonalBlocks(x);
    }
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

  /**
   * {@link #solveBlocks} with diagonal pivots, in place in the one array it returns: the same
   * recursion, operation for operation, without an array per period and pass.
   */
  private double[] solveDiagonalBlocks(double[] x) {
    return solveDiagonalBlocksInPlace(java.util.Arrays.copyOf(x, ny));
  }

  /** {@link #solveDiagonalBlocks} in the array given, which it returns. */
  private double[] solveDiagonalBlocksInPlace(double[] result) {
    for (int k = 1; k < periods; k++) {
      double[] before = diagonalInverse[k - 1];
      double[] e = coupling[k];
      int offset = k * f;
      for (int a = 0; a < f; a++) {
        result[offset + a] += e[a] * (before[a] * result[offset - f + a]);
      }
    }
    for (int k = periods - 1; k >= 0; k--) {
      double[] inverse = diagonalInverse[k];
      int offset = k * f;
      if (k + 1 < periods) {
        double[] e = coupling[k + 1];
        for (int a = 0; a < f; a++) {
          result[offset + a] =
              inverse[a] * (result[offset + a] + e[a] * result[offset + f + a]);
        }
      } else {
        for (int a = 0; a < f; a++) {
          result[offset + a] = inverse[a] * result[offset + a];
        }
      }
    }
    return result;
  }

  private double[] applyInverse(int k, double[] x) {
    if (dense) {
      // Two triangular solves with the pivot's Cholesky factor; its inverse is never formed.
      return denseFactor[k].solve(x);
    }
    double[] y = new double[f];
    {
      for (int a = 0; a < f; a++) {
        y[a] = diagonalInverse[k][a] * x[a];
      }
    }
    return y;
  }

}
