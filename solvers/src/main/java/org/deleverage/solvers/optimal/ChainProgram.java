package org.deleverage.solvers.optimal;

/**
 * The least of one asset's convex quadratic over its trade limits, exactly, by a primal
 * active-set method whose equality-constrained steps are tridiagonal solves: the inner problem of
 * the {@link SeparablePath}.
 *
 * <p>Program. In the units sold so far u_k = n_0 + ... + n_k (u_-1 = 0, periods 0..P-1),
 *
 * <pre>
 *   minimise  q(u) = sum_k (a_k u_k + d_k u_k^2 / 2) + sum_j c_j n_j^2 / 2,      n_j = u_j - u_j-1
 *   subject to 0 &lt;= n_j &lt;= cap  (each period),   low &lt;= u_P-1 &lt;= high  (the retain limits)
 * </pre>
 *
 * with a Hessian that is positive definite (checked by {@link #positiveDefinite}, and again by
 * every pivot). In the trades the gradient is s_j = dq/dn_j = c_j n_j + sum_{k &gt;= j} (a_k + d_k
 * u_k), and the Karush-Kuhn-Tucker conditions read s_j + nu = lambda_j - kappa_j, with lambda_j
 * &gt;= 0 the multiplier of n_j &gt;= 0, kappa_j &gt;= 0 that of n_j &lt;= cap (each zero unless its
 * bound holds), and nu the multiplier of the terminal limits (nu &gt;= 0 at high, nu &lt;= 0 at low,
 * zero between them).
 *
 * <p>Equality step. With a working set W of trades fixed at a bound (and perhaps the terminal
 * fixed at a limit), each free trade j_m starts a group of periods j_m .. j_m+1 - 1 whose units
 * are u_k = v_m + o_k, o_k the fixed trades of the group up to k; the periods before the first
 * free trade are fixed outright. In the group values v_1..v_F the program is a chain: group m
 * collects D_m = sum d_k and A_m = sum (a_k + d_k o_k), and free trade j_m adds c_{j_m} (v_m -
 * v_m-1 - o'_m-1)^2 / 2, o'_m-1 the offset of group m-1's last period (v_0 = 0). Its stationarity
 * conditions are a tridiagonal system, eliminated with the pivots p_m = e_m + c_{j_m+1} where
 *
 * <pre>
 *   e_1 = D_1 + c_{j_1},     e_m = D_m + c_{j_m} e_m-1 / p_m-1
 * </pre>
 *
 * (two springs in series: the pivots are formed without subtracting c_{j_m} from itself). A
 * terminal limit in W fixes v_F = limit - o_P-1 instead.
 *
 * <p>Iteration (Nocedal and Wright, Numerical Optimization, algorithm 16.3). From a feasible point
 * and its working set: solve the equality step; if its point is infeasible, move to the first
 * limit on the way and add it to W; if feasible, take it, and drop from W the constraint whose
 * multiplier is most negative (below 1e-12 of the gradient's size), or stop when none is. The
 * program is strictly convex, so the point found is its one minimiser; the caller warm-starts
 * each solve from the last one's point and working set, which is where the next lies when the
 * coefficients change a little. A solve that does not settle within {@link #maxIterations}
 * reports failure. Not thread-safe: one instance per thread (it holds the scratch arrays).
 */
final class ChainProgram {

  /** A trade not in the working set. */
  static final byte FREE = 0;

  /** A trade held at zero. */
  static final byte AT_ZERO = 1;

  /** A trade held at its cap. */
  static final byte AT_CAP = 2;

  /** The terminal units sold between its limits (not in the working set). */
  static final byte OPEN = 0;

  /** The terminal units sold held at the lower limit. */
  static final byte AT_LOW = 1;

  /** The terminal units sold held at the upper limit. */
  static final byte AT_HIGH = 2;

  /** The relative size of a multiplier below zero that drops its constraint. */
  private static final double DROP = 1e-12;

  private final double[] trial;
  private final double[] units;
  private final double[] gradient;
  private final int[] freeTrade;
  private final double[] before;
  private final double[] curvature;
  private final double[] slope;
  private final double[] pivot;
  private final double[] rhs;
  private final double[] value;
  private final int[] group;
  private final double[] offset;

  /** Scratch for programs of up to {@code periods} periods. */
  ChainProgram(int periods) {
    trial = new double[periods];
    units = new double[periods];
    gradient = new double[periods];
    freeTrade = new int[periods + 2];
    before = new double[periods + 2];
    curvature = new double[periods + 2];
    slope = new double[periods + 2];
    pivot = new double[periods + 2];
    rhs = new double[periods + 2];
    value = new double[periods + 2];
    group = new int[periods];
    offset = new double[periods];
  }

  /** The most active-set iterations a solve of {@code periods} periods may take. */
  static int maxIterations(int periods) {
    return 10 * (periods + 2);
  }

