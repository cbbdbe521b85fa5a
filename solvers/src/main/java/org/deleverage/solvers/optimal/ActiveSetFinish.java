package org.deleverage.solvers.optimal;

import java.util.Arrays;
import java.util.Optional;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.TemporaryImpactModel;

/**
 * The active-set finish of an interior-point run: it guesses from the last iterate which bounds
 * and coverage constraints are active, solves the optimality conditions on that set to working
 * precision, checks the result and repairs the guess. It follows the "solution polishing" of OSQP
 * (B. Stellato, G. Banjac, P. Goulart, A. Bemporad and S. Boyd, "OSQP: an operator splitting
 * solver for quadratic programs", Math. Prog. Comp. 12, 2020, section 4) and the crossover of
 * commercial interior-point codes, with a Newton solve instead of one linear solve because the
 * coverage constraints are quadratic.
 *
 * <p>The finish works in the trades of the exact formulation (order books costed by their
 * piecewise-linear formula, no level variables). Each trade is either fixed (on its floor, its
 * cap, or, for an order book, at the end of a level, where its cost has a kink) or free inside an
 * interval where its cost is smooth: [0, cap] for a smooth cost, the level it is in for a book.
 * A constraint of the interior-point run is taken as active when its multiplier outweighs its
 * slack, z_j &gt;= s_j G for a bound (G the size of the objective's gradient) and z_c &gt;= s_c
 * for a coverage constraint. The optimality conditions on the active set, grad F - sum_c mu_c
 * grad G_c = (the fixed trades' multipliers) and G_c = 0 for each active coverage constraint, are
 * solved by Newton's method on the structured {@link NewtonSystem}, each fixed trade held by a
 * weight {@value #HOLD} times the Hessian's size (a penalty whose effect on the step is below
 * working precision; the trade is then set exactly on its value). A free trade without curvature
 * (an order book's level between its ends) makes the system singular until the coverage rows fix
 * it; a proximal term of {@value #PROXIMAL} keeps the system regular then, and the iteration
 * removes its effect.
 *
 * <p>Checks and repair: a Newton step that would take a free trade out of its interval, or a free
 * terminal position past a retain limit, is cut at the first such limit and that trade or
 * position is fixed there (a ratio test, as in a primal active-set method); a trade found outside
 * its interval after a solve is fixed at the end it crossed, and a coverage constraint whose
 * multiplier turns negative is released; the solve is then repeated, at most {@value #REPAIRS}
 * times. Multiplier signs of the fixed trades are not checked here: the {@link
 * OptimalityCertificate} judges the result, independently, and the caller keeps the
 * interior-point plan when the finish does not certify better. Stateless.
 */
final class ActiveSetFinish {

  /** The weight that holds a fixed trade, relative to the Hessian's largest entry. */
  static final double HOLD = 1e24;

  /** The proximal term tried when the system is singular. */
  static final double PROXIMAL = 1e-12;

  /** The most repairs of the active set. */
  static final int REPAIRS = 6;

  private static final int NEWTON_STEPS = 30;
  private static final double STEP_TOLERANCE = 1e-14;

  /**
   * A finished point.
   *
   * @param point the variables of the exact formulation
   * @param coverageDuals the multipliers of its coverage rows
   * @param fixed per movable asset and period, the trade's fixed value in units, NaN if free
   * @param terminal per movable asset, whether a retain limit holds its terminal position
   * @param activeRows per coverage row, whether it is held as an equality
   * @param newtonSteps the Newton steps taken in all
   * @param proximal whether a proximal term was needed (a singular reduced system)
   */
  record Finished(
      double[] point, double[] coverageDuals, double[][] fixed, boolean[] terminal,
      boolean[] activeRows, int newtonSteps, boolean proximal) {}

  private ActiveSetFinish() {}

