package org.deleverage.solvers.optimal;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.deleverage.core.solve.SolveResult;

/**
 * A primal-dual interior-point method with Mehrotra's predictor-corrector (S. Mehrotra, "On the
 * implementation of a primal-dual interior point method", SIAM J. Optim. 2(4), 1992; in the
 * nonlinear form of Nocedal and Wright, Numerical Optimization, 2nd ed., section 19.3) for the
 * smooth convex program of a {@link Formulation}: minimise F(v) subject to g_j(v) &gt;= 0 (the
 * linear constraints and the concave coverage constraints) and h(v) = 0 (the equalities that tie
 * an order book's level variables to their trade). With slacks s, duals z and multipliers lambda
 * it follows Newton's method on the perturbed optimality conditions
 *
 * <pre>
 *   grad F - J' z - E' lambda = 0,    g(v) - s = 0,    h(v) = 0,    s_j z_j = sigma mu
 * </pre>
 *
 * eliminating the linear constraints' s and z so that each step solves the structured {@link
 * NewtonSystem}. The start is strictly inside the linear constraints (which then hold at every
 * iterate) and may break the coverage constraints (their slack absorbs the difference until it
 * closes). Steps keep s and z positive (fraction to the boundary {@value #STEP_FRACTION}) and are
 * shortened until a merit function, the squared residuals, falls: the coverage constraints are
 * curved, and a full step can overshoot them. It stops when the residuals and the complementarity
 * s'z are small against the objective's own size ({@value #PRIMAL_TOLERANCE} primal, {@value
 * #DUAL_TOLERANCE} dual relative to the gradients, {@value #COMPLEMENTARITY_TOLERANCE}
 * complementarity relative to |F| + {@value #GAP_FLOOR}), when the residuals stop falling (working
 * precision), or at the iteration or time limit. It ends near the active constraints, never on
 * them: the {@link ActiveSetFinish} then solves the optimality conditions on the active set, and
 * the caller judges the result by the evaluator and the {@link OptimalityCertificate}.
 */
final class InteriorPointMethod {

  private static final double STEP_FRACTION = 0.995;
  private static final double SUFFICIENT_DECREASE = 1e-4;
  private static final int MAX_HALVINGS = 40;
  /** The merits a step is compared with: the largest of the last this many iterates'. */
  private static final int NONMONOTONE_MEMORY = 5;
  /**
   * The iterations a nonmonotone run may go without beating its best merit by {@value
   * #STALL_FACTOR} before the watchdog sends it back there.
   */
  private static final int WATCHDOG = 6;
  private static final double PRIMAL_TOLERANCE = 1e-10;
  private static final double DUAL_TOLERANCE = 1e-11;
  private static final double COMPLEMENTARITY_TOLERANCE = 1e-10;
  private static final double GAP_FLOOR = 1e-5;
  private static final double LOCAL_REGION = 1e-10;
  private static final int STALL_ITERATIONS = 15;
  private static final double STALL_FACTOR = 0.9;

  /**
   * What a run ended with.
   *
   * @param converged whether the tolerances were met
   * @param point the last iterate v
   * @param slacks s of the linear constraints then the coverage constraints
   * @param duals z in the same order (the coverage ones in the objective's own units)
   * @param iterations Newton steps taken
   * @param reason why it stopped, in words
   * @param primalResidual the largest |g(v) - s| or |h(v)| at the point, scaled
   * @param relativeGap the complementarity s'z against |F| + 1e-5 at the point
   * @param gradientSize the largest entry of grad F or J'z at the point
   */
  record Outcome(
      boolean converged,
      double[] point,
      double[] slacks,
      double[] duals,
      int iterations,
      String reason,
      double primalResidual,
      double relativeGap,
      double gradientSize) {

    /** Whether the point is feasible to {@code primal} and complementary to {@code gap}. */
    boolean within(double primal, double gap) {
      return converged || (primalResidual <= primal && relativeGap <= gap);
    }

    /** z of the coverage constraints. */
    double[] coverageDuals(int linear) {
      return Arrays.copyOfRange(duals, linear, duals.length);
    }

    /** z of the linear constraints, scaled. */
    double[] linearDuals(int linear) {
      return Arrays.copyOf(duals, linear);
    }
  }

