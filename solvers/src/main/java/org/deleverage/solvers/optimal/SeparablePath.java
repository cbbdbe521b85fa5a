package org.deleverage.solvers.optimal;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.LinearTemporaryImpact;

/**
 * The exact plan of a problem whose assets nothing couples, by a search over the one coverage
 * multiplier instead of the interior-point method: per multiplier tried, one small strictly convex
 * program per asset ({@link ChainProgram}, O(N) work a step) and no linear system across assets.
 *
 * <p>When it applies. Any number of periods N and a deadline kd &lt;= N, but no schedule step (a
 * step is a second coverage row, and the rows' multipliers would need a search in several
 * dimensions: those problems stay on the general method); linear temporary impact on every asset
 * that can move; no risk that couples assets (independent returns or a diagonal covariance, or no
 * risk aversion at all, lambda = lambda_res = 0, whatever the correlation); and, per asset, an
 * objective that is strictly convex and a deadline excess that is strictly concave in the trades
 * up to the deadline, or linear (both checked below). Otherwise {@link #of} returns empty and the
 * general method runs.
 *
 * <p>Derivation. Write u_k = n_0 + ... + n_k for the units of movable asset i sold by period k
 * (0-based, u_-1 = 0), so r_k = Q_i - u_k and n_k = u_k - u_k-1. With linear impact every term of
 * MODEL.md section 4 is a polynomial of degree two in u ({@link AssetPath}: the loss through
 * period k is a quadratic in u_k plus a sum of squares of the trades up to k), so asset i's part
 * of the objective and of the excess at the deadline are exactly
 *
 * <pre>
 *   O_i(u) = O0 + oa u_N-1 + od u_N-1^2 / 2 + oc/2 sum_{j&lt;N} n_j^2 + sum_k w_k Sigma_ii (Q_i - u_k)^2
 *   C_i(u) = C0 + ca u_kd  + cd u_kd^2 / 2  + cc/2 sum_{j&lt;=kd} n_j^2
 * </pre>
 *
 * with the coefficients the slope and curvature of the asset's paths at u = 0 (oc = w (2 eta /
 * tau - gamma), od = -w gamma, cc = gamma - 2 eta / tau, and so on), and w_k = lambda tau, plus
 * lambda_res in the last period. Risk enters only through Sigma_ii: the covariance is diagonal,
 * or its weight is zero. The trades after the deadline do not enter C_i. The limits are per
 * asset: 0 &lt;= n_k &lt;= cap_i (rho_i V_i tau) and lo_i &lt;= u_N-1 &lt;= hi_i (the units the
 * retain limits force, and those they allow). The problem is
 *
 * <pre>
 *   minimise sum_i O_i(u_i)  subject to  g(u) = X_0 - b + K + sum_i C_i(u_i) &gt;= 0,  u_i in P_i
 * </pre>
 *
 * (K the excess of the assets that cannot move, b the buffer). Its Lagrangian L(u, mu) = sum_i
 * [O_i(u_i) - mu C_i(u_i)] - mu (X_0 - b + K) separates by asset, and asset i's part is a
 * quadratic of the chain form of {@link ChainProgram}: linear coefficients a_k = -2 w_k Sigma_ii
 * Q_i (plus oa at N-1, less mu ca at kd), diagonal curvatures d_k = 2 w_k Sigma_ii (plus od at
 * N-1, less mu cd at kd), trade curvatures c_j = oc - mu cc (oc after kd). Its Hessian is
 * H_O - mu H_C with H_O positive definite and H_C negative semidefinite (both checked per asset
 * by the pivots of their elimination), so for every mu &gt;= 0 it is positive definite: u_i(mu),
 * the minimiser over P_i, is unique and continuous in mu, and g(u(mu)) is continuous and
 * non-decreasing in mu (it is the derivative of the concave dual function). The Karush-Kuhn-Tucker
 * conditions then say: if g(u(0)) &gt;= 0 the requirement is slack and mu = 0; otherwise the
 * optimum is u(mu*) at the root mu* of g(u(mu)) = 0, found by Newton's method with the exact
 * slope of g, safeguarded by a bracket ({@link #root}), and taken on the side where g &gt;= 0, so
 * that the plan covers. Each asset's program is solved exactly (an
 * active-set method that ends when its own optimality conditions hold to working precision),
 * warm-started from its solution at the multiplier tried before.
 *
 * <p>The largest coverable shortfall is a separable maximum too: S_max = K - b + sum_i max over
 * P_i of C_i. C_i depends on the trades up to kd only, which may sell u_kd in [max(0, lo_i - (N -
 * 1 - kd) cap_i), hi_i] (the later trades can then meet the retain limits), so each maximum is a
 * chain program of kd + 1 periods with the Hessian -H_C, positive definite there (or C_i is linear
 * in u_kd and the maximum is at an end); the widest plan then sells the rest of lo_i as early as
 * the cap allows. A shortfall above S_max has no plan.
 *
 * <p>Nothing here is taken on trust: the caller evaluates the plan and certifies it with mu* as
 * the interior-point plans are ({@link OptimalityCertificate}), and runs the general method when
 * the certificate does not close, when an asset's program does not settle, or when the shortfall
 * is within {@value #EDGE} of the money scale of S_max (where mu* grows without bound and the
 * general method's edge handling applies). Memory O(n N). Immutable.
 */
