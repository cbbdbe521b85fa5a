package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.ScheduleStep;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.models.PowerLawTemporaryImpact;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The separable path gives what the general method gives: the same status, plan, multiplier
 * (shadow price) and S_max to 1e-8, on books of one to six periods generated to be convex, and
 * hand-worked cases (MODEL.md section 7, and two of two periods) to working precision. It is taken
 * exactly where its derivation holds.
 */
class SeparablePathTest {

  private static final InteriorPointSolver SEPARABLE = Solvers.optimal();
  private static final InteriorPointSolver GENERAL =
      new InteriorPointSolver(InteriorPointOptions.DEFAULTS.withSeparable(false));

  /**
   * MODEL.md section 7: Q = 100,000, p = 10, m = 0.5, eta = 1e-5, one period, S = 100,000. The
   * excess after selling n is -100,000 + 5 n - 1e-5 n^2 (the margin 0.5 * 10 n freed, less the
   * impact cost eta n^2), the loss eta n^2. With O(n) = 1e-5 n^2 and C(n) = 5 n - 1e-5 n^2 the
   * search's minimiser is n(mu) = 5 mu / (2e-5 (1 + mu)), and the excess is zero at the smaller
   * root n* = (5 - sqrt(21)) / 2e-5 = 20,871.215252..., where mu* = 2 eta n* / (5 - 2 eta n*) =
   * 0.0910894.... S_max is the excess's maximum on [0, 100,000]: it rises on all of it (slope 5 -
   * 2e-5 n &gt; 0), so S_max = 5e5 - 1e5 = 400,000.
   */
  @Test
  void theWorkedExampleInClosedForm() {
    ResolvedProblem problem = workedExample(100_000).resolve();
    SeparablePath path = SeparablePath.of(problem).orElseThrow();
    double n = (5 - Math.sqrt(21)) / 2e-5;
    double mu = 2e-5 * n / (5 - 2e-5 * n);

    SeparablePath.Outcome outcome = path.solve(problem, false);
    Plan plan = SEPARABLE.solve(problem).plan();

    assertThat(outcome.kind()).isEqualTo(SeparablePath.Kind.PLAN);
    assertThat(path.maxCoverable()).isCloseTo(400_000, within(1e-9 * 400_000));
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 0)).isCloseTo(n, within(1e-12 * n));
    assertThat(plan.expectedLoss()).isCloseTo(1e-5 * n * n, within(1e-12 * 1e-5 * n * n));
    assertThat(plan.shadowPrice().getAsDouble()).isCloseTo(mu, within(1e-11 * mu));
    assertThat(plan.maxCoverableShortfall().getAsDouble())
        .isCloseTo(400_000, within(1e-9 * 400_000));
  }

  /**
   * Above S_max the search reports no plan, and at S_max it leaves the plan to the general method
   * (whose edge handling certifies it with an unbounded shadow price).
   */
  @Test
  void aboveAndAtTheLargestCoverableShortfall() {
    ResolvedProblem above = workedExample(400_001).resolve();
    ResolvedProblem at = workedExample(400_000).resolve();

    assertThat(SeparablePath.of(above).orElseThrow().solve(above, false).kind())
        .isEqualTo(SeparablePath.Kind.INFEASIBLE);
    assertThat(SEPARABLE.solve(above)).isInstanceOf(SolveResult.Infeasible.class);
    assertThat(SeparablePath.of(at).orElseThrow().solve(at, false).kind())
        .isEqualTo(SeparablePath.Kind.EDGE);
    Plan edge = SEPARABLE.solve(at).plan();
    assertThat(edge.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(edge.shadowPriceUnbounded()).isTrue();
  }

  /**
   * The worked example over two periods: with gamma = s = f = 0 and no risk, the objective eta (n1^2
   * + n2^2) and the excess at the deadline (the second period) -S + 5 (n1 + n2) - eta (n1^2 + n2^2)
   * are symmetric in the two trades and the problem is strictly convex, so the optimum has n1 = n2
   * = n, on the requirement: -100,000 + 10 n - 2e-5 n^2 = 0, n = (10 - sqrt(92)) / 4e-5 =
   * 10,208.4... (the smaller root; the cap of 1e6 does not bind). Stationarity in n1, 2 eta n - mu
   * (5 - 2 eta n) = 0, gives mu = 2 eta n / (5 - 2 eta n). S_max is the most of 5 (n1 + n2) - eta
   * (n1^2 + n2^2) with n1 + n2 &lt;= 100,000: the unconstrained maximum (n = 250,000 each) is beyond
   * the holding, so the sum is 100,000, split evenly by symmetry: 500,000 - 1e-5 * 2 * 50,000^2 =
   * 450,000 (selling in one period frees only 400,000).
   */
  @Test
  void twoPeriodsSplitTheSaleEvenly() {
    ResolvedProblem problem = rebuild(workedExample(100_000),
        workedExample(100_000).assets(), Horizon.of(2, 1.0),
        Requirement.margin().withShortfall(100_000), Dependence.independent(),
        Objective.EXPECTED_LOSS).resolve();
    double n = (10 - Math.sqrt(92)) / 4e-5;
    double mu = 2e-5 * n / (5 - 2e-5 * n);

    Plan plan = SEPARABLE.solve(problem).plan();

    assertThat(SeparablePath.of(problem)).isPresent();
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 0)).isCloseTo(n, within(1e-10 * n));
    assertThat(plan.table().units(0, 1)).isCloseTo(n, within(1e-10 * n));
    assertThat(plan.expectedLoss()).isCloseTo(2e-5 * n * n, within(1e-10 * 2e-5 * n * n));
    assertThat(plan.shadowPrice().getAsDouble()).isCloseTo(mu, within(1e-9 * mu));
    assertThat(plan.maxCoverableShortfall().getAsDouble())
        .isCloseTo(450_000, within(1e-9 * 450_000));
  }

  /**
   * Two periods, the deadline after the first, and residual risk lambda_res = 1e-4 on what is
   * held at the end (Sigma = (sigma p)^2 = 0.01, so lambda_res Sigma = 1e-6 = eta / 10). The excess
   * at the deadline depends on n1 only, -100,000 + 5 n1 - eta n1^2, so the requirement fixes n1 =
   * (5 - sqrt(21)) / 2e-5 as in MODEL.md section 7. The second trade only trades impact against
   * risk: with r2 = Q - n1 - n2, d/dn2 [eta n2^2 + lambda_res Sigma r2^2] = 2 eta n2 - 2 lambda_res
   * Sigma r2 = 0 gives n2 = lambda_res Sigma (Q - n1) / (eta + lambda_res Sigma) = (Q - n1) / 11.
   * Stationarity in n1, 2 eta n1 - 2 lambda_res Sigma r2 - mu (5 - 2 eta n1) = 0, gives mu = (2
   * eta n1 - 2e-6 r2) / (5 - 2 eta n1) &gt; 0, so the requirement binds. S_max is the most of 5 n1 -
   * eta n1^2 on [0, 100,000], 400,000 as in one period.
   */
  @Test
  void anEarlyDeadlineWithResidualRisk() {
    ResolvedProblem problem = rebuild(workedExample(100_000),
        workedExample(100_000).assets(), Horizon.of(2, 1.0),
        Requirement.margin().withShortfall(100_000).withDeadline(1), Dependence.independent(),
        Objective.of(1.0, 0.0, 1e-4)).resolve();
    double n1 = (5 - Math.sqrt(21)) / 2e-5;
    double n2 = (100_000 - n1) / 11;
    double r2 = 100_000 - n1 - n2;
    double mu = (2e-5 * n1 - 2e-6 * r2) / (5 - 2e-5 * n1);

    Plan plan = SEPARABLE.solve(problem).plan();

    assertThat(SeparablePath.of(problem)).isPresent();
    assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(plan.table().units(0, 0)).isCloseTo(n1, within(1e-10 * n1));
    assertThat(plan.table().units(0, 1)).isCloseTo(n2, within(1e-10 * n2));
    assertThat(plan.objective().total())
        .isCloseTo(1e-5 * (n1 * n1 + n2 * n2) + 1e-6 * r2 * r2, within(1e-8));
    assertThat(plan.shadowPrice().getAsDouble()).isCloseTo(mu, within(1e-9 * mu));
    assertThat(plan.maxCoverableShortfall().getAsDouble())
        .isCloseTo(400_000, within(1e-9 * 400_000));
  }

  /** A schedule, a power-law impact, or risk that couples assets: not separable. */
  @Test
  void takenOnlyWhereItsDerivationHolds() {
    DeleveragingProblem base = workedExample(100_000);
    Asset asset = base.assets().get(0);
    DeleveragingProblem twoPeriods = rebuild(base, List.of(asset), Horizon.of(2, 1.0),
        base.requirement(), Dependence.independent(), base.objective());
    DeleveragingProblem scheduled = rebuild(base, List.of(asset), Horizon.of(2, 1.0),
        base.requirement().withSchedule(List.of(new ScheduleStep(1, 0.5))),
        Dependence.independent(), base.objective());
    DeleveragingProblem powerLaw = rebuild(base,
        List.of(Asset.builder("A").quantity(100_000).price(10).volatility(0.01).adv(1e6)
            .marginRate(0.5).temporaryImpact(new PowerLawTemporaryImpact(0.1, 0.6))
            .maxParticipation(1.0).build()),
        base.horizon(), base.requirement(), Dependence.independent(), base.objective());
    Asset other = Asset.builder("B").quantity(50_000).price(20).volatility(0.02).adv(1e6)
        .marginRate(0.5).eta(1e-5).maxParticipation(1.0).build();
    double[][] correlation = {{1, 0.5}, {0.5, 1}};
    DeleveragingProblem correlatedRisk = rebuild(base, List.of(asset, other), base.horizon(),
        base.requirement(), Dependence.correlation(correlation), Objective.of(1, 1e-6, 0));
    DeleveragingProblem correlatedNoRisk = rebuild(base, List.of(asset, other), base.horizon(),
        base.requirement(), Dependence.correlation(correlation), Objective.EXPECTED_LOSS);

    assertThat(SeparablePath.of(twoPeriods.resolve())).isPresent();
    assertThat(SeparablePath.of(scheduled.resolve())).isEmpty();
    assertThat(SeparablePath.of(powerLaw.resolve())).isEmpty();
    assertThat(SeparablePath.of(correlatedRisk.resolve())).isEmpty();
    assertThat(SeparablePath.of(correlatedNoRisk.resolve())).isPresent();
  }

  /**
   * On generated books of one to six periods, the deadline before the last one time in three
   * (longs and shorts, margin and cash calls, retain limits,
   * locked assets, reluctance, a buffer, healthy accounts, shortfalls from 0 past S_max, risk
   * with a diagonal covariance or none with a correlation), both paths give the same result: the
   * same kind and status, and plan, objective, shadow price and S_max within 1e-8.
   */
  @Test
  void agreesWithTheGeneralMethod() {
    qt().withFixedSeed(2012L)
        .withExamples(150)
        .withShrinkCycles(0)
        .forAll(seeds(), SourceDSL.doubles().between(-0.3, 1.3))
        .checkAssert((seed, fraction) -> {
          DeleveragingProblem zero = book(seed, 0.0);
          SolveResult atZero = GENERAL.solve(zero.resolve());
          double most = atZero instanceof SolveResult.Infeasible none
              ? none.maxCoverableShortfall()
              : atZero.plan().maxCoverableShortfall().getAsDouble();
          DeleveragingProblem problem = book(seed, Math.max(0.0, fraction) * Math.max(0.0, most));
          ResolvedProblem resolved = problem.resolve();
          assertThat(SeparablePath.of(resolved)).as("seed %d", seed).isPresent();
          SolveResult fast = SEPARABLE.solve(resolved);
          SolveResult slow = GENERAL.solve(resolved);
          String label = "seed " + seed + ", fraction " + fraction + ": " + fast + " / " + slow;
          assertThat(fast.getClass()).as(label).isEqualTo(slow.getClass());
          double scale = Math.max(1.0, Math.max(Math.abs(most), resolved.shortfall()));
          if (slow instanceof SolveResult.Infeasible general) {
            assertThat(((SolveResult.Infeasible) fast).maxCoverableShortfall()).as(label)
                .isCloseTo(general.maxCoverableShortfall(), within(1e-8 * scale));
            return;
          }
          assertThat(slow).as(label).isInstanceOf(SolveResult.Solved.class);
          Plan a = fast.plan();
          Plan b = slow.plan();
          assertThat(a.status()).as(label).isEqualTo(b.status());
          double objective = Math.max(1.0, Math.abs(b.objective().total()));
          assertThat(a.objective().total()).as(label)
              .isCloseTo(b.objective().total(), within(1e-8 * objective));
          assertThat(a.maxCoverableShortfall().getAsDouble()).as(label)
              .isCloseTo(b.maxCoverableShortfall().getAsDouble(), within(1e-8 * scale));
          assertThat(a.shadowPrice().isPresent()).as(label).isEqualTo(b.shadowPrice().isPresent());
          if (b.shadowPrice().isPresent() && degenerate(resolved, b)) {
            // The requirement holds with equality at the empty plan: every multiplier from 0 to
            // the price at which the first sale starts is one, and each method may give another.
            double first = b.hierarchy().stream()
                .filter(entry -> entry.marginalCostPerUnitRelief().isPresent())
                .mapToDouble(entry -> entry.marginalCostPerUnitRelief().getAsDouble())
                .min().orElse(0.0);
            assertThat(a.shadowPrice().getAsDouble()).as(label)
                .isBetween(0.0, first + 1e-8 * Math.max(1.0, first));
          } else if (b.shadowPrice().isPresent()) {
            double price = b.shadowPrice().getAsDouble();
            assertThat(a.shadowPrice().getAsDouble()).as(label)
                .isCloseTo(price, within(1e-8 * Math.max(1.0, Math.abs(price))));
          }
          // The separable plan is exact; the general one is certified within 1e-8 of the
          // objective, which pins a trade only as well as the objective's curvature allows.
          double excess = Math.max(0.0, b.objective().total() - a.objective().total())
              + 1e-12 * objective;
          assertThat(a.objective().total()).as(label)
              .isLessThanOrEqualTo(b.objective().total() + 1e-8 * objective);
          for (int i = 0; i < resolved.assetCount(); i++) {
            double allowance = Math.sqrt(2 * excess / leastCurvature(resolved, i));
            for (int k = 0; k < resolved.periods(); k++) {
              assertThat(a.table().units(i, k)).as(label + ", asset " + i + ", period " + k)
                  .isCloseTo(b.table().units(i, k),
                      within(1e-8 * Math.max(1.0, resolved.held(i)) + allowance));
            }
          }
        });
  }

  /**
   * Whether the plan {@code b} of {@code problem} has no unique multiplier: no shortfall, an account
   * that starts without excess, and no trade at all (every trade then sits on its floor, and the
   * floors' multipliers can take up any multiplier up to the first sale's price).
   */
  private static boolean degenerate(ResolvedProblem problem, Plan b) {
    return problem.shortfall() == 0.0 && problem.initialExcess() <= 0.0 && b.trades().isEmpty();
  }

  /**
   * h_i, the least eigenvalue of asset i's objective Hessian in its trades (by bisection on the
   * pivots of H - h I), and infinite for an asset that cannot move. With the separable plan a
   * optimal and multiplier mu, the Lagrangian L = f - mu g is at least h_i strongly convex in
   * asset i's trades, so any plan b that covers has f(b) - f(a) &gt;= L(b) - L(a) &gt;= sum_i h_i
   * |b_i - a_i|^2 / 2: a trade of b can differ from a's by at most sqrt(2 (f(b) - f(a)) / h_i).
   */
  private static double leastCurvature(ResolvedProblem problem, int i) {
    if (!Arrays.stream(Presolve.of(problem).movable()).anyMatch(j -> j == i)) {
      return Double.POSITIVE_INFINITY;
    }
    int periods = problem.periods();
    double w = problem.costWeight();
    double trade = w * (problem.temporaryImpact(i).curvature(1.0, problem.conditions(i))
        - problem.gamma(i));
    double[] diagonal = new double[periods];
    double[] difference = new double[periods];
    double top = 0.0;
    for (int k = 0; k < periods; k++) {
      double weight = problem.riskAversion() * problem.periodLength()
          + (k == periods - 1 ? problem.residualRiskAversion() : 0.0);
      diagonal[k] = 2 * weight * problem.covariance(i, i)
          + (k == periods - 1 ? -w * problem.gamma(i) : 0.0);
      top = Math.max(top, Math.abs(diagonal[k]) + 4 * Math.abs(trade));
    }
    double low = 0.0;
    double high = top;
    for (int step = 0; step < 200 && high - low > 1e-12 * top; step++) {
      double middle = 0.5 * (low + high);
      double[] shifted = diagonal.clone();
      for (int k = 0; k < periods; k++) {
        shifted[k] -= middle;
      }
      Arrays.fill(difference, trade);
      if (ChainProgram.positiveDefinite(periods, shifted, difference)) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /**
   * A book large enough to be split in two halves gives the same plan, bit for bit, whether the
   * second half runs on another thread or not: the split and the order of the sums do not depend
   * on it.
   */
  @Test
  void twoHalvesOnTwoThreadsGiveTheSamePlanAsOnOne() {
    for (long seed = 1; seed <= 3; seed++) {
      ResolvedProblem zero = largeBook(seed, 0.0).resolve();
      double shortfall = 0.5 * SeparablePath.of(zero).orElseThrow().maxCoverable();
      ResolvedProblem problem = largeBook(seed, shortfall).resolve();
      SeparablePath path = SeparablePath.of(problem).orElseThrow();

      SeparablePath.Outcome parallel = path.solve(problem, true);
      SeparablePath.Outcome sequential = path.solve(problem, false);

      assertThat(problem.assetCount() * problem.periods())
          .isGreaterThanOrEqualTo((int) SeparablePath.PARALLEL_WORK);
      assertThat(parallel.kind()).as("seed %d", seed).isEqualTo(SeparablePath.Kind.PLAN);
      assertThat(sequential.kind()).as("seed %d", seed).isEqualTo(SeparablePath.Kind.PLAN);
      assertThat(parallel.multiplier()).as("seed %d", seed).isEqualTo(sequential.multiplier());
      assertThat(parallel.table().toArray()).as("seed %d", seed)
          .isDeepEqualTo(sequential.table().toArray());
    }
  }

  /**
   * 12,000 independent longs over 2 periods, with no permanent impact (so any eta &gt; 0 keeps
   * the instance convex), short by {@code shortfall}.
   */
  private static DeleveragingProblem largeBook(long seed, double shortfall) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Asset> assets = new ArrayList<>();
    double requirement = 0.0;
    double marketValue = 0.0;
    for (int i = 0; i < 12_000; i++) {
      double price = Math.exp(random.nextDouble(Math.log(1), Math.log(1000)));
      double volatility = random.nextDouble(0.005, 0.05);
      double adv = Math.rint(Math.exp(random.nextDouble(Math.log(1e4), Math.log(1e7))));
      double held = Math.max(1, Math.rint(adv * Math.exp(random.nextDouble(-3, 1))));
      double margin = random.nextDouble(0.1, 0.6);
      assets.add(Asset.builder("A" + i).quantity(held).price(price).volatility(volatility)
          .adv(adv).halfSpread(random.nextDouble(0, 2e-3)).marginRate(margin)
          .maxParticipation(random.nextDouble(0.05, 1.0))
          .eta(random.nextDouble(0.1, 0.8) * volatility * price / adv).build());
      requirement += margin * held * price;
      marketValue += held * price;
    }
    return DeleveragingProblem.builder()
        .cash(requirement - marketValue - shortfall)
        .assets(assets)
        .horizon(Horizon.of(2, 1.0))
        .requirement(Requirement.margin().withShortfall(shortfall))
        .objective(Objective.of(1.0, 1e-7, 0.0))
        .build();
  }

  private static Gen<Long> seeds() {
    return SourceDSL.longs().between(1, Long.MAX_VALUE / 2);
  }

  /** MODEL.md section 7's account, short by {@code shortfall}. */
  private static DeleveragingProblem workedExample(double shortfall) {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(Asset.builder("A").quantity(100_000).price(10).volatility(0.01).adv(1e6)
            .marginRate(0.5).eta(1e-5).maxParticipation(1.0).build())
        .horizon(Horizon.of(1, 1.0))
        .requirement(Requirement.margin().withShortfall(shortfall))
        .objective(Objective.EXPECTED_LOSS)
        .build();
  }

  private static DeleveragingProblem rebuild(
      DeleveragingProblem base, List<Asset> assets, Horizon horizon, Requirement requirement,
      Dependence dependence, Objective objective) {
    return DeleveragingProblem.builder()
        .cash(base.account().cash())
        .assets(assets)
        .horizon(horizon)
        .requirement(requirement)
        .dependence(dependence)
        .objective(objective)
        .build();
  }

  /**
   * A book of one to six periods drawn from {@code seed}, the deadline before the last period one
   * time in three, convex by construction: eta / tau at least 1.25 times the bound of MODEL.md
   * section 4 for N periods (gamma (N + 1) / 2 for a long, gamma ((1 + 2 m) N + 1) / 2 for a short
   * in margin mode, as in the benchmark's generator), short by {@code shortfall} (a healthy
   * account, X_0 &gt; 0 and no shortfall given, one time in eight). Forced sales stay within one
   * period's cap, so that the book is coverable at S = 0.
   */
  private static DeleveragingProblem book(long seed, double shortfall) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(25);
    int periods = 1 + random.nextInt(6);
    int deadline = periods > 1 && random.nextInt(3) == 0 ? 1 + random.nextInt(periods - 1)
        : periods;
    boolean cash = random.nextInt(4) == 0;
    List<Asset> assets = new ArrayList<>();
    double requirement = 0.0;
    double marketValue = 0.0;
    double[] variance = new double[n];
    for (int i = 0; i < n; i++) {
      boolean isShort = random.nextDouble() < 0.3;
      double price = Math.exp(random.nextDouble(Math.log(1), Math.log(1000)));
      double volatility = random.nextDouble(0.005, 0.05);
      double adv = Math.rint(Math.exp(random.nextDouble(Math.log(1e4), Math.log(1e7))));
      double held = Math.max(1, Math.rint(adv * Math.exp(random.nextDouble(-3, 1))));
      double participation = random.nextDouble(0.05, 1.0);
      double margin = random.nextDouble(0.1, 0.6);
      double gamma = random.nextDouble() < 0.2 ? 0 : random.nextDouble(0, 0.3) * volatility
          * price / adv;
      double bound = gamma * ((isShort && !cash ? 1 + 2 * margin : 1) * periods + 1) / 2;
      double eta = Math.max(random.nextDouble(0.1, 0.8) * volatility * price / adv, 1.25 * bound);
      double cap = participation * adv;
      boolean locked = random.nextInt(12) == 0;
      double retainMax = !locked && random.nextInt(5) == 0
          ? Math.max(held - 0.8 * cap, held * random.nextDouble(0.5, 1.0)) : held;
      double retainMin = !locked && random.nextInt(5) == 0
          ? Math.min(retainMax, held * random.nextDouble(0, 0.5)) : 0.0;
      Asset.Builder builder = Asset.builder("A" + i)
          .quantity(isShort ? -held : held)
          .price(price)
          .volatility(volatility)
          .adv(adv)
          .halfSpread(random.nextDouble(0, 2e-3))
          .fee(random.nextDouble(0, 5e-4))
          .marginRate(margin)
          .maxParticipation(participation)
          .eta(eta)
          .gamma(gamma)
          .retain(retainMin, retainMax)
          .locked(locked)
          .reluctance(random.nextInt(5) == 0 ? random.nextDouble(0, 1e-3) * price : 0.0);
      assets.add(builder.build());
      requirement += margin * held * price;
      marketValue += (isShort ? -held : held) * price;
      variance[i] = volatility * volatility * price * price;
    }
    int form = random.nextInt(3);
    Dependence dependence;
    Objective objective;
    if (form == 0) {
      dependence = Dependence.independent();
      objective = Objective.of(1.0, random.nextDouble(0, 1e-6), random.nextDouble(0, 1e-6));
    } else if (form == 1) {
      double[][] covariance = new double[n][n];
      for (int i = 0; i < n; i++) {
        covariance[i][i] = variance[i];
      }
      dependence = Dependence.covariance(covariance);
      objective = Objective.of(1.0, random.nextDouble(0, 1e-6), 0.0);
    } else {
      double[][] correlation = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          correlation[i][j] = i == j ? 1.0 : 0.3;
        }
      }
      dependence = Dependence.correlation(correlation);
      objective = Objective.EXPECTED_LOSS;
    }
    boolean healthy = !cash && random.nextInt(8) == 0;
    double excess = healthy ? random.nextDouble(0.01, 0.2) * requirement : -shortfall;
    Requirement rule;
    if (cash) {
      rule = Requirement.cash(shortfall);
    } else if (healthy) {
      rule = Requirement.margin();
    } else {
      rule = Requirement.margin().withShortfall(shortfall);
    }
    rule = rule.withDeadline(deadline);
    if (!healthy && random.nextInt(4) == 0) {
      rule = rule.withBuffer(random.nextDouble(0, 0.05) * requirement);
    }
    return DeleveragingProblem.builder()
        .cash(cash ? 0.0 : requirement - marketValue + excess)
        .assets(assets)
        .horizon(Horizon.of(periods, 1.0))
        .requirement(rule)
        .dependence(dependence)
        .objective(objective)
        .build();
  }
}
