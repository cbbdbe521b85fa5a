package org.deleverage.solvers.optimal;

import java.util.ArrayList;
import java.util.List;
import org.deleverage.core.PriceCovariance;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.numerics.SymmetricEigen;

/**
 * The optimisation of MODEL.md section 4 as the interior-point method sees it: scaled variables,
 * an objective, linear constraints and the concave coverage constraints.
 *
 * <p>Variables: y_ik = r_ik / Q_i, the fraction of asset i still held after period k, for the
 * movable assets (those that can trade at all), stored period-major ({@code k * movable + a}),
 * and in {@link Goal#CAPACITY} one more, t = S / M. Assets that cannot move (locked, empty, or
 * held to one path by their limits) are constants. Money is divided by the scale M.
 *
 * <ul>
 *   <li>{@link Goal#PLAN}: minimise F = f / M, the objective of MODEL.md section 4, subject to
 *       G_c = (X_0 - b_c + sum_i coverage_i,k_c) / M >= 0 for the deadline (b = buffer) and each
 *       schedule step (b = -S (1 - phi)).
 *   <li>{@link Goal#CAPACITY}: maximise t subject to (sum_i coverage_i,k_c - b0_c) / M - beta_c t
 *       >= 0, with b0 = buffer and beta = 1 at the deadline, b0 = 0 and beta = phi for a step:
 *       the largest coverable shortfall S_max = M t of MODEL.md section 5, since with X_0 = -S
 *       the requirement holds exactly when S <= S_max.
 * </ul>
 *
 * Linear constraints, per movable asset and period: n_ik / Q_i = y_i,k-1 - y_ik >= 0, and <=
 * cap_i / Q_i where the cap can bind; y_iN >= retainMin_i / Q_i and <= retainMax_i / Q_i. Each
 * touches at most two neighbouring variables of one asset.
 */
final class Formulation {

  private static final int LOWER = 0;
  private static final int UPPER = 1;
  private static final int RETAIN_MIN = 2;
  private static final int RETAIN_MAX = 3;

  /** Eigenvalues of F below this fraction of the largest are left out of its square root. */
  static final double ROOT_CUTOFF = 1e-12;

  /** What is optimised. */
  enum Goal {
    /** The least objective that covers the requirement. */
    PLAN,
    /** The largest coverable shortfall. */
    CAPACITY
  }

  final ResolvedProblem problem;
  final Goal goal;
  final int periods;
  final int[] movable;
  final double scale;
  final int variableCount;
  final boolean[] pinned;
  final double[] start;

  // Linear constraints g = ca * v[ia] + cb * v[ib] + c0 (an index of -1 means no term).
  final int[] linearA;
  final double[] linearCa;
  final int[] linearB;
  final double[] linearCb;
  final double[] linearC0;
  private final int[] linearKind;
  private final int[] linearAsset;
  private final int[] linearPeriod;

  // Coverage constraints.
  final int[] coveragePeriod;
  final double[] coverageConstant;
  final double[] coverageSlope;
  private final int[] originalConstraint;
  private final int constraintCount;

  private final AssetPath[] objectivePaths;
  private final AssetPath[] coveragePaths;
  private final double[][] fixedPath;
  private final double[] riskWeight;
  private final boolean riskFree;
  private final double[][] riskRoot;
  private final double[] specificRisk;
  private final boolean lowRank;

  /** The formulation, with the low-rank form of a factor model's risk used when it pays. */
  Formulation(ResolvedProblem problem, Goal goal) {
    this(problem, goal, InteriorPointOptions.FactorSolve.AUTOMATIC);
  }