  /**
   * Finishes {@code outcome}, a run on {@code levelled}, in {@code exact} (the same problem and
   * goal without level variables); empty when the Newton solve fails or the repairs run out.
   */
  static Optional<Finished> finish(
      Formulation levelled, Formulation exact, InteriorPointMethod.Outcome outcome) {
    ResolvedProblem problem = exact.problem;
    int f = exact.blockSize();
    int periods = exact.periods;
    int linear = levelled.linear.length;
    double[] v = Arrays.copyOf(outcome.point(), exact.variableCount);
    double gradient = Math.max(outcome.gradientSize(), 1e-300);
    double[] s = outcome.slacks();
    double[] z = outcome.duals();

    // The guess: trades fixed by their bounds or at a level's end, terminal positions by their
    // retain limits, coverage rows by their multipliers.
    double[][] fixed = new double[f][periods];
    for (double[] row : fixed) {
      Arrays.fill(row, Double.NaN);
    }
    boolean[] terminal = new boolean[f];
    double[][] sums = new double[f][periods];
    boolean[][] anyFree = new boolean[f][periods];
    boolean[][] levelledTrade = new boolean[f][periods];
    OrderBookLevels levels = levelled.levels();
    for (int g = 0; g < levels.groupCount(); g++) {
      OrderBookLevels.Group group = levels.group(g);
      levelledTrade[group.slot()][group.period()] = true;
    }
    int[] slotOf = new int[problem.assetCount()];
    for (int a = 0; a < f; a++) {
      slotOf[exact.asset(a)] = a;
    }
    for (int j = 0; j < linear; j++) {
      LinearConstraint row = levelled.linear[j];
      boolean active = z[j] >= s[j] * gradient;
      int a = slotOf[row.asset()];
      int k = row.period();
      double held = problem.held(row.asset());
      switch (row.kind()) {
        case TRADE_FLOOR -> {
          if (active) {
            fixed[a][k] = 0.0;
          }
        }
        case TRADE_CAP -> {
          if (active) {
            fixed[a][k] = problem.periodCap(row.asset());
          }
        }
        case RETAIN_MIN, RETAIN_MAX -> {
          if (active) {
            // The terminal position exactly on its limit: y_N = retain / Q.
            terminal[a] = true;
            v[row.first()] = (row.kind() == LinearConstraint.Kind.RETAIN_MIN
                ? problem.retainMin(row.asset()) : problem.retainMax(row.asset())) / held;
          }
        }
        case LEVEL_FLOOR -> anyFree[a][k] |= !active && !(z[j + 1] >= s[j + 1] * gradient);
        case LEVEL_CAP -> {
          if (active) {
            sums[a][k] += row.constant() * held;
          }
        }
        default -> throw new IllegalStateException("kind: " + row.kind());
      }
    }
    for (int a = 0; a < f; a++) {
      for (int k = 0; k < periods; k++) {
        if (levelledTrade[a][k] && !anyFree[a][k] && Double.isNaN(fixed[a][k])) {
          fixed[a][k] = levelEnd(problem, exact.asset(a), sums[a][k]);
        }
      }
    }
    int m = exact.coverageCount();
    boolean[] activeRows = new boolean[m];
    double[] mu = outcome.coverageDuals(linear);
    for (int c = 0; c < m; c++) {
      activeRows[c] = z[linear + c] >= s[linear + c];
      if (!activeRows[c]) {
        mu[c] = 0.0;
      }
    }
    return polish(exact, v, mu, fixed, terminal, activeRows);
  }

