package org.deleverage.solvers.stress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Trade;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.models.internal.Checks;

/**
 * A fire-sale cascade: accounts holding common assets, a shock, and rounds of forced sales that
 * move the prices every holder is marked at.
 *
 * <p>Each round, every account acts by its {@link CascadeRule}. Under the threshold rule (the
 * default), an account whose margin shortfall (MODEL.md section 3, at the round's prices) is
 * positive runs its solver on its own problem and executes the whole plan; an account that
 * cannot cover executes its plan for its largest coverable shortfall S_max (nothing if S_max is
 * zero), an account whose solver fails (or throws) sells nothing and is reported. Its cash grows
 * by the plan's net cash raised (execution prices net of spread, fees and impact) and its
 * positions shrink by the trades. Under leverage targeting (Greenwood, Landier and Thesmar 2015)
 * or the Cont-Schaanning rule (2017) an account sells the same fraction of every position (pro
 * rata), filled at the round's end price or at the midpoint of the old and new price ({@link
 * CascadeSettings.ExecutionPrice}). The net units sold of each asset, n_i (sales of longs less
 * buy-backs of shorts, over every account), then move its price for everyone by the settings'
 * {@link DepthFunction}; by default
 *
 * <pre>
 *   p_i' = p_i exp(-n_i / D_i),     D_i = depth_i if given, else p_i / gamma_i
 * </pre>
 *
 * an exponential inverse demand of the kind used in the fire-sale literature (for example Amini,
 * Filipovic and Minca 2016; Feinstein 2019, arXiv:1807.02711). With D_i = p_i / gamma_i its
 * first-order move is -gamma_i n_i, the asset's own permanent impact (MODEL.md), and a price
 * never reaches zero; an asset with gamma = 0 and no depth does not move. An account is in
 * default when its equity is below zero, or, with a leverage ceiling, also when its leverage is
 * above it ({@link CascadeSettings.DefaultRule}). With a volatility-driven margin rule, each
 * round's price moves update the volatilities (RiskMetrics' moving average) and the margin rates
 * follow them ({@link CascadeSettings}).
 *
 * <p>Dust. An account's size is the gross value of its positions before the shock, sum_i |Q_i|
 * p_i at the prices before the shock. An account is short in a round when its shortfall is above
 * {@link #DUST} (one millionth) of its size (and above 1e-9 of its margin requirement, or of 1
 * for an account of no size); a smaller shortfall is dust, which no desk would trade, and it is
 * left as it is (it is still reported in the round's and the final shortfalls). A pro-rata sale
 * of at most that much is dust too, and not made. The rounds stop when no account must sell
 * ({@link CascadeResult.Ending#SETTLED}); or after a round in which every account sold dust,
 * value sold (the absolute notional of its trades) at most {@link #DUST} of its size, because
 * then what is left to sell is dust and the next round would repeat this one ({@link
 * CascadeResult.Ending#DUST}): an account that is still short has nothing but dust left to
 * sell; or at the round limit ({@link CascadeResult.Ending#ROUND_LIMIT}). Within a round the
 * accounts sell simultaneously: each plan sees its own permanent impact but not the others'
 * sales of the same round, which reach it through the next round's prices. The short accounts
 * of a round are solved in one {@link BatchSolver} batch, and those that cannot cover in a
 * second, for their S_max; the results do not depend on the batch's parallelism. The result
 * also carries the accounts' published fire-sale measures ({@link SystemicMeasures}).
 * Stateless.
 */
public final class Cascade {

  private static final double SHORT = 1e-9;

  /**
   * The dust threshold, relative to an account's size (the gross value of its positions before
   * the shock): a shortfall, or a round's sales, of at most this fraction of it is dust.
   */
  public static final double DUST = 1e-6;

  private Cascade() {}

  /**
   * Runs the cascade, solving each round's accounts on every core ({@link
   * BatchSolver#allCores()}).
   *
   * @param accounts the accounts; assets shared by several must have the same price and the same
   *     permanent impact gamma in each
   * @param shock the initial shock (price shocks per asset or for all, volatility, correlation
   *     and margin-rate stresses; factor shocks are not supported here)
   * @param depth market depth D_i by asset id, in units (others use p_i / gamma_i)
   * @param maxRounds the round limit, >= 1
   * @return the rounds and the losses
   * @throws InvalidInputException naming the account and field when the accounts disagree on a
   *     shared asset, or the shock or depth do not fit them
   */
  public static CascadeResult run(
      List<CascadeAccount> accounts, Scenario shock, Map<String, Double> depth, int maxRounds) {
    return run(accounts, shock, depth, maxRounds, BatchSolver.allCores());
  }