  /**
   * Whether the Hessian with diagonal curvatures {@code d} and trade curvatures {@code c} (c_0
   * ties u_0 to the fixed u_-1) of {@code periods} periods is positive definite: every pivot of
   * its elimination is positive.
   */
  static boolean positiveDefinite(int periods, double[] d, double[] c) {
    double e = d[0] + c[0];
    for (int k = 1; k < periods; k++) {
      double p = e + c[k];
      if (!(p > 0)) {
        return false;
      }
      e = d[k] + c[k] * e / p;
    }
    return e > 0;
  }

  /**
   * A feasible start for a program of {@code periods} periods: the fewest units ({@code low}) sold
   * as early as the cap allows, with its working set, into {@code trades[t..t+P)} and {@code
   * state[s..s+P]} (the trades' codes, then the terminal's).
   */
  static void start(
      int periods, double cap, double low, double[] trades, int t, byte[] state, int s) {
    double left = Math.max(0.0, low);
    boolean anyFree = false;
    for (int k = 0; k < periods; k++) {
      double n = Math.min(cap, left);
      left -= n;
      trades[t + k] = n;
      byte code = n <= 0 ? AT_ZERO : n >= cap ? AT_CAP : FREE;
      state[s + k] = code;
      anyFree |= code == FREE;
    }
    // With every trade at a bound the terminal's limit would repeat them: left out of W.
    state[s + periods] = anyFree && low > 0 ? AT_LOW : OPEN;
  }

  /**
   * Minimises the program from the feasible point {@code trades[t..t+P)} and its working set
   * {@code state[s..s+P]}, leaving the minimiser and its working set there.
   *
   * @param a the linear coefficients a_k
   * @param d the diagonal curvatures d_k
   * @param c the trade curvatures c_j
   * @return the iterations taken, or -1 if the program did not settle (a pivot that is not
   *     positive, or more than {@link #maxIterations} iterations)
   */
  int solve(
      int periods, double[] a, double[] d, double[] c, double cap, double low, double high,
      double[] trades, int t, byte[] state, int s) {
    if (periods == 1) {
      double curve = d[0] + c[0];
      if (!(curve > 0)) {
        return -1;
      }
      double least = Math.max(0.0, low);
      double most = Math.min(cap, high);
      trades[t] = Math.max(least, Math.min(most, -a[0] / curve));
      return 1;
    }
    int limit = maxIterations(periods);
    for (int iteration = 1; iteration <= limit; iteration++) {
      int groups = equalityStep(periods, a, d, c, cap, low, high, state, s);
      if (groups < 0) {
        return -1;
      }
      // The ratio test: the first limit met on the way to the equality step's point.
      double step = 1.0;
      int block = -1;
      byte blockCode = FREE;
      double sold = 0.0;
      double soldTrial = 0.0;
      for (int k = 0; k < periods; k++) {
        double n = trades[t + k];
        sold += n;
        soldTrial += trial[k];
        if (state[s + k] != FREE) {
          continue;
        }
        double move = trial[k] - n;
        if (trial[k] < 0 && move < 0) {
          double ratio = Math.max(0.0, n / -move);
          if (ratio < step) {
            step = ratio;
            block = k;
            blockCode = AT_ZERO;
          }
        } else if (trial[k] > cap && move > 0) {
          double ratio = Math.max(0.0, (cap - n) / move);
          if (ratio < step) {
            step = ratio;
            block = k;
            blockCode = AT_CAP;
          }
        }
      }
      if (state[s + periods] == OPEN) {
        double move = soldTrial - sold;
        if (soldTrial > high && move > 0) {
          double ratio = Math.max(0.0, (high - sold) / move);
          if (ratio < step) {
            step = ratio;
            block = periods;
            blockCode = AT_HIGH;
          }
        } else if (soldTrial < low && move < 0) {
          double ratio = Math.max(0.0, (low - sold) / move);
          if (ratio < step) {
            step = ratio;
            block = periods;
            blockCode = AT_LOW;
          }
        }
      }
      if (block >= 0) {
        for (int k = 0; k < periods; k++) {
          if (state[s + k] == FREE) {
            trades[t + k] += step * (trial[k] - trades[t + k]);
          }
        }
        state[s + block] = blockCode;
        if (block < periods) {
          trades[t + block] = blockCode == AT_CAP ? cap : 0.0;
        }
        continue;
      }
      System.arraycopy(trial, 0, trades, t, periods);
      int drop = worstMultiplier(periods, a, d, c, low, high, trades, t, state, s, groups);
      if (drop < 0) {
        return iteration;
      }
      state[s + drop] = drop < periods ? FREE : OPEN;
    }
    return -1;
  }

