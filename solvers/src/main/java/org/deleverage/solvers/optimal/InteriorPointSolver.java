package org.deleverage.solvers.optimal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.PlanAssembler;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.core.solve.SolverReport;
import org.deleverage.models.InvalidInputException;

/**
 * The exact optimiser: the loss-minimising plan of MODEL.md section 4, with every term and
 * constraint, for any number of assets and periods, with correlation.
 *
 * <p>Method. The coverage constraints are concave quadratics and the objective a convex one (on
 * instances that pass the {@link ConvexityCheck}), so the problem is a smooth convex program. A
 * primal-dual interior-point method ({@link InteriorPointMethod}) solves it directly, quadratic
 * constraints included, in the remaining units of each asset, where the Newton systems are block
 * tridiagonal over the periods ({@link NewtonSystem}). It runs twice: first for the largest
 * coverable shortfall S_max (maximise S such that the requirement with X_0 = -S holds); if the
 * shortfall is above it the result is {@link SolveResult.Infeasible}, with no plan; otherwise for
 * the plan. With order books the plan run follows a smoothing of their kinks that it tightens as
 * it converges; a run that stalls short of the certificate is repeated with a gentler and then a
 * steeper tightening (at most three runs, within the time limit), and the first certified plan
 * is returned.
 *
 * <p>Exactness. The plan is not taken on trust: the evaluator recomputes it, and an {@link
 * OptimalityCertificate} bounds its distance to the true optimum with the evaluator's gradients
 * and the coverage multipliers. The status is "optimal" only when that bound is within {@link
 * InteriorPointOptions#relativeGap()} (1e-8 relative by default); otherwise the solve fails and
 * says so. Dust (trades within 1e-9 Q of a bound) is set onto the bound by the {@link
 * DustCleaner} when the cleaned plan still passes the evaluator and the certificate.
 *
 * <p>The shadow price is mu = mu_deadline + sum_s phi_s mu_s: an extra unit of shortfall raises
 * the deadline's bound by one and step s's by phi_s. The hierarchy ranks assets by the marginal
 * objective per unit of excess freed by their first unit from the untouched book, which is the
 * price mu at which the optimum starts selling them as the shortfall grows from zero (exactly so
 * when correlation does not couple the assets).
 *
 * <p>Stateless and thread-safe; every run is bounded by {@link InteriorPointOptions}.
 */
public final class InteriorPointSolver implements DeleveragingSolver {

  /** The solver with the default options. */
  public static final InteriorPointSolver DEFAULT = new InteriorPointSolver(InteriorPointOptions.DEFAULTS);

  /** The solver's name. */
  public static final String NAME = "optimal";

  private final InteriorPointOptions options;

  /**
   * The solver with the given options.
   *
   * @param options the tolerances, limits and choices of the method
   */
  public InteriorPointSolver(InteriorPointOptions options) {
    this.options = options;
  }

