package org.deleverage.solvers.optimal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.TradingConditions;
import org.deleverage.models.TransientImpact;

/**
 * The optimisation of MODEL.md section 4 as the interior-point method sees it: scaled variables,
 * an objective, linear constraints, the concave coverage constraints and, for order books, the
 * equalities that tie level variables to trades. It is assembled from named parts: the {@link
 * Presolve} (movable assets, fixed paths, money scale M), one {@link AssetPath} per asset and
 * role, the {@link LinearConstraint}s, the {@link CoverageRows}, the {@link RiskForm} and the
 * {@link OrderBookLevels}; this class evaluates them at a point and maps a point back to a trade
 * table.
 *
 * <p>Transient impact ({@link TransientImpact}) couples all the periods of its asset: its paths
 * carry the cost of each trade on an undisturbed book, kappa n^2 / 2, and this class adds what the
 * earlier trades' displacement adds, sum_j n_j D_j, with its gradient, and reports its Hessian
 * in the trades, kappa a^|j-l| times the weight of the terms that reach period max(j, l) for j
 * != l (MODEL.md section 9), for the Newton system to take whole.
 *
 * <p>Variables, in order: y_ik = r_ik / Q_i, the fraction of movable asset i still held after
 * period k, period-major ({@code k * movable + a}); in the S_max and headroom goals one more,
 * the level t; then the level variables u_ikl of the order books (when {@code levelled}). Money is
 * divided by M in the constraints, and by M s in the objective of the plan: the objective scale s
 * &gt;= 1 brings the objective's gradient at the start to at most {@value #GRADIENT_TARGET}, so
 * that a risk aversion or an impact that makes the objective many orders of magnitude larger than
 * the money at stake does not swamp the coverage rows. Multipliers are unscaled (times s) before
 * the certificate sees them.
 *
 * <ul>
 *   <li>{@link Goal#PLAN}: minimise F = f / (M s), the objective of MODEL.md section 4, subject to
 *       G_c = (X_0 - b_c + sum_i coverage_i,k_c) / M &gt;= 0 for the deadline (b = buffer) and
 *       each schedule step (b = -S (1 - phi)).
 *   <li>{@link Goal#MAX_COVERABLE}: maximise t subject to (sum_i coverage_i,k_c - b0_c) / M - beta_c t
 *       &gt;= 0, with b0 = buffer and beta = 1 at the deadline, b0 = 0 and beta = phi at a step:
 *       the largest coverable shortfall S_max = M t of MODEL.md section 5, since with X_0 = -S the
 *       requirement holds exactly when S &lt;= S_max.
 *   <li>{@link Goal#HEADROOM}: maximise t subject to (sum_i coverage_i,k_c - b_c) / M - t &gt;= 0:
 *       for an account that starts with excess X_0 &gt; 0 and no shortfall, the requirement holds
 *       exactly when X_0 + M t &gt;= 0.
 * </ul>
 */
final class Formulation {

  /**
   * The largest entry of the scaled objective's gradient at the start, in y (the fraction held),
   * above which the objective is divided by s: Waechter and Biegler's gradient-based scaling
   * (IPOPT, Math. Program. 106, 2006, section 3.8, whose default limit is also 100).
   */
  static final double GRADIENT_TARGET = 100.0;

  /** What is optimised. */
  enum Goal {
    /** The least objective that covers the requirement. */
    PLAN,
    /** The largest coverable shortfall, given as X_0 = -S. */
    MAX_COVERABLE,
    /** The largest fall of a healthy account's excess that the requirement still allows. */
    HEADROOM
  }

  final ResolvedProblem problem;
  final Goal goal;
  final int periods;
  final double scale;
  /**
   * s, the objective scale: the method minimises F = f / (M s), s &gt;= 1 chosen so that the
   * objective's gradient at the start is at most {@value #GRADIENT_TARGET} (1 for the S_max and
   * headroom goals, whose objective is the level t).
   */
  final double objectiveScale;
  final int variableCount;
  final boolean[] pinned;
  final double[] start;
  final LinearConstraint[] linear;
  /** The same constraints in arrays, for the loops over all of them. */
  final LinearRows linearRows;