  /**
   * Runs the cascade, solving each round's accounts with {@code batch}.
   *
   * @param accounts the accounts; assets shared by several must have the same price and the same
   *     permanent impact gamma in each
   * @param shock the initial shock (price shocks per asset or for all, volatility, correlation
   *     and margin-rate stresses; factor shocks are not supported here)
   * @param depth market depth D_i by asset id, in units (others use p_i / gamma_i)
   * @param maxRounds the round limit, >= 1
   * @param batch how many accounts are solved at once, and on which threads
   * @return the rounds and the losses
   * @throws InvalidInputException naming the account and field when the accounts disagree on a
   *     shared asset, or the shock or depth do not fit them
   */
  public static CascadeResult run(
      List<CascadeAccount> accounts, Scenario shock, Map<String, Double> depth, int maxRounds,
      BatchSolver batch) {
    return run(accounts, shock, depth, maxRounds, batch, round -> { });
  }

  /**
   * Runs the cascade, solving each round's accounts with {@code batch} and telling {@code
   * progress} of each round done.
   *
   * @param accounts the accounts; assets shared by several must have the same price and the same
   *     permanent impact gamma in each
   * @param shock the initial shock (price shocks per asset or for all, volatility, correlation
   *     and margin-rate stresses; factor shocks are not supported here)
   * @param depth market depth D_i by asset id, in units (others use p_i / gamma_i)
   * @param maxRounds the round limit, >= 1
   * @param batch how many accounts are solved at once, and on which threads
   * @param progress told, on the calling thread, the number of each round when it is done
   * @return the rounds and the losses
   * @throws InvalidInputException naming the account and field when the accounts disagree on a
   *     shared asset, or the shock or depth do not fit them
   */
  public static CascadeResult run(
      List<CascadeAccount> accounts, Scenario shock, Map<String, Double> depth, int maxRounds,
      BatchSolver batch, IntConsumer progress) {
    return run(accounts, shock, depth, maxRounds, CascadeSettings.DEFAULT, batch, progress);
  }