  private InteriorPointMethod() {}

  /**
   * Runs the method from {@code start}, which must be strictly inside the linear constraints and
   * satisfy the groups' equalities.
   *
   * @param regularise whether to add to the diagonal until the Newton system is positive
   *     definite (a local solve of a non-convex instance); otherwise only a vanishing amount is
   *     tried before giving up
   */
  static Outcome run(
      Formulation model, double[] start, int maxIterations, long deadlineNanos,
      boolean regularise) {
    return run(model, start, maxIterations, deadlineNanos, regularise, () -> false);
  }

  /**
   * {@link #run(Formulation, double[], int, long, boolean)}, stopped before a Newton step when
   * {@code cancelled} says so (with the reason "cancelled").
   */
  static Outcome run(
      Formulation model, double[] start, int maxIterations, long deadlineNanos,
      boolean regularise, BooleanSupplier cancelled) {
    int linear = model.linear.length;
    int m = model.coverageCount();
    int p = linear + m;
    int groups = model.levels().groupCount();
    double[] v = start.clone();
    double[] s = new double[p];
    double[] z = new double[p];
    double[] lambda = new double[groups];
    for (int j = 0; j < linear; j++) {
      s[j] = Math.max(model.linear[j].value(v), 1e-10);
      z[j] = 1.0;
    }
    for (int c = 0; c < m; c++) {
      z[linear + c] = 1.0;
    }
    // The evaluation at (v, z), kept from the step's trial point that became the iterate (the
    // coverage duals weigh its Hessian) so that no point is evaluated twice; null when the
    // iterate is one that was not evaluated with its duals.
    Formulation.Point point = model.evaluate(v, Arrays.copyOfRange(z, linear, p));
    for (int c = 0; c < m; c++) {
      s[linear + c] = Math.max(point.coverage[c], 1e-2);
    }
    int iteration = 0;
    java.util.ArrayDeque<Double> recent = new java.util.ArrayDeque<>();
    double bestMerit = Double.POSITIVE_INFINITY;
    int lastProgress = 0;
    boolean monotone = false;
    Outcome best = null;
    double[] bestLambda = lambda.clone();
    while (true) {
      double mu = dot(s, z) / Math.max(p, 1);
      if (point == null) {
        point = model.evaluate(v, Arrays.copyOfRange(z, linear, p));
      }
      double[] constraintGradient = transposeProduct(model, point, z);
      Residuals residuals =
          residuals(model, point, v, s, z, lambda, constraintGradient.clone());
      // Relative to the objective's own size: its gradient and value can be far below the
      // constraints' (costs of basis points against a shortfall of millions).
      double gradientSize =
          Math.max(maxAbs(point.objectiveGradient), maxAbs(constraintGradient));
      double primal = Math.max(maxAbs(residuals.primal), maxAbs(residuals.equality));
      boolean feasibleToTolerance =
          maxAbs(residuals.dual) <= DUAL_TOLERANCE * gradientSize && primal <= PRIMAL_TOLERANCE;
      double size = Math.abs(point.objective) + GAP_FLOOR;
      double gap = dot(s, z) / size;
      // Close to the solution Newton's method converges on its own and the merit, dominated by
      // round-off there, would only hold it back: no line search below this.
      boolean local =
          maxAbs(residuals.dual) <= LOCAL_REGION * gradientSize && primal <= LOCAL_REGION;
      if (feasibleToTolerance && gap <= COMPLEMENTARITY_TOLERANCE) {
        return new Outcome(true, v, s, z, iteration, "converged", primal, gap, gradientSize);
      }
      double currentMerit = residuals.merit(s, z);
      if (best == null && !Double.isFinite(currentMerit)) {
        // Not one finite iterate: the problem's figures overflow double precision together.
        return new Outcome(false, v, s, z, iteration,
            "the residuals are not finite at the starting point (costs, impact or risk of this"
                + " size overflow double precision)", primal, gap, gradientSize);
      }
      if (currentMerit < bestMerit) {
        best = new Outcome(false, v.clone(), s.clone(), z.clone(), iteration, "", primal, gap,
            gradientSize);
        bestLambda = lambda.clone();
      }
      if (currentMerit < bestMerit * STALL_FACTOR) {
        monotone = false;
      } else if (iteration - lastProgress >= WATCHDOG && !monotone) {
        // A watchdog (Chamberlain, Powell, Lemarechal and Pedersen 1982): the nonmonotone steps
        // have not clearly beaten the best iterate for a while, so the method goes back to it and
        // asks for a monotone fall from there, which a nonmonotone rule can cycle around.
        System.arraycopy(best.point(), 0, v, 0, v.length);
        System.arraycopy(best.slacks(), 0, s, 0, p);
        System.arraycopy(best.duals(), 0, z, 0, p);
        System.arraycopy(bestLambda, 0, lambda, 0, groups);
        recent.clear();
        monotone = true;
        point = null;
        continue;
      }
      if (currentMerit < bestMerit * STALL_FACTOR) {
        lastProgress = iteration;
      }
      bestMerit = Math.min(bestMerit, currentMerit);
      String stop =
          iteration - lastProgress >= STALL_ITERATIONS
              ? "stalled at working precision"
              : iteration >= maxIterations
                  ? "no convergence in " + maxIterations + " steps"
                  : System.nanoTime() > deadlineNanos ? SolveResult.Failed.TIME_LIMIT_REACHED
                      : cancelled.getAsBoolean() ? "cancelled" : null;
      if (stop != null) {
        return ended(best, iteration, stop);
      }
      Optional<NewtonSystem> system = factor(model, point, s, z, regularise);
      if (system.isEmpty()) {
        return new Outcome(false, v, s, z, iteration,
            "the Newton system is not positive definite (the instance is not convex)", primal,
            gap, gradientSize);
      }
      iteration++;

      double[] complementarity = new double[p];
      for (int j = 0; j < p; j++) {
        complementarity[j] = s[j] * z[j];
      }
      Step combined;
      try {
        Step affine = step(model, point, system.get(), s, z, residuals, complementarity);
        double alphaAffine = Math.min(maxStep(s, affine.ds), maxStep(z, affine.dz));
        double muAffine = 0.0;
        for (int j = 0; j < p; j++) {
          muAffine += (s[j] + alphaAffine * affine.ds[j]) * (z[j] + alphaAffine * affine.dz[j]);
        }
        muAffine /= Math.max(p, 1);
        double sigma = Math.pow(muAffine / mu, 3);
        for (int j = 0; j < p; j++) {
          complementarity[j] = s[j] * z[j] + affine.ds[j] * affine.dz[j] - sigma * mu;
        }
        combined = step(model, point, system.get(), s, z, residuals, complementarity);
      } catch (ArithmeticException singular) {
        return ended(best, iteration, "singular Newton system at working precision");
      }
      // The coverage constraints are curved, so a full step can overshoot them and the plain
      // predictor-corrector can cycle: a step is taken only when the residuals (a merit
      // function) fall below the largest of the last few iterates' (a nonmonotone rule, after
      // Grippo, Lampariello and Lucidi 1986: requiring a fall at every step jams near a curved
      // boundary), with a watchdog against its cycles (above). A full step refused for its
      // overshoot is first corrected to second order (the same system, with the coverage
      // residual the step would leave; Nocedal and Wright, section 15.6), then shortened by
      // halving until the merit falls.
      double alpha = fractionToBoundary(s, z, combined);
      Trial trial = trial(model, v, s, z, lambda, combined, alpha);
      double reference = monotone ? currentMerit
          : recent.stream().mapToDouble(Double::doubleValue).max().orElse(currentMerit);
      boolean accepted = local || trial.merit <= (1 - SUFFICIENT_DECREASE * alpha) * reference;
      if (!accepted) {
        try {
          Step corrected = step(model, point, system.get(), s, z,
              residuals.withCoverage(linear, alpha, trial.overshoot), complementarity);
          double alphaCorrected = fractionToBoundary(s, z, corrected);
          Trial second = trial(model, v, s, z, lambda, corrected, alphaCorrected);
          if (second.merit <= (1 - SUFFICIENT_DECREASE * alphaCorrected) * reference) {
            trial = second;
            accepted = true;
          }
        } catch (ArithmeticException singular) {
          // No correction: shorten the step instead.
        }
      }
      for (int halving = 1; !accepted && halving <= MAX_HALVINGS; halving++) {
        alpha /= 2;
        trial = trial(model, v, s, z, lambda, combined, alpha);
        accepted = trial.merit <= (1 - SUFFICIENT_DECREASE * alpha) * reference;
      }
      recent.addLast(currentMerit);
      if (recent.size() > NONMONOTONE_MEMORY) {
        recent.removeFirst();
      }
      double[] trialV = trial.v;
      double[] trialS = trial.s;
      double[] trialZ = trial.z;
      double[] trialLambda = trial.lambda;
      System.arraycopy(trialV, 0, v, 0, v.length);
      System.arraycopy(trialS, 0, s, 0, p);
      System.arraycopy(trialZ, 0, z, 0, p);
      System.arraycopy(trialLambda, 0, lambda, 0, groups);
      point = trial.point;
    }
  }