  private final Presolve presolve;
  private final int[] movable;
  private final AssetPath[] objectivePaths;
  private final AssetPath[] coveragePaths;
  private final CoverageRows coverage;
  private RiskForm risk;
  private final OrderBookLevels levels;
  /** Per movable asset, its transient impact, or null for a book that refills. */
  private final TransientImpact[] transients;
  private final boolean anyTransient;

  /** The formulation, order books by level variables, a factor model's risk chosen as it pays. */
  Formulation(ResolvedProblem problem, Goal goal) {
    this(problem, goal, InteriorPointOptions.FactorSolve.AUTOMATIC, true);
  }

  /** The formulation with order books by level variables. */
  Formulation(ResolvedProblem problem, Goal goal, InteriorPointOptions.FactorSolve factorSolve) {
    this(problem, goal, factorSolve, true);
  }

  /**
   * The formulation of {@code goal}, treating a factor model's risk in the Newton system as
   * {@code factorSolve} says, and the order books by level variables ({@code levelled}) or by
   * their exact piecewise-linear cost in the trade (for the active-set finish, which fixes the
   * trades that sit at a level's end).
   */
  Formulation(
      ResolvedProblem problem, Goal goal, InteriorPointOptions.FactorSolve factorSolve,
      boolean levelled) {
    this.problem = problem;
    this.goal = goal;
    this.periods = problem.periods();
    this.presolve = Presolve.of(problem);
    this.movable = presolve.movable();
    this.scale = presolve.scale();
    int f = movable.length;
    int n = problem.assetCount();
    int ny = f * periods + (goal == Goal.PLAN ? 0 : 1);
    levels = levelled ? OrderBookLevels.of(problem, movable, scale, ny)
        : OrderBookLevels.none(f, periods);
    variableCount = ny + levels.count();
    pinned = new boolean[variableCount];
    start = new double[variableCount];
    objectivePaths = new AssetPath[n];
    coveragePaths = new AssetPath[n];
    boolean[] byLevels = new boolean[n];
    for (int a = 0; a < f; a++) {
      byLevels[movable[a]] = levels.levelled(a);
    }
    for (int i = 0; i < n; i++) {
      objectivePaths[i] = AssetPath.objective(problem, i, byLevels[i]);
      coveragePaths[i] = AssetPath.coverage(problem, i, byLevels[i]);
    }
    transients = new TransientImpact[f];
    boolean any = false;
    for (int a = 0; a < f; a++) {
      if (problem.temporaryImpact(movable[a]) instanceof TransientImpact decaying) {
        transients[a] = decaying;
        any = true;
      }
    }
    anyTransient = any;
    linear = linearConstraints();
    linearRows = new LinearRows(linear, f, levels.first());
    int[] rowPeriods = CoverageRows.problemPeriods(problem);
    double[] fixedCoverage = new double[rowPeriods.length];
    for (int c = 0; c < rowPeriods.length; c++) {
      for (int i = 0; i < n; i++) {
        double[] fixed = presolve.fixedPath()[i];
        if (fixed != null) {
          fixedCoverage[c] += coveragePaths[i].accumulate(fixed, rowPeriods[c], 1.0, null, null,
              null);
          if (problem.temporaryImpact(i) instanceof TransientImpact decaying) {
            fixedCoverage[c] -= decaying.carriedCost(
                tradesOf(problem.held(i), fixed), rowPeriods[c], problem.conditions(i));
          }
        }
      }
    }
    coverage = CoverageRows.of(problem, goal, fixedCoverage);
    risk = RiskForm.of(problem, goal, movable, scale, 1.0, factorSolve);
    objectiveScale = goal == Goal.PLAN ? objectiveScale(problem) : 1.0;
    if (objectiveScale != 1.0) {
      risk = RiskForm.of(problem, goal, movable, scale, objectiveScale, factorSolve);
    }
  }