  /**
   * Solves the optimality conditions of {@code exact} on a given active set from a given point:
   * the trades {@code fixed} (units, NaN where free), the terminal positions held by a retain
   * limit, and the coverage rows taken as equalities; then checks and repairs as {@link
   * #finish} does. The arrays are not changed.
   */
  static Optional<Finished> polish(
      Formulation exact, double[] start, double[] startMu, double[][] startFixed,
      boolean[] startTerminal, boolean[] startRows) {
    ResolvedProblem problem = exact.problem;
    int f = exact.blockSize();
    int periods = exact.periods;
    int m = exact.coverageCount();
    double[] v = start.clone();
    double[] mu = startMu.clone();
    double[][] fixed = new double[f][];
    for (int a = 0; a < f; a++) {
      fixed[a] = startFixed[a].clone();
    }
    boolean[] terminal = startTerminal.clone();
    boolean[] activeRows = startRows.clone();
    double[][] intervals = intervals(exact, v);

    int steps = 0;
    boolean proximal = false;
    for (int repair = 0; repair <= REPAIRS; repair++) {
      Optional<Solve> solved = newton(exact, v, mu, fixed, terminal, activeRows, intervals);
      if (solved.isEmpty()) {
        return Optional.empty();
      }
      steps += solved.get().steps;
      proximal |= solved.get().proximal;
      v = solved.get().point;
      mu = solved.get().mu;
      boolean changed = false;
      double[][] trades = exact.trades(v);
      for (int a = 0; a < f; a++) {
        for (int k = 0; k < periods; k++) {
          if (!Double.isNaN(fixed[a][k])) {
            continue;
          }
          double units = trades[exact.asset(a)][k];
          double tolerance = 1e-12 * Math.max(1.0, problem.held(exact.asset(a)));
          if (units < intervals[a][2 * k] - tolerance) {
            fixed[a][k] = intervals[a][2 * k];
            changed = true;
          } else if (units > intervals[a][2 * k + 1] + tolerance) {
            fixed[a][k] = intervals[a][2 * k + 1];
            changed = true;
          }
        }
      }
      for (int c = 0; c < m; c++) {
        if (activeRows[c] && mu[c] < 0) {
          activeRows[c] = false;
          mu[c] = 0.0;
          changed = true;
        }
      }
      if (!changed) {
        return Optional.of(new Finished(v, mu, fixed, terminal, activeRows, steps, proximal));
      }
      v = snap(exact, v, fixed, terminal);
    }
    return Optional.empty();
  }

  /**
   * The end of a level that {@code units} (a sum of level sizes, with its rounding) stands for:
   * the book's own kink, zero or the cap nearest to it, so that the evaluator sees the trade
   * exactly at the level's end.
   */
  private static double levelEnd(ResolvedProblem problem, int i, double units) {
    double nearest = 0.0;
    double cap = problem.periodCap(i);
    if (Math.abs(cap - units) < Math.abs(nearest - units)) {
      nearest = cap;
    }
    for (double kink : problem.temporaryImpact(i).kinks(problem.conditions(i))) {
      if (Math.abs(kink - units) < Math.abs(nearest - units)) {
        nearest = kink;
      }
    }
    return Math.abs(nearest - units) <= 1e-9 * Math.max(1.0, units) ? nearest : units;
  }

  /** The trade table of a finished point, every fixed trade exactly on its value. */
  static TradeTable table(Formulation exact, Finished finished) {
    double[][] units = exact.trades(finished.point());
    for (int a = 0; a < exact.blockSize(); a++) {
      for (int k = 0; k < exact.periods; k++) {
        double value = finished.fixed()[a][k];
        if (!Double.isNaN(value)) {
          units[exact.asset(a)][k] = value;
        }
      }
    }
    return TradeTable.of(units);
  }

  /**
   * Per movable asset, the interval [low_k, high_k] in units where each free trade's cost is
   * smooth (stored at 2k and 2k + 1): [0, cap], or for an order book the level the trade is in
   * at v.
   */
  private static double[][] intervals(Formulation exact, double[] v) {
    ResolvedProblem problem = exact.problem;
    int f = exact.blockSize();
    double[][] trades = exact.trades(v);
    double[][] intervals = new double[f][2 * exact.periods];
    for (int a = 0; a < f; a++) {
      int i = exact.asset(a);
      TemporaryImpactModel model = problem.temporaryImpact(i);
      double cap = problem.periodCap(i);
      double[] kinks = model.kinks(problem.conditions(i));
      for (int k = 0; k < exact.periods; k++) {
        double low = 0.0;
        double high = cap;
        for (double kink : kinks) {
          if (kink <= trades[i][k]) {
            low = Math.max(low, Math.min(kink, cap));
          } else {
            high = Math.min(high, kink);
          }
        }
        intervals[a][2 * k] = low;
        intervals[a][2 * k + 1] = Math.max(low, high);
      }
    }
    return intervals;
  }