  /** The largest step in (0, 1] that keeps s and z positive, at the fraction to the boundary. */
  private static double fractionToBoundary(double[] s, double[] z, Step step) {
    return Math.min(1.0, STEP_FRACTION * Math.min(maxStep(s, step.ds), maxStep(z, step.dz)));
  }

  /**
   * A trial point: the iterate moved by alpha along a step, the coverage slacks reset where the
   * constraint holds, its merit, the coverage residual G(v) - s the step left before the reset
   * (its overshoot, for a second-order correction), and the evaluation at v with the coverage
   * duals of z (for the next step, if the trial becomes the iterate).
   */
  private record Trial(
      double[] v, double[] s, double[] z, double[] lambda, double merit, double[] overshoot,
      Formulation.Point point) {}

  private static Trial trial(
      Formulation model, double[] v, double[] s, double[] z, double[] lambda, Step step,
      double alpha) {
    int linear = model.linear.length;
    int p = s.length;
    double[] trialV = new double[v.length];
    double[] trialS = new double[p];
    double[] trialZ = new double[p];
    double[] trialLambda = new double[lambda.length];
    for (int i = 0; i < v.length; i++) {
      trialV[i] = v[i] + alpha * step.dv[i];
    }
    for (int j = 0; j < p; j++) {
      trialS[j] = s[j] + alpha * step.ds[j];
      trialZ[j] = z[j] + alpha * step.dz[j];
    }
    for (int g = 0; g < lambda.length; g++) {
      trialLambda[g] = lambda[g] + alpha * step.dlambda[g];
    }
    Formulation.Point point = model.evaluate(trialV, Arrays.copyOfRange(trialZ, linear, p));
    double[] overshoot = new double[p - linear];
    for (int c = 0; c < overshoot.length; c++) {
      overshoot[c] = point.coverage[c] - trialS[linear + c];
    }
    resetCoverageSlacks(point, trialS, linear);
    double merit =
        residuals(model, point, trialV, trialS, trialZ, trialLambda).merit(trialS, trialZ);
    return new Trial(trialV, trialS, trialZ, trialLambda, merit, overshoot, point);
  }

