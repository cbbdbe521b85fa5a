package org.deleverage.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.numerics.SymmetricEigen;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.type.context.NumberContext;

/**
 * An optimum of MODEL.md section 4 computed in a way that shares nothing with the library's
 * optimiser, to check it against: the Lagrangian dual of the coverage constraint, with a convex
 * QP solved by ojAlgo inside and a search on the multiplier outside. Test code only.
 *
 * <p>With linear temporary impact the objective f(n) and the coverage G(n) = X_kd(n) - buffer are
 * quadratic in the trade table n. Their exact forms are read off the {@link Evaluator}: its
 * gradients are affine in n, so the Hessian's column j is grad(e_j) - grad(0), the linear term is
 * grad(0), and the constant is the value at n = 0. Then, with P the polyhedron of the trade limits
 * (0 <= n_ik <= periodCap_i, forcedUnits_i <= sum_k n_ik <= sellableUnits_i),
 *
 * <pre>
 *   n(mu) = argmin_{n in P} f(n) - mu G(n)          a convex QP for every mu >= 0
 *   G(n(mu)) is nondecreasing in mu
 *   mu* = 0 if G(n(0)) >= 0, else the root of G(n(mu)) = 0
 *   n* = n(mu*),  f* = f(n*),  d f* / d S = mu*     (with X_0 = -S)
 * </pre>
 *
 * When G(n(0)) < 0, feasibility is decided by one more QP, max_{n in P} G(n) (which also gives
 * S_max); if that is >= 0 the root is bracketed by doubling mu from 1 and found by Brent's
 * method. The plan returned is the feasible end of the final bracket (G >= 0), so it covers the
 * shortfall by construction. Every answer of ojAlgo is checked against P before it is used.
 *
 * <p>Supported problems: linear temporary impact with eta > 0 for every unlocked asset with a
 * position and costWeight > 0 (so the inner problems are strictly convex), f convex and G
 * concave on the trades (checked by eigenvalues), and no schedule steps (one coverage
 * constraint). Anything else is refused with an {@link IllegalArgumentException}. ojAlgo sees
 * the trades as fractions of what each asset can sell and the objective divided by a money
 * scale, so its numbers are of order 1. Stateless and thread-safe.
 */
public final class ReferenceOptimum {

  /** The most doublings of the multiplier, from 1, before the search gives up. */
  static final int MAX_DOUBLINGS = 60;

  /** The root search stops once the plan's coverage is within this of 0, relative to money. */
  static final double COVERAGE_TOLERANCE = 1e-12;

  /** ... or once the bracket on the multiplier is this narrow, relative to the multiplier. */
  static final double MULTIPLIER_TOLERANCE = 1e-13;

  private static final int MAX_ROOT_STEPS = 200;

  /** The most iterations ojAlgo may take on one QP. */
  private static final int QP_ITERATIONS = 1_000;

  /** How far outside P, in scaled trades (of order 1), an answer of ojAlgo may lie. */
  private static final double LIMIT_TOLERANCE = 1e-9;

  /** The smallest eigenvalue a convex Hessian may show, relative to its largest entry. */
  private static final double CONVEXITY_TOLERANCE = 1e-9;

  private ReferenceOptimum() {}

  /**
   * The optimum.
   *
   * @param objective f(n*), the objective of MODEL.md section 4 as the evaluator computes it
   * @param table n*, the optimal trade table
   * @param multiplier mu* >= 0, the shadow price of the coverage constraint: the objective added
   *     per extra unit of money required (d f* / d S with X_0 = -S)
   * @param qpSolves the number of QPs ojAlgo solved
   */
  public record Optimum(double objective, TradeTable table, double multiplier, int qpSolves) {}

