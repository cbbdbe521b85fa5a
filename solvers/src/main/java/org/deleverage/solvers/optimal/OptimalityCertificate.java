package org.deleverage.solvers.optimal;

import java.util.Arrays;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TradingConditions;

/**
 * A bound on how far a plan's objective can be above the true optimum, computed from the plan and
 * multipliers alone, with the evaluator's gradients (not the optimiser's). For a convex instance,
 * multipliers mu >= 0 of the coverage constraints G_c = X_kc - b_c >= 0 and z >= 0 of the linear
 * constraints g_j >= 0 (n >= 0, n <= cap, the retain limits), the Lagrangian l = f - mu'G - z'g
 * is convex, and for every feasible n'
 *
 * <pre>
 *   f(n') >= l(n') >= l(n) + r'(n' - n),            r = grad l(n)
 *   f(n) - f*  <=  mu'G(n) + z'g(n)  -  min over n' in P of r'(n' - n)
 * </pre>
 *
 * where P is the polyhedron of the linear constraints. At an exact optimum with exact
 * multipliers r = 0 and the bound is the complementarity, zero; near one the bound is as small as
 * the residual r, whatever the multipliers' sizes. The minimum over P splits by asset into a box
 * with a band on the sum, solved exactly by taking periods in increasing order of r. The bound
 * holds for any multipliers; good ones make it small. The coverage terms mu_c G_c(n) are taken
 * as mu_c max(0, G_c(n)): a plan the evaluator accepts may miss a requirement by its tolerance,
 * and a negative term would let a large multiplier certify it by that miss alone.
 */
final class OptimalityCertificate {

  private OptimalityCertificate() {}

  /**
   * The bound on f(n) - f* for {@code table}, with multipliers {@code mu} of the deadline (index
   * 0) and the schedule steps (1..) and {@code linear} of the linear constraints, in objective
   * units.
   */
  static double gap(
      ResolvedProblem problem,
      TradeTable table,
      double[] mu,
      Formulation.LinearMultipliers linear) {
    return gap(problem, Evaluator.DEFAULT.evaluate(problem, table), mu, linear);
  }

  /**
   * {@link #gap(ResolvedProblem, TradeTable, double[], Formulation.LinearMultipliers)} of a plan
   * already evaluated on this problem.
   */
  static double gap(
      ResolvedProblem problem,
      Evaluation evaluation,
      double[] mu,
      Formulation.LinearMultipliers linear) {
    TradeTable table = evaluation.table();
    double[][] gradient = Evaluator.DEFAULT.objectiveGradient(problem, table);
    double complementarity = 0.0;
    for (int c = 0; c < mu.length; c++) {
      int period = c == 0 ? problem.deadlineIndex() : problem.scheduleIndex(c - 1);
      double bound =
          c == 0
              ? problem.buffer()
              : -problem.shortfall() * (1 - problem.scheduleFraction(c - 1));
      // A plan that misses a requirement within the evaluator's tolerance would earn a negative
      // term here, as large as the multiplier makes it: counted as zero, which only loosens
      // the bound, so that such a plan is never certified by its shortfall.
      complementarity += mu[c] * Math.max(0.0, evaluation.excess(period) - bound);
      double[][] excess = Evaluator.DEFAULT.excessGradient(problem, table, period);
      for (int i = 0; i < gradient.length; i++) {
        for (int k = 0; k < gradient[i].length; k++) {
          gradient[i][k] -= mu[c] * excess[i][k];
        }
      }
    }
    double bound = complementarity;
    // Below this an asset's part is not worth the strong bound's search: n such parts add at
    // most 1e-12 of the objective, four orders inside the tolerance of "optimal".
    double negligible =
        1e-12 * Math.max(1.0, Math.abs(evaluation.objective().total())) / gradient.length;
    for (int i = 0; i < gradient.length; i++) {
      double withDuals = assetBound(problem, table, mu, i, gradient[i], linear, false,
          negligible);
      double withoutSlack = assetBound(problem, table, mu, i, gradient[i], linear, true,
          negligible);
      bound += Math.min(withDuals, withoutSlack);
    }
    return bound;
  }