  /**
   * s = max(1, |grad f / M|_inf / {@value #GRADIENT_TARGET}) at the start, the gradient in y with
   * every order book at its exact cost (not by levels), so that the formulations with and
   * without level variables have the same s and their multipliers the same units. Computed
   * before s is set, with the risk weights undivided.
   */
  private double objectiveScale(ResolvedProblem problem) {
    double[] gradient = new double[variableCount];
    double[] gradR = new double[periods];
    double[] r = new double[periods];
    for (int a = 0; a < movable.length; a++) {
      int i = movable[a];
      remaining(a, start, r);
      Arrays.fill(gradR, 0.0);
      AssetPath.objective(problem, i, false).accumulate(r, periods - 1, 1.0, gradR, null, null);
      if (transients[a] != null) {
        carried(a, r, periods - 1, problem.costWeight(), gradR);
      }
      for (int k = 0; k < periods; k++) {
        gradient[index(a, k)] += gradR[k] * problem.held(i) / scale;
      }
    }
    riskTerms(start, gradient);
    double largest = 0.0;
    for (int j = 0; j < trajectoryCount(); j++) {
      largest = Math.max(largest, Math.abs(gradient[j]));
    }
    // A gradient that overflows leaves s at its largest finite value; the run then says why.
    return Double.isFinite(largest) ? Math.max(1.0, largest / GRADIENT_TARGET) : Double.MAX_VALUE;
  }

  /**
   * The multipliers of every coverage constraint of the problem in its own units (objective per
   * unit of excess), deadline first, from the method's multipliers of the rows kept: z s, since
   * the rows are G = g / M and the objective F = f / (M s).
   */
  double[] problemDuals(double[] keptDuals) {
    double[] duals = coverage.problemDuals(keptDuals);
    for (int c = 0; c < duals.length; c++) {
      duals[c] *= objectiveScale;
    }
    return duals;
  }

  /**
   * The linear constraints, per movable asset: the floor and cap of each trade (for an asset on
   * level variables the floor is implied by the levels' floors, and the cap only where the
   * participation limit is below the book's depth), the retain limits, and each level's floor and
   * cap. Also pins a terminal position held to one value and sets the strictly interior start.
   */
  private LinearConstraint[] linearConstraints() {
    List<LinearConstraint> rows = new ArrayList<>();
    for (int a = 0; a < movable.length; a++) {
      int i = movable[a];
      double held = problem.held(i);
      double cap = problem.periodCap(i) / held;
      boolean capBinds = problem.periodCap(i) < problem.sellableUnits(i);
      boolean byLevels = levels.levelled(a);
      if (byLevels) {
        double depth = ((OrderBookTemporaryImpact) problem.temporaryImpact(i)).depth();
        capBinds &= problem.periodCap(i) < depth;
      }
      boolean terminalPinned = problem.retainMax(i) - problem.retainMin(i) <= 1e-12 * held;
      for (int k = 0; k < periods; k++) {
        int before = k == 0 ? -1 : index(a, k - 1);
        if (!byLevels) {
          rows.add(LinearConstraint.trade(
              LinearConstraint.Kind.TRADE_FLOOR, i, k, before, index(a, k), cap));
        }
        if (capBinds) {
          rows.add(LinearConstraint.trade(
              LinearConstraint.Kind.TRADE_CAP, i, k, before, index(a, k), cap));
        }
      }
      int last = index(a, periods - 1);
      if (terminalPinned) {
        pinned[last] = true;
      } else {
        rows.add(LinearConstraint.single(LinearConstraint.Kind.RETAIN_MIN, i, periods - 1, last,
            problem.retainMin(i) / held, true));
        if (problem.retainMax(i) < held) {
          rows.add(LinearConstraint.single(LinearConstraint.Kind.RETAIN_MAX, i, periods - 1,
              last, problem.retainMax(i) / held, false));
        }
      }
      // A strictly interior start: the midpoint of what may be sold, evenly over the periods,
      // each book trade split over its levels in proportion to their sizes.
      double least = problem.forcedUnits(i);
      double most = Math.min(problem.sellableUnits(i), periods * problem.periodCap(i));
      double total = terminalPinned ? problem.sellableUnits(i) : 0.5 * (least + most);
      for (int k = 0; k < periods; k++) {
        start[index(a, k)] = 1.0 - total * (k + 1) / (periods * held);
        int g = levels.groupOf(a, k);
        if (g >= 0) {
          OrderBookLevels.Group group = levels.group(g);
          double depth = Arrays.stream(group.sizes()).sum();
          for (int l = 0; l < group.indices().length; l++) {
            int u = group.indices()[l];
            start[u] = total / (periods * held) * group.sizes()[l] / depth;
            rows.add(LinearConstraint.single(LinearConstraint.Kind.LEVEL_FLOOR, i, k, u, 0.0,
                true));
            rows.add(LinearConstraint.single(LinearConstraint.Kind.LEVEL_CAP, i, k, u,
                group.sizes()[l], false));
          }
        }
      }
    }
    return rows.toArray(new LinearConstraint[0]);
  }