final class SeparablePath {

  /** The relative distance to S_max, in the money scale, below which the general method runs. */
  static final double EDGE = 1e-9;

  /**
   * The work (movable assets times periods) from which a search splits the assets in two halves,
   * the second on another thread when it may: below it a fork costs more than it saves.
   */
  static final long PARALLEL_WORK = 20_000;

  private final ResolvedProblem problem;
  private final Presolve presolve;
  private final int periods;
  private final int deadline;
  private final double[] weight;
  private final double[] risk;
  private final double[] held;
  private final double[] oa;
  private final double[] od;
  private final double[] oc;
  private final double[] c0;
  private final double[] ca;
  private final double[] cd;
  private final double[] cc;
  private final double[] cap;
  private final double[] lo;
  private final double[] hi;
  private final double fixedCoverage;
  private final double[] widest;
  private final double widestCoverage;
  private final boolean applies;

  private SeparablePath(ResolvedProblem problem, Presolve presolve) {
    this.problem = problem;
    this.presolve = presolve;
    int[] movable = presolve.movable();
    int f = movable.length;
    periods = problem.periods();
    deadline = problem.deadlineIndex();
    weight = new double[periods];
    for (int k = 0; k < periods; k++) {
      weight[k] = problem.riskAversion() * problem.periodLength()
          + (k == periods - 1 ? problem.residualRiskAversion() : 0.0);
    }
    boolean anyRisk = riskWeight(problem) != 0.0;
    risk = new double[f];
    held = new double[f];
    oa = new double[f];
    od = new double[f];
    oc = new double[f];
    c0 = new double[f];
    ca = new double[f];
    cd = new double[f];
    cc = new double[f];
    cap = new double[f];
    lo = new double[f];
    hi = new double[f];
    widest = new double[f * periods];
    double[] remaining = new double[periods];
    double[] gradient = new double[periods];
    double[] diagonal = new double[periods];
    double[] difference = new double[periods];
    double[] linear = new double[periods];
    byte[] state = new byte[periods + 1];
    ChainProgram program = new ChainProgram(periods);
    boolean regular = true;
    double covered = 0.0;
    for (int a = 0; a < f && regular; a++) {
      int i = movable[a];
      held[a] = problem.held(i);
      java.util.Arrays.fill(remaining, held[a]);
      // The paths' slopes and curvatures in r at r = Q (u = 0); in u the slopes change sign.
      clear(gradient, diagonal, difference);
      AssetPath.objective(problem, i, false).accumulate(remaining, periods - 1, 1.0, gradient,
          diagonal, difference);
      regular = chainForm(gradient, diagonal, difference, periods - 1);
      oa[a] = -gradient[periods - 1];
      od[a] = diagonal[periods - 1];
      oc[a] = difference[0];
      clear(gradient, diagonal, difference);
      c0[a] = AssetPath.coverage(problem, i, false).accumulate(remaining, deadline, 1.0,
          gradient, diagonal, difference);
      regular &= chainForm(gradient, diagonal, difference, deadline);
      ca[a] = -gradient[deadline];
      cd[a] = diagonal[deadline];
      cc[a] = difference[0];
      risk[a] = anyRisk ? problem.covariance(i, i) : 0.0;
      cap[a] = problem.periodCap(i);
      lo[a] = problem.forcedUnits(i);
      hi[a] = problem.sellableUnits(i);
      // Strict convexity of O_i, strict concavity (or linearity) of C_i up to the deadline.
      for (int k = 0; k < periods; k++) {
        diagonal[k] = 2 * weight[k] * risk[a] + (k == periods - 1 ? od[a] : 0.0);
        difference[k] = oc[a];
      }
      regular &= ChainProgram.positiveDefinite(periods, diagonal, difference);
      boolean linearCoverage = cc[a] == 0.0 && cd[a] == 0.0;
      int reach = deadline + 1;
      java.util.Arrays.fill(linear, 0, reach, 0.0);
      java.util.Arrays.fill(diagonal, 0, reach, 0.0);
      java.util.Arrays.fill(difference, 0, reach, -cc[a]);
      linear[deadline] = -ca[a];
      diagonal[deadline] = -cd[a];
      regular &= linearCoverage || ChainProgram.positiveDefinite(reach, diagonal, difference);
      if (!regular) {
        break;
      }
      // The widest plan: the most C_i over the trades up to the deadline, then the rest of lo_i.
      int t = a * periods;
      double least = Math.max(0.0, lo[a] - (periods - reach) * cap[a]);
      if (linearCoverage) {
        double target = ca[a] > 0 ? Math.min(hi[a], reach * cap[a]) : least;
        ChainProgram.start(reach, cap[a], target, widest, t, state, 0);
      } else {
        ChainProgram.start(reach, cap[a], least, widest, t, state, 0);
        regular = program.solve(reach, linear, diagonal, difference, cap[a], least, hi[a],
            widest, t, state, 0) >= 0;
      }
      double sold = 0.0;
      for (int k = 0; k < reach; k++) {
        sold += widest[t + k];
      }
      ChainProgram.start(periods - reach, cap[a], lo[a] - sold, widest, t + reach, state, 0);
      covered += coverage(a, widest, t);
    }
    applies = regular;
    double fixed = 0.0;
    for (int i = 0; i < problem.assetCount(); i++) {
      double[] path = presolve.fixedPath()[i];
      if (path != null) {
        fixed += AssetPath.coverage(problem, i, false).accumulate(path, deadline, 1.0, null,
            null, null);
      }
    }
    fixedCoverage = fixed;
    widestCoverage = covered;
  }