  /**
   * The options.
   *
   * @return the options
   */
  public InteriorPointOptions options() {
    return options;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException naming the asset when the instance is not convex and the
   *     options do not allow a local solve
   */
  @Override
  public SolveResult solve(ResolvedProblem problem) {
    return solveEach(List.of(problem)).get(0);
  }

  /**
   * Solves problems that differ only in their shortfall (a sweep of the shortfall, as for a
   * cost curve), running the largest-coverable-shortfall run once, for the first, and only the
   * plan run for each. Each result is what {@link #solve} would return for its problem; its
   * iterations and time include the shared run's. The time limit of the options applies to the
   * whole sweep.
   *
   * @param problems the problems, all with the first's assets, horizon, objective and coverage
   *     rules (deadline, buffer, schedule): only the shortfall may differ
   * @return a result per problem, in order
   * @throws IllegalArgumentException if the problems differ in more than the shortfall
   * @throws InvalidInputException naming the asset when the instance is not convex and the
   *     options do not allow a local solve
   */
  public List<SolveResult> solveEach(List<ResolvedProblem> problems) {
    long start = System.nanoTime();
    long deadline = start + options.timeLimitMillis() * 1_000_000L;
    ResolvedProblem first = problems.get(0);
    for (ResolvedProblem other : problems) {
      if (!sameButShortfall(first, other)) {
        throw new IllegalArgumentException(
            "a sweep's problems may differ only in their shortfall");
      }
    }
    Optional<ConvexityCheck.Violation> nonConvex = ConvexityCheck.violation(first);
    if (nonConvex.isPresent() && !options.allowLocal()) {
      throw new InvalidInputException(
          "assets[" + nonConvex.get().asset() + "]", nonConvex.get().message());
    }
    boolean local = nonConvex.isPresent();

    Formulation capacity =
        new Formulation(first, Formulation.Goal.CAPACITY, options.factorSolve());
    InteriorPointMethod.Outcome widest =
        InteriorPointMethod.run(
            capacity, capacity.startingPoint(null), options.maxIterations(), deadline, local,
            InteriorPointMethod.SMOOTHING_STEP);
    List<SolveResult> results = new ArrayList<>();
    // A run that stalled at working precision still gives S_max to about 1e-9 of the money
    // scale, hence the slack of the verdict below.
    if (!widest.within(1e-9, 1e-8)) {
      for (int p = 0; p < problems.size(); p++) {
        results.add(failed("largest coverable shortfall: " + widest.reason(),
            widest.iterations(), start));
      }
      return results;
    }
    double maxCoverable = widest.point()[capacity.levelIndex()] * capacity.scale;
    long shared = System.nanoTime() - start;
    for (ResolvedProblem problem : problems) {
      // Each result's time is the shared run's and its own.
      results.add(plan(problem, widest, maxCoverable, capacity.scale, local, deadline,
          System.nanoTime() - shared));
    }
    return results;
  }

  /** Whether two problems differ at most in their shortfall. */
  private static boolean sameButShortfall(ResolvedProblem a, ResolvedProblem b) {
    DeleveragingProblem x = a.problem();
    DeleveragingProblem y = b.problem();
    return x.account().equals(y.account()) && x.assets().equals(y.assets())
        && x.dependence().equals(y.dependence()) && x.horizon().equals(y.horizon())
        && x.objective().equals(y.objective())
        && x.requirement().mode() == y.requirement().mode()
        && a.deadlineIndex() == b.deadlineIndex() && a.buffer() == b.buffer()
        && x.requirement().schedule().equals(y.requirement().schedule());
  }

  /** The plan run for one problem, given the largest coverable shortfall's run. */
  private SolveResult plan(
      ResolvedProblem problem, InteriorPointMethod.Outcome widest, double maxCoverable,
      double scale, boolean local, long deadline, long start) {
    int iterations = widest.iterations();
    if (problem.shortfall() > maxCoverable + 1e-8 * scale) {
      return new SolveResult.Infeasible(
          name(), problem.shortfall(), maxCoverable, iterations, SolverReport.millisSince(start));
    }
    Formulation plan = new Formulation(problem, Formulation.Goal.PLAN, options.factorSolve());
    double[] widestPlan = java.util.Arrays.copyOf(widest.point(), plan.variableCount);
    // An order book's smoothing is tightened along the way; when that stalls short of the
    // certificate, a gentler and then a steeper schedule are tried before giving up.
    double[] schedules =
        plan.smoothed()
            ? new double[] {InteriorPointMethod.SMOOTHING_STEP, 2.0, 5.0}
            : new double[] {InteriorPointMethod.SMOOTHING_STEP};
    SolveResult result = null;
    for (double schedule : schedules) {
      InteriorPointMethod.Outcome best =
          InteriorPointMethod.run(
              plan, plan.startingPoint(widestPlan), options.maxIterations(), deadline, local,
              schedule);
      iterations += best.iterations();
      result = planFrom(problem, plan, best, maxCoverable, scale, local, iterations, start);
      if (!(result instanceof SolveResult.Failed) || System.nanoTime() > deadline) {
        return result;
      }
    }
    return result;
  }

  /**
   * The plan of a run of the method, if the evaluator passes it and (for a convex instance) the
   * certificate proves it optimal or it sits at the largest coverable shortfall.
   */
  private SolveResult planFrom(
      ResolvedProblem problem,
      Formulation plan,
      InteriorPointMethod.Outcome best,
      double maxCoverable,
      double scale,
      boolean local,
      long iterations,
      long start) {
    // The certificate, not the stopping rule, decides optimality; a local solve needs at least
    // a point that is feasible and complementary to working precision.
    TradeTable table = plan.table(best.point());
    if (!Evaluator.DEFAULT.evaluate(problem, table).feasible()
        || (local && !best.within(1e-9, 1e-6))) {
      return failed("plan: " + best.reason(), iterations, start);
    }
    double[] mu = plan.problemDuals(best.coverageDuals());
    Formulation.LinearMultipliers multipliers = plan.linearMultipliers(best.linearDuals());
    Optional<TradeTable> clean = DustCleaner.clean(problem, table);
    if (clean.isPresent() && Evaluator.DEFAULT.evaluate(problem, clean.get()).feasible()
        && (local || relativeGap(problem, clean.get(), mu, multipliers)
            <= options.relativeGap())) {
      table = clean.get();
    }
    SolveStatus status = SolveStatus.LOCAL;
    if (!local) {
      double gap = relativeGap(problem, table, mu, multipliers);
      boolean atCapacity = problem.shortfall() >= maxCoverable - 1e-6 * scale;
      if (gap <= options.relativeGap()) {
        status = SolveStatus.OPTIMAL;
      } else if (atCapacity) {
        // At S_max the requirement leaves the plan no interior: multipliers need not exist and
        // no certificate can be had. The plan covers the shortfall; it is reported as such.
        status = SolveStatus.FEASIBLE;
      } else {
        return failed(
            "the plan is certified only within " + gap + " of the optimum (relative), above the"
                + " tolerance " + options.relativeGap() + " (" + best.reason() + ")",
            iterations,
            start);
      }
    }
    double shadowPrice = mu[0];
    for (int s = 0; s < problem.scheduleSize(); s++) {
      shadowPrice += problem.scheduleFraction(s) * mu[s + 1];
    }
    SolverReport report =
        new SolverReport(
            name(),
            status,
            OptionalDouble.of(maxCoverable),
            OptionalDouble.of(shadowPrice),
            iterations,
            SolverReport.millisSince(start));
    return PlanAssembler.DEFAULT.assemble(problem, table, cheapestFirst(problem), report);
  }

  /** The certified bound on how far {@code table} is from the optimum, over max(1, |f|). */
  private static double relativeGap(
      ResolvedProblem problem,
      TradeTable table,
      double[] mu,
      Formulation.LinearMultipliers multipliers) {
    double objective = Evaluator.DEFAULT.evaluate(problem, table).objective().total();
    return OptimalityCertificate.gap(problem, table, mu, multipliers)
        / Math.max(1.0, Math.abs(objective));
  }

  /** The assets by increasing marginal cost per unit of relief; those that free none last. */
  private static int[] cheapestFirst(ResolvedProblem problem) {
    double[] ratio = PlanAssembler.DEFAULT.marginalCostPerUnitRelief(problem);
    return IntStream.range(0, problem.assetCount())
        .boxed()
        .sorted(
            Comparator.<Integer>comparingDouble(
                    i -> Double.isNaN(ratio[i]) ? Double.POSITIVE_INFINITY : ratio[i])
                .thenComparingInt(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private SolveResult failed(String reason, long iterations, long start) {
    return new SolveResult.Failed(name(), reason, iterations, SolverReport.millisSince(start));
  }

}