  /**
   * A start strictly inside the linear constraints (the midpoint of what each asset may sell,
   * evenly over the periods, each book trade split over its levels in proportion to their sizes),
   * which may break the coverage constraints: the method's slacks absorb that until it closes.
   * For a S_max or headroom goal the level t is set below what that point covers, so that the
   * start is inside every constraint.
   */
  double[] startingPoint() {
    double[] point = start.clone();
    if (goal != Goal.PLAN) {
      Point at = evaluate(point, null);
      double level = Double.POSITIVE_INFINITY;
      for (int c = 0; c < coverageCount(); c++) {
        if (coverage.slope(c) > 0) {
          level = Math.min(level, at.coverage[c] / coverage.slope(c));
        }
      }
      point[levelIndex()] = Double.isInfinite(level) ? 0.0 : level - 1.0;
    }
    return point;
  }

  /** The number of movable assets, the size of a period block. */
  int blockSize() {
    return movable.length;
  }

  /** The problem index of movable asset a. */
  int asset(int a) {
    return movable[a];
  }

  /** The number of y variables, f N. */
  int trajectoryCount() {
    return movable.length * periods;
  }

  /** The index of y for movable asset {@code a} after period {@code k}. */
  int index(int a, int k) {
    return k * movable.length + a;
  }

  /** The index of t, in the S_max and headroom goals. */
  int levelIndex() {
    return movable.length * periods;
  }

  /** The order books' level variables. */
  OrderBookLevels levels() {
    return levels;
  }

  /** Whether some movable asset has transient impact, whose Hessian couples all its periods. */
  boolean anyTransient() {
    return anyTransient;
  }

  /** Movable asset a's transient impact, or null when its book refills between periods. */
  TransientImpact transientImpact(int a) {
    return transients[a];
  }

  /** The conditions of movable asset a. */
  TradingConditions conditions(int a) {
    return problem.conditions(movable[a]);
  }

  /** n_k = r_k-1 - r_k (r_-1 = Q): the trades of a path of remaining units. */
  static double[] tradesOf(double held, double[] remaining) {
    double[] units = new double[remaining.length];
    for (int k = 0; k < remaining.length; k++) {
      units[k] = (k == 0 ? held : remaining[k - 1]) - remaining[k];
    }
    return units;
  }

  /**
   * weight times the cost the displacement adds to movable asset a's trades through period k,
   * sum_j n_j D_j (the model's own formula), adding weight times its gradient in r to
   * {@code gradR}: n_j = r_j-1 - r_j, so d/dr_j = g_j+1 - g_j with g the gradient in n.
   */
  private double carried(int a, double[] r, int k, double weight, double[] gradR) {
    TransientImpact decaying = transients[a];
    TradingConditions conditions = problem.conditions(movable[a]);
    double[] units = tradesOf(problem.held(movable[a]), r);
    double[] g = decaying.carriedGradient(units, k, conditions);
    for (int j = 0; j <= k; j++) {
      gradR[j] -= weight * g[j];
      if (j > 0) {
        gradR[j - 1] += weight * g[j];
      }
    }
    return weight * decaying.carriedCost(units, k, conditions);
  }

  /** The risk terms. */
  RiskForm risk() {
    return risk;
  }

  /** The coverage rows. */
  CoverageRows coverageRows() {
    return coverage;
  }

  /** The number of coverage constraints kept. */
  int coverageCount() {
    return coverage.count();
  }

  /** Whether the period blocks of the Hessian are diagonal (no risk couples the assets). */
  boolean diagonalBlocks() {
    return !risk.coupled();
  }

  /** Whether the Newton system takes a factor model's risk as a low-rank term. */
  boolean lowRankRisk() {
    return risk.lowRank();
  }

  /** Sigma-hat_ij = d_i Q_i Sigma_ij d_j Q_j between movable assets a and b, divided by M. */
  double scaledCovariance(int a, int b) {
    int i = movable[a];
    int j = movable[b];
    return problem.direction(i) * problem.held(i) * problem.covariance(i, j)
        * problem.direction(j) * problem.held(j) / scale;
  }