  private static void clear(double[] gradient, double[] diagonal, double[] difference) {
    java.util.Arrays.fill(gradient, 0.0);
    java.util.Arrays.fill(diagonal, 0.0);
    java.util.Arrays.fill(difference, 0.0);
  }

  /**
   * Whether a path through period {@code k} has the form of the class comment at u = 0: slope and
   * curvature of its own term at k only, and one trade curvature for the periods up to k.
   */
  private static boolean chainForm(
      double[] gradient, double[] diagonal, double[] difference, int k) {
    for (int j = 0; j < gradient.length; j++) {
      if (j != k && (gradient[j] != 0.0 || diagonal[j] != 0.0)) {
        return false;
      }
      if (difference[j] != (j <= k ? difference[0] : 0.0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The separable path of {@code problem}, or empty when it does not apply (a schedule, an impact
   * other than linear, risk that couples the assets, or an asset whose part of the objective is
   * not strictly convex or whose part of the deadline's excess is neither strictly concave nor
   * linear).
   */
  static Optional<SeparablePath> of(ResolvedProblem problem) {
    if (problem.scheduleSize() != 0) {
      return Optional.empty();
    }
    if (riskWeight(problem) != 0.0 && !problem.priceCovariance().isDiagonal()) {
      return Optional.empty();
    }
    Presolve presolve = Presolve.of(problem);
    for (int i : presolve.movable()) {
      if (!(problem.temporaryImpact(i) instanceof LinearTemporaryImpact)) {
        return Optional.empty();
      }
    }
    SeparablePath path = new SeparablePath(problem, presolve);
    return path.applies ? Optional.of(path) : Optional.empty();
  }

  /** lambda tau + lambda_res: zero exactly when no period has a risk weight. */
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

  /** The trade table of the widest plan: each asset at the trades that free the most. */
  TradeTable widestTable() {
    return table(widest);
  }

  /**
   * What the search gives for {@code shortfallProblem}, which differs from this path's problem at
   * most in its shortfall: a plan with its multiplier, the statement that the shortfall is above
   * S_max, that it is at S_max within {@link #EDGE} (for the general method), or that an asset's
   * program did not settle. With {@code parallel}, a book of {@link #PARALLEL_WORK} or more
   * solves the second half of its assets on the common fork-join pool; the result is the same.
   */
  Outcome solve(ResolvedProblem shortfallProblem, boolean parallel) {
    double scale = Math.max(presolve.scale(), Math.max(1.0, shortfallProblem.shortfall()));
    double constant = shortfallProblem.initialExcess() - shortfallProblem.buffer() + fixedCoverage;
    double margin = constant + widestCoverage;
    if (margin < -EDGE * scale) {
      return new Outcome(Kind.INFEASIBLE, null, OptionalDouble.empty(), 0);
    }
    if (margin <= EDGE * scale) {
      return new Outcome(Kind.EDGE, null, OptionalDouble.empty(), 0);
    }
    Search search = new Search(constant, parallel);
    try {
      double mu = root(search, scale);
      if (Double.isNaN(mu)) {
        return new Outcome(Kind.EDGE, null, OptionalDouble.empty(), search.evaluations);
      }
      if (search.last != mu) {
        search.applyAsDouble(mu);
      }
      return new Outcome(Kind.PLAN, table(search.trades), OptionalDouble.of(mu),
          search.evaluations);
    } catch (Unsettled e) {
      return new Outcome(Kind.UNSETTLED, null, OptionalDouble.empty(), search.evaluations);
    }
  }

  /**
   * The least mu &gt;= 0 with g(u(mu)) &gt;= 0, to working precision, by Newton's method on g
   * with its exact slope (g' = sum_i grad C_i' H_W^-1 grad C_i &gt;= 0 on each asset's working
   * set, {@link Search#slope}), safeguarded by a bracket: a step that leaves the bracket, does
   * not at least halve the last one, or has no slope to go by shrinks the bracket instead
   * (geometrically while its ends are orders of magnitude apart, by half otherwise; the upper end
   * grows by four until g &gt;= 0 there, while none is known). g is continuous and non-decreasing and smooth between the multipliers where a
   * working set changes, so the steps converge quadratically once the sets settle. It stops on
   * the side where g &gt;= 0, when g is below 1e-12 of the money scale or the bracket is as
   * narrow as mu's last bits. NaN when no multiplier below the largest double covers.
   */
  private static double root(Search search, double scale) {
    double low = 0.0;
    double high = Double.POSITIVE_INFINITY;
    double mu = 0.0;
    double value = search.applyAsDouble(mu);
    if (value >= 0) {
      return 0.0;
    }
    double lastStep = Double.POSITIVE_INFINITY;
    for (int step = 0; step < 400; step++) {
      if (value >= 0) {
        high = mu;
        if (value <= 1e-12 * scale) {
          return mu;
        }
      } else {
        low = mu;
      }
      if (Double.isFinite(high) && high - low <= 4 * Math.ulp(high)) {
        return high;
      }
      double slope = search.slope(mu);
      double next = slope > 0 ? mu - value / slope : Double.NaN;
      if (value < 0 && -value <= 1e-12 * scale && slope > 0) {
        // At the root to working precision but short of it: twice the step, to land on the side
        // where the plan covers rather than creep up on it by rounding.
        next = mu - 2 * value / slope + 2 * Math.ulp(mu);
      }
      // Newton's step is taken when it stays in the bracket and at most halves the last step
      // (Numerical Recipes' rtsafe); otherwise the bracket shrinks: geometrically while its ends
      // are orders of magnitude apart (mu* may lie anywhere from 1e-6 to 1e3), else by half.
      if (!(next > low && next < high) || Math.abs(next - mu) > 0.5 * lastStep) {
        if (Double.isInfinite(high)) {
          next = Math.max(1.0, 4 * low);
        } else if (low == 0.0) {
          next = high / 16;
        } else if (high > 16 * low) {
          next = Math.sqrt(low * high);
        } else {
          next = 0.5 * (low + high);
        }
      }
      if (Double.isInfinite(next)) {
        return Double.NaN;
      }
      lastStep = Math.abs(next - mu);
      mu = next;
      value = search.applyAsDouble(mu);
    }
    return Double.isInfinite(high) ? Double.NaN : high;
  }

  /**
   * g(u(mu)), each asset's program solved from where the last multiplier left it: the state of
   * one search (not shared).
   */
  private final class Search implements DoubleUnaryOperator {
    final double constant;
    final double[] trades;
    final byte[] state;
    final boolean parallel;
    final Part[] parts;
    int evaluations;
    double last = Double.NaN;

    Search(double constant, boolean parallel) {
      this.constant = constant;
      this.parallel = parallel;
      int f = held.length;
      trades = new double[f * periods];
      state = new byte[f * (periods + 1)];
      for (int a = 0; a < f; a++) {
        ChainProgram.start(periods, cap[a], lo[a], trades, a * periods, state,
            a * (periods + 1));
      }
      // The split depends on the size only, so that the sums are formed in the same order
      // whether or not the second half runs on another thread: the result is the same.
      int halves = (long) f * periods >= PARALLEL_WORK ? 2 : 1;
      parts = new Part[halves];
      for (int h = 0; h < halves; h++) {
        parts[h] = new Part(h * f / halves, (h + 1) * f / halves);
      }
    }

    @Override
    public double applyAsDouble(double mu) {
      evaluations++;
      last = mu;
      return constant + sum(part -> part.excess(mu));
    }

    /**
     * g'(mu) at the multiplier last evaluated (which must be {@code mu}): sum_i grad C_i . u_i',
     * with u_i' = H_W^-1 grad C_i the minimiser's derivative on asset i's working set (zero for
     * the trades it fixes). One tridiagonal solve per asset, no active-set iterations.
     */
    double slope(double mu) {
      evaluations++;
      return sum(part -> part.slope(mu));
    }

    /**
     * The parts' values added in order, the second half on the common fork-join pool when the
     * search may run in parallel (this thread takes it back if no pool thread has started it).
     */
    private double sum(ToDoubleFunction<Part> value) {
      if (parts.length == 1) {
        return value.applyAsDouble(parts[0]);
      }
      Offloaded<Double> second = new Offloaded<>(() -> value.applyAsDouble(parts[1]), parallel);
      double first;
      try {
        first = value.applyAsDouble(parts[0]);
      } finally {
        // Taken back if no pool thread has started it, so that an exception here leaves no
        // queued work behind.
        second.settle();
      }
      try {
        return first + second.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unsettled();
      }
    }

    /** The assets [from, to) with their own scratch, for one thread at a time. */
    private final class Part {
      final int from;
      final int to;
      final ChainProgram program = new ChainProgram(periods);
      final double[] linear = new double[periods];
      final double[] diagonal = new double[periods];
      final double[] difference = new double[periods];
      final double[] gradient = new double[periods];
      final double[] minusGradient = new double[periods];
      final double[] direction = new double[periods];

      Part(int from, int to) {
        this.from = from;
        this.to = to;
      }

      /** sum of C_a over the part at u(mu), solving each asset's program there. */
      double excess(double mu) {
        double total = 0.0;
        if (periods == 1) {
          // One trade per asset: the program is a parabola on an interval, solved inline.
          for (int a = from; a < to; a++) {
            double risky = 2 * weight[0] * risk[a];
            double n = -(oa[a] - risky * held[a] - mu * ca[a]) / oneTradeCurvature(a, mu);
            n = Math.max(oneTradeLeast(a), Math.min(oneTradeMost(a), n));
            trades[a] = n;
            total += c0[a] + n * (ca[a] + 0.5 * (cd[a] + cc[a]) * n);
          }
          return total;
        }
        for (int a = from; a < to; a++) {
          lagrangian(a, mu, linear, diagonal, difference);
          int t = a * periods;
          if (program.solve(periods, linear, diagonal, difference, cap[a], lo[a], hi[a], trades,
              t, state, a * (periods + 1)) < 0) {
            throw new Unsettled();
          }
          total += coverage(a, trades, t);
        }
        return total;
      }

      /** The part's share of g'(mu). */
      double slope(double mu) {
        double total = 0.0;
        if (periods == 1) {
          for (int a = from; a < to; a++) {
            double n = trades[a];
            boolean free = n > oneTradeLeast(a) && n < oneTradeMost(a);
            double relief = ca[a] + (cd[a] + cc[a]) * n;
            total += free ? relief * relief / oneTradeCurvature(a, mu) : 0.0;
          }
          return total;
        }
        for (int a = from; a < to; a++) {
          lagrangian(a, mu, linear, diagonal, difference);
          int t = a * periods;
          // grad C in u as linear coefficients, negated: C = C0 + ca u_kd + cd u_kd^2 / 2 + cc /
          // 2 sum_{j <= kd} n_j^2, so dC/du_k = [k = kd] (ca + cd u_kd) + cc (n_k - n_k+1) (k <=
          // kd, n_kd+1 left out).
          double sold = 0.0;
          for (int k = 0; k <= deadline; k++) {
            sold += trades[t + k];
          }
          for (int k = 0; k < periods; k++) {
            double g = 0.0;
            if (k <= deadline) {
              double after = k < deadline ? trades[t + k + 1] : 0.0;
              g = cc[a] * (trades[t + k] - after) + (k == deadline ? ca[a] + cd[a] * sold : 0.0);
            }
            gradient[k] = g;
            minusGradient[k] = -g;
          }
          if (!program.tangent(periods, minusGradient, diagonal, difference, state,
              a * (periods + 1), direction)) {
            throw new Unsettled();
          }
          double moved = 0.0;
          for (int k = 0; k < periods; k++) {
            moved += direction[k];
            total += gradient[k] * moved;
          }
        }
        return total;
      }
    }
  }

  /**
   * With one period, the curvature of asset a's part of the Lagrangian in its one trade: the
   * risk's, the objective's and minus mu times the excess's.
   */
  private double oneTradeCurvature(int a, double mu) {
    return 2 * weight[0] * risk[a] + od[a] + oc[a] - mu * (cd[a] + cc[a]);
  }

  /** With one period, the least asset a may sell: what its retain limit forces, at least 0. */
  private double oneTradeLeast(int a) {
    return Math.max(0.0, lo[a]);
  }

  /** With one period, the most asset a may sell: its cap, or what its retain limit allows. */
  private double oneTradeMost(int a) {
    return Math.min(cap[a], hi[a]);
  }

  /** An asset's program did not settle: the search stops and the general method runs. */
  private static final class Unsettled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsettled() {
      super("an asset's program did not settle", null, false, false);
    }
  }

  /** The coefficients of asset a's part of the Lagrangian O_a - mu C_a, in the chain form. */
  private void lagrangian(
      int a, double mu, double[] linear, double[] diagonal, double[] difference) {
    double variance = risk[a];
    for (int k = 0; k < periods; k++) {
      double curvature = 2 * weight[k] * variance;
      linear[k] = -curvature * held[a];
      diagonal[k] = curvature;
      difference[k] = k <= deadline ? oc[a] - mu * cc[a] : oc[a];
    }
    linear[periods - 1] += oa[a];
    diagonal[periods - 1] += od[a];
    linear[deadline] -= mu * ca[a];
    diagonal[deadline] -= mu * cd[a];
  }

  /** What a search gave. */
  enum Kind {
    /** A plan, with its multiplier. */
    PLAN,
    /** The shortfall is above S_max by more than {@link #EDGE} of the money scale. */
    INFEASIBLE,
    /** The shortfall is at S_max within {@link #EDGE} of the money scale. */
    EDGE,
    /** An asset's program did not settle (a pivot lost to rounding, or too many iterations). */
    UNSETTLED
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

  /** C_a: asset a's part of the excess at the deadline, money, for its trades from t on. */
  private double coverage(int a, double[] trades, int t) {
    double sold = 0.0;
    double squares = 0.0;
    for (int k = 0; k <= deadline; k++) {
      double n = trades[t + k];
      sold += n;
      squares += n * n;
    }
    return c0[a] + sold * (ca[a] + 0.5 * cd[a] * sold) + 0.5 * cc[a] * squares;
  }

  /** The trade table with the movable assets' trades (period-minor) and the fixed ones' own. */
  private TradeTable table(double[] trades) {
    int n = problem.assetCount();
    double[][] units = new double[n][periods];
    for (int i = 0; i < n; i++) {
      double[] path = presolve.fixedPath()[i];
      if (path != null) {
        for (int k = 0; k < periods; k++) {
          units[i][k] = (k == 0 ? problem.held(i) : path[k - 1]) - path[k];
        }
      }
    }
    int[] movable = presolve.movable();
    for (int a = 0; a < movable.length; a++) {
      System.arraycopy(trades, a * periods, units[movable[a]], 0, periods);
    }
    return TradeTable.of(units);
  }
}