  /**
   * The formulation of {@code goal}, treating a factor model's risk in the Newton system as
   * {@code factorSolve} says (see {@link #lowRankRisk()}).
   */
  Formulation(ResolvedProblem problem, Goal goal, InteriorPointOptions.FactorSolve factorSolve) {
    this.problem = problem;
    this.goal = goal;
    this.periods = problem.periods();
    int n = problem.assetCount();
    List<Integer> moving = new ArrayList<>();
    fixedPath = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] fixed = fixedPath(problem, i);
      if (fixed == null) {
        moving.add(i);
      } else {
        fixedPath[i] = fixed;
      }
    }
    movable = moving.stream().mapToInt(Integer::intValue).toArray();
    int f = movable.length;
    variableCount = f * periods + (goal == Goal.CAPACITY ? 1 : 0);
    pinned = new boolean[variableCount];
    start = new double[variableCount];
    scale = moneyScale(problem);
    objectivePaths = new AssetPath[n];
    coveragePaths = new AssetPath[n];
    for (int i = 0; i < n; i++) {
      objectivePaths[i] = AssetPath.objective(problem, i);
      coveragePaths[i] = AssetPath.coverage(problem, i);
    }

    List<double[]> linear = new ArrayList<>();
    for (int a = 0; a < f; a++) {
      int i = movable[a];
      double held = problem.held(i);
      double cap = problem.periodCap(i) / held;
      double low = problem.retainMin(i) / held;
      double high = problem.retainMax(i) / held;
      boolean capBinds = problem.periodCap(i) < problem.sellableUnits(i);
      boolean terminalPinned = problem.retainMax(i) - problem.retainMin(i) <= 1e-12 * held;
      for (int k = 0; k < periods; k++) {
        int here = index(a, k);
        int before = k == 0 ? -1 : index(a, k - 1);
        double constant = k == 0 ? 1.0 : 0.0;
        // y_{k-1} - y_k >= 0 and cap - (y_{k-1} - y_k) >= 0.
        linear.add(new double[] {before, 1, here, -1, constant, LOWER, i, k});
        if (capBinds) {
          linear.add(new double[] {before, -1, here, 1, cap - constant, UPPER, i, k});
        }
      }
      int last = index(a, periods - 1);
      if (terminalPinned) {
        pinned[last] = true;
      } else {
        linear.add(new double[] {last, 1, -1, 0, -low, RETAIN_MIN, i, periods - 1});
        if (problem.retainMax(i) < held) {
          linear.add(new double[] {last, -1, -1, 0, high, RETAIN_MAX, i, periods - 1});
        }
      }
      // A strictly interior start: the midpoint of what may be sold, evenly over the periods.
      double least = problem.forcedUnits(i);
      double most = Math.min(problem.sellableUnits(i), periods * problem.periodCap(i));
      double total = terminalPinned ? problem.sellableUnits(i) : 0.5 * (least + most);
      for (int k = 0; k < periods; k++) {
        start[index(a, k)] = 1.0 - total * (k + 1) / (periods * held);
      }
    }
    int count = linear.size();
    linearA = new int[count];
    linearCa = new double[count];
    linearB = new int[count];
    linearCb = new double[count];
    linearC0 = new double[count];
    linearKind = new int[count];
    linearAsset = new int[count];
    linearPeriod = new int[count];
    for (int j = 0; j < count; j++) {
      double[] row = linear.get(j);
      linearKind[j] = (int) row[5];
      linearAsset[j] = (int) row[6];
      linearPeriod[j] = (int) row[7];
      linearA[j] = (int) row[0];
      linearCa[j] = row[1];
      linearB[j] = (int) row[2];
      linearCb[j] = row[3];
      linearC0[j] = row[4];
    }

    int steps = problem.scheduleSize();
    int[] period = new int[steps + 1];
    double[] constant = new double[steps + 1];
    double[] slope = new double[steps + 1];
    period[0] = problem.deadlineIndex();
    for (int s = 0; s < steps; s++) {
      period[s + 1] = problem.scheduleIndex(s);
    }
    for (int c = 0; c <= steps; c++) {
      double fraction = c == 0 ? 1.0 : problem.scheduleFraction(c - 1);
      double bound = c == 0 ? problem.buffer() : -problem.shortfall() * (1 - fraction);
      if (goal == Goal.PLAN) {
        constant[c] = problem.initialExcess() - bound;
      } else {
        constant[c] = c == 0 ? -problem.buffer() : 0.0;
        slope[c] = fraction;
      }
      for (int i = 0; i < n; i++) {
        if (fixedPath[i] != null) {
          constant[c] +=
              coveragePaths[i].accumulate(fixedPath[i], period[c], 1.0, null, null, null, 0.0);
        }
      }
    }
    // Two constraints on the same period with the same slope differ only in their constant, so
    // the one with the smaller constant implies the other; keeping both would make the Newton
    // system singular. The implied one keeps a zero multiplier.
    List<Integer> kept = new ArrayList<>();
    for (int c = 0; c <= steps; c++) {
      boolean implied = false;
      for (int d = 0; d <= steps; d++) {
        implied |= d != c && period[d] == period[c] && slope[d] == slope[c]
            && (constant[d] < constant[c] || (constant[d] == constant[c] && d < c));
      }
      if (!implied) {
        kept.add(c);
      }
    }
    originalConstraint = kept.stream().mapToInt(Integer::intValue).toArray();
    constraintCount = steps + 1;
    coveragePeriod = new int[kept.size()];
    coverageConstant = new double[kept.size()];
    coverageSlope = new double[kept.size()];
    for (int c = 0; c < kept.size(); c++) {
      coveragePeriod[c] = period[kept.get(c)];
      coverageConstant[c] = constant[kept.get(c)];
      coverageSlope[c] = slope[kept.get(c)];
    }

    riskWeight = new double[periods];
    int riskPeriods = 0;
    for (int k = 0; k < periods; k++) {
      riskWeight[k] =
          goal == Goal.PLAN
              ? problem.riskAversion() * problem.periodLength()
                  + (k == periods - 1 ? problem.residualRiskAversion() : 0.0)
              : 0.0;
      riskPeriods += riskWeight[k] > 0 ? 1 : 0;
    }
    PriceCovariance sigma = problem.priceCovariance();
    boolean coupled;
    if (sigma.isFactorModel()) {
      riskRoot = riskRoot(problem, movable, scale);
      specificRisk = new double[f];
      int exposed = 0;
      for (int a = 0; a < f; a++) {
        int i = movable[a];
        specificRisk[a] = problem.held(i) * problem.held(i) * sigma.specificVariance(i) / scale;
        boolean any = false;
        for (double value : riskRoot[a]) {
          any |= value != 0.0;
        }
        exposed += any ? 1 : 0;
      }
      // Two movable assets exposed to the factors are (in general) coupled by them.
      coupled = exposed >= 2;
    } else {
      riskRoot = null;
      specificRisk = null;
      coupled = false;
      for (int i = 0; i < n && !coupled; i++) {
        for (int j = 0; j < n && !coupled; j++) {
          coupled = i != j && problem.covariance(i, j) != 0.0 && problem.held(i) != 0.0
              && problem.held(j) != 0.0;
        }
      }
    }
    riskFree = riskPeriods == 0 || !coupled;
    lowRank =
        !riskFree
            && sigma.isFactorModel()
            && (factorSolve == InteriorPointOptions.FactorSolve.LOW_RANK
                || (factorSolve == InteriorPointOptions.FactorSolve.AUTOMATIC
                    && riskRank() * riskPeriods <= f));
  }

  /**
   * The rows (L R)_a / sqrt(M) of the movable assets, with L_i = d_i Q_i G_i their loadings in
   * money per fraction held and F = R R' the factor covariance's square root from its eigenpairs
   * (eigenvalues below {@value #ROOT_CUTOFF} of the largest dropped, so a singular F gives fewer
   * columns): their products are the factor part of Sigma-hat / M.
   */
  private static double[][] riskRoot(ResolvedProblem problem, int[] movable, double scale) {
    PriceCovariance sigma = problem.priceCovariance();
    int factors = sigma.factorCount();
    double[][] covariance = new double[factors][factors];
    for (int k = 0; k < factors; k++) {
      for (int l = 0; l < factors; l++) {
        covariance[k][l] = sigma.factorCovariance(k, l);
      }
    }
    double[][] root = SymmetricEigen.semidefiniteRoot(covariance, ROOT_CUTOFF);
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

  /**
   * A start strictly inside the linear constraints, and inside the coverage constraints where
   * that is easy: in {@link Goal#CAPACITY} the level t is set below what the interior point of
   * the linear constraints covers; in {@link Goal#PLAN}, given the plan that covers the most
   * ({@code widest}, the capacity solution), the start moves from the interior point towards it
   * until the coverage constraints hold, which they do strictly when the shortfall is below the
   * largest coverable one.
   */
  double[] startingPoint(double[] widest) {
    double[] point = start.clone();
    int m = coverageCount();
    if (goal == Goal.CAPACITY) {
      Point at = evaluate(point, null);
      double level = Double.POSITIVE_INFINITY;
      for (int c = 0; c < m; c++) {
        if (coverageSlope[c] > 0) {
          level = Math.min(level, at.coverage[c] / coverageSlope[c]);
        }
      }
      point[levelIndex()] = Double.isInfinite(level) ? 0.0 : level - 1.0;
      return point;
    }
    if (widest == null) {
      return point;
    }
    for (double weight : new double[] {0.999, 0.99, 0.9, 0.5}) {
      double[] blend = new double[variableCount];
      for (int v = 0; v < variableCount; v++) {
        blend[v] = pinned[v] ? start[v] : weight * widest[v] + (1 - weight) * start[v];
      }
      Point at = evaluate(blend, null);
      boolean inside = true;
      for (int c = 0; c < m; c++) {
        inside &= at.coverage[c] > 0;
      }
      if (inside) {
        return blend;
      }
    }
    return point;
  }

  /** The number of movable assets, the size of a period block. */
  int blockSize() {
    return movable.length;
  }

  /** The index of y for movable asset {@code a} after period {@code k}. */
  int index(int a, int k) {
    return k * movable.length + a;
  }

  /** The index of t, in {@link Goal#CAPACITY}. */
  int levelIndex() {
    return movable.length * periods;
  }

  /**
   * The multipliers of every coverage constraint of the problem, the deadline first and then
   * the schedule steps, from those of the constraints kept (an implied one has zero).
   */
  double[] problemDuals(double[] keptDuals) {
    double[] duals = new double[constraintCount];
    for (int c = 0; c < originalConstraint.length; c++) {
      duals[originalConstraint[c]] = keptDuals[c];
    }
    return duals;
  }

  /**
   * The multipliers of the linear constraints in the problem's own units, from the scaled duals
   * z of the method (z M / Q_i): of n_ik >= 0, of n_ik <= cap_i, and of the retain limits.
   */
  LinearMultipliers linearMultipliers(double[] linearDuals) {
    int n = problem.assetCount();
    LinearMultipliers multipliers =
        new LinearMultipliers(new double[n][periods], new double[n][periods], new double[n],
            new double[n]);
    for (int j = 0; j < linearKind.length; j++) {
      int i = linearAsset[j];
      double value = linearDuals[j] * scale / problem.held(i);
      switch (linearKind[j]) {
        case LOWER -> multipliers.lower()[i][linearPeriod[j]] += value;
        case UPPER -> multipliers.upper()[i][linearPeriod[j]] += value;
        case RETAIN_MIN -> multipliers.retainMin()[i] += value;
        default -> multipliers.retainMax()[i] += value;
      }
    }
    return multipliers;
  }

  /**
   * Multipliers of the linear constraints, by asset and period, in objective units per unit.
   *
   * @param lower of n_ik >= 0
   * @param upper of n_ik <= cap_i
   * @param retainMin of r_iN >= retainMin_i
   * @param retainMax of r_iN <= retainMax_i
   */
  record LinearMultipliers(
      double[][] lower, double[][] upper, double[] retainMin, double[] retainMax) {}

  /** The number of coverage constraints kept. */
  int coverageCount() {
    return coveragePeriod.length;
  }

  /** Whether a movable asset trades on an order book, whose kinked cost is smoothed. */
  boolean smoothed() {
    for (int i : movable) {
      if (objectivePaths[i].smoothing().kinked()) {
        return true;
      }
    }
    return false;
  }

  /**
   * v with every order-book trade that sits at a kink moved as the smoothing tightens from
   * {@code before} to {@code after} ({@link KinkSmoothing#follow}), so that the iterate stays on
   * the smoothed optimum's path; {@code v} itself if nothing moves or a pinned terminal
   * position would.
   */
  double[] followKinks(double[] v, double before, double after) {
    double[] moved = null;
    for (int a = 0; a < movable.length; a++) {
      int i = movable[a];
      KinkSmoothing smoothing = objectivePaths[i].smoothing();
      if (!smoothing.kinked()) {
        continue;
      }
      double held = problem.held(i);
      double previous = 1.0;
      double shift = 0.0;
      for (int k = 0; k < periods; k++) {
        double units = held * (previous - v[index(a, k)]);
        previous = v[index(a, k)];
        shift += smoothing.follow(units, width(i, before), width(i, after)) - units;
        if (shift != 0.0) {
          moved = moved == null ? v.clone() : moved;
          moved[index(a, k)] = v[index(a, k)] - shift / held;
        }
      }
      if (shift != 0.0 && pinned[index(a, periods - 1)]) {
        return v;
      }
    }
    return moved == null ? v : moved;
  }

  /** t_i: the units over which asset i's order book is smoothed for smoothing level mu. */
  private double width(int i, double mu) {
    double step = objectivePaths[i].kinkStep();
    return step > 0 ? mu * scale / step : 0.0;
  }

  /** Whether the period blocks of the Hessian are diagonal (no risk couples the assets). */
  boolean diagonalBlocks() {
    return riskFree;
  }

  /**
   * Whether the Newton system takes the risk of a factor model as a low-rank term over diagonal
   * blocks rather than as dense blocks: with {@link InteriorPointOptions.FactorSolve#AUTOMATIC},
   * when the assets are coupled and K' N_r <= f, for K' the rank of F, N_r the periods with a
   * risk weight and f the movable assets (the low-rank system is then no larger than one period's
   * dense block); always or never with the other two choices.
   */
  boolean lowRankRisk() {
    return lowRank;
  }

  /** The risk weight of period k: lambda tau, plus lambda_res in the last period. */
  double riskWeight(int k) {
    return riskWeight[k];
  }

  /** Sigma-hat_ij = d_i Q_i Sigma_ij d_j Q_j between movable assets a and b, divided by M. */
  double scaledCovariance(int a, int b) {
    int i = movable[a];
    int j = movable[b];
    return problem.direction(i) * problem.held(i) * problem.covariance(i, j)
        * problem.direction(j) * problem.held(j) / scale;
  }

  /** Q_i^2 s_i / M, the specific part of Sigma-hat_ii / M for movable asset a (factor model). */
  double specificRisk(int a) {
    return specificRisk[a];
  }

  /**
   * (L R)_a / sqrt(M) for movable asset a (factor model): Sigma-hat_ab / M = row a . row b, plus
   * the specific part when a = b. Not copied.
   */
  double[] riskRoot(int a) {
    return riskRoot[a];
  }

  /** K', the number of columns of {@link #riskRoot(int)}. */
  int riskRank() {
    return riskRoot == null || riskRoot.length == 0 ? 0 : riskRoot[0].length;
  }

  /** The value of linear constraint j at v. */
  double linearValue(int j, double[] v) {
    double value = linearC0[j];
    if (linearA[j] >= 0) {
      value += linearCa[j] * v[linearA[j]];
    }
    if (linearB[j] >= 0) {
      value += linearCb[j] * v[linearB[j]];
    }
    return value;
  }

  /** The remaining units r of movable asset {@code a} at v. */
  double[] remaining(int a, double[] v) {
    double held = problem.held(movable[a]);
    double[] r = new double[periods];
    for (int k = 0; k < periods; k++) {
      r[k] = held * v[index(a, k)];
    }
    return r;
  }

  /**
   * Evaluates everything at v: objective and its gradient, the coverage constraints and their
   * gradients, and the Hessian of the Lagrangian F - sum_c z_c G_c without the risk blocks, per
   * movable asset as the curvature of each y_k term and of each trade y_{k-1} - y_k.
   */
  Point evaluate(double[] v, double[] coverageDuals) {
    return evaluate(v, coverageDuals, 0.0);
  }

  /**
   * As {@link #evaluate(double[], double[])}, with every order book's cost smoothed for barrier
   * parameter {@code mu} (scaled objective units): over t_i = mu M / sum_j d_ij units, so that
   * the smoothing adds at most mu ln 2 to the scaled cost of any one trade (see {@link
   * KinkSmoothing}) and vanishes with mu.
   */
  Point evaluate(double[] v, double[] coverageDuals, double mu) {
    int f = movable.length;
    int m = coverageCount();
    Point point = new Point(variableCount, m, f, periods);
    double objective = 0.0;
    double[] gradR = new double[periods];
    double[] diagonal = new double[periods];
    double[] difference = new double[periods];
    for (int a = 0; a < f; a++) {
      int i = movable[a];
      double held = problem.held(i);
      double[] r = remaining(a, v);
      double width = width(i, mu);
      java.util.Arrays.fill(diagonal, 0.0);
      java.util.Arrays.fill(difference, 0.0);
      if (goal == Goal.PLAN) {
        java.util.Arrays.fill(gradR, 0.0);
        objective +=
            objectivePaths[i].accumulate(r, periods - 1, 1.0, gradR, diagonal, difference, width);
        for (int k = 0; k < periods; k++) {
          point.objectiveGradient[index(a, k)] += gradR[k] * held / scale;
        }
      }
      for (int c = 0; c < m; c++) {
        java.util.Arrays.fill(gradR, 0.0);
        double weight = coverageDuals == null ? 0.0 : -coverageDuals[c];
        point.coverage[c] +=
            coveragePaths[i].accumulate(r, coveragePeriod[c], 1.0, gradR, null, null, width)
                / scale;
        if (weight != 0.0) {
          coveragePaths[i].accumulate(
              r, coveragePeriod[c], weight, null, diagonal, difference, width);
        }
        for (int k = 0; k < periods; k++) {
          point.coverageGradient[c][index(a, k)] = gradR[k] * held / scale;
        }
      }
      for (int k = 0; k < periods; k++) {
        point.diagonal[a][k] = diagonal[k] * held * held / scale;
        point.difference[a][k] = difference[k] * held * held / scale;
      }
    }
    for (int c = 0; c < m; c++) {
      point.coverage[c] += coverageConstant[c] / scale;
      if (goal == Goal.CAPACITY) {
        point.coverage[c] -= coverageSlope[c] * v[levelIndex()];
        point.coverageGradient[c][levelIndex()] = -coverageSlope[c];
      }
    }
    if (goal == Goal.PLAN) {
      objective += risk(v, point.objectiveGradient);
      point.objective = objective / scale;
    } else {
      point.objective = -v[levelIndex()];
      point.objectiveGradient[levelIndex()] = -1.0;
    }
    return point;
  }

  /**
   * The risk terms sum_k w_k x_k' Sigma x_k in money, adding their scaled gradient 2 w_k d_i Q_i
   * (Sigma x_k)_i / M; one product Sigma x_k per period, O(n K) for a factor model.
   */
  private double risk(double[] v, double[] gradient) {
    int n = problem.assetCount();
    double total = 0.0;
    double[] x = new double[n];
    int[] slot = new int[n];
    java.util.Arrays.fill(slot, -1);
    for (int a = 0; a < movable.length; a++) {
      slot[movable[a]] = a;
    }
    for (int k = 0; k < periods; k++) {
      if (riskWeight[k] == 0.0) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        double remaining = slot[i] >= 0 ? problem.held(i) * v[index(slot[i], k)] : fixedPath[i][k];
        x[i] = problem.direction(i) * remaining;
      }
      double[] product = problem.priceCovariance().times(x);
      for (int i = 0; i < n; i++) {
        total += riskWeight[k] * x[i] * product[i];
        if (slot[i] >= 0) {
          gradient[index(slot[i], k)] +=
              2 * riskWeight[k] * problem.direction(i) * problem.held(i) * product[i] / scale;
        }
      }
    }
    return total;
  }

  /** The trade table of the plan at v, in units: n_ik = r_i,k-1 - r_ik. */
  double[][] trades(double[] v) {
    int n = problem.assetCount();
    double[][] units = new double[n][periods];
    for (int i = 0; i < n; i++) {
      if (fixedPath[i] != null) {
        for (int k = 0; k < periods; k++) {
          double before = k == 0 ? problem.held(i) : fixedPath[i][k - 1];
          units[i][k] = before - fixedPath[i][k];
        }
      }
    }
    for (int a = 0; a < movable.length; a++) {
      double[] r = remaining(a, v);
      for (int k = 0; k < periods; k++) {
        units[movable[a]][k] = (k == 0 ? problem.held(movable[a]) : r[k - 1]) - r[k];
      }
    }
    return units;
  }

  /** The trade table at v. */
  TradeTable table(double[] v) {
    return TradeTable.of(trades(v));
  }

  /**
   * The path of remaining units of an asset that cannot move, or null if it can: a locked or
   * empty position, one that may sell nothing, or one its forced sale holds at the cap in every
   * period.
   */
  private static double[] fixedPath(ResolvedProblem problem, int i) {
    int periods = problem.periods();
    double held = problem.held(i);
    double[] path = new double[periods];
    if (problem.locked(i) || held == 0.0 || problem.sellableUnits(i) <= 1e-12 * held) {
      java.util.Arrays.fill(path, held);
      return path;
    }
    double cap = problem.periodCap(i);
    if (problem.forcedUnits(i) >= periods * cap * (1 - 1e-12)) {
      for (int k = 0; k < periods; k++) {
        path[k] = Math.max(problem.retainMax(i), held - (k + 1) * cap);
      }
      return path;
    }
    return null;
  }

  /**
   * M: the money scale, the shortfall, the buffer or the largest position's market value,
   * whichever is largest, so that the scaled excess and its gradient in y (a position's relief,
   * at most Q_i p_i / M) are of order one at most.
   */
  private static double moneyScale(ResolvedProblem problem) {
    double largest = 0.0;
    for (int i = 0; i < problem.assetCount(); i++) {
      largest = Math.max(largest, problem.held(i) * problem.price(i));
    }
    return Math.max(1.0, Math.max(problem.shortfall(), Math.max(problem.buffer(), largest)));
  }

  /** Everything the method needs at one point. */
  static final class Point {
    double objective;
    final double[] objectiveGradient;
    final double[] coverage;
    final double[][] coverageGradient;
    final double[][] diagonal;
    final double[][] difference;

    Point(int variables, int constraints, int assets, int periods) {
      objectiveGradient = new double[variables];
      coverage = new double[constraints];
      coverageGradient = new double[constraints][variables];
      diagonal = new double[assets][periods];
      difference = new double[assets][periods];
    }
  }
}
