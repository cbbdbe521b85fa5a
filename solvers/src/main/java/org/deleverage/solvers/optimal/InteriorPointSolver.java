package org.deleverage.solvers.optimal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleUnaryOperator;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.internal.PlanAssembler;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.core.solve.SolverReport;
import org.deleverage.models.TransientImpact;
import org.deleverage.models.numerics.Univariate;

/**
 * The exact optimiser: the loss-minimising plan of MODEL.md section 4, with every term and
 * constraint, for any number of assets and periods, with correlation.
 *
 * <p>Method. The coverage constraints are concave and the objective convex (on instances that pass
 * the {@link ConvexityCheck}), so the problem is a smooth convex program once each order book's
 * piecewise-linear cost is written with one variable per level and period ({@link
 * OrderBookLevels}). A primal-dual interior-point method ({@link InteriorPointMethod}, Mehrotra
 * 1992) solves it directly, quadratic constraints included, in the remaining units of each asset,
 * where the Newton systems are block tridiagonal over the periods ({@link NewtonSystem}). An
 * active-set finish ({@link ActiveSetFinish}, after OSQP's solution polishing) then solves the
 * optimality conditions on the active bounds and coverage constraints to working precision, so
 * trades on a bound come back exactly on it, with exact multipliers. The pipeline runs twice:
 * first for the widest plan, which gives the largest coverable shortfall S_max (maximise S such
 * that the requirement with X_0 = -S holds) and, for an account that starts with excess X_0 &gt; 0
 * and a schedule, the largest fall of X_0 the requirement allows; a requirement beyond that is
 * {@link SolveResult.Infeasible}, with no plan; otherwise for the plan. A requirement exactly at
 * the edge (S = S_max) leaves the plan no interior: the widest plan is then the plan, certified
 * with large multipliers, and its shadow price is reported as absent (unbounded).
 *
 * <p>Scaling ({@link Formulation}). The method works on order-one numbers: the variables are the
 * fractions y = r / Q of each position still held, in [0, 1]; the coverage constraints are
 * divided by the money scale M (the shortfall, the buffer or the largest position's value,
 * whichever is largest, at least 1); the plan's objective is divided by M s, where the objective
 * scale s = max(1, |grad (f / M)|_inf / 100) at the starting point (gradient-based scaling after
 * Waechter and Biegler, Math. Program. 106, 2006, section 3.8), so that a risk or a cost many
 * orders of magnitude above the money at stake does not swamp the constraints. The multipliers
 * are multiplied back (z s for a coverage row, z M s / Q for a linear one) before the {@link
 * OptimalityCertificate}, which, like the evaluator, works in the problem's own units. Inputs
 * whose risk term would overflow double precision are refused by the problem's validation.
 *
 * <p>Two shortcuts change the cost, not the result. A problem whose assets nothing couples (no
 * correlation in the risk, or no risk aversion), with linear impact and no schedule, is solved
 * by the {@link SeparablePath}: a search over the one coverage multiplier, each asset's program
 * solved exactly on its own, no interior-point run at all, half the assets of a large book on
 * the common fork-join pool; it falls back to the method above at S_max and wherever its plan is
 * not certified. Otherwise a single solve makes its two runs at once, the S_max run on the
 * common fork-join pool ({@link InteriorPointOptions#concurrentRuns()}).
 *
 * <p>Exactness. The plan is not taken on trust: the evaluator recomputes it, and an {@link
 * OptimalityCertificate} bounds its distance to the true optimum with the evaluator's gradients
 * and the coverage multipliers. The status is "optimal" only when that bound is within {@link
 * InteriorPointOptions#relativeGap()} (1e-8 relative by default); the finished plan is judged
 * first and the interior-point plan second, and when neither is certified the solve fails and
 * says so.
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

  /** The solver's name. */
  public static final String NAME = "optimal";

  /**
   * The largest dense block the Newton system of an instance with a transient asset may factor
   * (MODEL.md section 9.1): the periods N when no risk couples the assets (a block per transient
   * asset), the trade variables f N (movable assets times periods) when it does (the matrix
   * whole). 2,000 variables are a 32 MB matrix and about 3e9 operations a step. A larger
   * instance fails with this reason rather than run for hours.
   */
  public static final int MAX_TRANSIENT_VARIABLES = 2_000;

  private final InteriorPointOptions options;

  /**
   * The solver with the given options; {@link org.deleverage.solvers.Solvers#optimal()} is the one
   * with the default options.
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
  @Override
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
    SolveResult[] results = new SolveResult[problems.size()];
    String tooLarge = transientLimit(first);
    if (tooLarge != null) {
      for (int p = 0; p < problems.size(); p++) {
        results[p] = failed(tooLarge, 0, start);
      }
      return List.of(results);
    }
    Optional<SeparablePath> separable =
        options.separable() && !local ? SeparablePath.of(first) : Optional.empty();
    List<Integer> general = new ArrayList<>();
    for (int p = 0; p < problems.size(); p++) {
      results[p] = separable.isPresent() ? separable(problems.get(p), separable.get()) : null;
      if (results[p] == null) {
        general.add(p);
      }
    }
    if (general.isEmpty()) {
      return List.of(results);
    }
    long generalStart = System.nanoTime();
    if (general.size() == 1 && options.concurrentRuns()) {
      int p = general.get(0);
      results[p] = concurrently(problems.get(p), local, deadline, generalStart);
      return List.of(results);
    }
    Widest sMax = widest(first, Formulation.Goal.MAX_COVERABLE, local, deadline);
    if (sMax.failure() != null) {
      for (int p : general) {
        results[p] = failed("largest coverable shortfall: " + sMax.failure(),
            sMax.iterations(), generalStart);
      }
      return List.of(results);
    }
    long shared = System.nanoTime() - generalStart;
    for (int p : general) {
      // Each result's time is the shared run's and its own.
      results[p] =
          plan(problems.get(p), sMax, local, deadline, System.nanoTime() - shared, null);
    }
    return List.of(results);
  }

  /**
   * One problem by the general method with its two runs at once: the S_max run is offered to
   * the common fork-join pool while this thread makes the plan run ({@link Offloaded}). When the S_max run shows the shortfall to be
   * above S_max's upper bound, the plan run is stopped. The result is the one the two runs give
   * one after the other: neither depends on the other.
   */
  private SolveResult concurrently(
      ResolvedProblem problem, boolean local, long deadline, long start) {
    AtomicBoolean hopeless = new AtomicBoolean();
    boolean healthy = problem.initialExcess() > -problem.shortfall();
    Offloaded<Widest> maxCoverableRun = new Offloaded<>(() -> {
      Widest sMax = widest(problem, Formulation.Goal.MAX_COVERABLE, local, deadline);
      hopeless.set(sMax.failure() != null
          || (!healthy && problem.shortfall() > sMax.upper() + 1e-12 * sMax.scale()));
      return sMax;
    }, true);
    PlanRun planned = planRun(problem, local, deadline, hopeless::get);
    Widest sMax;
    try {
      sMax = maxCoverableRun.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted while the largest coverable shortfall was computed",
          planned.iterations(), start);
    }
    if (sMax.failure() != null) {
      return failed("largest coverable shortfall: " + sMax.failure(),
          sMax.iterations() + planned.iterations(), start);
    }
    return plan(problem, sMax, local, deadline, start, planned);
  }

  /**
   * The plan by the {@link SeparablePath}, certified like any other; or null when the general
   * method must run instead: the shortfall is at S_max, or the plan is not certified (which the
   * derivation rules out, but the certificate, not the derivation, is the judge).
   */
  private SolveResult separable(ResolvedProblem problem, SeparablePath path) {
    long start = System.nanoTime();
    SeparablePath.Outcome outcome = path.solve(problem, options.concurrentRuns());
    double maxCoverable = path.maxCoverable();
    switch (outcome.kind()) {
      case INFEASIBLE:
        return Evaluator.DEFAULT.evaluate(problem, path.widestTable()).feasible()
            ? null
            : new SolveResult.Infeasible(name(), problem.shortfall(), maxCoverable,
                outcome.evaluations(), SolverReport.millisSince(start));
      case PLAN:
        Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, outcome.table());
        double[] mu = {outcome.multiplier().getAsDouble()};
        if (evaluation.feasible()
            && relativeGap(problem, evaluation, mu, zeroMultipliers(problem))
                <= options.relativeGap()) {
          return assembled(problem, evaluation, SolveStatus.OPTIMAL, maxCoverable,
              OptionalDouble.of(shadowPrice(problem, mu)), outcome.evaluations(), start);
        }
        return null;
      default:
        return null;
    }
  }

  /**
   * The widest plan of an S_max or headroom goal: the level it proves in money (S_max, or the
   * largest fall of a healthy account's excess), an upper bound on the true level from its
   * multipliers, the point and its multipliers; or why the run failed.
   *
   * @param value the level the plan reaches, money: a lower bound on the true one
   * @param upper an upper bound on the true level, money ({@link
   *     OptimalityCertificate#maxCoverableBound}); infinite if none is known
   * @param point the exact formulation's variables (y, then t)
   * @param duals the multipliers of the problem's coverage constraints (deadline first)
   * @param table the trade table at the point
   * @param scale the money scale M
   * @param iterations Newton steps, interior-point and finish
   * @param finished the active-set finish, when its point is the one kept
   * @param failure why the run failed, or null
   */
  private record Widest(
      double value, double upper, double[] point, double[] duals, TradeTable table,
      double scale, int iterations, Optional<ActiveSetFinish.Finished> finished, String failure) {}

  /**
   * Runs {@code goal} (S_max or headroom): the interior-point method on the formulation with
   * level variables, then the active-set finish on the exact one. Each point proves the level it
   * reaches (a plan in the limits that covers t S_max-wise proves S_max &gt;= t), and the better
   * one is kept; its multipliers bound the true level from above. The run fails when the method
   * stopped short of its tolerances and the two bounds are not within 1e-9 of the money scale.
   */
  private Widest widest(
      ResolvedProblem problem, Formulation.Goal goal, boolean local, long deadline) {
    Formulation levelled = new Formulation(problem, goal, options.factorSolve(), true);
    Formulation exact = new Formulation(problem, goal, options.factorSolve(), false);
    InteriorPointMethod.Outcome outcome =
        InteriorPointMethod.run(levelled, levelled.startingPoint(), options.maxIterations(),
            deadline, local);
    boolean headroom = goal == Formulation.Goal.HEADROOM;
    if (!outcome.within(1e-6, 1e-4)) {
      return new Widest(0, Double.POSITIVE_INFINITY, null, null, null, exact.scale,
          outcome.iterations(), Optional.empty(), outcome.reason());
    }
    int linear = levelled.linear.length;
    double[] point = Arrays.copyOf(outcome.point(), exact.variableCount);
    double[] duals = levelled.problemDuals(outcome.coverageDuals(linear));
    TradeTable table = exact.table(point);
    double level = provenLevel(exact, point);
    double upper = OptimalityCertificate.maxCoverableBound(problem, table, duals, headroom);
    int iterations = outcome.iterations();
    Optional<ActiveSetFinish.Finished> kept = Optional.empty();
    Optional<ActiveSetFinish.Finished> finished =
        local ? Optional.empty() : ActiveSetFinish.finish(levelled, exact, outcome);
    if (finished.isPresent()) {
      iterations += finished.get().newtonSteps();
      double[] candidate = finished.get().point();
      TradeTable candidateTable = ActiveSetFinish.table(exact, finished.get());
      double[] candidateDuals =
          exact.problemDuals(finished.get().coverageDuals());
      upper = Math.min(upper,
          OptimalityCertificate.maxCoverableBound(problem, candidateTable, candidateDuals,
              headroom));
      double candidateLevel = provenLevel(exact, candidate);
      // The finished point is preferred unless the interior point proves more than rounding.
      if (candidateLevel >= level - 1e-12 * Math.max(1.0, Math.abs(level))) {
        point = candidate;
        duals = candidateDuals;
        table = candidateTable;
        level = candidateLevel;
        kept = finished;
      }
    }
    // A run that stalled at working precision is trusted where its level is certified.
    if (!outcome.within(1e-9, 1e-8) && !(upper - level * exact.scale <= 1e-9 * exact.scale)) {
      return new Widest(0, Double.POSITIVE_INFINITY, null, null, null, exact.scale, iterations,
          Optional.empty(), outcome.reason());
    }
    return new Widest(level * exact.scale, Math.max(upper, level * exact.scale), point, duals,
        table, exact.scale, iterations, kept, null);
  }

  /**
   * The level a point of a S_max or headroom formulation proves: the least over the rows of
   * what each covers, t + G_c / slope_c (its own t where no row has a slope).
   */
  private static double provenLevel(Formulation exact, double[] point) {
    double level = Double.POSITIVE_INFINITY;
    double[] coverage = exact.evaluate(point, null).coverage;
    for (int c = 0; c < coverage.length; c++) {
      double slope = exact.coverageRows().slope(c);
      if (slope > 0) {
        level = Math.min(level, point[exact.levelIndex()] + coverage[c] / slope);
      }
    }
    return Double.isInfinite(level) ? point[exact.levelIndex()] : level;
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

  /**
   * The plan for one problem, given the S_max run and, when it ran alongside, the plan run
   * (null when it did not: it then runs here, once the problem is known to be feasible).
   */
  private SolveResult plan(
      ResolvedProblem problem, Widest sMax, boolean local, long deadline, long start,
      PlanRun planned) {
    int iterations = sMax.iterations();
    double maxCoverable = sMax.value();
    Widest widest = sMax;
    double scale = sMax.scale();
    boolean healthy = problem.initialExcess() > -problem.shortfall();
    boolean atMaxCoverable;
    if (healthy) {
      // An account with excess X_0 > 0 and no shortfall given: the requirement holds when X_0
      // covers the largest fall of the excess that the constraints allow (with no schedule that
      // is S_max itself).
      if (problem.scheduleSize() > 0) {
        widest = widest(problem, Formulation.Goal.HEADROOM, local, deadline);
        iterations += widest.iterations();
        if (widest.failure() != null) {
          return failed("headroom: " + widest.failure(), iterations, start);
        }
      }
      double margin = problem.initialExcess() + widest.value();
      atMaxCoverable = margin <= 1e-12 * scale;
      // Infeasible only when even the upper bound on the headroom falls short.
      if (problem.initialExcess() + widest.upper() < -1e-12 * scale
          && !Evaluator.DEFAULT.evaluate(problem, widest.table()).feasible()) {
        return new SolveResult.Infeasible(name(), problem.shortfall(), maxCoverable, iterations,
            SolverReport.millisSince(start));
      }
    } else {
      atMaxCoverable = problem.shortfall() >= maxCoverable - 1e-12 * scale;
      // Infeasible only when the shortfall is above the upper bound on S_max, so that a
      // feasible instance is never called infeasible.
      if (problem.shortfall() > sMax.upper() + 1e-12 * scale
          && !Evaluator.DEFAULT.evaluate(problem, widest.table()).feasible()) {
        return new SolveResult.Infeasible(name(), problem.shortfall(), maxCoverable, iterations,
            SolverReport.millisSince(start));
      }
    }
    PlanRun run = planned == null || planned.cancelled()
        ? planRun(problem, local, deadline, () -> false) : planned;
    iterations += run.iterations();
    InteriorPointMethod.Outcome outcome = run.outcome();
    List<Candidate> candidates = run.candidates();
    if (local) {
      TradeTable table = candidates.get(0).table();
      if (!Evaluator.DEFAULT.evaluate(problem, table).feasible() || !outcome.within(1e-9, 1e-6)) {
        return failed("plan: " + outcome.reason(), iterations, start);
      }
      return assembled(problem, Evaluator.DEFAULT.evaluate(problem, table), SolveStatus.LOCAL,
          maxCoverable,
          OptionalDouble.of(shadowPrice(problem, candidates.get(0).mu())), iterations, start);
    }
    double best = Double.POSITIVE_INFINITY;
    for (Candidate candidate : candidates) {
      Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, candidate.table());
      if (!evaluation.feasible()) {
        continue;
      }
      double gap = relativeGap(problem, evaluation, candidate.mu(), candidate.linear());
      best = Math.min(best, gap);
      if (gap <= options.relativeGap()) {
        return assembled(problem, evaluation, SolveStatus.OPTIMAL, maxCoverable,
            atMaxCoverable ? OptionalDouble.empty()
                : OptionalDouble.of(shadowPrice(problem, candidate.mu())),
            iterations, start);
      }
    }
    if (atMaxCoverable) {
      return atMaxCoverable(problem, widest, candidates, maxCoverable, iterations, start);
    }
    return failed(
        Double.isInfinite(best)
            ? "plan: no plan that passes the evaluator (" + outcome.reason() + ")"
            : Double.isNaN(best)
            ? "plan: the certificate's bound is not a number, its terms overflow double precision"
                + " (" + outcome.reason() + ")"
            : "the plan is certified only within " + best + " of the optimum (relative), above"
                + " the tolerance " + options.relativeGap() + " (" + outcome.reason() + ")",
        iterations,
        start);
  }

  /**
   * The plan run of one problem: the interior-point method on the formulation with level
   * variables, then the active-set finish on the exact one; the candidate plans with their
   * multipliers (the finished plan first), the outcome and the Newton steps. It needs nothing of
   * the S_max run, so the two can run at once; {@code cancelled} stops it early (the run then
   * says so, and is redone if its plan is needed after all).
   */
  private PlanRun planRun(
      ResolvedProblem problem, boolean local, long deadline, BooleanSupplier cancelled) {
    Formulation levelled = new Formulation(problem, Formulation.Goal.PLAN, options.factorSolve());
    Formulation exact =
        new Formulation(problem, Formulation.Goal.PLAN, options.factorSolve(), false);
    InteriorPointMethod.Outcome outcome =
        InteriorPointMethod.run(
            levelled, levelled.startingPoint(),
            options.maxIterations(), deadline, local, cancelled);
    if (cancelled.getAsBoolean()) {
      return new PlanRun(outcome, List.of(), outcome.iterations(), true);
    }
    int iterations = outcome.iterations();
    int linear = levelled.linear.length;
    double[] interiorMu = levelled.problemDuals(outcome.coverageDuals(linear));
    Formulation.LinearMultipliers interiorLinear =
        levelled.linearMultipliers(outcome.linearDuals(linear));
    List<Candidate> candidates = new ArrayList<>();
    if (!local && outcome.within(1e-6, 1e-4)) {
      Optional<ActiveSetFinish.Finished> finished =
          ActiveSetFinish.finish(levelled, exact, outcome);
      if (finished.isPresent()) {
        iterations += finished.get().newtonSteps();
        TradeTable table = ActiveSetFinish.table(exact, finished.get());
        candidates.add(new Candidate(table,
            exact.problemDuals(finished.get().coverageDuals()),
            zeroMultipliers(problem)));
        // Where every trade the coverage rows could move is fixed, the finish's Newton solve does
        // not determine their multipliers; the interior point's then serve the exact plan.
        candidates.add(new Candidate(table, interiorMu, interiorLinear));
      }
    }
    candidates.add(new Candidate(levelled.table(outcome.point()), interiorMu, interiorLinear));
    return new PlanRun(outcome, candidates, iterations, false);
  }

  /**
   * A plan run's result.
   *
   * @param outcome the interior-point method's outcome
   * @param candidates the plans to certify, best first
   * @param iterations Newton steps, interior-point and finish
   * @param cancelled whether the run was stopped before its end
   */
  private record PlanRun(
      InteriorPointMethod.Outcome outcome, List<Candidate> candidates, int iterations,
      boolean cancelled) {}

  /** A plan with multipliers for the certificate. */
  private record Candidate(
      TradeTable table, double[] mu, Formulation.LinearMultipliers linear) {}

  /**
   * The plan when the requirement is exactly at the edge of what can be covered (S = S_max, or a
   * healthy account whose excess is exactly used up) and the plan run's multipliers do not
   * certify it: the requirement then leaves no interior and its shadow price is unbounded. Each
   * feasible plan (the plan run's, the widest one, and the widest one with the trades the
   * requirement leaves free set by the objective) is certified with multipliers in the direction
   * of its run's and of every size over 24 orders of magnitude (a large multiplier on the
   * requirement is what a certificate needs at the edge, see {@link OptimalityCertificate}), and
   * the best is kept: "optimal" when its bound is within the tolerance, else "feasible". The
   * shadow price is reported as absent.
   */
  private SolveResult atMaxCoverable(
      ResolvedProblem problem, Widest widest, List<Candidate> planned, double maxCoverable,
      int iterations, long start) {
    List<Candidate> candidates = new ArrayList<>(planned);
    if (widest.finished().isPresent()) {
      // The plan's own optimality conditions on the widest plan's active set: the trades it
      // fixed stay fixed, the requirement is an equality, and the trades it leaves free (those
      // the requirement does not reach, after the deadline, among them) are set by the objective.
      ActiveSetFinish.Finished edge = widest.finished().get();
      Formulation exact =
          new Formulation(problem, Formulation.Goal.PLAN, options.factorSolve(), false);
      CoverageRows rows = exact.coverageRows();
      double[] mu = rows.keptDuals(widest.duals());
      int reach = -1;
      for (int c = 0; c < mu.length; c++) {
        if (mu[c] > 0) {
          reach = Math.max(reach, rows.period(c));
        }
      }
      // Where the excess is strictly concave in a trade the requirement reaches, the widest
      // plan's trade is the only one that reaches S_max: it is fixed too. What is left free (a
      // trade after the requirement's last period, or one the excess does not change) is set
      // by the objective, with the requirement met by construction.
      double[][] fixed = new double[exact.blockSize()][];
      double[][] widestTrades = widest.table().toArray();
      for (int a = 0; a < exact.blockSize(); a++) {
        fixed[a] = edge.fixed()[a].clone();
        int i = exact.asset(a);
        for (int k = 0; k <= reach; k++) {
          if (Double.isNaN(fixed[a][k])
              && OptimalityCertificate.coverageCurvature(problem, i, reach) > 0) {
            fixed[a][k] = widestTrades[i][k];
          }
        }
      }
      Optional<ActiveSetFinish.Finished> polished = ActiveSetFinish.polish(exact,
          Arrays.copyOf(widest.point(), exact.variableCount), new double[mu.length], fixed,
          edge.terminal(), new boolean[mu.length]);
      if (polished.isPresent()) {
        iterations += polished.get().newtonSteps();
        candidates.add(new Candidate(ActiveSetFinish.table(exact, polished.get()),
            widest.duals(), zeroMultipliers(problem)));
      }
    }
    candidates.add(new Candidate(widest.table(), widest.duals(), zeroMultipliers(problem)));
    Formulation.LinearMultipliers none = zeroMultipliers(problem);
    Evaluation chosen = null;
    double chosenObjective = Double.POSITIVE_INFINITY;
    double best = Double.POSITIVE_INFINITY;
    for (Candidate candidate : candidates) {
      TradeTable table = candidate.table();
      Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, table);
      if (!evaluation.feasible()) {
        continue;
      }
      // The multipliers' direction from the run, their size scanned over 24 orders of
      // magnitude: every choice gives a valid bound, and the best is kept.
      double largest = 0.0;
      for (double value : candidate.mu()) {
        largest = Math.max(largest, value);
      }
      double[] direction = new double[candidate.mu().length];
      for (int c = 0; c < direction.length; c++) {
        direction[c] = largest > 0 ? Math.max(0.0, candidate.mu()[c]) / largest : 1.0;
      }
      double objective = evaluation.objective().total();
      DoubleUnaryOperator bound = power -> {
        double[] mu = direction.clone();
        for (int c = 0; c < mu.length; c++) {
          mu[c] *= Math.pow(10, power);
        }
        return relativeGap(problem, evaluation, mu, none);
      };
      double gap = Double.POSITIVE_INFINITY;
      double bestPower = 0;
      for (int power = -8; power <= 16 && gap > options.relativeGap(); power++) {
        double value = bound.applyAsDouble(power);
        if (value < gap) {
          gap = value;
          bestPower = power;
        }
      }
      if (gap > options.relativeGap() && Double.isFinite(gap)) {
        double refined =
            Univariate.argmax(power -> -bound.applyAsDouble(power), bestPower - 1, bestPower + 1);
        gap = Math.min(gap, bound.applyAsDouble(refined));
      }
      if (gap < best || (gap == best && objective < chosenObjective)) {
        best = gap;
        chosen = evaluation;
        chosenObjective = objective;
      }
    }
    if (chosen == null) {
      return failed("at the largest coverable shortfall: no plan passes the evaluator",
          iterations, start);
    }
    SolveStatus status = best <= options.relativeGap() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
    return assembled(problem, chosen, status, maxCoverable, OptionalDouble.empty(), iterations,
        start);
  }

  private static Formulation.LinearMultipliers zeroMultipliers(ResolvedProblem problem) {
    int n = problem.assetCount();
    int periods = problem.periods();
    return new Formulation.LinearMultipliers(
        new double[n][periods], new double[n][periods], new double[n], new double[n]);
  }

  /** mu = mu_deadline + sum_s phi_s mu_s. */
  private static double shadowPrice(ResolvedProblem problem, double[] mu) {
    double shadowPrice = mu[0];
    for (int s = 0; s < problem.scheduleSize(); s++) {
      shadowPrice += problem.scheduleFraction(s) * mu[s + 1];
    }
    return shadowPrice;
  }

  private SolveResult assembled(
      ResolvedProblem problem, Evaluation evaluation, SolveStatus status, double maxCoverable,
      OptionalDouble shadowPrice, long iterations, long start) {
    SolverReport report =
        new SolverReport(
            name(),
            status,
            OptionalDouble.of(maxCoverable),
            shadowPrice,
            shadowPrice.isEmpty() && status != SolveStatus.LOCAL,
            iterations,
            SolverReport.millisSince(start));
    return PlanAssembler.DEFAULT.assembleCheapestFirst(problem, evaluation, report);
  }

  /** The certified bound on how far an evaluated plan is from the optimum, over max(1, |f|). */
  private static double relativeGap(
      ResolvedProblem problem,
      Evaluation evaluation,
      double[] mu,
      Formulation.LinearMultipliers multipliers) {
    return OptimalityCertificate.gap(problem, evaluation, mu, multipliers)
        / Math.max(1.0, Math.abs(evaluation.objective().total()));
  }

  /**
   * Why an instance with transient impact is too large for the whole-matrix Newton system, or
   * null when it is not (or has no transient asset).
   */
  private static String transientLimit(ResolvedProblem problem) {
    boolean any = false;
    for (int i = 0; i < problem.assetCount(); i++) {
      any |= problem.temporaryImpact(i) instanceof TransientImpact;
    }
    if (!any) {
      return null;
    }
    int[] movable = Presolve.of(problem).movable();
    boolean coupled = RiskForm.of(problem, Formulation.Goal.PLAN, movable, 1.0, 1.0,
        InteriorPointOptions.FactorSolve.AUTOMATIC).coupled();
    if (!coupled) {
      if (problem.periods() <= MAX_TRANSIENT_VARIABLES) {
        return null;
      }
      return "transient impact couples every period of its asset, and its Newton system "
          + "factors a dense block of its periods: at most " + MAX_TRANSIENT_VARIABLES
          + " periods, here " + problem.periods() + "; use fewer periods";
    }
    long variables = (long) movable.length * problem.periods();
    if (variables <= MAX_TRANSIENT_VARIABLES) {
      return null;
    }
    return "transient impact couples every period of its asset, and with correlated risk its "
        + "Newton system is factored whole: at most " + MAX_TRANSIENT_VARIABLES + " trade "
        + "variables (assets that can trade x periods), here " + variables
        + "; use fewer periods or assets";
  }

  private SolveResult failed(String reason, long iterations, long start) {
    return new SolveResult.Failed(name(), reason, iterations, SolverReport.millisSince(start));
  }

}