  /**
   * Sets the slack of every coverage constraint that holds strictly at the trial point to its
   * value there. A coverage constraint is concave, so a Newton step overshoots it by a term of
   * second order in the step, which would otherwise count against the step in the merit as a
   * primal residual and shorten steps near a curved boundary until the method jams; where the
   * constraint holds, its true slack is known and positive, and no residual is needed.
   */
  private static void resetCoverageSlacks(Formulation.Point trial, double[] s, int linear) {
    for (int c = 0; c < trial.coverage.length; c++) {
      if (trial.coverage[c] > 0) {
        s[linear + c] = trial.coverage[c];
      }
    }
  }

  /** The best iterate seen, as the outcome of a run that stopped for {@code reason}. */
  private static Outcome ended(Outcome best, int iterations, String reason) {
    return new Outcome(false, best.point(), best.slacks(), best.duals(), iterations, reason,
        best.primalResidual(), best.relativeGap(), best.gradientSize());
  }

  /**
   * The residuals at a point: dual grad F - J' z - E' lambda (zero on pinned variables), primal
   * g(v) - s, and the groups' equalities h(v).
   */
  private record Residuals(double[] dual, double[] primal, double[] equality) {

    /**
     * These residuals with each coverage constraint's primal residual replaced by alpha r_p +
     * the residual a step of length alpha left (the second-order correction's).
     */
    Residuals withCoverage(int linear, double alpha, double[] left) {
      double[] corrected = primal.clone();
      for (int c = 0; c < left.length; c++) {
        corrected[linear + c] = alpha * primal[linear + c] + left[c];
      }
      return new Residuals(dual, corrected, equality);
    }

