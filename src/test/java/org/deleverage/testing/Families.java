package org.deleverage.testing;

import static org.deleverage.testing.Instances.logUniform;
import static org.deleverage.testing.Instances.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.CoverageMode;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.BookLevel;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.TemporaryImpactModel;

/**
 * The instance families of issue 11, item 5: each a generator of problems that are valid, convex
 * and coverable by construction (never by filtering), made from one seed so that a failing
 * instance is rebuilt from its seed alone.
 *
 * <p>Conventions shared with {@link Instances}: prices, volumes and positions over orders of
 * magnitude; a two-factor correlation B B' + D normalised to a unit diagonal (positive
 * semidefinite by construction); linear temporary impact eta set above the convexity bound of
 * MODEL.md section 4 for the asset's side, eta / tau >= gamma ((1 + 2m) N + 1) / 2 for a short and
 * gamma (N + 1) / 2 for a long, which implies every condition the optimiser checks (the loss's,
 * the margin excess's up to any deadline, the cash raised's); an order-book asset has gamma = 0
 * (its cost has no curvature); a retain.max never asks for more than 90% of what the caps allow.
 *
 * <p>Coverable by construction: a shortfall is set from a <em>witness</em>, a plan built by rule
 * and valued by the {@link Evaluator} (not by any solver). Each unlocked asset whose sales surely
 * raise excess sells up to a rate per period until the deadline, chosen so that its per-unit gain
 * is provably positive, m p - e - h(n) - gamma Q (1 + m) >= m p / 2 - e > 0 in margin mode
 * (p - e - h(n) - gamma Q > 0 for a long in cash mode), with the rate keeping h(n) <= m p / 4 and
 * gamma bounded by m p / (8 Q); units that a retain.max forces out go after the deadline where the
 * caps allow. The witness's excess gained by the deadline W = X_kd - X_0 is then positive, every
 * other constraint holds, and any shortfall S <= W - buffer is coverable: the witness covers it.
 * Where gamma = 0 and impact is linear the largest coverable shortfall has a closed form
 * ({@link #closedFormMaxCoverableShortfall}), which places shortfalls at or just below S_max.
 *
 * <p>The families:
 *
 * <ul>
 *   <li>a. {@link #healthyCloseLong} / {@link #healthyCloseShort}: a healthy account (positive
 *       excess X_0 = E - R, no shortfall given, so S = 0) that must close one position
 *       (marginRate 0, retain 0..0) with Almgren-Chriss linear impact and risk aversion; one to
 *       four assets. Feasible by construction: the cash is set so that X_0 exceeds 1.5 to 10
 *       times a bound on the loss of every plan the caps allow (sum_i gamma Q^2 + e Q + eta/tau
 *       cap Q, plus m gamma Q^2 / 4 for a short's requirement), and the closed asset's caps hold
 *       at least 1 / 0.9 of its position over the horizon.
 *   <li>b. {@link #cashWithShorts}: a cash call (Requirement.cash(S)) on two to six assets, one to
 *       n - 1 of them short; some shorts must be partly bought back (a retain.max), at a cost
 *       bounded by half of what the longs' witness sales raise; S = u W, u in [0, 0.95].
 *   <li>c. {@link #earlyDeadlineWithBuffer}: a margin call due at kd < N with a buffer b = beta W
 *       (beta in [0.05, 0.5]); forced closes fit after the deadline; S = u (W - b).
 *   <li>d. {@link #shortfallLadder}: one problem with gamma = 0 at the shortfalls {@link
 *       #LADDER_RUNGS}: 0, tiny (1e-6 to 1 money), S_max (1 - 1e-3), S_max (1 - 1e-5) and S_max,
 *       S_max from {@link #closedFormMaxCoverableShortfall}.
 *   <li>e. {@link #orderBooks}: crypto-like accounts of 2 to 15 assets over 1 to 6 periods, each
 *       on an order book of 3 to 10 levels (first offset 1 to 5 bp, each step 1 to 10 bp times
 *       the level's number, sizes 0.1 to 1 participation cap each), gamma = 0, margin rates 2% to
 *       50%; the witness sells only the levels whose offset stays below half the margin rate;
 *       S = u (W - b).
 *   <li>f. {@link #readmeExample} and {@link #readmeCurvePoint}: the two-asset QuickStart problem
 *       of README.md, and the same with S = u W, the witness selling everything evenly by day 3.
 *   <li>g. degenerate accounts: {@link #oneAsset}; {@link #allButOneLocked}; {@link
 *       #barelyCoverable} (gamma = 0, impact so low that the participation caps bind, S = S_max
 *       (1 - delta), delta log-uniform in [1e-5, 1e-2]); {@link #widePrices} (prices from 1e-4
 *       to 1e6 in one account, notionals 1e3 to 1e7).
 * </ul>
 *
 * Families a, b, c, d, f and g have linear impact and no schedule, so {@link ReferenceOptimum}
 * applies to them; e does not (order books).
 */
