package org.deleverage.solvers.optimal;

import java.util.Optional;

/**
 * A primal-dual interior-point method with Mehrotra's predictor-corrector for the smooth convex
 * problem of a {@link Formulation}: minimise F(v) subject to g_j(v) >= 0, the linear
 * constraints and the concave coverage constraints. With slacks s and duals z it follows Newton's
 * method on the perturbed optimality conditions
 *
 * <pre>
 *   grad F - J' z = 0,    g(v) - s = 0,    s_j z_j = sigma mu
 * </pre>
 *
 * eliminating s and z so that each step solves (H + J' S^-1 Z J) dv = -r_d - J' S^-1 (r_c + Z r_p)
 * with the structured {@link NewtonSystem}. The start is strictly inside the linear constraints
 * (which then hold at every iterate) and may break the coverage constraints (their slack absorbs
 * the difference until it closes). Steps keep s and z positive (fraction to the boundary 0.995).
 * It stops when the residuals and the complementarity s'z are small against the objective's own
 * size, when the residuals stop falling (working precision), or at the iteration or time limit;
 * the caller judges the result by the evaluator and the optimality certificate.
 *
 * <p>Power-law impact needs nothing special: its cost is smooth and convex for n > 0 and the
 * barrier keeps every trade there, so the exact Hessian is used. An order book's cost is convex
 * but piecewise linear; the method works on its smooth upper approximation ({@link
 * KinkSmoothing}) with a width tied to the barrier parameter, tightened by at most a given factor
 * per step ({@value #SMOOTHING_STEP} by default; the solver retries a stalled run with other
 * factors), moving trades that sit at a kink along with it and keeping mu from running ahead of
 * it, until the smoothing changes the objective by less than {@value #SMOOTHING_FLOOR} of its
 * size; then the ordinary convergence takes over on that fixed smooth problem. Exactness for the
 * true, kinked cost is then a matter for the certificate, which bounds such costs by the convex
 * function itself ({@link OptimalityCertificate}).
 */
final class InteriorPointMethod {

  private static final double STEP_FRACTION = 0.995;
  private static final double SUFFICIENT_DECREASE = 1e-4;
  private static final int MAX_HALVINGS = 40;
  private static final double PRIMAL_TOLERANCE = 1e-10;
  private static final double DUAL_TOLERANCE = 1e-11;
  private static final double COMPLEMENTARITY_TOLERANCE = 1e-10;
  private static final double GAP_FLOOR = 1e-5;
  private static final double LOCAL_REGION = 1e-10;
  private static final int STALL_ITERATIONS = 15;
  private static final double STALL_FACTOR = 0.9;
  /** The default factor by which an order book's smoothing may tighten per step. */
  static final double SMOOTHING_STEP = 3.0;
  private static final double SMOOTHING_LAG = 10.0;
  private static final double SMOOTHING_FLOOR = 1e-10;

  /**
   * What a run ended with.
   *
   * @param converged whether the tolerances were met
   * @param point the last iterate v
   * @param coverageDuals z of the coverage constraints, in the objective's own units
   * @param linearDuals z of the linear constraints, scaled
   * @param iterations Newton steps taken
   * @param reason why it stopped, in words
   * @param primalResidual the largest |g(v) - s| at the point, scaled
   * @param relativeGap the complementarity s'z against |F| + 1e-5 at the point
   */
  record Outcome(
      boolean converged,
      double[] point,
      double[] coverageDuals,
      double[] linearDuals,
      int iterations,
      String reason,
      double primalResidual,
      double relativeGap) {

    /** Whether the point is feasible to {@code primal} and complementary to {@code gap}. */
    boolean within(double primal, double gap) {
      return converged || (primalResidual <= primal && relativeGap <= gap);
    }
  }

  private InteriorPointMethod() {}