  /**
   * The multipliers of the linear constraints in the problem's own units, from the scaled duals
   * z of the method (z M s / Q_i): of n_ik &gt;= 0, of n_ik &lt;= cap_i, and of the retain limits.
   * The level variables' bounds have no counterpart in the problem and are left out.
   */
  LinearMultipliers linearMultipliers(double[] linearDuals) {
    int n = problem.assetCount();
    LinearMultipliers multipliers =
        new LinearMultipliers(new double[n][periods], new double[n][periods], new double[n],
            new double[n]);
    for (int j = 0; j < linear.length; j++) {
      LinearConstraint row = linear[j];
      int i = row.asset();
      double value = linearDuals[j] * scale * objectiveScale / problem.held(i);
      switch (row.kind()) {
        case TRADE_FLOOR -> multipliers.lower()[i][row.period()] += value;
        case TRADE_CAP -> multipliers.upper()[i][row.period()] += value;
        case RETAIN_MIN -> multipliers.retainMin()[i] += value;
        case RETAIN_MAX -> multipliers.retainMax()[i] += value;
        case LEVEL_FLOOR, LEVEL_CAP -> { }
        default -> throw new IllegalStateException("kind: " + row.kind());
      }
    }
    return multipliers;
  }

  /**
   * Multipliers of the linear constraints, by asset and period, in objective units per unit.
   *
   * @param lower of n_ik &gt;= 0
   * @param upper of n_ik &lt;= cap_i
   * @param retainMin of r_iN &gt;= retainMin_i
   * @param retainMax of r_iN &lt;= retainMax_i
   */
  record LinearMultipliers(
      double[][] lower, double[][] upper, double[] retainMin, double[] retainMax) {}

  /** The remaining units r of movable asset {@code a} at v. */
  double[] remaining(int a, double[] v) {
    double[] r = new double[periods];
    remaining(a, v, r);
    return r;
  }

  /** The remaining units r of movable asset {@code a} at v, into {@code r}. */
  private void remaining(int a, double[] v, double[] r) {
    double held = problem.held(movable[a]);
    for (int k = 0; k < periods; k++) {
      r[k] = held * v[index(a, k)];
    }
  }

  /**
   * The residual of group g's equality, y_k-1 - y_k - sum_l u_l (zero when the levels add up to
   * the trade).
   */
  double groupResidual(int g, double[] v) {
    OrderBookLevels.Group group = levels.group(g);
    int k = group.period();
    double value = (k == 0 ? 1.0 : v[index(group.slot(), k - 1)]) - v[index(group.slot(), k)];
    for (int u : group.indices()) {
      value -= v[u];
    }
    return value;
  }