  /**
   * The optimum of {@code problem}, or empty when no plan covers the shortfall (max_{n in P}
   * G(n) < 0, that is S > S_max).
   *
   * @throws IllegalArgumentException if the problem is not of the supported kind
   * @throws IllegalStateException if ojAlgo does not solve an inner QP to optimality or answers
   *     outside P, or if the shortfall is so close to S_max that no multiplier up to 2^60
   *     reaches it
   */
  public static Optional<Optimum> solve(ResolvedProblem problem) {
    Quadratics forms = Quadratics.of(problem);
    Search search = new Search(problem, forms);
    Point low = search.at(0.0);
    if (low.coverage() >= 0.0) {
      return Optional.of(search.optimum(low));
    }
    // Decide feasibility by S_max first: on an infeasible problem the doubling would drive mu
    // to 1e12 and beyond, where the inner QPs are so ill-conditioned (trades after the deadline
    // keep only f's curvature, of relative size 1 / mu) that ojAlgo answers wrongly or not at all.
    Point most = search.mostCoverage();
    if (most.coverage() < 0.0) {
      return Optional.empty();
    }
    Point high = search.at(1.0);
    for (int doubling = 0; high.coverage() < 0.0; doubling++) {
      if (doubling == MAX_DOUBLINGS) {
        throw new IllegalStateException(
            "the coverage can reach " + most.coverage() + " >= 0, but no multiplier up to 2^"
                + MAX_DOUBLINGS + " reaches it: the shortfall is too close to S_max");
      }
      low = high;
      high = search.at(2.0 * high.multiplier());
    }
    return Optional.of(search.optimum(search.root(low, high)));
  }

  /**
   * S_max = max_{n in P} X_kd(n) - X_0 - buffer, the largest shortfall the trade limits can
   * cover (MODEL.md section 5): with X_0 = -S the coverage constraint holds iff S <= S_max. One
   * QP, the minimum of -G over P; the value is the evaluator's at the QP's solution.
   *
   * @throws IllegalArgumentException if the problem is not of the supported kind
   * @throws IllegalStateException if ojAlgo does not solve the QP to optimality
   */
  public static double maxCoverableShortfall(ResolvedProblem problem) {
    Quadratics forms = Quadratics.of(problem);
    return new Search(problem, forms).mostCoverage().coverage() - problem.initialExcess();
  }

  /** One inner solution: the multiplier, the scaled trades y = n / scale and G(n). */
  private record Point(double multiplier, double[] trades, double coverage) {}

  /** The multiplier search of one problem; counts the QPs it solves. */
  private static final class Search {
    private final ResolvedProblem problem;
    private final Quadratics forms;
    private final double coverageTolerance;
    private int solves;

    Search(ResolvedProblem problem, Quadratics forms) {
      this.problem = problem;
      this.forms = forms;
      double money =
          Math.max(
              1.0,
              Math.max(
                  Math.max(problem.shortfall(), Math.abs(problem.initialExcess())),
                  problem.buffer()));
      this.coverageTolerance = COVERAGE_TOLERANCE * money;
    }

    /**
     * argmax_{n in P} G(n), with G by the evaluator. Trades after the deadline do not move G, so
     * the QP leaves them out (G is strictly concave in the rest): asset i's sales up to the
     * deadline may then be as low as forcedUnits_i less what its later periods can take, and the
     * later periods sell what is still forced, as early as their caps allow. Solving with them in
     * would leave ojAlgo a QP with zero curvature in those trades, on which it returns points
     * outside P.
     */
    Point mostCoverage() {
      int deadline = problem.deadlineIndex();
      int[] early =
          IntStream.range(0, forms.size())
              .filter(a -> forms.period(a) <= deadline)
              .toArray();
      int n = problem.assetCount();
      double[] sumLower = new double[n];
      double[] sumUpper = new double[n];
      for (int i = 0; i < n; i++) {
        if (forms.free(i)) {
          double later = (problem.periods() - 1 - deadline) * problem.periodCap(i);
          sumLower[i] =
              Math.max(0.0, problem.forcedUnits(i) - later) / forms.assetScale(i);
          sumUpper[i] = forms.sumUpper(i);
        }
      }
      double[] linear = new double[early.length];
      double[][] hessian = new double[early.length][early.length];
      Quadratic g = forms.coverage();
      for (int a = 0; a < early.length; a++) {
        linear[a] = -g.linear()[early[a]] / forms.moneyScale();
        for (int b = 0; b < early.length; b++) {
          hessian[a][b] = -g.hessian()[early[a]][early[b]] / forms.moneyScale();
        }
      }
      if (early.length > 0) {
        solves++;
      }
      double[] chosen = minimise(forms, early, linear, hessian, sumLower, sumUpper);
      double[] trades = new double[forms.size()];
      double[] sold = new double[n];
      for (int a = 0; a < early.length; a++) {
        trades[early[a]] = chosen[a];
        sold[forms.asset(early[a])] += chosen[a];
      }
      for (int a = 0; a < forms.size(); a++) {
        int i = forms.asset(a);
        if (forms.period(a) > deadline && sold[i] < forms.sumLower(i)) {
          trades[a] = Math.min(forms.upper(a), forms.sumLower(i) - sold[i]);
          sold[i] += trades[a];
        }
      }
      return point(Double.POSITIVE_INFINITY, trades);
    }