  /**
   * Runs the method from {@code start}, which must be strictly inside the linear constraints.
   *
   * @param regularise whether to add to the diagonal until the Newton system is positive
   *     definite (a local solve of a non-convex instance); otherwise only a vanishing amount is
   *     tried before giving up
   * @param smoothingStep the largest factor by which an order book's smoothing tightens per
   *     step ({@value #SMOOTHING_STEP} by default)
   */
  static Outcome run(
      Formulation model, double[] start, int maxIterations, long deadlineNanos,
      boolean regularise, double smoothingStep) {
    int linear = model.linearA.length;
    int m = model.coverageCount();
    int p = linear + m;
    double[] v = start.clone();
    double[] s = new double[p];
    double[] z = new double[p];
    for (int j = 0; j < linear; j++) {
      s[j] = Math.max(model.linearValue(j, v), 1e-10);
      z[j] = 1.0;
    }
    // Order books are smoothed for the barrier parameter (Formulation#evaluate), starting wide.
    Formulation.Point point = model.evaluate(v, new double[m], 1.0);
    for (int c = 0; c < m; c++) {
      s[linear + c] = Math.max(point.coverage[c], 1e-2);
      z[linear + c] = 1.0;
    }
    boolean smoothed = model.smoothed();
    double smoothing = 1.0;
    double lastSize = 1.0;
    int iteration = 0;
    double bestMerit = Double.POSITIVE_INFINITY;
    int lastProgress = 0;
    Outcome best = null;
    while (true) {
      double[] coverageDuals = java.util.Arrays.copyOfRange(z, linear, p);
      double mu = dot(s, z) / Math.max(p, 1);
      // The order books' smoothing follows mu down, but by at most a factor smoothingStep per
      // step: a trade at a kink must follow its smoothed optimum, which moves with the width, and
      // from too far away the sharper curve looks flat to Newton's method.
      double floor = SMOOTHING_FLOOR * lastSize;
      double tighter = Math.max(Math.max(mu, floor), smoothing / smoothingStep);
      if (smoothed && tighter < smoothing) {
        follow(model, model.followKinks(v, smoothing, tighter), v, s, tighter);
      }
      smoothing = tighter;
      point = model.evaluate(v, coverageDuals, smoothing);
      double[] residualDual = dualResidual(model, point, z);
      double[] residualPrimal = new double[p];
      for (int j = 0; j < linear; j++) {
        residualPrimal[j] = model.linearValue(j, v) - s[j];
      }
      for (int c = 0; c < m; c++) {
        residualPrimal[linear + c] = point.coverage[c] - s[linear + c];
      }
      // Relative to the objective's own size: its gradient and value can be far below the
      // constraints' (costs of basis points against a shortfall of millions).
      double gradientSize =
          Math.max(maxAbs(point.objectiveGradient), maxAbs(transposeProduct(model, point, z)));
      boolean feasibleToTolerance =
          maxAbs(residualDual) <= DUAL_TOLERANCE * gradientSize
              && maxAbs(residualPrimal) <= PRIMAL_TOLERANCE;
      double size = Math.abs(point.objective) + GAP_FLOOR;
      double primal = maxAbs(residualPrimal);
      double gap = dot(s, z) / size;
      // Close to the solution Newton's method converges on its own and the merit, dominated by
      // round-off there, would only hold it back: no line search below this.
      boolean local =
          maxAbs(residualDual) <= LOCAL_REGION * gradientSize
              && maxAbs(residualPrimal) <= LOCAL_REGION;
      lastSize = size;
      boolean tightening = smoothed && smoothing > Math.max(SMOOTHING_LAG * mu, floor);
      if (feasibleToTolerance && gap <= COMPLEMENTARITY_TOLERANCE && !tightening) {
        return new Outcome(true, v, coverageDuals, linearDuals(z, linear), iteration, "converged",
            primal, gap);
      }
      double currentMerit = merit(residualDual, residualPrimal, s, z);
      if (currentMerit < bestMerit) {
        best = new Outcome(false, v.clone(), coverageDuals, linearDuals(z, linear), iteration, "",
            primal, gap);
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
                  : System.nanoTime() > deadlineNanos ? "time limit reached" : null;
      if (stop != null) {
        return new Outcome(
            false, best.point(), best.coverageDuals(), best.linearDuals(), iteration, stop,
            best.primalResidual(), best.relativeGap());
      }
      Optional<NewtonSystem> system = factor(model, point, s, z, regularise);
      if (system.isEmpty()) {
        return new Outcome(
            false, v, coverageDuals, linearDuals(z, linear), iteration,
            "the Newton system is not positive definite (the instance is not convex)", primal,
            gap);
      }
      iteration++;

      double[] complementarity = new double[p];
      for (int j = 0; j < p; j++) {
        complementarity[j] = s[j] * z[j];
      }
      Step affine;
      Step combined;
      try {
        affine = step(model, point, system.get(), s, z, residualDual, residualPrimal,
            complementarity);
        double alphaAffine = Math.min(maxStep(s, affine.ds), maxStep(z, affine.dz));
        double muAffine = 0.0;
        for (int j = 0; j < p; j++) {
          muAffine += (s[j] + alphaAffine * affine.ds[j]) * (z[j] + alphaAffine * affine.dz[j]);
        }
        muAffine /= Math.max(p, 1);
        double sigma = Math.pow(muAffine / mu, 3);
        // While an order book's smoothing is still tightening, mu may not run ahead of it: a
        // trade at a kink can only follow the smoothing from strictly inside its bounds.
        double target =
            Math.max(sigma * mu, tightening ? smoothing / (smoothingStep * SMOOTHING_LAG) : 0.0);
        for (int j = 0; j < p; j++) {
          complementarity[j] = s[j] * z[j] + affine.ds[j] * affine.dz[j] - target;
        }
        combined = step(model, point, system.get(), s, z, residualDual, residualPrimal,
            complementarity);
      } catch (ArithmeticException singular) {
        return new Outcome(
            false, best.point(), best.coverageDuals(), best.linearDuals(), iteration,
            "singular Newton system at working precision", best.primalResidual(),
            best.relativeGap());
      }
      double alpha =
          Math.min(1.0, STEP_FRACTION * Math.min(maxStep(s, combined.ds), maxStep(z, combined.dz)));
      // The coverage constraints are curved, so a full step can overshoot them and the plain
      // predictor-corrector can cycle: backtrack until the residuals fall (a merit function).
      double merit = merit(residualDual, residualPrimal, s, z);
      double[] trialV = new double[v.length];
      double[] trialS = new double[p];
      double[] trialZ = new double[p];
      for (int halving = 0; ; halving++) {
        for (int i = 0; i < v.length; i++) {
          trialV[i] = v[i] + alpha * combined.dv[i];
        }
        for (int j = 0; j < p; j++) {
          trialS[j] = s[j] + alpha * combined.ds[j];
          trialZ[j] = z[j] + alpha * combined.dz[j];
        }
        if (local
            || halving >= MAX_HALVINGS
            || merit(model, trialV, trialS, trialZ, smoothing)
                <= (1 - SUFFICIENT_DECREASE * alpha) * merit) {
          break;
        }
        alpha /= 2;
      }
      System.arraycopy(trialV, 0, v, 0, v.length);
      System.arraycopy(trialS, 0, s, 0, p);
      System.arraycopy(trialZ, 0, z, 0, p);
    }
  }

  /**
   * Moves v to {@code moved} if every constraint stays strictly satisfied, shifting the slacks by
   * the change (the coverage constraints' at the smoothing {@code mu} about to be used) so that
   * the primal residuals stay as they were: a move that opened a residual would throw the
   * iterate back by as much, and a trade next to a kink would move again at the next tightening.
   */
  private static void follow(
      Formulation model, double[] moved, double[] v, double[] s, double mu) {
    if (moved == v) {
      return;
    }
    int linear = model.linearA.length;
    double[] shifted = new double[s.length];
    for (int j = 0; j < linear; j++) {
      double after = model.linearValue(j, moved);
      shifted[j] = s[j] + after - model.linearValue(j, v);
      if (!(after > 0) || !(shifted[j] > 0)) {
        return;
      }
    }
    double[] before = model.evaluate(v, null, mu).coverage;
    double[] after = model.evaluate(moved, null, mu).coverage;
    for (int c = 0; c < before.length; c++) {
      shifted[linear + c] = s[linear + c] + after[c] - before[c];
      if (!(shifted[linear + c] > 0)) {
        return;
      }
    }
    System.arraycopy(shifted, 0, s, 0, s.length);
    System.arraycopy(moved, 0, v, 0, v.length);
  }

  private static double[] linearDuals(double[] z, int linear) {
    return java.util.Arrays.copyOf(z, linear);
  }

  /**
   * ||r_d||^2 + ||r_p||^2 + ||s z||^2 at a trial point, with order books smoothed for the
   * barrier parameter {@code mu} of the step.
   */
  private static double merit(
      Formulation model, double[] v, double[] s, double[] z, double mu) {
    int linear = model.linearA.length;
    int p = s.length;
    Formulation.Point point = model.evaluate(v, null, mu);
    double[] residualPrimal = new double[p];
    for (int j = 0; j < linear; j++) {
      residualPrimal[j] = model.linearValue(j, v) - s[j];
    }
    for (int c = 0; c < p - linear; c++) {
      residualPrimal[linear + c] = point.coverage[c] - s[linear + c];
    }
    return merit(dualResidual(model, point, z), residualPrimal, s, z);
  }

  private static double merit(double[] dual, double[] primal, double[] s, double[] z) {
    double sum = dot(dual, dual) + dot(primal, primal);
    for (int j = 0; j < s.length; j++) {
      sum += s[j] * z[j] * s[j] * z[j];
    }
    return sum;
  }

  private static Optional<NewtonSystem> factor(
      Formulation model, Formulation.Point point, double[] s, double[] z, boolean regularise) {
    Optional<NewtonSystem> system = NewtonSystem.factor(model, point, s, z, 0.0);
    double delta = 1e-14;
    double limit = regularise ? 1e6 : 1e-8;
    while (system.isEmpty() && delta <= limit) {
      system = NewtonSystem.factor(model, point, s, z, delta);
      delta *= 100;
    }
    return system;
  }

  /**
   * The direction (dv, ds, dz) for the complementarity residual r_c: the linear constraints
   * eliminated, dz_lin = -S^-1 (r_c + Z ds), the coverage constraints kept in the augmented rows
   * U' dv + (S/Z) dz_c = -r_c / z - r_p.
   */
  private static Step step(
      Formulation model,
      Formulation.Point point,
      NewtonSystem system,
      double[] s,
      double[] z,
      double[] residualDual,
      double[] residualPrimal,
      double[] complementarity) {
    int p = s.length;
    int linear = model.linearA.length;
    int m = p - linear;
    double[] scaled = new double[p];
    for (int j = 0; j < linear; j++) {
      scaled[j] = (complementarity[j] + z[j] * residualPrimal[j]) / s[j];
    }
    double[] rhs = transposeProduct(model, point, scaled);
    for (int i = 0; i < rhs.length; i++) {
      rhs[i] = -residualDual[i] - rhs[i];
    }
    double[] q = new double[m];
    double[] d = new double[m];
    for (int c = 0; c < m; c++) {
      int j = linear + c;
      q[c] = -complementarity[j] / z[j] - residualPrimal[j];
      d[c] = s[j] / z[j];
    }
    double[] solution = system.solve(rhs, q, d);
    double[] dv = java.util.Arrays.copyOf(solution, model.variableCount);
    double[] ds = product(model, point, dv);
    double[] dz = new double[p];
    for (int j = 0; j < p; j++) {
      ds[j] += residualPrimal[j];
      dz[j] =
          j < linear
              ? -(complementarity[j] + z[j] * ds[j]) / s[j]
              : solution[model.variableCount + j - linear];
    }
    return new Step(dv, ds, dz);
  }

  /** grad F - J' z, zero on pinned variables. */
  private static double[] dualResidual(Formulation model, Formulation.Point point, double[] z) {
    double[] residual = transposeProduct(model, point, z);
    for (int i = 0; i < residual.length; i++) {
      residual[i] = model.pinned[i] ? 0.0 : point.objectiveGradient[i] - residual[i];
    }
    return residual;
  }

  /** J' w: the constraint gradients weighted by w, zero on pinned variables. */
  private static double[] transposeProduct(
      Formulation model, Formulation.Point point, double[] w) {
    double[] result = new double[model.variableCount];
    int linear = model.linearA.length;
    for (int j = 0; j < linear; j++) {
      if (model.linearA[j] >= 0) {
        result[model.linearA[j]] += model.linearCa[j] * w[j];
      }
      if (model.linearB[j] >= 0) {
        result[model.linearB[j]] += model.linearCb[j] * w[j];
      }
    }
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
    int linear = model.linearA.length;
    double[] result = new double[linear + model.coverageCount()];
    for (int j = 0; j < linear; j++) {
      double value = 0.0;
      if (model.linearA[j] >= 0) {
        value += model.linearCa[j] * dv[model.linearA[j]];
      }
      if (model.linearB[j] >= 0) {
        value += model.linearCb[j] * dv[model.linearB[j]];
      }
      result[j] = value;
    }
    for (int c = 0; c < model.coverageCount(); c++) {
      result[linear + c] = dot(point.coverageGradient[c], dv);
    }
    return result;
  }

  /** The largest alpha in (0, 1] with x + alpha dx >= 0. */
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

  private static double maxAbs(double[] a) {
    double max = 0.0;
    for (double x : a) {
      max = Math.max(max, Math.abs(x));
    }
    return max;
  }

  private record Step(double[] dv, double[] ds, double[] dz) {}
}
