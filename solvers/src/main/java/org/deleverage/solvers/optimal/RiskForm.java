package org.deleverage.solvers.optimal;

import org.deleverage.core.PriceCovariance;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.models.numerics.SymmetricEigen;

/**
 * The risk terms of the objective as the Newton system sees them: the weight of each period
 * (lambda tau, plus lambda_res in the last; none when only S_max is sought), whether risk
 * couples the movable assets at all, and for a factor model the rows (L R)_a / sqrt(M) of its
 * square root and whether the low-rank form of the Newton system pays. Immutable.
 */
final class RiskForm {

  /** Eigenvalues of F below this fraction of the largest are left out of its square root. */
  static final double ROOT_CUTOFF = 1e-12;

  private final double[] weight;
  private final boolean coupled;
  private final double[][] root;
  private final int[][] support;
  /** Movable asset a's nonzero root entries are entries start[a] to start[a + 1] - 1 of these. */
  private final int[] supportStart;
  private final int[] supportColumn;
  private final double[] supportValue;
  private final double[] rootSquare;
  private final double[] specific;
  private final boolean lowRank;

  private RiskForm(
      double[] weight, boolean coupled, double[][] root, double[] specific, boolean lowRank) {
    this.weight = weight;
    this.coupled = coupled;
    this.root = root;
    this.specific = specific;
    this.lowRank = lowRank;
    int f = root == null ? 0 : root.length;
    this.support = new int[f][];
    this.rootSquare = new double[f];
    for (int a = 0; a < f; a++) {
      double[] row = root[a];
      support[a] = java.util.stream.IntStream.range(0, row.length)
          .filter(c -> row[c] != 0.0).toArray();
      rootSquare[a] = InteriorPointMethod.dot(root[a], root[a]);
    }
    this.supportStart = new int[f + 1];
    for (int a = 0; a < f; a++) {
      supportStart[a + 1] = supportStart[a] + support[a].length;
    }
    this.supportColumn = new int[supportStart[f]];
    this.supportValue = new double[supportStart[f]];
    for (int a = 0; a < f; a++) {
      for (int x = 0; x < support[a].length; x++) {
        supportColumn[supportStart[a] + x] = support[a][x];
        supportValue[supportStart[a] + x] = root[a][support[a][x]];
      }
    }
  }

  /**
   * The risk form of a problem whose movable assets are {@code movable}, its weights divided by
   * the objective scale s of the {@link Formulation} (the risk Hessian is then that of f / (M s)).
   */
  static RiskForm of(
      ResolvedProblem problem, Formulation.Goal goal, int[] movable, double scale,
      double objectiveScale, InteriorPointOptions.FactorSolve factorSolve) {
    int periods = problem.periods();
    int n = problem.assetCount();
    int f = movable.length;
    double[] weight = new double[periods];
    int riskPeriods = 0;
    for (int k = 0; k < periods; k++) {
      weight[k] =
          goal == Formulation.Goal.PLAN
              ? problem.riskAversion() * problem.periodLength()
                  + (k == periods - 1 ? problem.residualRiskAversion() : 0.0)
              : 0.0;
      weight[k] /= objectiveScale;
      riskPeriods += weight[k] > 0 ? 1 : 0;
    }
    PriceCovariance sigma = problem.priceCovariance();
    double[][] root = null;
    double[] specific = null;
    boolean coupled;
    if (sigma.isFactorModel()) {
      root = root(problem, movable, scale);
      specific = new double[f];
      int exposed = 0;
      for (int a = 0; a < f; a++) {
        int i = movable[a];
        specific[a] = problem.held(i) * problem.held(i) * sigma.specificVariance(i) / scale;
        boolean any = false;
        for (double value : root[a]) {
          any |= value != 0.0;
        }
        exposed += any ? 1 : 0;
      }
      // Two movable assets exposed to the factors are (in general) coupled by them.
      coupled = exposed >= 2;
    } else {
      // A diagonal covariance couples nothing; a dense one is scanned for an entry that does.
      coupled = false;
      for (int i = 0; i < n && !coupled && !sigma.isDiagonal(); i++) {
        for (int j = 0; j < n && !coupled; j++) {
          coupled = i != j && problem.covariance(i, j) != 0.0 && problem.held(i) != 0.0
              && problem.held(j) != 0.0;
        }
      }
    }
    boolean coupling = riskPeriods > 0 && coupled;
    int rank = root == null || root.length == 0 ? 0 : root[0].length;
    boolean lowRank =
        coupling
            && sigma.isFactorModel()
            && (factorSolve == InteriorPointOptions.FactorSolve.LOW_RANK
                || (factorSolve == InteriorPointOptions.FactorSolve.AUTOMATIC
                    && rank * riskPeriods <= f));
    return new RiskForm(weight, coupling, root, specific, lowRank);
  }