public final class Families {

  /** The shortfalls of {@link #shortfallLadder}, in its order. */
  public static final List<String> LADDER_RUNGS =
      List.of("zero", "tiny", "1e-3 below S_max", "1e-5 below S_max", "at S_max");

  private Families() {}

  // ---- a. healthy account closing a position ------------------------------------------------

  /**
   * Family a, long: a healthy account closing a long position with marginRate 0.
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem healthyCloseLong(long seed) {
    return healthyClose(seed, false);
  }

  /**
   * Family a, short: a healthy account buying back a short position with marginRate 0.
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem healthyCloseShort(long seed) {
    return healthyClose(seed, true);
  }

  private static DeleveragingProblem healthyClose(long seed, boolean shortClose) {
    // The short family draws from a split stream, so that it is not the long one mirrored.
    SplittableRandom random =
        shortClose ? new SplittableRandom(seed).split() : new SplittableRandom(seed);
    int periods = 1 + random.nextInt(6);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    int n = random.nextDouble() < 0.4 ? 1 : 2 + random.nextInt(3);
    List<Asset> assets = new ArrayList<>();
    double marked = 0.0;
    double required = 0.0;
    double lossBound = 0.0;
    double acEta = 0.0;
    double acScale = 0.0;
    for (int i = 0; i < n; i++) {
      boolean closed = i == 0;
      boolean shortPosition = closed ? shortClose : random.nextDouble() < 0.3;
      double held = logUniform(random, 100, 1e5);
      double price = logUniform(random, 1, 1000);
      double participation = uniform(random, 0.05, 1.0);
      double adv = held * logUniform(random, 0.5, 20);
      if (closed) {
        adv = Math.max(adv, held / (0.9 * periods * participation * tau));
      }
      double cap = participation * adv * tau;
      double marginRate = closed ? 0.0 : uniform(random, 0.05, 1.0);
      double gamma = random.nextDouble() < 0.3 ? 0.0 : uniform(random, 0, 0.01) * price / adv;
      double eta = convexEta(random, gamma, shortPosition, marginRate, periods, tau, price, adv);
      double volatility = closed ? uniform(random, 0.005, 0.05) : uniform(random, 0, 0.05);
      Costs costs = Costs.draw(random, price);
      boolean locked = !closed && random.nextDouble() < 0.2;
      double retainMin = !closed && !locked && random.nextDouble() < 0.3
          ? held * uniform(random, 0, 0.5) : 0.0;
      double retainMax = closed ? 0.0 : held;
      assets.add(
          costs.apply(Asset.builder("A" + i), price)
              .quantity(shortPosition ? -held : held)
              .price(price)
              .volatility(volatility)
              .adv(adv)
              .marginRate(marginRate)
              .temporaryImpact(LinearTemporaryImpact.of(eta))
              .gamma(gamma)
              .maxParticipation(participation)
              .locked(locked)
              .retain(retainMin, retainMax)
              .reluctance(!closed && random.nextDouble() < 0.3 ? uniform(random, 0, 0.01) * price : 0)
              .build());
      marked += (shortPosition ? -held : held) * price;
      required += marginRate * held * price;
      lossBound += gamma * held * held + costs.perUnit(price) * held + eta / tau * cap * held
          + (shortPosition ? marginRate * gamma * held * held / 4 : 0.0);
      if (closed) {
        acEta = eta - gamma * tau / 2;
        acScale = volatility * price;
      }
    }
    double excess = lossBound * uniform(random, 1.5, 10) + 1.0;
    // Almgren-Chriss risk aversion from the urgency kappa (per day) of the closed asset:
    // kappa^2 = lambda sigma^2 p^2 / eta~, eta~ = eta - gamma tau / 2 > 0 by the convexity bound.
    double lambda = random.nextDouble() < 0.75
        ? Math.pow(uniform(random, 0.05, 2.0), 2) * acEta / (acScale * acScale) : 0.0;
    double residual = random.nextBoolean() ? 0.0 : Math.pow(10, uniform(random, -10, -7));
    return new DeleveragingProblem(
        Account.of(excess + required - marked),
        assets,
        factorCorrelation(random, n),
        Horizon.of(periods, tau),
        Requirement.margin(),
        Objective.of(1.0, lambda, residual));
  }

  // ---- b. cash call with shorts -----------------------------------------------------------------

  /**
   * Family b: a cash call on longs and shorts, some shorts partly bought back.
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem cashWithShorts(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(5);
    int shorts = 1 + random.nextInt(n - 1);
    int periods = 1 + random.nextInt(5);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    int deadline = 1 + random.nextInt(periods);
    List<Draft> drafts = new ArrayList<>();
    double raised = 0.0;
    for (int i = 0; i < n - shorts; i++) {
      Draft draft = Draft.linear(random, "L" + i, false, periods, tau, CoverageMode.CASH);
      draft.retainMin = random.nextDouble() < 0.3 ? draft.held * uniform(random, 0, 0.3) : 0.0;
      raised += draft.witnessBound(deadline, CoverageMode.CASH);
      drafts.add(draft);
    }
    double budget = 0.5 * raised / shorts;
    for (int j = 0; j < shorts; j++) {
      Draft draft = Draft.linear(random, "S" + j, true, periods, tau, CoverageMode.CASH);
      draft.rate = 0.0;
      if (random.nextDouble() < 0.6) {
        double perUnit = draft.price + draft.costs.perUnit(draft.price)
            + draft.eta / tau * draft.cap() + draft.gamma * draft.held;
        double most = Math.min(Math.min(0.9 * periods * draft.cap(), draft.held), budget / perUnit);
        draft.retainMax = draft.held - most * random.nextDouble();
      }
      drafts.add(draft);
    }
    Requirement requirement = Requirement.cash(0.0).withDeadline(deadline);
    DeleveragingProblem base = assemble(random, drafts, periods, tau, requirement);
    double gain = witnessGain(base, drafts);
    return withShortfall(base, uniform(random, 0, 0.95) * gain);
  }

  // ---- c. deadline before the last period, with a buffer ----------------------------------------

  /**
   * Family c: a margin call due before the last period, with a buffer.
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem earlyDeadlineWithBuffer(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(6);
    int periods = 2 + random.nextInt(5);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    int deadline = 1 + random.nextInt(periods - 1);
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean shortPosition = i > 0 && random.nextDouble() < 0.3;
      Draft draft = Draft.linear(random, "A" + i, shortPosition, periods, tau, CoverageMode.MARGIN);
      if (i > 0 && random.nextDouble() < 0.15) {
        draft.locked = true;
      } else {
        if (random.nextDouble() < 0.4) {
          // Forced out, after the deadline: the plan must trade once the call is met.
          double after = 0.9 * (periods - deadline) * draft.cap();
          draft.retainMax = draft.held - Math.min(draft.held, after) * random.nextDouble();
        }
        if (random.nextDouble() < 0.3) {
          draft.retainMin = draft.keepMost() * uniform(random, 0, 0.3);
        }
      }
      drafts.add(draft);
    }
    Requirement requirement = Requirement.margin().withShortfall(0.0).withDeadline(deadline);
    DeleveragingProblem base = assemble(random, drafts, periods, tau, requirement);
    double gain = witnessGain(base, drafts);
    double buffer = uniform(random, 0.05, 0.5) * gain;
    return withShortfall(
        withRequirement(base, base.requirement().withBuffer(buffer)),
        uniform(random, 0, 0.95) * (gain - buffer));
  }

  // ---- d. shortfalls from 0 to S_max ------------------------------------------------------------

  /**
   * Family d: one problem (gamma = 0, linear impact, margin or cash mode, any deadline, a buffer
   * a third of the time) at each shortfall of {@link #LADDER_RUNGS}.
   *
   * @param seed the seed
   * @return the problem at each rung, in the order of {@link #LADDER_RUNGS}
   */
  public static List<DeleveragingProblem> shortfallLadder(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(5);
    int periods = 1 + random.nextInt(5);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    int deadline = 1 + random.nextInt(periods);
    CoverageMode mode = random.nextDouble() < 0.25 ? CoverageMode.CASH : CoverageMode.MARGIN;
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean shortPosition = i > 0 && random.nextDouble() < 0.3;
      Draft draft = Draft.linear(random, "A" + i, shortPosition, periods, tau, mode);
      draft.gamma = 0.0;
      if (i > 0 && random.nextDouble() < 0.15) {
        draft.locked = true;
      } else {
        boolean buyBack = mode == CoverageMode.CASH && shortPosition;
        if (!buyBack && deadline < periods && random.nextDouble() < 0.3) {
          double after = 0.9 * (periods - deadline) * draft.cap();
          draft.retainMax = draft.held - Math.min(draft.held, after) * random.nextDouble();
        }
        if (random.nextDouble() < 0.3) {
          draft.retainMin = draft.keepMost() * uniform(random, 0, 0.3);
        }
      }
      drafts.add(draft);
    }
    Requirement requirement = zeroShortfall(mode, deadline);
    DeleveragingProblem base = assemble(random, drafts, periods, tau, requirement);
    if (random.nextDouble() < 1.0 / 3) {
      double buffer = uniform(random, 0.05, 0.5) * closedFormMaxCoverableShortfall(base);
      base = withRequirement(base, base.requirement().withBuffer(buffer));
    }
    double most = closedFormMaxCoverableShortfall(base);
    if (!(most > 1.0)) {
      throw new IllegalStateException("construction broken: S_max " + most + ", seed " + seed);
    }
    double tiny = Math.pow(10, uniform(random, -6, 0));
    return List.of(
        withShortfall(base, 0.0),
        withShortfall(base, tiny),
        withShortfall(base, most * (1 - 1e-3)),
        withShortfall(base, most * (1 - 1e-5)),
        withShortfall(base, most));
  }

  // ---- e. order books ---------------------------------------------------------------------------

  /**
   * Family e: crypto-like accounts on order books of 3 to 10 levels.
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem orderBooks(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(14);
    int periods = 1 + random.nextInt(6);
    double tau = random.nextBoolean() ? 1.0 : 0.25;
    int deadline = 1 + random.nextInt(periods);
    CoverageMode mode = random.nextDouble() < 0.25 ? CoverageMode.CASH : CoverageMode.MARGIN;
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean shortPosition = i > 0 && random.nextDouble() < 0.3;
      Draft draft = new Draft("C" + i, shortPosition);
      double notional = logUniform(random, 1e4, 1e7);
      draft.price = logUniform(random, 0.01, 1e5);
      draft.held = notional / draft.price;
      draft.adv = draft.held * logUniform(random, 0.5, 20);
      draft.participation = uniform(random, 0.05, 0.5);
      draft.tau = tau;
      draft.marginRate = uniform(random, 0.02, 0.5);
      draft.volatility = uniform(random, 0.01, 0.08);
      draft.costs = new Costs(uniform(random, 0, 5e-4), uniform(random, 0, 5e-4), 0.0);
      int levels = 3 + random.nextInt(8);
      double offset = uniform(random, 1e-4, 5e-4);
      double participationCap = draft.participation * draft.adv * tau;
      double usable = 0.0;
      double limit = mode == CoverageMode.CASH ? 0.25 : draft.marginRate / 2;
      List<BookLevel> ladder = new ArrayList<>();
      for (int l = 0; l < levels; l++) {
        double size = participationCap * logUniform(random, 0.1, 1.0);
        ladder.add(BookLevel.of(offset, size));
        if (offset + draft.costs.perUnit(draft.price) / draft.price < limit) {
          usable += size;
        }
        offset += uniform(random, 1e-4, 1e-3) * (l + 1);
      }
      draft.impact = OrderBookTemporaryImpact.of(ladder);
      draft.gamma = 0.0;
      boolean buyBack = mode == CoverageMode.CASH && shortPosition;
      draft.rate = buyBack ? 0.0 : usable;
      if (i > 0 && random.nextDouble() < 0.15) {
        draft.locked = true;
      } else if (!buyBack) {
        if (random.nextDouble() < 0.3) {
          // Forced out: within what the witness sells by the deadline, so no loss is forced.
          double sold = Math.min(Math.min(usable, draft.cap()) * deadline, draft.held);
          draft.retainMax = draft.held - 0.9 * sold * random.nextDouble();
        }
        if (random.nextDouble() < 0.3) {
          draft.retainMin = draft.keepMost() * uniform(random, 0, 0.3);
        }
      }
      drafts.add(draft);
    }
    Requirement requirement = zeroShortfall(mode, deadline);
    DeleveragingProblem base = assemble(random, drafts, periods, tau, requirement);
    double gain = witnessGain(base, drafts);
    double buffer = random.nextDouble() < 0.3 ? uniform(random, 0.05, 0.5) * gain : 0.0;
    return withShortfall(
        withRequirement(base, base.requirement().withBuffer(buffer)),
        uniform(random, 0, 0.95) * (gain - buffer));
  }

  // ---- f. the README example --------------------------------------------------------------------

  /**
   * Family f: the QuickStart problem of README.md, "Use it from Java", figure for figure (a margin
   * call computed from the account, S = 1,000,000, due by day 3 of 5).
   *
   * @return the problem
   */
  public static DeleveragingProblem readmeExample() {
    return DeleveragingProblem.builder()
        .cash(-11_000_000)
        .asset(Asset.builder("ACME").quantity(200_000).price(50).volatility(0.02)
            .adv(4_000_000).halfSpread(0.0005).marginRate(0.25)
            .eta(2.5e-6).gamma(2.5e-7).maxParticipation(0.1).build())
        .asset(Asset.builder("BETA").quantity(100_000).price(50).volatility(0.03)
            .adv(500_000).halfSpread(0.001).marginRate(0.5)
            .eta(2e-5).gamma(1e-6).maxParticipation(0.1).build())
        .horizon(Horizon.of(5, 1.0))
        .requirement(Requirement.margin().withDeadline(3))
        .build();
  }

  /**
   * Family f, along its cost curve: the README problem with S = u W, u uniform in [0, 1), W what
   * selling both positions evenly over the three days to the deadline frees (both fit their caps:
   * 66,667 of 400,000 and 33,333 of 50,000 units a day).
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem readmeCurvePoint(long seed) {
    DeleveragingProblem base = withShortfall(readmeExample(), 0.0);
    ResolvedProblem resolved = base.resolve();
    double[][] units = new double[2][5];
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 3; k++) {
        units[i][k] = resolved.held(i) / 3;
      }
    }
    double gain = witnessGain(resolved, units);
    return withShortfall(base, new SplittableRandom(seed).nextDouble() * gain);
  }

  // ---- g. degenerate accounts -------------------------------------------------------------------

  /**
   * Family g: a single asset, long or short, margin or (for a long) cash mode, any deadline, a
   * buffer a third of the time.
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem oneAsset(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int periods = 1 + random.nextInt(6);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    int deadline = 1 + random.nextInt(periods);
    boolean shortPosition = random.nextBoolean();
    CoverageMode mode =
        !shortPosition && random.nextDouble() < 0.3 ? CoverageMode.CASH : CoverageMode.MARGIN;
    Draft draft = Draft.linear(random, "ONLY", shortPosition, periods, tau, mode);
    if (random.nextDouble() < 0.3) {
      draft.retainMin = draft.held * uniform(random, 0, 0.3);
    }
    return coverable(random, List.of(draft), periods, tau, mode, deadline);
  }

  /**
   * Family g: two to eight correlated assets, all locked but one.
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem allButOneLocked(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(7);
    int free = random.nextInt(n);
    int periods = 1 + random.nextInt(5);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    int deadline = 1 + random.nextInt(periods);
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean shortPosition = i != free && random.nextDouble() < 0.3;
      Draft draft = Draft.linear(random, "A" + i, shortPosition, periods, tau, CoverageMode.MARGIN);
      draft.locked = i != free;
      drafts.add(draft);
    }
    return coverable(random, drafts, periods, tau, CoverageMode.MARGIN, deadline);
  }

  /**
   * Family g: participation caps that barely allow the shortfall. Gamma = 0 and eta so low that
   * each asset would sell faster than its cap (n* = (m p - e) tau / (2 eta) >= cap / 0.9), with
   * positions large enough that the caps, not the positions, bind until the deadline; S = S_max
   * (1 - delta), delta log-uniform in [1e-5, 1e-2].
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem barelyCoverable(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(6);
    int periods = 1 + random.nextInt(5);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    int deadline = 1 + random.nextInt(periods);
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean shortPosition = i > 0 && random.nextDouble() < 0.3;
      Draft draft = Draft.linear(random, "A" + i, shortPosition, periods, tau, CoverageMode.MARGIN);
      draft.gamma = 0.0;
      draft.adv = draft.held / (1.2 * deadline * draft.participation * tau)
          * uniform(random, 0.2, 1.0);
      double gainPerUnit = draft.marginRate * draft.price - draft.costs.perUnit(draft.price);
      draft.eta = uniform(random, 0.05, 0.9) * gainPerUnit * tau / (2 * draft.cap());
      drafts.add(draft);
    }
    Requirement requirement = Requirement.margin().withShortfall(0.0).withDeadline(deadline);
    DeleveragingProblem base = assemble(random, drafts, periods, tau, requirement);
    double delta = Math.pow(10, uniform(random, -5, -2));
    return withShortfall(base, closedFormMaxCoverableShortfall(base) * (1 - delta));
  }

  /**
   * Family g: prices from 1e-4 to 1e6 in one account: the first asset at 1e-4, the last at 1e6,
   * the rest log-uniform between; notionals log-uniform in [1e3, 1e7].
   *
   * @param seed the seed
   * @return the problem
   */
  public static DeleveragingProblem widePrices(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(7);
    int periods = 1 + random.nextInt(5);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    int deadline = 1 + random.nextInt(periods);
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean shortPosition = i > 0 && random.nextDouble() < 0.3;
      double price = i == 0 ? 1e-4 : i == n - 1 ? 1e6 : logUniform(random, 1e-4, 1e6);
      double held = logUniform(random, 1e3, 1e7) / price;
      Draft draft = Draft.linear(random, "A" + i, shortPosition, periods, tau, CoverageMode.MARGIN,
          price, held);
      drafts.add(draft);
    }
    return coverable(random, drafts, periods, tau, CoverageMode.MARGIN, deadline);
  }

  // ---- closed form, witness and copies ----------------------------------------------------------

  /**
   * S_max in closed form for a problem whose every tradable asset has gamma = 0 and linear
   * impact, and that has no schedule. By the deadline kd, asset i adds g(n) = a n - b n^2 per
   * period to the excess (a = m p - e in margin mode; p - e for a long and -(p + e) for a short in
   * cash mode; b = eta / tau), trades after the deadline add nothing, and the asset's limits are
   * 0 <= n <= cap, the sales by kd at most Q - retainMin and at least the forced units less what
   * the periods after kd can take. g is concave and the same in each period, so the best is the
   * same n in each: the unconstrained maximiser a / (2 b) clamped to those limits. S_max is the
   * sum over the assets of kd g(n), less the buffer.
   *
   * @param problem the problem
   * @return S_max, money
   * @throws IllegalArgumentException if the problem has gamma > 0, non-linear impact on a tradable
   *     asset, or a schedule
   */
  public static double closedFormMaxCoverableShortfall(DeleveragingProblem problem) {
    ResolvedProblem resolved = problem.resolve();
    if (resolved.scheduleSize() > 0) {
      throw new IllegalArgumentException("closed form S_max: no schedule allowed");
    }
    int periods = resolved.periods();
    int deadline = resolved.deadlineIndex() + 1;
    double total = 0.0;
    for (int i = 0; i < resolved.assetCount(); i++) {
      if (resolved.locked(i) || resolved.held(i) == 0.0) {
        continue;
      }
      if (resolved.gamma(i) != 0.0
          || !(resolved.temporaryImpact(i) instanceof LinearTemporaryImpact linear)) {
        throw new IllegalArgumentException(
            "closed form S_max: asset " + resolved.id(i) + " needs gamma = 0 and linear impact");
      }
      double price = resolved.price(i);
      double e = resolved.costPerUnit(i);
      double a = resolved.mode() == CoverageMode.MARGIN
          ? resolved.marginRate(i) * price - e
          : resolved.direction(i) > 0 ? price - e : -(price + e);
      double b = linear.eta() / resolved.periodLength();
      double cap = resolved.periodCap(i);
      double lowest =
          Math.max(0.0, resolved.forcedUnits(i) - (periods - deadline) * cap) / deadline;
      double highest = Math.min(cap, resolved.sellableUnits(i) / deadline);
      double best = b > 0 ? a / (2 * b) : a > 0 ? highest : lowest;
      double units = Math.max(lowest, Math.min(highest, best));
      total += deadline * (a * units - b * units * units);
    }
    return total - resolved.buffer();
  }

  /**
   * {@code problem} with the shortfall given explicitly as {@code shortfall} (X_0 = -S).
   *
   * @param problem the problem
   * @param shortfall S, money
   * @return the copy
   */
  public static DeleveragingProblem withShortfall(DeleveragingProblem problem, double shortfall) {
    return withRequirement(problem, problem.requirement().withShortfall(shortfall));
  }

  private static DeleveragingProblem withRequirement(
      DeleveragingProblem problem, Requirement requirement) {
    return new DeleveragingProblem(problem.account(), problem.assets(), problem.dependence(),
        problem.horizon(), requirement, problem.objective());
  }

  /** The drafts as a problem with S = u (W - b), b = beta W a third of the time. */
  private static DeleveragingProblem coverable(SplittableRandom random, List<Draft> drafts,
      int periods, double tau, CoverageMode mode, int deadline) {
    Requirement requirement = zeroShortfall(mode, deadline);
    DeleveragingProblem base = assemble(random, drafts, periods, tau, requirement);
    double gain = witnessGain(base, drafts);
    double buffer = random.nextDouble() < 1.0 / 3 ? uniform(random, 0.05, 0.5) * gain : 0.0;
    return withShortfall(
        withRequirement(base, base.requirement().withBuffer(buffer)),
        uniform(random, 0, 0.95) * (gain - buffer));
  }

  private static DeleveragingProblem assemble(SplittableRandom random, List<Draft> drafts,
      int periods, double tau, Requirement requirement) {
    List<Asset> assets = new ArrayList<>();
    for (Draft draft : drafts) {
      assets.add(draft.build());
    }
    Objective objective =
        Objective.of(
            1.0,
            random.nextBoolean() ? 0.0 : Math.pow(10, uniform(random, -10, -6)),
            random.nextBoolean() ? 0.0 : Math.pow(10, uniform(random, -10, -6)));
    return new DeleveragingProblem(Account.of(uniform(random, -1e6, 1e6)), assets,
        factorCorrelation(random, assets.size()), Horizon.of(periods, tau), requirement,
        objective);
  }

  /** W of the drafts' witness: each sells at its rate until the deadline, forced units after. */
  private static double witnessGain(DeleveragingProblem base, List<Draft> drafts) {
    ResolvedProblem problem = base.resolve();
    int periods = problem.periods();
    int deadline = problem.deadlineIndex() + 1;
    double[][] units = new double[problem.assetCount()][periods];
    for (int i = 0; i < problem.assetCount(); i++) {
      if (problem.locked(i) || problem.held(i) == 0.0) {
        continue;
      }
      double cap = problem.periodCap(i);
      double each = Math.min(Math.min(drafts.get(i).rate, cap), problem.sellableUnits(i) / deadline);
      double before = deadline * each;
      double rest = Math.max(0.0, problem.forcedUnits(i) - before);
      double after = periods > deadline ? Math.min(rest, (periods - deadline) * cap) : 0.0;
      before += rest - after;
      for (int k = 0; k < periods; k++) {
        units[i][k] = k < deadline ? before / deadline : after / (periods - deadline);
      }
    }
    return witnessGain(problem, units);
  }

  /**
   * W = X_kd - X_0 of the witness {@code units} on a problem with S = 0 and no buffer, checked:
   * W > 0 and the evaluator finds every constraint held.
   */
  private static double witnessGain(ResolvedProblem problem, double[][] units) {
    Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, TradeTable.of(units));
    double gain = evaluation.excess(problem.deadlineIndex()) - problem.initialExcess();
    if (!(gain > 0) || !evaluation.violations().isEmpty()) {
      throw new IllegalStateException("construction broken: witness gain " + gain
          + ", violations " + evaluation.violations());
    }
    return gain;
  }

  /** eta above the convexity bound for the asset's side, as in {@link Instances}. */
  private static double convexEta(SplittableRandom random, double gamma, boolean shortPosition,
      double marginRate, int periods, double tau, double price, double adv) {
    double bound = gamma * ((shortPosition ? 1 + 2 * marginRate : 1) * periods + 1) / 2;
    return tau * (bound * (1 + 2 * random.nextDouble())
        + 0.05 * price / adv * (0.01 + random.nextDouble()));
  }

  /** A requirement of the mode with shortfall 0 (set later) due by {@code deadline}. */
  private static Requirement zeroShortfall(CoverageMode mode, int deadline) {
    return (mode == CoverageMode.CASH
            ? Requirement.cash(0.0) : Requirement.margin().withShortfall(0.0))
        .withDeadline(deadline);
  }

  /** Independent for one asset, else {@link Instances#factorCorrelation}. */
  private static Dependence factorCorrelation(SplittableRandom random, int n) {
    return n == 1 ? Dependence.independent() : Instances.factorCorrelation(random, n);
  }

  /** The linear costs of an asset: half spread s, fee f (fractions of price), fee per unit u. */
  private record Costs(double halfSpread, double fee, double feePerUnitFraction) {

    /** s up to 10 bp, f up to 5 bp, u up to 2 bp of the price. */
    static Costs draw(SplittableRandom random, double price) {
      return new Costs(uniform(random, 0, 1e-3), uniform(random, 0, 5e-4), uniform(random, 0, 2e-4));
    }

    /** e = (s + f) p + u, money per unit. */
    double perUnit(double price) {
      return (halfSpread + fee + feePerUnitFraction) * price;
    }

    Asset.Builder apply(Asset.Builder builder, double price) {
      return builder.halfSpread(halfSpread).fee(fee).feePerUnit(feePerUnitFraction * price);
    }
  }

  /**
   * An asset being drawn, with its witness rate: the units a period the witness sells until the
   * deadline (0: none), chosen so that each unit sold surely raises the excess.
   */
  private static final class Draft {
    final String id;
    final boolean shortPosition;
    double held;
    double price;
    double adv;
    double tau;
    double participation;
    double marginRate;
    double volatility;
    double gamma;
    double eta;
    TemporaryImpactModel impact;
    Costs costs;
    boolean locked;
    double retainMin;
    double retainMax = Double.NaN;
    double reluctance;
    double rate;

    Draft(String id, boolean shortPosition) {
      this.id = id;
      this.shortPosition = shortPosition;
    }

    static Draft linear(SplittableRandom random, String id, boolean shortPosition, int periods,
        double tau, CoverageMode mode) {
      double price = logUniform(random, 1, 1000);
      return linear(random, id, shortPosition, periods, tau, mode, price,
          logUniform(random, 100, 1e5));
    }

    /**
     * Linear impact, gamma up to min(0.01 p / V, m p / (8 Q)) (p / (4 Q) in cash mode), eta above
     * the convexity bound, and a witness rate keeping h(n) <= m p / 4 (p / 4 in cash mode; 0 for
     * a short in cash mode, whose buy-backs cost cash).
     */
    static Draft linear(SplittableRandom random, String id, boolean shortPosition, int periods,
        double tau, CoverageMode mode, double price, double held) {
      Draft draft = new Draft(id, shortPosition);
      draft.price = price;
      draft.held = held;
      draft.adv = held * logUniform(random, 0.5, 20);
      draft.tau = tau;
      draft.participation = uniform(random, 0.05, 1.0);
      draft.marginRate = uniform(random, 0.05, 1.0);
      draft.volatility = uniform(random, 0, 0.05);
      draft.costs = Costs.draw(random, price);
      double worth = mode == CoverageMode.CASH ? price : draft.marginRate * price;
      double gammaLimit = Math.min(0.01 * price / draft.adv,
          mode == CoverageMode.CASH ? price / (4 * held) : worth / (8 * held));
      draft.gamma = random.nextDouble() < 0.3 ? 0.0 : uniform(random, 0, 1) * gammaLimit;
      draft.eta = convexEta(random, draft.gamma, shortPosition, draft.marginRate, periods, tau,
          price, draft.adv);
      draft.reluctance = random.nextDouble() < 0.3 ? uniform(random, 0, 0.01) * price : 0.0;
      boolean buyBack = mode == CoverageMode.CASH && shortPosition;
      draft.rate = buyBack ? 0.0 : worth / 4 * tau / draft.eta;
      return draft;
    }

    double cap() {
      double participationCap = participation * adv * tau;
      return impact instanceof OrderBookTemporaryImpact book
          ? Math.min(participationCap, book.depth()) : participationCap;
    }

    /** A lower bound of what the witness adds to the coverage by {@code deadline}. */
    double witnessBound(int deadline, CoverageMode mode) {
      double each = Math.min(Math.min(rate, cap()), (held - retainMin) / deadline);
      double worth = mode == CoverageMode.CASH ? price : marginRate * price;
      double perUnit = worth - costs.perUnit(price) - eta / tau * each
          - gamma * held * (shortPosition ? 1 + marginRate : 1);
      return deadline * each * perUnit;
    }

    /** retain.max: as set, else the whole position. */
    double keepMost() {
      return Double.isNaN(retainMax) ? held : retainMax;
    }

    Asset build() {
      double max = locked ? held : keepMost();
      return costs.apply(Asset.builder(id), price)
          .quantity(shortPosition ? -held : held)
          .price(price)
          .volatility(volatility)
          .adv(adv)
          .marginRate(marginRate)
          .temporaryImpact(impact != null ? impact : LinearTemporaryImpact.of(eta))
          .gamma(gamma)
          .maxParticipation(participation)
          .locked(locked)
          .retain(locked ? 0.0 : Math.min(retainMin, max), max)
          .reluctance(reluctance)
          .build();
    }
  }
}
