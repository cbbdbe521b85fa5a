package org.deleverage.solvers.optimal;

import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.numerics.Univariate;

/**
 * The exact plan of a one-period problem whose assets nothing couples, by a search over the one
 * coverage multiplier instead of the interior-point method: O(n) work per multiplier tried and no
 * linear system at all.
 *
 * <p>When it applies. One period (N = 1), no schedule step, linear temporary impact on every asset
 * that can move, and no risk that couples assets: independent returns or a diagonal covariance,
 * or no risk aversion at all (lambda = lambda_res = 0, whatever the correlation). Otherwise {@link
 * #of} returns empty and the general method runs.
 *
 * <p>Derivation. With one period each movable asset i has one trade n_i in [lo_i, hi_i] (lo_i the
 * units a retain limit forces, hi_i the least of its cap rho_i V_i tau and what it may sell). Its
 * part of the objective of MODEL.md section 4 and its part of the excess at the deadline are, in
 * the notation of {@link AssetPath} with r = Q_i - n,
 *
 * <pre>
 *   O_i(n) = O0 + O1 n + O2 n^2 / 2 + rho_i (Q_i - n)^2
 *   C_i(n) = C0 + C1 n + C2 n^2 / 2
 *   rho_i  = (lambda tau + lambda_res) Sigma_ii
 * </pre>
 *
 * exactly, since with linear impact every term is a polynomial of degree two in n (the
 * coefficients are the value, slope and curvature of the asset's path at n = 0). Risk enters only
 * through Sigma_ii: the covariance is diagonal, or its weight is zero. The problem is
 *
 * <pre>
 *   minimise sum_i O_i(n_i)
 *   subject to g(n) = X_0 - b + K + sum_i C_i(n_i) &gt;= 0,  lo &lt;= n &lt;= hi
 * </pre>
 *
 * (K the excess of the assets that cannot move), with each O_i convex and each C_i concave. Its
 * Lagrangian L(n, mu) = sum_i [O_i(n_i) - mu C_i(n_i)] - mu (X_0 - b + K) separates, and for
 * mu &gt;= 0 asset i's part is a convex quadratic on an interval, least at
 *
 * <pre>
 *   n_i(mu) = clamp( -(O1 - 2 rho_i Q_i - mu C1) / (O2 + 2 rho_i - mu C2), lo_i, hi_i ).
 * </pre>
 *
 * The denominator is positive for every mu &gt;= 0 when O2 + 2 rho_i &gt; 0 (C2 &lt;= 0 by
 * concavity); the path applies only then, so n_i(mu) is unique and continuous, and g(n(mu)) is
 * continuous and non-decreasing in mu (it is the derivative of the concave dual function). The
 * Karush-Kuhn-Tucker conditions then say: if g(n(0)) &gt;= 0 the requirement is slack and mu = 0;
 * otherwise the optimum is n(mu*) at the root mu* of g(n(mu)) = 0, found by Brent's bracketing
 * solver on the side where g &gt;= 0, so that the plan covers. The largest coverable shortfall is
 * a separable maximum too: S_max = K - b + sum_i max over [lo_i, hi_i] of C_i, each at
 * clamp(-C1 / C2) (an end when C2 = 0), and a shortfall above it has no plan.
 *
 * <p>Nothing here is taken on trust: the caller evaluates the plan and certifies it with mu* as
 * the interior-point plans are ({@link OptimalityCertificate}), and runs the general method when
 * the certificate does not close, or when the shortfall is within 1e-9 of the money scale of
 * S_max (where mu* grows without bound and the general method's edge handling applies).
 * Immutable.
 */
final class SeparablePath {

  /** The relative distance to S_max, in the money scale, below which the general method runs. */
  static final double EDGE = 1e-9;