    /** n(mu) and G(n(mu)), G by the evaluator. */
    Point at(double mu) {
      int size = forms.size();
      double divisor = forms.moneyScale() * (1.0 + mu);
      double[] linear = new double[size];
      double[][] hessian = new double[size][size];
      Quadratic f = forms.objective();
      Quadratic g = forms.coverage();
      for (int a = 0; a < size; a++) {
        linear[a] = (f.linear()[a] - mu * g.linear()[a]) / divisor;
        for (int b = 0; b < size; b++) {
          hessian[a][b] = (f.hessian()[a][b] - mu * g.hessian()[a][b]) / divisor;
        }
      }
      int n = problem.assetCount();
      double[] sumLower = new double[n];
      double[] sumUpper = new double[n];
      for (int i = 0; i < n; i++) {
        if (forms.free(i)) {
          sumLower[i] = forms.sumLower(i);
          sumUpper[i] = forms.sumUpper(i);
        }
      }
      if (size > 0) {
        solves++;
      }
      int[] all = IntStream.range(0, size).toArray();
      return point(mu, minimise(forms, all, linear, hessian, sumLower, sumUpper));
    }

    private Point point(double mu, double[] trades) {
      double excess =
          Evaluator.DEFAULT
              .evaluate(problem, forms.table(trades))
              .excess(problem.deadlineIndex());
      return new Point(mu, trades, excess - problem.buffer());
    }

    /**
     * The smallest multiplier found with G >= 0, by Brent's method on G(n(mu)) between {@code
     * low} (G < 0) and {@code high} (G >= 0): inverse quadratic or secant steps while they stay
     * inside the bracket and shrink it fast enough, bisection otherwise.
     */
    Point root(Point low, Point high) {
      Point best = high;
      Point a = low;
      Point b = high;
      Point c = low;
      double step = b.multiplier() - a.multiplier();
      double previousStep = step;
      for (int iteration = 0; iteration < MAX_ROOT_STEPS; iteration++) {
        if (Math.abs(c.coverage()) < Math.abs(b.coverage())) {
          a = b;
          b = c;
          c = a;
        }
        double tolerance =
            Math.max(
                0.5 * MULTIPLIER_TOLERANCE * Math.abs(b.multiplier()),
                2.0 * Math.ulp(b.multiplier()));
        double half = 0.5 * (c.multiplier() - b.multiplier());
        boolean narrow = Math.abs(half) <= tolerance;
        boolean tight = best.coverage() <= coverageTolerance;
        if (narrow || tight || b.coverage() == 0.0) {
          break;
        }
        if (Math.abs(previousStep) >= tolerance
            && Math.abs(a.coverage()) > Math.abs(b.coverage())) {
          double s = b.coverage() / a.coverage();
          double p;
          double q;
          if (a == c) {
            p = 2.0 * half * s;
            q = 1.0 - s;
          } else {
            double qa = a.coverage() / c.coverage();
            double r = b.coverage() / c.coverage();
            p = s * (2.0 * half * qa * (qa - r) - (b.multiplier() - a.multiplier()) * (r - 1.0));
            q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
          }
          if (p > 0.0) {
            q = -q;
          } else {
            p = -p;
          }
          double limit =
              Math.min(3.0 * half * q - Math.abs(tolerance * q), Math.abs(previousStep * q));
          if (2.0 * p < limit) {
            previousStep = step;
            step = p / q;
          } else {
            step = half;
            previousStep = half;
          }
        } else {
          step = half;
          previousStep = half;
        }
        a = b;
        double next =
            b.multiplier() + (Math.abs(step) > tolerance ? step : Math.copySign(tolerance, half));
        b = at(next);
        if (b.coverage() >= 0.0 && b.multiplier() < best.multiplier()) {
          best = b;
        }
        if ((b.coverage() >= 0.0) == (c.coverage() >= 0.0)) {
          c = a;
          step = b.multiplier() - a.multiplier();
          previousStep = step;
        }
      }
      return best;
    }