  /**
   * Evaluates everything at v: objective and its gradient, the coverage constraints and their
   * gradients, and the Hessian of the Lagrangian F - sum_c z_c G_c without the risk blocks, per
   * movable asset as the curvature of each y_k term and of each trade y_k-1 - y_k. The level
   * variables enter the objective and the constraints linearly.
   */
  Point evaluate(double[] v, double[] coverageDuals) {
    int f = movable.length;
    int m = coverageCount();
    Point point = new Point(variableCount, m, f, periods);
    double objective = 0.0;
    double[] gradR = new double[periods];
    double[] diagonal = new double[periods];
    double[] difference = new double[periods];
    double[] r = new double[periods];
    for (int a = 0; a < f; a++) {
      int i = movable[a];
      double held = problem.held(i);
      remaining(a, v, r);
      Arrays.fill(diagonal, 0.0);
      Arrays.fill(difference, 0.0);
      TransientImpact decaying = transients[a];
      double[] reach = decaying == null ? null : new double[periods];
      if (goal == Goal.PLAN) {
        Arrays.fill(gradR, 0.0);
        objective += objectivePaths[i].accumulate(
            r, periods - 1, 1.0 / objectiveScale, gradR, diagonal, difference);
        if (decaying != null) {
          double weight = problem.costWeight() / objectiveScale;
          objective += carried(a, r, periods - 1, weight, gradR);
          Arrays.fill(reach, weight);
        }
        for (int k = 0; k < periods; k++) {
          point.objectiveGradient[index(a, k)] += gradR[k] * held / scale;
        }
      }
      for (int c = 0; c < m; c++) {
        Arrays.fill(gradR, 0.0);
        double weight = coverageDuals == null ? 0.0 : -coverageDuals[c];
        // The value and gradient, and the curvature weighted by -z_c, in one pass.
        point.coverage[c] += coveragePaths[i].accumulate(r, coverage.period(c), gradR,
            weight, weight == 0.0 ? null : diagonal, weight == 0.0 ? null : difference) / scale;
        if (decaying != null) {
          point.coverage[c] += carried(a, r, coverage.period(c), -1.0, gradR) / scale;
          for (int k = 0; k <= coverage.period(c); k++) {
            reach[k] -= weight;
          }
        }
        for (int k = 0; k < periods; k++) {
          point.coverageGradient[c][index(a, k)] = gradR[k] * held / scale;
        }
      }
      for (int k = 0; k < periods; k++) {
        point.diagonal[k][a] = diagonal[k] * held * held / scale;
        point.difference[k][a] = difference[k] * held * held / scale;
      }
      if (decaying != null) {
        for (int k = 0; k < periods; k++) {
          reach[k] *= held * held / scale;
        }
        point.transientReach[a] = reach;
      }
    }
    double weight = problem.costWeight();
    for (int g = 0; g < levels.groupCount(); g++) {
      OrderBookLevels.Group group = levels.group(g);
      int[] indices = group.indices();
      for (int l = 0; l < indices.length; l++) {
        double slope = group.slopes()[l];
        double u = v[indices[l]];
        if (goal == Goal.PLAN) {
          objective += weight * slope * u * scale / objectiveScale;
          point.objectiveGradient[indices[l]] += weight * slope / objectiveScale;
        }
        for (int c = 0; c < m; c++) {
          if (group.period() <= coverage.period(c)) {
            point.coverage[c] -= slope * u;
            point.coverageGradient[c][indices[l]] -= slope;
          }
        }
      }
    }
    for (int c = 0; c < m; c++) {
      point.coverage[c] += coverage.constant(c) / scale;
      if (goal != Goal.PLAN) {
        point.coverage[c] -= coverage.slope(c) * v[levelIndex()];
        point.coverageGradient[c][levelIndex()] = -coverage.slope(c);
      }
    }
    if (goal == Goal.PLAN) {
      objective += riskTerms(v, point.objectiveGradient);
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
  private double riskTerms(double[] v, double[] gradient) {
    int n = problem.assetCount();
    double total = 0.0;
    double[] x = new double[n];
    int[] slot = new int[n];
    Arrays.fill(slot, -1);
    for (int a = 0; a < movable.length; a++) {
      slot[movable[a]] = a;
    }
    for (int k = 0; k < periods; k++) {
      double w = risk.weight(k);
      if (w == 0.0) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        double remaining =
            slot[i] >= 0 ? problem.held(i) * v[index(slot[i], k)] : presolve.fixedPath()[i][k];
        x[i] = problem.direction(i) * remaining;
      }
      double[] product = problem.priceCovariance().times(x);
      for (int i = 0; i < n; i++) {
        total += w * x[i] * product[i];
        if (slot[i] >= 0) {
          gradient[index(slot[i], k)] +=
              2 * w * problem.direction(i) * problem.held(i) * product[i] / scale;
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
      double[] fixed = presolve.fixedPath()[i];
      if (fixed != null) {
        for (int k = 0; k < periods; k++) {
          double before = k == 0 ? problem.held(i) : fixed[k - 1];
          units[i][k] = before - fixed[k];
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
   * Everything the method needs at one point; the Hessian's parts per period then movable asset,
   * {@code diagonal[k][a]} and {@code difference[k][a]}, in the Newton system's order.
   */
  static final class Point {
    double objective;
    final double[] objectiveGradient;
    final double[] coverage;
    final double[][] coverageGradient;
    final double[][] diagonal;
    final double[][] difference;

    /**
     * Per movable asset with transient impact (null for the others): omega_k, the weight of the
     * terms whose trades reach period k (w / s for the objective, z_c for each coverage row at or
     * after k), times Q^2 / M, so that the Hessian of the displacement's cost in that asset's
     * trades is kappa a^|j-l| omega_max(j,l) for j != l, and zero on the diagonal.
     */
    final double[][] transientReach;

    Point(int variables, int constraints, int assets, int periods) {
      transientReach = new double[assets][];
      objectiveGradient = new double[variables];
      coverage = new double[constraints];
      coverageGradient = new double[constraints][variables];
      diagonal = new double[periods][assets];
      difference = new double[periods][assets];
    }
  }
}