  private final ResolvedProblem problem;
  private final Presolve presolve;
  private final double[] o1;
  private final double[] o2;
  private final double[] c0;
  private final double[] c1;
  private final double[] c2;
  private final double[] lo;
  private final double[] hi;
  private final double fixedCoverage;
  private final double[] widest;
  private final double widestCoverage;

  private SeparablePath(ResolvedProblem problem, Presolve presolve) {
    this.problem = problem;
    this.presolve = presolve;
    int[] movable = presolve.movable();
    int f = movable.length;
    o1 = new double[f];
    o2 = new double[f];
    c0 = new double[f];
    c1 = new double[f];
    c2 = new double[f];
    lo = new double[f];
    hi = new double[f];
    widest = new double[f];
    double weight = riskWeight(problem);
    double[] remaining = new double[1];
    double[] gradient = new double[1];
    double[] diagonal = new double[1];
    double[] difference = new double[1];
    double covered = 0.0;
    for (int a = 0; a < f; a++) {
      int i = movable[a];
      double held = problem.held(i);
      remaining[0] = held;
      // The path's value, slope and curvature in r at r = Q (n = 0); in n the slope changes sign.
      gradient[0] = 0.0;
      diagonal[0] = 0.0;
      difference[0] = 0.0;
      AssetPath.objective(problem, i, false).accumulate(remaining, 0, 1.0, gradient, diagonal,
          difference);
      double risk = weight == 0.0 ? 0.0 : weight * problem.covariance(i, i);
      o1[a] = -gradient[0] - 2 * risk * held;
      o2[a] = diagonal[0] + difference[0] + 2 * risk;
      gradient[0] = 0.0;
      diagonal[0] = 0.0;
      difference[0] = 0.0;
      c0[a] = AssetPath.coverage(problem, i, false).accumulate(remaining, 0, 1.0, gradient,
          diagonal, difference);
      c1[a] = -gradient[0];
      c2[a] = diagonal[0] + difference[0];
      lo[a] = problem.forcedUnits(i);
      hi[a] = Math.min(problem.periodCap(i), problem.sellableUnits(i));
      widest[a] = c2[a] < 0 ? clamp(-c1[a] / c2[a], a) : (c1[a] > 0 ? hi[a] : lo[a]);
      covered += coverage(a, widest[a]);
    }
    double fixed = 0.0;
    for (int i = 0; i < problem.assetCount(); i++) {
      double[] path = presolve.fixedPath()[i];
      if (path != null) {
        fixed += AssetPath.coverage(problem, i, false).accumulate(path, 0, 1.0, null, null, null);
      }
    }
    fixedCoverage = fixed;
    widestCoverage = covered;
  }