    Optimum optimum(Point point) {
      TradeTable table = forms.table(point.trades());
      double objective = Evaluator.DEFAULT.evaluate(problem, table).objective().total();
      return new Optimum(objective, table, point.multiplier(), solves);
    }
  }

  /**
   * argmin of linear' y + y' hessian y / 2 over the scaled trades {@code trades} (indices into the
   * free trades of {@code forms}), each in [0, upper], with each asset's sum of them in [sumLower,
   * sumUpper]; by ojAlgo. Nothing to trade has the empty solution.
   */
  private static double[] minimise(
      Quadratics forms,
      int[] trades,
      double[] linear,
      double[][] hessian,
      double[] sumLower,
      double[] sumUpper) {
    int size = trades.length;
    double[] solution = new double[size];
    if (size == 0) {
      return solution;
    }
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    // ojAlgo rounds the solution it returns to 14 decimals by default: keep every digit.
    model.options.solution = NumberContext.of(16, 16);
    // Its iterative active-set solver can cycle for ever on an ill-conditioned QP; these QPs take
    // tens of iterations, so a deterministic cap turns a hang into a FAILED state.
    model.options.iterations_abort = QP_ITERATIONS;
    List<Variable> variables = new ArrayList<>(size);
    for (int a = 0; a < size; a++) {
      variables.add(model.addVariable("y" + a).lower(0.0).upper(forms.upper(trades[a])));
    }
    for (int i = 0; i < forms.problem().assetCount(); i++) {
      if (!forms.free(i)) {
        continue;
      }
      Expression sum = model.addExpression("sum" + i).lower(sumLower[i]).upper(sumUpper[i]);
      for (int a = 0; a < size; a++) {
        if (forms.asset(trades[a]) == i) {
          sum.set(variables.get(a), 1.0);
        }
      }
    }
    Expression objective = model.addExpression("objective").weight(1.0);
    for (int a = 0; a < size; a++) {
      objective.set(variables.get(a), linear[a]);
      objective.set(variables.get(a), variables.get(a), 0.5 * hessian[a][a]);
      for (int b = a + 1; b < size; b++) {
        double cross = hessian[a][b] + hessian[b][a];
        if (cross != 0.0) {
          objective.set(variables.get(a), variables.get(b), 0.5 * cross);
        }
      }
    }
    Optimisation.Result result = model.minimise();
    if (!result.getState().isOptimal()) {
      throw new IllegalStateException(
          "ojAlgo did not solve the inner QP: state " + result.getState());
    }
    for (int a = 0; a < size; a++) {
      solution[a] = result.doubleValue(a);
    }
    requireInside(forms, trades, solution, sumLower, sumUpper, result.getState());
    return solution;
  }

  /** Checks ojAlgo's answer against its limits: it has called points outside them optimal. */
  private static void requireInside(
      Quadratics forms,
      int[] trades,
      double[] y,
      double[] sumLower,
      double[] sumUpper,
      Optimisation.State state) {
    double[] sums = new double[forms.problem().assetCount()];
    for (int a = 0; a < y.length; a++) {
      double upper = forms.upper(trades[a]);
      if (y[a] < -LIMIT_TOLERANCE || y[a] > upper + LIMIT_TOLERANCE) {
        throw new IllegalStateException(
            "ojAlgo returned " + state + " with the scaled trade " + trades[a] + " at " + y[a]
                + ", outside [0, " + upper + "]");
      }
      sums[forms.asset(trades[a])] += y[a];
    }
    for (int i = 0; i < sums.length; i++) {
      if (forms.free(i)
          && (sums[i] < sumLower[i] - LIMIT_TOLERANCE || sums[i] > sumUpper[i] + LIMIT_TOLERANCE)) {
        throw new IllegalStateException(
            "ojAlgo returned " + state + " with the scaled sales of asset " + i + " at " + sums[i]
                + ", outside [" + sumLower[i] + ", " + sumUpper[i] + "]");
      }
    }
  }

  /** c + linear' y + y' hessian y / 2 in the scaled trades y. */
  record Quadratic(double constant, double[] linear, double[][] hessian) {