  /**
   * Runs the cascade with {@code settings} (depth function, execution price, default rule,
   * volatility-driven margins), solving each round's accounts with {@code batch} and telling
   * {@code progress} of each round done.
   *
   * @param accounts the accounts; assets shared by several must have the same price and the same
   *     permanent impact gamma in each
   * @param shock the initial shock (price shocks per asset or for all, volatility, correlation
   *     and margin-rate stresses; factor shocks are not supported here)
   * @param depth market depth D_i by asset id, in units (others use p_i / gamma_i)
   * @param maxRounds the round limit, >= 1
   * @param settings how prices move, sales fill, defaults are called and margins follow
   *     volatility ({@link CascadeSettings#DEFAULT}: today's cascade)
   * @param batch how many accounts are solved at once, and on which threads
   * @param progress told, on the calling thread, the number of each round when it is done
   * @return the rounds, the losses and the systemic measures
   * @throws InvalidInputException naming the account and field when the accounts disagree on a
   *     shared asset, the shock or depth do not fit them, the shock and the settings both carry
   *     a margin rule, a price floor is not below an asset's
   *     price after the shock, or a leverage-targeting account without a target has no leverage
   *     before the shock (equity not above zero)
   */
  public static CascadeResult run(
      List<CascadeAccount> accounts, Scenario shock, Map<String, Double> depth, int maxRounds,
      CascadeSettings settings, BatchSolver batch, IntConsumer progress) {
    Checks.present("settings", settings);
    Checks.present("batch", batch);
    Checks.present("progress", progress);
    Checks.atLeastOne("rounds", maxRounds);
    if (!shock.factorShocks().isEmpty()) {
      throw new InvalidInputException(
          "shock.factorShocks", "are not supported in a cascade; give priceShocks per asset");
    }
    if (settings.marginRule().isPresent() && !shock.marginRule().isStatic()) {
      throw new InvalidInputException("shock.marginRule", "must be left out when the cascade"
          + " has its own marginRule, which already raises the rates with the shock's"
          + " volatility and again every round; give the rule once, at the top level");
    }
    Map<String, Double> gamma = new LinkedHashMap<>();
    Map<String, Double> initial = marketPrices(accounts, gamma);
    depth.forEach(
        (id, value) -> {
          if (!initial.containsKey(id)) {
            throw new InvalidInputException(
                Checks.member("depth", id), "names no asset of the accounts");
          }
          Checks.positive(Checks.member("depth", id), value);
        });
    List<DeleveragingProblem> problems = new ArrayList<>();
    List<Double> sizes = new ArrayList<>();
    List<Double> leverages = new ArrayList<>();
    double before = 0.0;
    double after = 0.0;
    for (int a = 0; a < accounts.size(); a++) {
      CascadeAccount account = accounts.get(a);
      DeleveragingProblem problem = account.problem();
      double equity = problem.resolve().equity();
      before += equity;
      sizes.add(size(problem));
      leverages.add(equity > 0 ? size(problem) / equity : Double.NaN);
      if (account.rule() instanceof CascadeRule.LeverageTargeting targeting
          && targeting.target().isEmpty() && !(equity > 0)) {
        throw new InvalidInputException("accounts[" + a + "].rule.target",
            "must be given: the account's equity before the shock is " + equity
                + ", not above zero, so it has no leverage to return to");
      }
      DeleveragingProblem shocked;
      try {
        shocked = shock.apply(problem);
      } catch (InvalidInputException e) {
        throw e.under("accounts[" + a + "] (shock)");
      }
      after += shocked.resolve().equity();
      problems.add(shocked);
    }
    Map<String, Double> prices = new LinkedHashMap<>();
    for (DeleveragingProblem problem : problems) {
      for (Asset asset : problem.assets()) {
        prices.put(asset.id(), asset.price());
      }
    }
    checkFloors(settings.depthFunction(), initial, prices);
    Map<String, Double> shocked = new LinkedHashMap<>(prices);
    Margins margins = settings.marginRule().isPresent()
        ? new Margins(settings, accounts, problems, initial, prices) : null;
    if (margins != null) {
      margins.apply(problems);
    }
    double shockLoss = before - after;
    List<CascadeRound> rounds = new ArrayList<>();
    CascadeResult.Ending ending = CascadeResult.Ending.ROUND_LIMIT;
    for (int round = 1; round <= maxRounds; round++) {
      Map<String, Double> shortfalls = new LinkedHashMap<>();
      Map<String, Double> equities = new LinkedHashMap<>();
      boolean anyShort = false;
      List<ResolvedProblem> resolved = new ArrayList<>();
      double[] fractions = new double[accounts.size()];
      for (int a = 0; a < accounts.size(); a++) {
        ResolvedProblem problem = problems.get(a).resolve();
        resolved.add(problem);
        shortfalls.put(accounts.get(a).name(), problem.shortfall());
        equities.put(accounts.get(a).name(), problem.equity());
        fractions[a] = fraction(accounts.get(a).rule(), problems.get(a), problem.equity(),
            leverages.get(a), sizes.get(a));
        anyShort |= mustSell(accounts.get(a).rule(), problem, sizes.get(a), fractions[a]);
      }
      if (!anyShort) {
        ending = CascadeResult.Ending.SETTLED;
        break;
      }
      Map<String, String> deleveraged = new LinkedHashMap<>();
      Map<String, Double> sales = new LinkedHashMap<>();
      for (String id : prices.keySet()) {
        sales.put(id, 0.0);
      }
      List<Plan> plans = plans(accounts, problems, resolved, sizes, deleveraged, batch);
      boolean dust = true;
      for (int a = 0; a < plans.size(); a++) {
        Plan plan = plans.get(a);
        if (plan != null) {
          double sold = 0.0;
          for (Trade trade : plan.trades()) {
            sold += Math.abs(trade.notional());
          }
          dust &= sold <= DUST * sizes.get(a);
          for (Trade trade : plan.trades()) {
            double signed = trade.side() == org.deleverage.core.plan.Side.SELL
                ? trade.quantity() : -trade.quantity();
            sales.merge(trade.asset(), signed, Double::sum);
          }
        } else if (fractions[a] > 0) {
          DeleveragingProblem problem = problems.get(a);
          double gross = size(problem);
          dust &= fractions[a] * gross <= DUST * sizes.get(a);
          deleveraged.put(accounts.get(a).name(),
              describe(fractions[a], gross, resolved.get(a).equity()));
          for (Asset asset : problem.assets()) {
            sales.merge(asset.id(), fractions[a] * asset.quantity(), Double::sum);
          }
        }
      }
      Map<String, Double> opening = new LinkedHashMap<>(prices);
      Map<String, Double> moves = new LinkedHashMap<>();
      for (Map.Entry<String, Double> entry : prices.entrySet()) {
        String id = entry.getKey();
        double price = entry.getValue();
        double moved = settings.depthFunction().move(
            id, price, sales.get(id), depthOf(id, price, depth, gamma), initial.get(id));
        moves.put(id, moved / price - 1);
        entry.setValue(moved);
      }
      Map<String, Double> volatilities = margins == null ? Map.of() : margins.volatilities();
      Map<String, Double> rates = margins == null ? Map.of() : margins.rates();
      for (int a = 0; a < accounts.size(); a++) {
        Plan plan = plans.get(a);
        DeleveragingProblem problem = problems.get(a);
        if (plan != null || !(fractions[a] > 0)) {
          problems.set(a, afterRound(problem, plan, prices));
        } else {
          problems.set(a, afterProRata(problem, fractions[a], opening, prices,
              settings.executionPrice()));
        }
      }
      if (margins != null) {
        margins.observe(opening, prices);
        margins.apply(problems);
      }
      double equity = 0.0;
      List<String> defaults = new ArrayList<>();
      for (int a = 0; a < accounts.size(); a++) {
        double value = problems.get(a).resolve().equity();
        equity += value;
        if (settings.defaultRule().inDefault(size(problems.get(a)), value)) {
          defaults.add(accounts.get(a).name());
        }
      }
      rounds.add(new CascadeRound(round, shortfalls, equities, deleveraged, sales,
          new LinkedHashMap<>(prices), moves, defaults, before - equity, volatilities, rates));
      progress.accept(round);
      if (dust) {
        ending = CascadeResult.Ending.DUST;
        break;
      }
    }
    Map<String, Double> finalShortfalls = new LinkedHashMap<>();
    Map<String, Double> finalEquities = new LinkedHashMap<>();
    List<String> defaults = new ArrayList<>();
    double equity = 0.0;
    boolean anyShort = false;
    for (int a = 0; a < accounts.size(); a++) {
      ResolvedProblem problem = problems.get(a).resolve();
      finalShortfalls.put(accounts.get(a).name(), problem.shortfall());
      finalEquities.put(accounts.get(a).name(), problem.equity());
      equity += problem.equity();
      double fraction = fraction(accounts.get(a).rule(), problems.get(a), problem.equity(),
          leverages.get(a), sizes.get(a));
      anyShort |= mustSell(accounts.get(a).rule(), problem, sizes.get(a), fraction);
      if (settings.defaultRule().inDefault(size(problems.get(a)), problem.equity())) {
        defaults.add(accounts.get(a).name());
      }
    }
    double totalLoss = before - equity;
    return new CascadeResult(initial, shocked, shockLoss, rounds, totalLoss,
        shockLoss > 0 ? totalLoss / shockLoss : Double.NaN, !anyShort,
        finalShortfalls, finalEquities, defaults, !anyShort ? CascadeResult.Ending.SETTLED : ending,
        settings, systemic(accounts, depth, gamma, initial, shocked));
  }