  /**
   * The separable path of {@code problem}, or empty when it does not apply (more than one
   * period, a schedule, an impact other than linear, risk that couples the assets, or an asset
   * whose part of the objective is not strictly convex).
   */
  static java.util.Optional<SeparablePath> of(ResolvedProblem problem) {
    if (problem.periods() != 1 || problem.scheduleSize() != 0) {
      return java.util.Optional.empty();
    }
    if (riskWeight(problem) != 0.0 && !problem.priceCovariance().isDiagonal()) {
      return java.util.Optional.empty();
    }
    Presolve presolve = Presolve.of(problem);
    for (int i : presolve.movable()) {
      if (!(problem.temporaryImpact(i) instanceof LinearTemporaryImpact)) {
        return java.util.Optional.empty();
      }
    }
    SeparablePath path = new SeparablePath(problem, presolve);
    for (int a = 0; a < path.o2.length; a++) {
      if (!(path.o2[a] > 0) || path.c2[a] > 0) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(path);
  }

  /** lambda tau + lambda_res, the risk weight of the one period. */
  private static double riskWeight(ResolvedProblem problem) {
    return problem.riskAversion() * problem.periodLength() + problem.residualRiskAversion();
  }

  /**
   * The largest coverable shortfall S_max = K - b + sum_i max C_i, money. It is the same for
   * every problem that differs from this one only in its shortfall.
   */
  double maxCoverable() {
    return fixedCoverage - problem.buffer() + widestCoverage;
  }

  /** The trade table of the widest plan: each asset at the trade that frees the most. */
  TradeTable widestTable() {
    return table(widest);
  }

  /**
   * What the search gives for {@code shortfallProblem}, which differs from this path's problem at
   * most in its shortfall: a plan with its multiplier, the statement that the shortfall is above
   * S_max, or that it is at S_max within {@link #EDGE} (for the general method).
   */
  Outcome solve(ResolvedProblem shortfallProblem) {
    double scale = Math.max(presolve.scale(), Math.max(1.0, shortfallProblem.shortfall()));
    double constant = shortfallProblem.initialExcess() - shortfallProblem.buffer() + fixedCoverage;
    double margin = constant + widestCoverage;
    if (margin < -EDGE * scale) {
      return new Outcome(Kind.INFEASIBLE, null, OptionalDouble.empty(), 0);
    }
    if (margin <= EDGE * scale) {
      return new Outcome(Kind.EDGE, null, OptionalDouble.empty(), 0);
    }
    int[] evaluations = {0};
    DoubleUnaryOperator excess = mu -> {
      evaluations[0]++;
      double total = constant;
      for (int a = 0; a < o1.length; a++) {
        total += coverage(a, trade(a, mu));
      }
      return total;
    };
    double mu = 0.0;
    if (excess.applyAsDouble(0.0) < 0) {
      // Bracket the root: g is non-decreasing in mu and tends to the margin above 0.
      double high = 1.0;
      while (excess.applyAsDouble(high) < 0) {
        high *= 4;
        if (Double.isInfinite(high)) {
          return new Outcome(Kind.EDGE, null, OptionalDouble.empty(), evaluations[0]);
        }
      }
      mu = Univariate.firstNonNegative(excess, 0.0, high);
    }
    double[] trades = new double[o1.length];
    for (int a = 0; a < trades.length; a++) {
      trades[a] = trade(a, mu);
    }
    return new Outcome(Kind.PLAN, table(trades), OptionalDouble.of(mu), evaluations[0]);
  }

  /** What a search gave. */
  enum Kind {
    /** A plan, with its multiplier. */
    PLAN,
    /** The shortfall is above S_max by more than {@link #EDGE} of the money scale. */
    INFEASIBLE,
    /** The shortfall is at S_max within {@link #EDGE} of the money scale. */
    EDGE
  }

  /**
   * A search's result.
   *
   * @param kind what it gave
   * @param table the plan, for {@link Kind#PLAN}
   * @param multiplier mu*, the requirement's multiplier, for {@link Kind#PLAN}
   * @param evaluations how many multipliers were tried
   */
  record Outcome(Kind kind, TradeTable table, OptionalDouble multiplier, int evaluations) {}

  /** n_a(mu), the least of asset a's part of the Lagrangian on its interval. */
  private double trade(int a, double mu) {
    return clamp(-(o1[a] - mu * c1[a]) / (o2[a] - mu * c2[a]), a);
  }

  /** C_a(n): asset a's part of the excess after selling n, money. */
  private double coverage(int a, double n) {
    return c0[a] + n * (c1[a] + 0.5 * c2[a] * n);
  }

  private double clamp(double n, int a) {
    return Math.max(lo[a], Math.min(hi[a], n));
  }

  /** The trade table with trades[a] for the movable assets and the fixed ones' own. */
  private TradeTable table(double[] trades) {
    int n = problem.assetCount();
    double[][] units = new double[n][1];
    for (int i = 0; i < n; i++) {
      double[] path = presolve.fixedPath()[i];
      if (path != null) {
        units[i][0] = problem.held(i) - path[0];
      }
    }
    int[] movable = presolve.movable();
    for (int a = 0; a < movable.length; a++) {
      units[movable[a]][0] = trades[a];
    }
    return TradeTable.of(units);
  }
}