    double value(double[] y) {
      double value = constant;
      for (int a = 0; a < y.length; a++) {
        double row = 0.0;
        for (int b = 0; b < y.length; b++) {
          row += hessian[a][b] * y[b];
        }
        value += y[a] * (linear[a] + 0.5 * row);
      }
      return value;
    }
  }

  /**
   * The objective f and the coverage G of a supported problem as exact quadratics in the scaled
   * trades of the assets that can trade: y_a = n_ik / scale_i for the a-th free pair (i, k), with
   * scale_i = min(sellableUnits_i, N periodCap_i), the most asset i can sell.
   */
  static final class Quadratics {
    private final ResolvedProblem problem;
    private final double[] assetScale;
    private final int[] asset;
    private final int[] period;
    private final Quadratic objective;
    private final Quadratic coverage;
    private final double moneyScale;

    private Quadratics(ResolvedProblem problem) {
      this.problem = problem;
      int n = problem.assetCount();
      int periods = problem.periods();
      assetScale = new double[n];
      List<int[]> pairs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        double most = Math.min(problem.sellableUnits(i), periods * problem.periodCap(i));
        if (problem.locked(i) || !(most > 0.0)) {
          continue;
        }
        assetScale[i] = most;
        for (int k = 0; k < periods; k++) {
          pairs.add(new int[] {i, k});
        }
      }
      asset = pairs.stream().mapToInt(pair -> pair[0]).toArray();
      period = pairs.stream().mapToInt(pair -> pair[1]).toArray();
      int size = asset.length;
      int deadline = problem.deadlineIndex();
      double[] objectiveAtZero =
          scaledGradient(Evaluator.DEFAULT.objectiveGradient(problem, unit(-1)));
      double[] coverageAtZero =
          scaledGradient(Evaluator.DEFAULT.excessGradient(problem, unit(-1), deadline));
      double[][] objectiveHessian = new double[size][size];
      double[][] coverageHessian = new double[size][size];
      for (int b = 0; b < size; b++) {
        double[] objectiveColumn =
            scaledGradient(Evaluator.DEFAULT.objectiveGradient(problem, unit(b)));
        double[] coverageColumn =
            scaledGradient(Evaluator.DEFAULT.excessGradient(problem, unit(b), deadline));
        for (int a = 0; a < size; a++) {
          objectiveHessian[a][b] = objectiveColumn[a] - objectiveAtZero[a];
          coverageHessian[a][b] = coverageColumn[a] - coverageAtZero[a];
        }
      }
      symmetrise(objectiveHessian);
      symmetrise(coverageHessian);
      Evaluation zero = Evaluator.DEFAULT.evaluate(problem, unit(-1));
      objective = new Quadratic(zero.objective().total(), objectiveAtZero, objectiveHessian);
      coverage =
          new Quadratic(
              zero.excess(deadline) - problem.buffer(), coverageAtZero, coverageHessian);
      double largest = 0.0;
      for (int a = 0; a < size; a++) {
        largest = Math.max(largest, Math.abs(objectiveAtZero[a]));
        largest = Math.max(largest, Math.abs(coverageAtZero[a]));
        for (int b = 0; b < size; b++) {
          largest = Math.max(largest, Math.abs(objectiveHessian[a][b]));
          largest = Math.max(largest, Math.abs(coverageHessian[a][b]));
        }
      }
      moneyScale = largest > 0.0 ? largest : 1.0;
    }

    /**
     * The quadratic forms of {@code problem}.
     *
     * @throws IllegalArgumentException if the problem is not of the supported kind
     */
    static Quadratics of(ResolvedProblem problem) {
      if (problem.scheduleSize() > 0) {
        throw new IllegalArgumentException(
            "the reference optimum takes one coverage constraint, the problem has "
                + problem.scheduleSize() + " schedule steps");
      }
      if (!(problem.costWeight() > 0.0)) {
        throw new IllegalArgumentException(
            "the reference optimum needs costWeight > 0 (strictly convex inner problems), was "
                + problem.costWeight());
      }
      for (int i = 0; i < problem.assetCount(); i++) {
        if (problem.locked(i) || problem.held(i) == 0.0) {
          continue;
        }
        if (!(problem.temporaryImpact(i) instanceof LinearTemporaryImpact linear)
            || !(linear.eta() > 0.0)) {
          throw new IllegalArgumentException(
              "the reference optimum needs linear temporary impact with eta > 0; asset "
                  + problem.id(i) + " has " + problem.temporaryImpact(i));
        }
      }
      Quadratics forms = new Quadratics(problem);
      forms.requireConvex(forms.objective.hessian(), 1.0, "the objective is not convex");
      forms.requireConvex(forms.coverage.hessian(), -1.0, "the coverage X_kd is not concave");
      return forms;
    }