  /** The price floors must lie below the prices after the shock. */
  private static void checkFloors(
      DepthFunction function, Map<String, Double> initial, Map<String, Double> prices) {
    if (function instanceof DepthFunction.PriceFloor floor) {
      for (Map.Entry<String, Double> entry : initial.entrySet()) {
        String id = entry.getKey();
        double bottom = floor.floorOf(id) * entry.getValue();
        if (!(prices.get(id) > bottom)) {
          String field = floor.floors().containsKey(id)
              ? Checks.member("depthFunction.floors", id) : "depthFunction.floor";
          throw new InvalidInputException(field, "must put " + id + "'s floor (" + bottom
              + ") below its price after the shock, " + prices.get(id));
        }
      }
    }
  }

  /**
   * The fraction of every position a pro-rata account sells this round, 0 for the threshold
   * rule and for an account whose sale would be dust.
   */
  private static double fraction(CascadeRule rule, DeleveragingProblem problem, double equity,
      double initialLeverage, double size) {
    if (rule instanceof CascadeRule.Threshold) {
      return 0.0;
    }
    double gross = size(problem);
    double fraction = rule.fraction(gross, equity, initialLeverage);
    return fraction * gross > DUST * size ? fraction : 0.0;
  }

  /** Whether an account must sell this round: short (threshold) or a pro-rata sale to make. */
  private static boolean mustSell(
      CascadeRule rule, ResolvedProblem problem, double size, double fraction) {
    return rule instanceof CascadeRule.Threshold ? isShort(problem, size) : fraction > 0;
  }