    /** ||r_d||^2 + ||r_p||^2 + ||h||^2 + ||s z||^2. */
    double merit(double[] s, double[] z) {
      double sum = dot(dual, dual) + dot(primal, primal) + dot(equality, equality);
      for (int j = 0; j < s.length; j++) {
        sum += s[j] * z[j] * s[j] * z[j];
      }
      return sum;
    }
  }

  private static Residuals residuals(
      Formulation model, Formulation.Point point, double[] v, double[] s, double[] z,
      double[] lambda) {
    return residuals(model, point, v, s, z, lambda, transposeProduct(model, point, z));
  }

  /** The residuals, given J' z in {@code dual} (which becomes the dual residual). */
  private static Residuals residuals(
      Formulation model, Formulation.Point point, double[] v, double[] s, double[] z,
      double[] lambda, double[] dual) {
    int linear = model.linear.length;
    int p = s.length;
    OrderBookLevels levels = model.levels();
    for (int g = 0; g < levels.groupCount(); g++) {
      OrderBookLevels.Group group = levels.group(g);
      int k = group.period();
      if (k > 0) {
        dual[model.index(group.slot(), k - 1)] += lambda[g];
      }
      dual[model.index(group.slot(), k)] -= lambda[g];
      for (int u : group.indices()) {
        dual[u] -= lambda[g];
      }
    }
    for (int i = 0; i < dual.length; i++) {
      dual[i] = model.pinned[i] ? 0.0 : point.objectiveGradient[i] - dual[i];
    }
    double[] primal = new double[p];
    model.linearRows.valuesLess(v, s, primal);
    for (int c = 0; c < p - linear; c++) {
      primal[linear + c] = point.coverage[c] - s[linear + c];
    }
    double[] equality = new double[levels.groupCount()];
    for (int g = 0; g < equality.length; g++) {
      equality[g] = model.groupResidual(g, v);
    }
    return new Residuals(dual, primal, equality);
  }

  private static Optional<NewtonSystem> factor(
      Formulation model, Formulation.Point point, double[] s, double[] z, boolean regularise) {
    NewtonSystem.Weights weights = NewtonSystem.Weights.barrier(model, s, z);
    Optional<NewtonSystem> system = NewtonSystem.factor(model, point, weights, 0.0);
    double delta = 1e-14;
    double limit = regularise ? 1e6 : 1e-8;
    while (system.isEmpty() && delta <= limit) {
      system = NewtonSystem.factor(model, point, weights, delta);
      delta *= 100;
    }
    return system;
  }