    ResolvedProblem problem() {
      return problem;
    }

    /** The number of free trades. */
    int size() {
      return asset.length;
    }

    /** The asset of free trade {@code a}. */
    int asset(int a) {
      return asset[a];
    }

    /** The 0-based period of free trade {@code a}. */
    int period(int a) {
      return period[a];
    }

    /** Whether asset {@code i} can trade at all. */
    boolean free(int i) {
      return assetScale[i] > 0.0;
    }

    /** scale_i, units: y = n / scale_i. */
    double assetScale(int i) {
      return assetScale[i];
    }

    /** The upper bound of the scaled trade {@code a}: periodCap_i / scale_i. */
    double upper(int a) {
      return problem.periodCap(asset[a]) / assetScale[asset[a]];
    }

    /** The least scaled sales of asset {@code i}: forcedUnits_i / scale_i. */
    double sumLower(int i) {
      return Math.max(0.0, problem.forcedUnits(i)) / assetScale[i];
    }

    /** The most scaled sales of asset {@code i}: sellableUnits_i / scale_i. */
    double sumUpper(int i) {
      return problem.sellableUnits(i) / assetScale[i];
    }

    /** f as a quadratic in the scaled trades. */
    Quadratic objective() {
      return objective;
    }

    /** G = X_kd - buffer as a quadratic in the scaled trades. */
    Quadratic coverage() {
      return coverage;
    }

    /** The largest coefficient of f and G in the scaled trades, money. */
    double moneyScale() {
      return moneyScale;
    }

    /** The trade table of scaled trades {@code y}. */
    TradeTable table(double[] y) {
      double[][] units = new double[problem.assetCount()][problem.periods()];
      for (int a = 0; a < y.length; a++) {
        units[asset[a]][period[a]] = y[a] * assetScale[asset[a]];
      }
      return TradeTable.of(units);
    }

    /** The scaled trades of {@code table}; trades of assets that cannot trade are dropped. */
    double[] scaled(TradeTable table) {
      double[] y = new double[asset.length];
      for (int a = 0; a < y.length; a++) {
        y[a] = table.units(asset[a], period[a]) / assetScale[asset[a]];
      }
      return y;
    }

    /** The table with scaled trade {@code b} at 1 (all of scale_i) and the rest 0; -1: none. */
    private TradeTable unit(int b) {
      double[] y = new double[asset.length];
      if (b >= 0) {
        y[b] = 1.0;
      }
      return table(y);
    }

    /** d/dy_a = scale_i d/dn_ik for the free trades. */
    private double[] scaledGradient(double[][] gradient) {
      double[] scaled = new double[asset.length];
      for (int a = 0; a < scaled.length; a++) {
        scaled[a] = assetScale[asset[a]] * gradient[asset[a]][period[a]];
      }
      return scaled;
    }

    private void requireConvex(double[][] hessian, double sign, String what) {
      int size = hessian.length;
      double[][] signed = new double[size][size];
      double largest = 0.0;
      for (int a = 0; a < size; a++) {
        for (int b = 0; b < size; b++) {
          signed[a][b] = sign * hessian[a][b];
          largest = Math.max(largest, Math.abs(hessian[a][b]));
        }
      }
      double smallest = SymmetricEigen.smallestEigenvalue(signed);
      if (smallest < -CONVEXITY_TOLERANCE * largest) {
        throw new IllegalArgumentException(
            what + " in the trades (smallest eigenvalue " + smallest + " against a largest entry "
                + largest + "); the reference optimum needs a convex problem");
      }
    }

    private static void symmetrise(double[][] matrix) {
      for (int a = 0; a < matrix.length; a++) {
        for (int b = a + 1; b < matrix.length; b++) {
          double mean = 0.5 * (matrix[a][b] + matrix[b][a]);
          matrix[a][b] = mean;
          matrix[b][a] = mean;
        }
      }
    }
  }
}