  /**
   * The derivative of the minimiser along a change of the program that keeps its working set:
   * the solution n' (trades) of H_W u' = -g, with H_W the Hessian on the free groups of the
   * working set {@code state[s..s+P]} and {@code g} given as linear coefficients in u (the
   * trades and terminal the set fixes do not move: zero offsets, a pinned terminal at zero),
   * into {@code trades[0..P)}. Returns false if a pivot is not positive.
   */
  boolean tangent(
      int periods, double[] g, double[] d, double[] c, byte[] state, int s, double[] trades) {
    if (equalityStep(periods, g, d, c, 0.0, 0.0, 0.0, state, s) < 0) {
      return false;
    }
    System.arraycopy(trial, 0, trades, 0, periods);
    return true;
  }

  /**
   * The equality step's point into {@code trial}: the least of q with the working set's
   * constraints as equalities. Returns the number of free trades, or -1 if a pivot is not
   * positive.
   */
  private int equalityStep(
      int periods, double[] a, double[] d, double[] c, double cap, double low, double high,
      byte[] state, int s) {
    int groups = 0;
    double running = 0.0;
    for (int k = 0; k < periods; k++) {
      byte code = state[s + k];
      if (code == FREE) {
        groups++;
        freeTrade[groups] = k;
        before[groups] = running;
        curvature[groups] = 0.0;
        slope[groups] = 0.0;
        running = 0.0;
      } else if (code == AT_CAP) {
        running += cap;
      }
      group[k] = groups;
      offset[k] = running;
      if (groups > 0) {
        curvature[groups] += d[k];
        slope[groups] += a[k] + d[k] * running;
      }
    }
    byte terminal = state[s + periods];
    boolean pinned = terminal != OPEN && groups > 0;
    int unknowns = pinned ? groups - 1 : groups;
    value[0] = 0.0;
    if (pinned) {
      value[groups] = (terminal == AT_HIGH ? high : low) - running;
    }
    double e = 0.0;
    for (int m = 1; m <= unknowns; m++) {
      double tie = c[freeTrade[m]];
      e = curvature[m] + (m == 1 ? tie : tie * e / pivot[m - 1]);
      double next = m < groups ? c[freeTrade[m + 1]] : 0.0;
      pivot[m] = e + next;
      if (!(pivot[m] > 0)) {
        return -1;
      }
      double r = -slope[m] + tie * before[m] - (m < groups ? next * before[m + 1] : 0.0);
      if (pinned && m == groups - 1) {
        r += next * value[groups];
      }
      rhs[m] = r + (m == 1 ? 0.0 : tie * rhs[m - 1] / pivot[m - 1]);
    }
    for (int m = unknowns; m >= 1; m--) {
      double coupled = m < unknowns ? c[freeTrade[m + 1]] * value[m + 1] : 0.0;
      value[m] = (rhs[m] + coupled) / pivot[m];
    }
    for (int k = 0; k < periods; k++) {
      byte code = state[s + k];
      if (code == FREE) {
        int m = group[k];
        trial[k] = value[m] - value[m - 1] - before[m];
      } else {
        trial[k] = code == AT_CAP ? cap : 0.0;
      }
    }
    return groups;
  }

  /**
   * The constraint of the working set whose multiplier at {@code trades} is most negative, below
   * {@value #DROP} of the gradient's size (a trade's period, or {@code periods} for the terminal),
   * or -1 if none is.
   */
  private int worstMultiplier(
      int periods, double[] a, double[] d, double[] c, double low, double high, double[] trades,
      int t, byte[] state, int s, int groups) {
    double sold = 0.0;
    for (int k = 0; k < periods; k++) {
      sold += trades[t + k];
      units[k] = sold;
    }
    double tail = 0.0;
    double size = 0.0;
    for (int k = periods - 1; k >= 0; k--) {
      double term = a[k] + d[k] * units[k];
      tail += term;
      double own = c[k] * trades[t + k];
      gradient[k] = own + tail;
      size = Math.max(size, Math.abs(a[k]) + Math.abs(d[k] * units[k]) + Math.abs(own));
    }
    size *= periods;
    byte terminal = state[s + periods];
    double nu = terminal != OPEN && groups > 0 ? -gradient[freeTrade[groups]] : 0.0;
    double worst = -DROP * size;
    int drop = -1;
    for (int k = 0; k < periods; k++) {
      byte code = state[s + k];
      if (code == FREE) {
        continue;
      }
      double multiplier = code == AT_ZERO ? gradient[k] + nu : -(gradient[k] + nu);
      if (multiplier < worst) {
        worst = multiplier;
        drop = k;
      }
    }
    if (terminal != OPEN && low < high) {
      double multiplier = terminal == AT_HIGH ? nu : -nu;
      if (multiplier < worst) {
        drop = periods;
      }
    }
    return drop;
  }
}