  /**
   * The rows (L R)_a / sqrt(M) of the movable assets, with L_i = d_i Q_i G_i their loadings in
   * money per fraction held and F = R R' the factor covariance's square root from its eigenpairs
   * (eigenvalues below {@value #ROOT_CUTOFF} of the largest dropped, so a singular F gives fewer
   * columns): their products are the factor part of Sigma-hat / M. A diagonal F (uncorrelated
   * factors, the usual form) has the root diag(sqrt F_kk) without an eigendecomposition, which
   * keeps the loadings' zeros (an asset in one sector loads on the market and that sector only)
   * for the Newton system to skip.
   */
  private static double[][] root(ResolvedProblem problem, int[] movable, double scale) {
    PriceCovariance sigma = problem.priceCovariance();
    int factors = sigma.factorCount();
    double[][] covariance = new double[factors][factors];
    for (int k = 0; k < factors; k++) {
      for (int l = 0; l < factors; l++) {
        covariance[k][l] = sigma.factorCovariance(k, l);
      }
    }
    double[][] root = diagonal(covariance)
        ? diagonalRoot(covariance)
        : SymmetricEigen.semidefiniteRoot(covariance, ROOT_CUTOFF);
    int rank = factors == 0 ? 0 : root[0].length;
    double[][] rows = new double[movable.length][rank];
    for (int a = 0; a < movable.length; a++) {
      int i = movable[a];
      double weight = problem.direction(i) * problem.held(i) / Math.sqrt(scale);
      for (int c = 0; c < rank; c++) {
        double sum = 0.0;
        for (int k = 0; k < factors; k++) {
          sum += sigma.loading(i, k) * root[k][c];
        }
        rows[a][c] = weight * sum;
      }
    }
    return rows;
  }

  private static boolean diagonal(double[][] matrix) {
    for (int k = 0; k < matrix.length; k++) {
      for (int l = 0; l < matrix.length; l++) {
        if (k != l && matrix[k][l] != 0.0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The root of a diagonal positive semidefinite F: a column sqrt(F_kk) e_k per factor whose
   * variance is above {@value #ROOT_CUTOFF} of the largest, as the eigendecomposition would give.
   */
  private static double[][] diagonalRoot(double[][] covariance) {
    double largest = 0.0;
    for (int k = 0; k < covariance.length; k++) {
      largest = Math.max(largest, covariance[k][k]);
    }
    int[] kept = new int[covariance.length];
    int rank = 0;
    for (int k = 0; k < covariance.length; k++) {
      if (largest > 0 && covariance[k][k] > ROOT_CUTOFF * largest) {
        kept[rank++] = k;
      }
    }
    double[][] root = new double[covariance.length][rank];
    for (int c = 0; c < rank; c++) {
      root[kept[c]][c] = Math.sqrt(covariance[kept[c]][kept[c]]);
    }
    return root;
  }

  /**
   * The risk weight of period k: lambda tau, plus lambda_res in the last period, over the
   * objective scale s.
   */
  double weight(int k) {
    return weight[k];
  }

  /** Whether risk couples the movable assets (the period blocks are then not diagonal). */
  boolean coupled() {
    return coupled;
  }

  /** Whether the Newton system takes a factor model's risk as a low-rank term. */
  boolean lowRank() {
    return lowRank;
  }

  /** Q_i^2 s_i / M, the specific part of Sigma-hat_ii / M for movable asset a (factor model). */
  double specific(int a) {
    return specific[a];
  }

  /** (L R)_a / sqrt(M) for movable asset a (factor model). Not copied. */
  double[] root(int a) {
    return root[a];
  }

  /** The columns c where (L R)_ac is not zero, in increasing order (factor model). Not copied. */
  int[] support(int a) {
    return support[a];
  }

  /**
   * Where each movable asset's nonzero root entries are in {@link #supportColumns()} and {@link
   * #supportValues()}: entries start[a] to start[a + 1] - 1, f + 1 offsets (factor model). Not
   * copied.
   */
  int[] supportStarts() {
    return supportStart;
  }

  /** The columns c of the nonzero (L R)_ac, asset after asset, increasing (factor model). */
  int[] supportColumns() {
    return supportColumn;
  }

  /** The nonzero (L R)_ac / sqrt(M), in the order of {@link #supportColumns()} (factor model). */
  double[] supportValues() {
    return supportValue;
  }

  /** |(L R)_a|^2 / M, the factor part of Sigma-hat_aa / M (factor model). */
  double rootSquare(int a) {
    return rootSquare[a];
  }

  /** K', the number of columns of the factor root. */
  int rank() {
    return root == null || root.length == 0 ? 0 : root[0].length;
  }
}