  private static String describe(double fraction, double gross, double equity) {
    return equity > 0
        ? String.format(Locale.ROOT, "sold %.4f%% pro rata at leverage %.4f",
            100 * fraction, gross / equity)
        : "sold everything pro rata: equity not above zero";
  }

  /** The systemic measures of the accounts before the shock (see {@link SystemicMeasures}). */
  private static SystemicMeasures systemic(List<CascadeAccount> accounts,
      Map<String, Double> depth, Map<String, Double> gamma, Map<String, Double> initial,
      Map<String, Double> shocked) {
    List<String> names = new ArrayList<>();
    List<Map<String, Double>> exposures = new ArrayList<>();
    List<Double> equities = new ArrayList<>();
    for (CascadeAccount account : accounts) {
      names.add(account.name());
      Map<String, Double> exposure = new LinkedHashMap<>();
      for (Asset asset : account.problem().assets()) {
        exposure.merge(asset.id(), asset.quantity() * asset.price(), Double::sum);
      }
      exposures.add(exposure);
      equities.add(account.problem().resolve().equity());
    }
    Map<String, Double> fall = new LinkedHashMap<>();
    Map<String, Double> impact = new LinkedHashMap<>();
    initial.forEach((id, price) -> {
      fall.put(id, 1 - shocked.get(id) / price);
      impact.put(id, 1 / (price * depthOf(id, price, depth, gamma)));
    });
    return SystemicMeasures.of(names, exposures, equities, fall, impact);
  }

  /** D_i: the asset's depth if given, else p_i / gamma_i, else (gamma = 0) infinite. */
  private static double depthOf(
      String id, double price, Map<String, Double> depth, Map<String, Double> gamma) {
    return depth.containsKey(id)
        ? depth.get(id)
        : gamma.get(id) > 0 ? price / gamma.get(id) : Double.POSITIVE_INFINITY;
  }

  /**
   * The volatility of each (account, asset) by the RiskMetrics moving average, and the margin
   * rates it implies ({@link CascadeSettings}).
   */
  private static final class Margins {
    private final VolatilityMarginRule rule;
    private final double lambda;
    private final List<double[]> baseRates = new ArrayList<>();
    private final List<double[]> baseVolatilities = new ArrayList<>();
    private final List<double[]> variances = new ArrayList<>();
    private final List<List<String>> ids = new ArrayList<>();

    Margins(CascadeSettings settings, List<CascadeAccount> accounts,
        List<DeleveragingProblem> shocked, Map<String, Double> initial,
        Map<String, Double> prices) {
      this.rule = settings.marginRule().orElseThrow();
      this.lambda = settings.ewmaLambda();
      for (int a = 0; a < accounts.size(); a++) {
        List<Asset> before = accounts.get(a).problem().assets();
        List<Asset> after = shocked.get(a).assets();
        double[] rates = new double[after.size()];
        double[] vols = new double[after.size()];
        double[] vars = new double[after.size()];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
          rates[i] = after.get(i).marginRate();
          vols[i] = before.get(i).volatility();
          vars[i] = after.get(i).volatility() * after.get(i).volatility();
          names.add(after.get(i).id());
        }
        baseRates.add(rates);
        baseVolatilities.add(vols);
        variances.add(vars);
        ids.add(names);
      }
      observe(initial, prices);
    }

    /** One step of the moving average with each asset's log return from {@code from}. */
    void observe(Map<String, Double> from, Map<String, Double> to) {
      for (int a = 0; a < variances.size(); a++) {
        double[] vars = variances.get(a);
        for (int i = 0; i < vars.length; i++) {
          String id = ids.get(a).get(i);
          double x = Math.log(to.get(id) / from.get(id));
          vars[i] = lambda * vars[i] + (1 - lambda) * x * x;
        }
      }
    }