  /**
   * v with every fixed trade set exactly on its value and the y's rebuilt from the trades; a
   * terminal position held by a retain limit keeps its y, the last free trade taking up the
   * difference.
   */
  static double[] snap(Formulation exact, double[] v, double[][] fixed, boolean[] terminal) {
    double[] snapped = v.clone();
    double[][] all = exact.trades(v);
    for (int a = 0; a < exact.blockSize(); a++) {
      double held = exact.problem.held(exact.asset(a));
      double[] trades = all[exact.asset(a)];
      int lastFree = -1;
      double total = 0.0;
      for (int k = 0; k < exact.periods; k++) {
        if (!Double.isNaN(fixed[a][k])) {
          trades[k] = fixed[a][k];
        } else {
          lastFree = k;
        }
        total += trades[k];
      }
      int last = exact.index(a, exact.periods - 1);
      if ((terminal[a] || exact.pinned[last]) && lastFree >= 0) {
        trades[lastFree] += held * (1.0 - v[last]) - total;
      }
      double remaining = held;
      for (int k = 0; k < exact.periods; k++) {
        remaining -= trades[k];
        snapped[exact.index(a, k)] = remaining / held;
      }
      if (exact.pinned[last]) {
        snapped[last] = v[last];
      }
    }
    return snapped;
  }

  private record Solve(double[] point, double[] mu, int steps, boolean proximal) {}

  /**
   * Newton's method on the optimality conditions of the active set. A step that would take a
   * free trade out of its interval, or a free terminal position past a retain limit, is cut at
   * the first such limit (a ratio test, as in a primal active-set method), and that trade or
   * position is fixed there ({@code fixed} and {@code terminal} are updated).
   */
  private static Optional<Solve> newton(
      Formulation exact, double[] start, double[] startMu, double[][] fixed, boolean[] terminal,
      boolean[] activeRows, double[][] intervals) {
    int f = exact.blockSize();
    int periods = exact.periods;
    int m = exact.coverageCount();
    double[] v = snap(exact, start, fixed, terminal);
    double[] mu = startMu.clone();
    boolean proximal = false;
    double previousStep = Double.POSITIVE_INFINITY;
    double riskDiagonal = riskDiagonal(exact);
    for (int step = 1; step <= NEWTON_STEPS; step++) {
      Formulation.Point point = exact.evaluate(v, mu);
      double size = 1.0;
      for (int a = 0; a < f; a++) {
        for (int k = 0; k < periods; k++) {
          size = Math.max(size, Math.abs(point.diagonal[k][a]));
          size = Math.max(size, Math.abs(point.difference[k][a]));
        }
      }
      for (int k = 0; k < periods; k++) {
        size = Math.max(size, 2 * exact.risk().weight(k) * riskDiagonal);
      }
      double hold = HOLD * size;
      NewtonSystem.Weights weights = new NewtonSystem.Weights(
          new double[periods][f], new double[periods][f], new double[0], true);
      for (int a = 0; a < f; a++) {
        for (int k = 0; k < periods; k++) {
          if (!Double.isNaN(fixed[a][k])) {
            weights.trade()[k][a] = hold;
          }
        }
        if (terminal[a]) {
          weights.diagonal()[periods - 1][a] = hold;
        }
      }
      Optional<NewtonSystem> system = NewtonSystem.factor(exact, point, weights, 0.0);
      if (system.isEmpty()) {
        proximal = true;
        system = NewtonSystem.factor(exact, point, weights, PROXIMAL);
      }
      if (system.isEmpty()) {
        return Optional.empty();
      }
      double[] rhs = InteriorPointMethod.transposeProduct(exact, point, concat(exact, mu));
      for (int i = 0; i < rhs.length; i++) {
        rhs[i] = exact.pinned[i] ? 0.0 : rhs[i] - point.objectiveGradient[i];
      }
      double[] q = new double[m];
      for (int c = 0; c < m; c++) {
        q[c] = -point.coverage[c];
      }
      NewtonSystem.Solution solution;
      try {
        solution = system.get().solve(rhs, null, q, new double[m], activeRows);
      } catch (ArithmeticException singular) {
        return Optional.empty();
      }
      double largest = InteriorPointMethod.maxAbs(solution.dv());
      if (!Double.isFinite(largest)) {
        return Optional.empty();
      }
      Block block = ratioTest(exact, v, solution.dv(), fixed, terminal, intervals);
      for (int i = 0; i < v.length; i++) {
        v[i] += block.alpha() * solution.dv()[i];
      }
      for (int c = 0; c < m; c++) {
        mu[c] += block.alpha() * solution.dz()[c];
      }
      if (block.blocked()) {
        for (double[] trade : block.trades()) {
          fixed[(int) trade[0]][(int) trade[1]] = trade[2];
        }
        for (double[] position : block.terminals()) {
          terminal[(int) position[0]] = true;
          v[exact.index((int) position[0], periods - 1)] = position[1];
        }
        v = snap(exact, v, fixed, terminal);
        previousStep = Double.POSITIVE_INFINITY;
        continue;
      }
      v = snap(exact, v, fixed, terminal);
      // Newton's method converges fast until rounding takes over: stop once a step is at
      // rounding's scale, or no longer halves the one before at a scale where it is already
      // negligible (below 1e-9 of a position).
      if (largest <= STEP_TOLERANCE || (largest > 0.5 * previousStep && largest <= 1e-9)) {
        return Optional.of(new Solve(v, mu, step, proximal));
      }
      previousStep = largest;
    }
    return Optional.of(new Solve(v, mu, NEWTON_STEPS, proximal));
  }