  /**
   * The direction (dv, ds, dz, dlambda) for the complementarity residual r_c: the linear
   * constraints eliminated, dz_lin = -S^-1 (r_c + Z ds), the coverage constraints kept in the
   * augmented rows U' dv + (S/Z) dz_c = -r_c / z - r_p, the groups' equalities E dv = -h.
   */
  private static Step step(
      Formulation model,
      Formulation.Point point,
      NewtonSystem system,
      double[] s,
      double[] z,
      Residuals residuals,
      double[] complementarity) {
    int p = s.length;
    int linear = model.linear.length;
    int m = p - linear;
    double[] scaled = new double[p];
    for (int j = 0; j < linear; j++) {
      scaled[j] = (complementarity[j] + z[j] * residuals.primal[j]) / s[j];
    }
    double[] rhs = transposeProduct(model, point, scaled);
    for (int i = 0; i < rhs.length; i++) {
      rhs[i] = -residuals.dual[i] - rhs[i];
    }
    double[] q = new double[m];
    double[] d = new double[m];
    for (int c = 0; c < m; c++) {
      int j = linear + c;
      q[c] = -complementarity[j] / z[j] - residuals.primal[j];
      d[c] = s[j] / z[j];
    }
    double[] equality = new double[residuals.equality.length];
    for (int g = 0; g < equality.length; g++) {
      equality[g] = -residuals.equality[g];
    }
    NewtonSystem.Solution solution = system.solve(rhs, equality, q, d, null);
    double[] dv = solution.dv();
    double[] ds = product(model, point, dv);
    double[] dz = new double[p];
    for (int j = 0; j < p; j++) {
      ds[j] += residuals.primal[j];
      dz[j] = j < linear ? -(complementarity[j] + z[j] * ds[j]) / s[j] : solution.dz()[j - linear];
    }
    return new Step(dv, ds, dz, solution.dlambda());
  }

  /** J' w: the constraint gradients weighted by w, zero on pinned variables. */
  static double[] transposeProduct(Formulation model, Formulation.Point point, double[] w) {
    double[] result = new double[model.variableCount];
    int linear = model.linear.length;
    model.linearRows.addTransposeProduct(w, result);
    for (int c = 0; c < model.coverageCount(); c++) {
      double[] gradient = point.coverageGradient[c];
      for (int i = 0; i < result.length; i++) {
        result[i] += gradient[i] * w[linear + c];
      }
    }
    for (int i = 0; i < result.length; i++) {
      if (model.pinned[i]) {
        result[i] = 0.0;
      }
    }
    return result;
  }

  /** J dv. */
  private static double[] product(Formulation model, Formulation.Point point, double[] dv) {
    int linear = model.linear.length;
    double[] result = new double[linear + model.coverageCount()];
    model.linearRows.product(dv, result);
    for (int c = 0; c < model.coverageCount(); c++) {
      result[linear + c] = dot(point.coverageGradient[c], dv);
    }
    return result;
  }

  /** The largest alpha in (0, 1] with x + alpha dx &gt;= 0. */
  private static double maxStep(double[] x, double[] dx) {
    double alpha = 1.0;
    for (int j = 0; j < x.length; j++) {
      if (dx[j] < 0) {
        alpha = Math.min(alpha, -x[j] / dx[j]);
      }
    }
    return alpha;
  }

  /** The inner product of a and b. */
  static double dot(double[] a, double[] b) {
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  static double maxAbs(double[] a) {
    double max = 0.0;
    for (double x : a) {
      max = Math.max(max, Math.abs(x));
    }
    return max;
  }

  private record Step(double[] dv, double[] ds, double[] dz, double[] dlambda) {}
}