  /**
   * An upper bound on the largest coverable shortfall, from a plan and multipliers nu &gt;= 0 of
   * the S_max problem's coverage rows (the deadline first, then the schedule steps). With X_c
   * the excess at row c's period less X_0 (concave in the trades), b_c the buffer at the deadline
   * and 0 at a step, and beta_c = 1 at the deadline and phi at a step, every plan n' in the
   * polyhedron P of the trade limits that covers S has S beta_c &lt;= X_c(n') - b_c, so with the
   * multipliers scaled to sum_c nu_c beta_c = 1
   *
   * <pre>
   *   S &lt;= sum_c nu_c (X_c(n') - b_c) &lt;= sum_c nu_c (X_c(n) - b_c) + max over n' in P of g'(n' - n)
   * </pre>
   *
   * with g = sum_c nu_c grad X_c(n) (the evaluator's gradients; at an order book's level end any
   * one-sided slope is a supergradient of the concave excess). Infinite when nu is zero. For the
   * headroom of a healthy account ({@code headroom}), beta_c = 1 for every row and b_c is the
   * row's own bound, the buffer or -S (1 - phi) = 0: the same bound is then one on the largest
   * fall of X_0 the requirement allows.
   */
  static double maxCoverableBound(
      ResolvedProblem problem, TradeTable table, double[] nu, boolean headroom) {
    Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, table);
    double weight = 0.0;
    for (int c = 0; c < nu.length; c++) {
      weight += Math.max(0.0, nu[c])
          * (c == 0 || headroom ? 1.0 : problem.scheduleFraction(c - 1));
    }
    if (!(weight > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    int n = problem.assetCount();
    int periods = problem.periods();
    double[][] slope = new double[n][periods];
    double bound = 0.0;
    for (int c = 0; c < nu.length; c++) {
      double scaled = Math.max(0.0, nu[c]) / weight;
      if (scaled == 0.0) {
        continue;
      }
      int period = c == 0 ? problem.deadlineIndex() : problem.scheduleIndex(c - 1);
      double floor = c == 0 ? problem.buffer() : 0.0;
      bound += scaled * (evaluation.excess(period) - problem.initialExcess() - floor);
      double[][] gradient = Evaluator.DEFAULT.excessGradient(problem, table, period);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < periods; k++) {
          slope[i][k] += scaled * gradient[i][k];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      // A trade at the end of an order book's level has a range of supergradients: g_k up to
      // g_k + (the slope step) times the weight of the rows that reach period k. Any one gives a
      // valid bound, which is convex and piecewise linear in it with breaks where it meets the
      // other periods' slopes; each such trade in turn takes the best of those candidates.
      double[] kinks = problem.temporaryImpact(i).kinks(problem.conditions(i));
      double[] g = slope[i].clone();
      double[] low = g.clone();
      double[] high = g.clone();
      boolean any = false;
      for (int k = 0; k < periods; k++) {
        double units = table.units(i, k);
        if (Arrays.binarySearch(kinks, units) < 0) {
          continue;
        }
        double step = problem.temporaryImpact(i).marginalCost(units, problem.conditions(i))
            - problem.temporaryImpact(i).marginalCost(Math.nextDown(units), problem.conditions(i));
        double reach = 0.0;
        for (int c = 0; c < nu.length; c++) {
          int period = c == 0 ? problem.deadlineIndex() : problem.scheduleIndex(c - 1);
          reach += period >= k ? Math.max(0.0, nu[c]) / weight : 0.0;
        }
        high[k] = g[k] + step * reach;
        any = true;
      }
      if (any) {
        // First a common level for every such trade, then each in turn.
        double[] best = g.clone();
        double bestValue = linearMaximum(problem, table, i, g);
        for (int j = -1; j < periods; j++) {
          double level = j < 0 ? Double.POSITIVE_INFINITY : slope[i][j];
          double[] trial = new double[periods];
          for (int k = 0; k < periods; k++) {
            trial[k] = Math.max(low[k], Math.min(high[k], level));
          }
          double value = linearMaximum(problem, table, i, trial);
          if (value < bestValue) {
            bestValue = value;
            best = trial;
          }
        }
        g = best;
        for (int k = 0; k < periods; k++) {
          if (high[k] == low[k]) {
            continue;
          }
          for (int j = -2; j < periods; j++) {
            double[] trial = g.clone();
            trial[k] = Math.max(low[k], Math.min(high[k], j == -2 ? low[k] : j == -1 ? high[k]
                : g[j]));
            double value = linearMaximum(problem, table, i, trial);
            if (value < bestValue) {
              bestValue = value;
              g = trial;
            }
          }
        }
      }
      bound += linearMaximum(problem, table, i, g);
    }
    return bound;
  }

  /** max over asset i's limits of g'(n' - n): the linear bound of -g. */
  private static double linearMaximum(
      ResolvedProblem problem, TradeTable table, int i, double[] g) {
    double[] negated = new double[g.length];
    for (int k = 0; k < g.length; k++) {
      negated[k] = -g[k];
    }
    return linearBound(problem, table, i, negated);
  }

  /**
   * Asset i's part of the bound, from its entries of the Lagrangian's gradient without the
   * linear constraints ({@code lagrangian}): the complementarity of its linear constraints plus
   * {@link #assetBound(ResolvedProblem, TradeTable, double[], int, double[], double)} of its
   * gradient with their multipliers. With {@code dropInactive} the multipliers of constraints that are not
   * active at the plan (slack above 1e-9 of the position) are taken as zero: the bound holds for
   * any multipliers, and an interior-point method leaves small ones (about mu / slack) on every
   * constraint, whose complementarity can outweigh the residual they remove. {@code negligible}
   * is the size below which the strong bound is not sought.
   */
  private static double assetBound(
      ResolvedProblem problem,
      TradeTable table,
      double[] mu,
      int i,
      double[] lagrangian,
      Formulation.LinearMultipliers linear,
      boolean dropInactive,
      double negligible) {
    double remaining = problem.held(i) - table.traded(i);
    double tolerance = 1e-9 * Math.max(1.0, problem.held(i));
    double retainMin = active(remaining - problem.retainMin(i), tolerance, dropInactive)
        ? linear.retainMin()[i] : 0.0;
    double retainMax = active(problem.retainMax(i) - remaining, tolerance, dropInactive)
        ? linear.retainMax()[i] : 0.0;
    double complementarity = retainMin * (remaining - problem.retainMin(i))
        + retainMax * (problem.retainMax(i) - remaining);
    double[] gradient = lagrangian.clone();
    for (int k = 0; k < gradient.length; k++) {
      double units = table.units(i, k);
      double lower = active(units, tolerance, dropInactive) ? linear.lower()[i][k] : 0.0;
      double upper = active(problem.periodCap(i) - units, tolerance, dropInactive)
          ? linear.upper()[i][k] : 0.0;
      complementarity += lower * units + upper * (problem.periodCap(i) - units);
      // g = n, cap - n, Q - sum n - retainMin and retainMax - Q + sum n: minus z' grad g.
      gradient[k] += -lower + upper + retainMin - retainMax;
    }
    return complementarity + assetBound(problem, table, mu, i, gradient, negligible);
  }

  /** Whether a constraint with this slack keeps its multiplier: always, or when it is active. */
  private static boolean active(double slack, double tolerance, boolean dropInactive) {
    return !dropInactive || slack <= tolerance;
  }

  /**
   * Asset i's part of the bound: r'n - min over the asset's limits of r'n', with r its entries of
   * the Lagrangian's gradient. For a cost that is not quadratic, the smallest of this bound
   * with part of r moved into the convex cost itself ({@link #separableBound}): none of it, all
   * of it, or all but its median (which keeps a common level, the multiplier of a retain limit,
   * with the limits it belongs to). Each choice gives a valid bound, so their least is one too;
   * so is the {@link #strongBound}, sought only where the others leave more than {@code
   * negligible}.
   */
  private static double assetBound(
      ResolvedProblem problem, TradeTable table, double[] mu, int i, double[] gradient,
      double negligible) {
    TemporaryImpactModel model = problem.temporaryImpact(i);
    TradingConditions conditions = problem.conditions(i);
    double limit = Math.min(problem.periodCap(i), problem.sellableUnits(i));
    double best;
    if (problem.locked(i) || !(limit > 0) || !curved(model, conditions, limit)) {
      best = linearBound(problem, table, i, gradient);
    } else {
      double[] sorted = gradient.clone();
      Arrays.sort(sorted);
      double median = sorted[sorted.length / 2];
      best = Double.POSITIVE_INFINITY;
      for (double kept : new double[] {Double.NaN, 0.0, median}) {
        double[] shifted = gradient.clone();
        double slack = separableBound(problem, table, mu, i, shifted, kept);
        best = Math.min(best, slack + linearBound(problem, table, i, shifted));
      }
    }
    // Every bound here is valid, so the least is; the strong one is a search, worth it only
    // where the others leave more than a negligible part.
    if (best <= negligible || problem.locked(i) || !(limit > 0)) {
      return best;
    }
    return Math.min(best, strongBound(problem, table, mu, i, gradient));
  }

  /**
   * Asset i's part of the bound from the curvature of its own part of the Lagrangian, which the
   * linear bound ignores. With kappa the least curvature of the temporary cost up to the cap, the
   * Hessians of MODEL.md section 3 in the asset's trades are at least (see {@link
   * ConvexityCheck}) m_0 = kappa - gamma (N + 1) for the loss and m_c = kappa - gamma (1 +
   * max(0, 1 - 2 m d) k_c) for the negated margin excess of constraint c (kappa - gamma in cash
   * mode) on the trades up to its period k_c, so that the Lagrangian grows at least as fast as
   *
   * <pre>
   *   l(n + d) &gt;= l(n) + r'd + (1/2) sum_k m_k d_k^2,      m_k = w m_0 + sum_{c: k_c &gt;= k} mu_c m_c
   * </pre>
   *
   * (the risk terms are convex and add to it). The least of the right side over the asset's
   * limits (0 &lt;= n_k + d_k &lt;= cap, forced &lt;= sum (n + d) &lt;= sellable) is bounded below by
   * its Lagrangian dual in the multiplier nu of the band on the sum, g(nu) = sum_k min over the
   * box of ((r_k + nu) d_k + m_k d_k^2 / 2) - nu (the band's upper end if nu &gt;= 0, else its
   * lower end), concave in nu and a valid bound for every nu; it is maximised by bisection on its
   * slope. This is what certifies a plan at the largest coverable shortfall, where the
   * multipliers grow without bound: the term m_k d_k^2 grows with them and the bound, about r^2 /
   * (2 m), vanishes. Infinite when no curvature is known.
   */
  private static double strongBound(
      ResolvedProblem problem, TradeTable table, double[] mu, int i, double[] gradient) {
    int periods = gradient.length;
    double cap = problem.periodCap(i);
    double kappa = ConvexityCheck.leastCurvature(problem, i);
    if (!(kappa > 0) || Double.isInfinite(kappa)) {
      return Double.POSITIVE_INFINITY;
    }
    double[] m = new double[periods];
    double objective = kappa - ConvexityCheck.lossCurvatureNeeded(problem, i);
    boolean any = false;
    for (int k = 0; k < periods; k++) {
      double value = problem.costWeight() * Math.max(0.0, objective);
      for (int c = 0; c < mu.length; c++) {
        int period = c == 0 ? problem.deadlineIndex() : problem.scheduleIndex(c - 1);
        if (period >= k && mu[c] > 0) {
          value += mu[c] * coverageCurvature(problem, i, period);
        }
      }
      m[k] = value;
      any |= value > 0;
    }
    if (!any) {
      return Double.POSITIVE_INFINITY;
    }
    double[] low = new double[periods];
    double[] high = new double[periods];
    double traded = 0.0;
    double reach = 0.0;
    for (int k = 0; k < periods; k++) {
      double units = table.units(i, k);
      low[k] = -units;
      high[k] = cap - units;
      traded += units;
      reach = Math.max(reach, Math.abs(gradient[k]) + m[k] * Math.max(units, cap));
    }
    double bandLow = Math.max(0.0, problem.forcedUnits(i)) - traded;
    double bandHigh = Math.max(problem.forcedUnits(i), problem.sellableUnits(i)) - traded;
    if (periods == 1) {
      // One trade: the box and the band are one interval, and the least of r d + m d^2 / 2 on
      // it is the dual's maximum (the search below would only approach it).
      double d = minimiser(gradient[0], m[0], Math.max(low[0], bandLow),
          Math.min(high[0], bandHigh));
      return Math.max(0.0, -(gradient[0] * d + 0.5 * m[0] * d * d));
    }
    double lowNu = -reach - 1.0;
    double highNu = reach + 1.0;
    double best = Math.max(dual(gradient, m, low, high, bandLow, bandHigh, 0.0),
        Math.max(dual(gradient, m, low, high, bandLow, bandHigh, lowNu),
            dual(gradient, m, low, high, bandLow, bandHigh, highNu)));
    for (int step = 0; step < 200 && highNu - lowNu > 1e-15 * reach; step++) {
      double middle = 0.5 * (lowNu + highNu);
      double sum = 0.0;
      for (int k = 0; k < periods; k++) {
        sum += minimiser(gradient[k] + middle, m[k], low[k], high[k]);
      }
      double target = middle >= 0 ? bandHigh : bandLow;
      if (sum > target) {
        lowNu = middle;
      } else {
        highNu = middle;
      }
      best = Math.max(best, dual(gradient, m, low, high, bandLow, bandHigh, middle));
    }
    return Math.max(0.0, -best);
  }

  /**
   * A lower bound on the curvature of minus the excess of 0-based period {@code period} in
   * asset i's trades up to that period: kappa - gamma (1 + max(0, a) (period + 1)), a = 1 - 2 m d
   * in margin mode and -1 in cash mode (MODEL.md section 4, {@link ConvexityCheck}); zero when
   * that is not positive or kappa is not finite. Positive means the excess is strictly concave in
   * those trades.
   */
  static double coverageCurvature(ResolvedProblem problem, int i, int period) {
    double kappa = ConvexityCheck.leastCurvature(problem, i);
    if (!(kappa > 0) || Double.isInfinite(kappa)) {
      return 0.0;
    }
    return Math.max(0.0, kappa - ConvexityCheck.excessCurvatureNeeded(problem, i, period + 1));
  }

  /** g(nu), the Lagrangian dual of {@link #strongBound}'s least value. */
  private static double dual(
      double[] r, double[] m, double[] low, double[] high, double bandLow, double bandHigh,
      double nu) {
    double value = -nu * (nu >= 0 ? bandHigh : bandLow);
    for (int k = 0; k < r.length; k++) {
      double slope = r[k] + nu;
      double d = minimiser(slope, m[k], low[k], high[k]);
      value += slope * d + 0.5 * m[k] * d * d;
    }
    return value;
  }

  /** The d in [low, high] that minimises slope d + m d^2 / 2. */
  private static double minimiser(double slope, double m, double low, double high) {
    if (m > 0) {
      return Math.max(low, Math.min(high, -slope / m));
    }
    return slope > 0 ? low : high;
  }

  /** r'n - min over 0 <= n'_k <= cap, forced <= sum n' <= sellable of r'n'. */
  private static double linearBound(
      ResolvedProblem problem, TradeTable table, int i, double[] gradient) {
    double current = 0.0;
    for (int k = 0; k < gradient.length; k++) {
      current += gradient[k] * table.units(i, k);
    }
    return current - minimumOverLimits(problem, i, gradient);
  }

  /**
   * For an asset whose temporary cost T is not quadratic (a power law, whose curvature grows
   * without bound as the trade goes to zero, or an order book, whose cost has kinks and no
   * curvature between them), bounds the cost by the convex function itself instead of its
   * tangent, and returns the slack that adds. The cost enters the Lagrangian as a T(n_k), a = w +
   * the multipliers of the coverage constraints at or after period k. With kappa the least
   * curvature of T up to the cap (the one the convexity check relies on), the Lagrangian less
   * sum_k a D(n_k), D(n) = T(n) - kappa n^2 / 2, is still convex, and D is convex on [0, u],
   * u = min(cap, sellable), so for every n' in [0, u] and any slope g
   *
   * <pre>
   *   D(n') >= D(n) + g (n' - n) - e,      e = D(n) - g n - min over m in [0, u] of (D(m) - g m)
   * </pre>
   *
   * g = D'(n) - (r - kept) / a moves the trade's entry of the gradient r to {@code kept} (NaN
   * keeps r as it is, g = D'(n), the tangent; e is then zero unless n sits at a kink). With kept
   * = 0, e is about (r / a)^2 / (2 D''(n)) near an optimum: tiny where the curvature is large,
   * which is exactly where the tangent bound r (n' - n) is loose (power-law trades near zero),
   * and as small as the distance to the nearest kink for an order book. The minimum of the
   * convex D(m) - g m lies where D' crosses g, found by bisection on D' (the right derivative at
   * a kink). Updates {@code gradient} and returns the sum of a e over the asset's trades.
   */
  private static double separableBound(
      ResolvedProblem problem, TradeTable table, double[] mu, int i, double[] gradient,
      double kept) {
    TemporaryImpactModel model = problem.temporaryImpact(i);
    TradingConditions conditions = problem.conditions(i);
    double limit = Math.min(problem.periodCap(i), problem.sellableUnits(i));
    double kappa = ConvexityCheck.leastCurvature(problem, i);
    kappa = model.kinks(conditions).length > 0 || !(kappa > 0) ? 0.0 : kappa;
    Separable part = new Separable(model, conditions, kappa);
    double slack = 0.0;
    for (int k = 0; k < gradient.length; k++) {
      double weight = problem.costWeight();
      for (int c = 0; c < mu.length; c++) {
        int period = c == 0 ? problem.deadlineIndex() : problem.scheduleIndex(c - 1);
        if (period >= k) {
          weight += mu[c];
        }
      }
      if (weight <= 0) {
        continue;
      }
      double units = table.units(i, k);
      double moved = Double.isNaN(kept) ? 0.0 : gradient[k] - kept;
      double g = part.slope(units) - moved / weight;
      double least = part.leastBelow(g, limit);
      slack += weight * Math.max(0.0, part.value(units) - g * units - least);
      gradient[k] -= moved;
    }
    return slack;
  }

  /** Whether T is not quadratic on [0, limit]: kinks, or a curvature that changes. */
  private static boolean curved(
      TemporaryImpactModel model, TradingConditions conditions, double limit) {
    if (model.kinks(conditions).length > 0) {
      return true;
    }
    double atZero = model.curvature(0.0, conditions);
    double atLimit = model.curvature(limit, conditions);
    return Double.isInfinite(atZero)
        || Math.abs(atZero - atLimit) > 1e-12 * Math.max(Math.abs(atZero), Math.abs(atLimit));
  }

  /** D(n) = T(n) - kappa n^2 / 2, convex on [0, limit], with its right derivative. */
  private record Separable(
      TemporaryImpactModel model, TradingConditions conditions, double kappa) {

    private static final int BISECTIONS = 200;

    double value(double units) {
      return model.cost(units, conditions) - 0.5 * kappa * units * units;
    }

    double slope(double units) {
      return model.marginalCost(units, conditions) - kappa * units;
    }

    /** min over m in [0, limit] of D(m) - g m, where the non-decreasing D' crosses g. */
    double leastBelow(double g, double limit) {
      double low = 0.0;
      double high = limit;
      if (slope(0.0) >= g) {
        high = 0.0;
      } else if (slope(limit) <= g) {
        low = limit;
      } else {
        for (int step = 0; step < BISECTIONS && high - low > Math.ulp(high); step++) {
          double middle = 0.5 * (low + high);
          if (slope(middle) < g) {
            low = middle;
          } else {
            high = middle;
          }
        }
      }
      double least = Math.min(0.0, value(limit) - g * limit);
      least = Math.min(least, value(low) - g * low);
      return Math.min(least, value(high) - g * high);
    }
  }

  /** min a'x over 0 <= x_k <= cap, forced <= sum x <= sellable (x = 0 for a locked asset). */
  static double minimumOverLimits(ResolvedProblem problem, int i, double[] a) {
    if (problem.locked(i)) {
      return 0.0;
    }
    double cap = problem.periodCap(i);
    double low = Math.max(0.0, problem.forcedUnits(i));
    double high = Math.max(low, problem.sellableUnits(i));
    Integer[] order = new Integer[a.length];
    for (int k = 0; k < a.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (x, y) -> Double.compare(a[x], a[y]));
    double[] x = new double[a.length];
    double total = 0.0;
    for (int k : order) {
      if (a[k] >= 0 || total >= high) {
        break;
      }
      x[k] = Math.min(cap, high - total);
      total += x[k];
    }
    for (int k : order) {
      if (total >= low) {
        break;
      }
      double add = Math.min(cap - x[k], low - total);
      x[k] += add;
      total += add;
    }
    double value = 0.0;
    for (int k = 0; k < a.length; k++) {
      value += a[k] * x[k];
    }
    return value;
  }
}