  /**
   * The limits a step meets first: alpha in [0, 1], the largest fraction of the step that keeps
   * every free trade in its interval and every free terminal position within its retain limits,
   * and each trade or position whose limit stops the step there (within 1e-12 of alpha: at a
   * degenerate point several are already on their limits, and all are fixed at once); none when
   * the whole step is free.
   *
   * @param alpha the fraction of the step to take
   * @param trades per blocking trade, {asset, period, value}
   * @param terminals per blocking terminal position, {asset, value}
   */
  private record Block(double alpha, java.util.List<double[]> trades,
      java.util.List<double[]> terminals) {

    boolean blocked() {
      return !trades.isEmpty() || !terminals.isEmpty();
    }
  }

  private static Block ratioTest(
      Formulation exact, double[] v, double[] dv, double[][] fixed, boolean[] terminal,
      double[][] intervals) {
    ResolvedProblem problem = exact.problem;
    int periods = exact.periods;
    java.util.List<double[]> trades = new java.util.ArrayList<>();
    java.util.List<double[]> terminals = new java.util.ArrayList<>();
    double least = 1.0;
    for (int pass = 0; pass < 2; pass++) {
      // First the least fraction, then every limit that reaches it.
      for (int a = 0; a < exact.blockSize(); a++) {
        double held = problem.held(exact.asset(a));
        double previous = 1.0;
        double previousStep = 0.0;
        for (int k = 0; k < periods; k++) {
          double y = v[exact.index(a, k)];
          double dy = dv[exact.index(a, k)];
          double units = held * (previous - y);
          double change = held * (previousStep - dy);
          previous = y;
          previousStep = dy;
          if (!Double.isNaN(fixed[a][k]) || change == 0.0) {
            continue;
          }
          double limit = change < 0 ? intervals[a][2 * k] : intervals[a][2 * k + 1];
          double alpha = Math.max(0.0, (limit - units) / change);
          if (pass == 0) {
            least = Math.min(least, alpha);
          } else if (alpha <= least + 1e-12 && least < 1.0) {
            trades.add(new double[] {a, k, limit});
          }
        }
        int last = exact.index(a, periods - 1);
        if (!terminal[a] && !exact.pinned[last] && dv[last] != 0.0) {
          double bound = dv[last] < 0 ? problem.retainMin(exact.asset(a)) / held
              : problem.retainMax(exact.asset(a)) / held;
          double alpha = Math.max(0.0, (bound - v[last]) / dv[last]);
          if (pass == 0) {
            least = Math.min(least, alpha);
          } else if (alpha <= least + 1e-12 && least < 1.0) {
            terminals.add(new double[] {a, bound});
          }
        }
      }
    }
    return new Block(least, trades, terminals);
  }

  /** The largest diagonal entry of the scaled covariance of the movable assets. */
  private static double riskDiagonal(Formulation exact) {
    double largest = 0.0;
    for (int a = 0; a < exact.blockSize(); a++) {
      double entry = exact.lowRankRisk()
          ? exact.risk().specific(a) + exact.risk().rootSquare(a)
          : exact.scaledCovariance(a, a);
      largest = Math.max(largest, entry);
    }
    return largest;
  }

  /** The duals vector of the method's layout: zero for the linear rows, then mu. */
  private static double[] concat(Formulation exact, double[] mu) {
    double[] all = new double[exact.linear.length + mu.length];
    System.arraycopy(mu, 0, all, exact.linear.length, mu.length);
    return all;
  }
}