    /** The problems with the current volatilities and the margin rates they imply. */
    void apply(List<DeleveragingProblem> problems) {
      for (int a = 0; a < problems.size(); a++) {
        DeleveragingProblem problem = problems.get(a);
        List<Asset> assets = new ArrayList<>();
        for (int i = 0; i < problem.assets().size(); i++) {
          assets.add(problem.assets().get(i).withVolatility(sigma(a, i))
              .withMarginRate(rate(a, i)));
        }
        problems.set(a, problem.withAssets(assets));
      }
    }

    /** Each asset's volatility now, as the first account holding it has it. */
    Map<String, Double> volatilities() {
      return byAsset(this::sigma);
    }

    /** Each asset's margin rate now, as the first account holding it has it. */
    Map<String, Double> rates() {
      return byAsset(this::rate);
    }

    /** The volatility now of account a's asset i. */
    private double sigma(int a, int i) {
      return Math.sqrt(variances.get(a)[i]);
    }

    /** The margin rate the rule gives account a's asset i at its volatility now. */
    private double rate(int a, int i) {
      return rule.rate(baseRates.get(a)[i], baseVolatilities.get(a)[i], sigma(a, i));
    }

    /** A figure of each asset, as the first account holding it has it. */
    private Map<String, Double> byAsset(AssetFigure figure) {
      Map<String, Double> out = new LinkedHashMap<>();
      for (int a = 0; a < variances.size(); a++) {
        for (int i = 0; i < variances.get(a).length; i++) {
          out.putIfAbsent(ids.get(a).get(i), figure.of(a, i));
        }
      }
      return out;
    }
  }

  /** A figure of account a's asset i. */
  @FunctionalInterface
  private interface AssetFigure {
    double of(int a, int i);
  }

  /** The prices of the assets before the shock, checked to agree across accounts. */
  private static Map<String, Double> marketPrices(
      List<CascadeAccount> accounts, Map<String, Double> gamma) {
    Map<String, Double> prices = new LinkedHashMap<>();
    Map<String, String> where = new LinkedHashMap<>();
    for (int a = 0; a < accounts.size(); a++) {
      List<Asset> assets = accounts.get(a).problem().assets();
      for (int i = 0; i < assets.size(); i++) {
        Asset asset = assets.get(i);
        String path = "accounts[" + a + "].problem.assets[" + i + "]";
        Double price = prices.putIfAbsent(asset.id(), asset.price());
        Double impact = gamma.putIfAbsent(asset.id(), asset.permanentImpact().gamma());
        if (price != null && price != asset.price()) {
          throw new InvalidInputException(path + ".price",
              "must equal " + price + ", the price of " + asset.id() + " in " + where.get(
                  asset.id()) + ", was " + asset.price());
        }
        if (impact != null && impact != asset.permanentImpact().gamma()) {
          throw new InvalidInputException(path + ".impact.permanent.gamma",
              "must equal " + impact + ", the gamma of " + asset.id() + " in "
                  + where.get(asset.id()) + ", was " + asset.permanentImpact().gamma());
        }
        where.putIfAbsent(asset.id(), "accounts[" + a + "]");
      }
    }
    return prices;
  }

  /** Whether {@code problem}'s shortfall is more than dust for an account of {@code size}. */
  private static boolean isShort(ResolvedProblem problem, double size) {
    return problem.shortfall() > Math.max(DUST * size,
        SHORT * Math.max(1.0, Math.abs(problem.marginRequirement())));
  }

  /** An account's size: the gross value of its positions, sum_i |Q_i| p_i. */
  private static double size(DeleveragingProblem problem) {
    double size = 0.0;
    for (Asset asset : problem.assets()) {
      size += Math.abs(asset.quantity()) * asset.price();
    }
    return size;
  }

  /**
   * The round's plan of each account, null for one that sells nothing: the solvers of the short
   * accounts in one batch, then, in a second, the solvers of those that cannot cover, each for
   * its largest coverable shortfall S_max (nothing when S_max is not above zero). Records each
   * short account's action in {@code deleveraged}, in account order.
   */
  private static List<Plan> plans(
      List<CascadeAccount> accounts, List<DeleveragingProblem> problems,
      List<ResolvedProblem> resolved, List<Double> sizes, Map<String, String> deleveraged,
      BatchSolver batch) {
    List<Integer> shortAccounts = new ArrayList<>();
    List<BatchSolver.Task> tasks = new ArrayList<>();
    for (int a = 0; a < accounts.size(); a++) {
      if (accounts.get(a).rule() instanceof CascadeRule.Threshold
          && isShort(resolved.get(a), sizes.get(a))) {
        shortAccounts.add(a);
        tasks.add(new BatchSolver.Task(accounts.get(a).solver(), resolved.get(a)));
      }
    }
    List<SolveResult> first = batch.solveAll(tasks);
    List<BatchSolver.Task> cappedTasks = new ArrayList<>();
    for (int k = 0; k < shortAccounts.size(); k++) {
      if (first.get(k) instanceof SolveResult.Infeasible infeasible
          && infeasible.maxCoverableShortfall() > 0) {
        DeleveragingProblem problem = problems.get(shortAccounts.get(k));
        DeleveragingProblem capped = problem.withShortfall(infeasible.maxCoverableShortfall());
        cappedTasks.add(new BatchSolver.Task(accounts.get(shortAccounts.get(k)).solver(),
            capped.resolve()));
      }
    }
    List<SolveResult> second = batch.solveAll(cappedTasks);
    List<Plan> plans = new ArrayList<>(Collections.nCopies(accounts.size(), (Plan) null));
    int next = 0;
    for (int k = 0; k < shortAccounts.size(); k++) {
      String name = accounts.get(shortAccounts.get(k)).name();
      SolveResult result = first.get(k);
      String how = "";
      if (result instanceof SolveResult.Infeasible infeasible) {
        if (!(infeasible.maxCoverableShortfall() > 0)) {
          deleveraged.put(name, "nothing to sell");
          continue;
        }
        result = second.get(next++);
        how = "could not cover, sold for its largest coverable shortfall: ";
      }
      if (result instanceof SolveResult.Solved solved) {
        deleveraged.put(name, how + solved.plan().status().label());
        plans.set(shortAccounts.get(k), solved.plan());
      } else {
        deleveraged.put(name, "failed: " + describe(result));
      }
    }
    return plans;
  }

  private static String describe(SolveResult result) {
    return result instanceof SolveResult.Failed failed
        ? failed.reason()
        : "the largest coverable shortfall could not be covered";
  }

  /**
   * The account after selling {@code fraction} of every position pro rata (buying back that
   * fraction of each short), filled at {@code fill}, marked at the new prices.
   */
  private static DeleveragingProblem afterProRata(DeleveragingProblem problem, double fraction,
      Map<String, Double> opening, Map<String, Double> prices,
      CascadeSettings.ExecutionPrice fill) {
    double cash = problem.account().cash();
    Map<String, Double> traded = new LinkedHashMap<>();
    for (Asset a : problem.assets()) {
      double units = fraction * Math.abs(a.quantity());
      traded.merge(a.id(), units, Double::sum);
      cash += Math.signum(a.quantity()) * units
          * fill.fill(opening.get(a.id()), prices.get(a.id()));
    }
    return marked(problem, traded, cash, prices);
  }

  /** The account after executing {@code plan} (if any), at the new prices. */
  private static DeleveragingProblem afterRound(
      DeleveragingProblem problem, Plan plan, Map<String, Double> prices) {
    Map<String, Double> traded = new LinkedHashMap<>();
    double cash = problem.account().cash();
    if (plan != null) {
      for (Trade trade : plan.trades()) {
        traded.merge(trade.asset(), trade.quantity(), Double::sum);
      }
      cash += plan.periods().get(plan.periods().size() - 1).cashRaised();
    }
    return marked(problem, traded, cash, prices);
  }

  /** The account with {@code traded} units gone from its positions and {@code cash}. */
  private static DeleveragingProblem marked(DeleveragingProblem problem,
      Map<String, Double> traded, double cash, Map<String, Double> prices) {
    Scenario move = Scenario.named("round");
    List<Asset> assets = new ArrayList<>();
    for (Asset a : problem.assets()) {
      double units = traded.getOrDefault(a.id(), 0.0);
      double quantity = Math.signum(a.quantity()) * Math.max(0.0, Math.abs(a.quantity()) - units);
      double held = Math.abs(quantity);
      // The retain limits shrink first, to what is still held, so that each copy is valid.
      assets.add(a.withRetain(Math.min(a.retainMin(), held), Math.min(a.retainMax(), held))
          .withQuantity(quantity));
      move = move.withPriceShock(a.id(), prices.get(a.id()) / a.price() - 1);
    }
    DeleveragingProblem sold = problem.withAccount(Account.of(cash)).withAssets(assets);
    return move.apply(sold);
  }
}
