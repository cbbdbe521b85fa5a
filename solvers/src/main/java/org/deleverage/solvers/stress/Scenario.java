package org.deleverage.solvers.stress;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.models.internal.Checks;
import org.deleverage.models.risk.Covariances;
import org.deleverage.models.risk.Stress;

/**
 * A stress scenario, applied to a deleveraging problem by {@link #apply}. For asset i with price
 * p_i, volatility sigma_i and margin rate m_i:
 *
 * <ul>
 *   <li>price: p_i' = p_i (1 + r_i), r_i = the asset's shock ({@code priceShocks}, else {@code
 *       priceShock}) plus sum_k B_ik f_k for factor shocks f over a factor model's loadings B.
 *       The return is the same for a long and a short: a fall of the price lowers the equity of
 *       a long (q > 0) and raises that of a short. r_i must be > -1.
 *   <li>volatility: sigma_i' = k_i sigma_i ({@code volatilityMultipliers}, else {@code
 *       volatilityMultiplier}); a covariance given in money is scaled as K P Sigma P K with P =
 *       diag(p'/p) (the returns' covariance kept, then scaled), a factor model's loadings and
 *       specific variances as k_i B_i and k_i^2 D_i.
 *   <li>correlation spike theta in [0, 1]: every correlation C_ij moves to C_ij + theta (1 -
 *       C_ij), that is (1 - theta) C + theta 11' ({@link Stress#shiftCorrelations}), the spike of
 *       fire sales. Independent assets get C = (1 - theta) I + theta 11', held as the one-factor
 *       model of returns with loadings sigma_i, F = [theta] and specific variances (1 - theta)
 *       sigma_i^2 (no n x n matrix). A factor model B F B' + D of returns, with variances v_i =
 *       (B F B' + D)_ii, stays a factor model with one more factor, the spike's: (1 - theta)(B F
 *       B' + D) + theta sqrt(v) sqrt(v)', that is loadings [B, sqrt(v)], factor covariance
 *       blockdiag((1 - theta) F, theta) and specific variances (1 - theta) D. Both are exactly the
 *       shifted correlation with the variances kept.
 *   <li>margin rate: m_i' = min(1, max(0, R(m_i, k_i) + a_i)) ({@code marginRateIncreases}, else
 *       {@code marginRateIncrease}): a haircut increase, added after the margin rule R of
 *       {@code marginRule} ({@link VolatilityMarginRule}: R(m, k) = m max(1, k^e), capped at
 *       max(cap, m)), which follows the volatility ratio k_i = sigma_i' / sigma_i of the
 *       scenario from the unstressed rate m_i (the funding-liquidity spiral of Brunnermeier and
 *       Pedersen 2009). The static rule, the default, gives R(m, k) = m.
 *   <li>liquidity: the asset's {@link LiquidityShock} ({@code liquidityShocks}, else {@code
 *       liquidityShock}) with each multiplier M times prod_k M_k^|B_ik| over the factor shocks
 *       M_k ({@code factorLiquidityShocks}, one per factor of the problem's factor model, whose
 *       loadings are B): s_i' = M s_i (kept &lt; 1: an error otherwise), V_i' = M V_i, the
 *       temporary model {@link org.deleverage.models.TemporaryImpactModel#stressed stressed}
 *       (eta, c multiplied; a book cut to its first levels and to an offset, its sizes
 *       multiplied) and gamma_i' = M gamma_i. A factor's shock only multiplies; an asset with no
 *       loading on it is untouched, one with loading 1 (a sector member, a beta of 1) takes it
 *       whole.
 * </ul>
 *
 * The account's cash, quantities and fees are kept, and so are the impact and cost models
 * unless a liquidity shock changes them (a linear impact's eta and gamma are in money and do
 * not move with the price; spreads and book offsets are fractions of it). A margin shortfall
 * computed from the account is recomputed at the stressed prices and rates; a shortfall the
 * problem gives explicitly stays as given. Immutable.
 *
 * @param name the scenario's name
 * @param priceShock the return of every asset without its own, > -1 (0 by default)
 * @param priceShocks returns by asset id
 * @param factorShocks f, one return per factor of the problem's factor model (empty if none)
 * @param volatilityMultiplier k of every asset without its own, >= 0 (1 by default)
 * @param volatilityMultipliers k by asset id
 * @param correlationSpike theta in [0, 1]
 * @param marginRateIncrease a of every asset without its own (0 by default)
 * @param marginRateIncreases a by asset id
 * @param liquidityShock the liquidity shock of every asset without its own
 * @param liquidityShocks liquidity shocks by asset id, each in place of {@code liquidityShock}
 * @param factorLiquidityShocks one liquidity shock per factor (empty if none), multipliers only
 * @param marginRule the rule that raises margin rates with volatility (static: none)
 */
public record Scenario(
    String name,
    double priceShock,
    Map<String, Double> priceShocks,
    List<Double> factorShocks,
    double volatilityMultiplier,
    Map<String, Double> volatilityMultipliers,
    double correlationSpike,
    double marginRateIncrease,
    Map<String, Double> marginRateIncreases,
    LiquidityShock liquidityShock,
    Map<String, LiquidityShock> liquidityShocks,
    List<LiquidityShock> factorLiquidityShocks,
    VolatilityMarginRule marginRule) {

  /** Why a factor's liquidity shock may not cut a book. */
  private static final String FACTOR_CUT = "a factor's liquidity shock only multiplies; cut"
      + " the books of every asset (liquidityShock) or of one (liquidityShocks)";

  /**
   * Validates every field and copies the collections.
   *
   * @param name the scenario's name
   * @param priceShock the return of every asset without its own, > -1 (0 by default)
   * @param priceShocks returns by asset id
   * @param factorShocks f, one return per factor of the problem's factor model (empty if none)
   * @param volatilityMultiplier k of every asset without its own, >= 0 (1 by default)
   * @param volatilityMultipliers k by asset id
   * @param correlationSpike theta in [0, 1]
   * @param marginRateIncrease a of every asset without its own (0 by default)
   * @param marginRateIncreases a by asset id
   * @param liquidityShock the liquidity shock of every asset without its own ({@link
   *     LiquidityShock#NONE} by default)
   * @param liquidityShocks liquidity shocks by asset id, each in place of {@code liquidityShock}
   * @param factorLiquidityShocks one liquidity shock per factor of the problem's factor model
   *     (empty if none), multipliers only (no book cuts)
   * @param marginRule the rule that raises margin rates with volatility ({@link
   *     VolatilityMarginRule#STATIC} by default: none)
   * @throws InvalidInputException naming the field that breaks its rule
   */
  public Scenario {
    Checks.present("name", name);
    Checks.finite("priceShock", priceShock);
    if (!(priceShock > -1)) {
      throw new InvalidInputException("priceShock", "must be > -1 (a return), was " + priceShock);
    }
    priceShocks = checked("priceShocks", priceShocks);
    priceShocks.forEach(
        (id, shock) -> {
          if (!(shock > -1)) {
            throw new InvalidInputException(
                Checks.member("priceShocks", id), "must be > -1 (a return), was " + shock);
          }
        });
    Checks.present("factorShocks", factorShocks);
    for (int k = 0; k < factorShocks.size(); k++) {
      Checks.finite("factorShocks[" + k + "]", Checks.present("factorShocks[" + k + "]",
          factorShocks.get(k)));
    }
    factorShocks = List.copyOf(factorShocks);
    Checks.nonNegative("volatilityMultiplier", volatilityMultiplier);
    volatilityMultipliers = checked("volatilityMultipliers", volatilityMultipliers);
    volatilityMultipliers.forEach(
        (id, k) -> Checks.nonNegative(Checks.member("volatilityMultipliers", id), k));
    Checks.inClosedRange("correlationSpike", correlationSpike, 0.0, 1.0);
    Checks.finite("marginRateIncrease", marginRateIncrease);
    marginRateIncreases = checked("marginRateIncreases", marginRateIncreases);
    Checks.present("liquidityShock", liquidityShock);
    Checks.present("liquidityShocks", liquidityShocks);
    liquidityShocks.forEach(
        (id, shock) -> Checks.present(Checks.member("liquidityShocks", id), shock));
    liquidityShocks = ImmutableMap.copyOf(liquidityShocks);
    Checks.present("factorLiquidityShocks", factorLiquidityShocks);
    for (int k = 0; k < factorLiquidityShocks.size(); k++) {
      String path = "factorLiquidityShocks[" + k + "]";
      LiquidityShock shock = Checks.present(path, factorLiquidityShocks.get(k));
      if (shock.bookLevels() != LiquidityShock.NONE.bookLevels()) {
        throw new InvalidInputException(path + ".bookLevels", FACTOR_CUT);
      }
      if (shock.bookMaxOffset() != LiquidityShock.NONE.bookMaxOffset()) {
        throw new InvalidInputException(path + ".bookMaxOffset", FACTOR_CUT);
      }
    }
    factorLiquidityShocks = List.copyOf(factorLiquidityShocks);
    Checks.present("marginRule", marginRule);
  }

  /**
   * A scenario of prices, volatilities, correlation and margin rates only, without a liquidity
   * stress or a margin rule: the scenario of the versions before them.
   *
   * @param name the scenario's name
   * @param priceShock the return of every asset without its own, > -1 (0 by default)
   * @param priceShocks returns by asset id
   * @param factorShocks f, one return per factor of the problem's factor model (empty if none)
   * @param volatilityMultiplier k of every asset without its own, >= 0 (1 by default)
   * @param volatilityMultipliers k by asset id
   * @param correlationSpike theta in [0, 1]
   * @param marginRateIncrease a of every asset without its own (0 by default)
   * @param marginRateIncreases a by asset id
   * @throws InvalidInputException naming the field that breaks its rule
   */
  public Scenario(
      String name,
      double priceShock,
      Map<String, Double> priceShocks,
      List<Double> factorShocks,
      double volatilityMultiplier,
      Map<String, Double> volatilityMultipliers,
      double correlationSpike,
      double marginRateIncrease,
      Map<String, Double> marginRateIncreases) {
    this(name, priceShock, priceShocks, factorShocks, volatilityMultiplier, volatilityMultipliers,
        correlationSpike, marginRateIncrease, marginRateIncreases, LiquidityShock.NONE, Map.of(),
        List.of(), VolatilityMarginRule.STATIC);
  }

  /**
   * A scenario that changes nothing, to be built on with the {@code with...} copies.
   *
   * @param name the scenario's name
   * @return a scenario that changes nothing, to be built on with the {@code with...} copies
   */
  public static Scenario named(String name) {
    return new Scenario(name, 0.0, Map.of(), List.of(), 1.0, Map.of(), 0.0, 0.0, Map.of());
  }

  /**
   * A copy with every asset's return set to {@code shock} (unless it has its own).
   *
   * @param shock the shock
   * @return the copy
   */
  public Scenario withPriceShock(double shock) {
    return new Scenario(name, shock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, marginRateIncrease, marginRateIncreases,
        liquidityShock, liquidityShocks, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with asset {@code id}'s return set to {@code shock}.
   *
   * @param id the asset's id
   * @param shock the shock
   * @return the copy
   */
  public Scenario withPriceShock(String id, double shock) {
    return new Scenario(name, priceShock, put(priceShocks, id, shock), factorShocks,
        volatilityMultiplier, volatilityMultipliers, correlationSpike, marginRateIncrease,
        marginRateIncreases, liquidityShock, liquidityShocks, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with the factor returns f.
   *
   * @param shocks one return per factor of the problem's factor model
   * @return the copy
   */
  public Scenario withFactorShocks(List<Double> shocks) {
    return new Scenario(name, priceShock, priceShocks, shocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, marginRateIncrease, marginRateIncreases,
        liquidityShock, liquidityShocks, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with every asset's volatility multiplied by {@code k} (unless it has its own).
   *
   * @param k the multiplier, >= 0
   * @return the copy
   */
  public Scenario withVolatilityMultiplier(double k) {
    return new Scenario(name, priceShock, priceShocks, factorShocks, k, volatilityMultipliers,
        correlationSpike, marginRateIncrease, marginRateIncreases, liquidityShock,
        liquidityShocks, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with asset {@code id}'s volatility multiplied by {@code k}.
   *
   * @param id the asset's id
   * @param k the multiplier, >= 0
   * @return the copy
   */
  public Scenario withVolatilityMultiplier(String id, double k) {
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        put(volatilityMultipliers, id, k), correlationSpike, marginRateIncrease,
        marginRateIncreases, liquidityShock, liquidityShocks, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with the correlation spike theta.
   *
   * @param theta theta, in [0, 1]
   * @return the copy
   */
  public Scenario withCorrelationSpike(double theta) {
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, theta, marginRateIncrease, marginRateIncreases, liquidityShock,
        liquidityShocks, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with every asset's margin rate raised by {@code increase} (unless it has its own).
   *
   * @param increase a, added to every margin rate
   * @return the copy
   */
  public Scenario withMarginRateIncrease(double increase) {
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, increase, marginRateIncreases, liquidityShock,
        liquidityShocks, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with asset {@code id}'s margin rate raised by {@code increase}.
   *
   * @param id the asset's id
   * @param increase a, added to the asset's margin rate
   * @return the copy
   */
  public Scenario withMarginRateIncrease(String id, double increase) {
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, marginRateIncrease,
        put(marginRateIncreases, id, increase), liquidityShock, liquidityShocks,
        factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with the liquidity shock of every asset without its own.
   *
   * @param shock the shock
   * @return the copy
   */
  public Scenario withLiquidityShock(LiquidityShock shock) {
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, marginRateIncrease, marginRateIncreases, shock,
        liquidityShocks, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with asset {@code id}'s own liquidity shock, in place of the shock of every asset.
   *
   * @param id the asset's id
   * @param shock the shock
   * @return the copy
   */
  public Scenario withLiquidityShock(String id, LiquidityShock shock) {
    Map<String, LiquidityShock> copy = new LinkedHashMap<>(liquidityShocks);
    copy.put(id, shock);
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, marginRateIncrease, marginRateIncreases,
        liquidityShock, copy, factorLiquidityShocks, marginRule);
  }

  /**
   * A copy without any asset's own liquidity shock: every asset takes {@link #liquidityShock}.
   *
   * @return the copy
   */
  public Scenario withoutAssetLiquidityShocks() {
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, marginRateIncrease, marginRateIncreases,
        liquidityShock, Map.of(), factorLiquidityShocks, marginRule);
  }

  /**
   * A copy with one liquidity shock per factor of the problem's factor model.
   *
   * @param shocks the shocks, one per factor, multipliers only
   * @return the copy
   */
  public Scenario withFactorLiquidityShocks(List<LiquidityShock> shocks) {
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, marginRateIncrease, marginRateIncreases,
        liquidityShock, liquidityShocks, shocks, marginRule);
  }

  /**
   * A copy with the rule that raises margin rates with volatility.
   *
   * @param rule the rule
   * @return the copy
   */
  public Scenario withMarginRule(VolatilityMarginRule rule) {
    return new Scenario(name, priceShock, priceShocks, factorShocks, volatilityMultiplier,
        volatilityMultipliers, correlationSpike, marginRateIncrease, marginRateIncreases,
        liquidityShock, liquidityShocks, factorLiquidityShocks, rule);
  }

  /**
   * The asset returns r_i of this scenario for {@code problem}'s assets, in their order.
   *
   * @param problem the resolved problem
   * @return the asset returns r_i of this scenario for {@code problem}'s assets, in their order
   * @throws InvalidInputException naming the field when a map names an asset the problem does
   *     not hold, when factor shocks are given without a factor model of as many factors, or
   *     when a return is not above -1
   */
  public double[] returns(DeleveragingProblem problem) {
    List<Asset> assets = problem.assets();
    checkIds(problem, "priceShocks", priceShocks);
    double[] returns = new double[assets.size()];
    double[][] loadings = null;
    if (!factorShocks.isEmpty()) {
      if (!(problem.dependence() instanceof Dependence.Factor factor)) {
        throw new InvalidInputException(
            "factorShocks", "need a factor model of returns in the problem, which has "
                + formName(problem.dependence()));
      }
      loadings = factor.loadings();
      if (loadings.length > 0 && loadings[0].length != factorShocks.size()) {
        throw new InvalidInputException(
            "factorShocks", "must have " + loadings[0].length + " entries (one per factor), had "
                + factorShocks.size());
      }
    }
    for (int i = 0; i < assets.size(); i++) {
      double r = priceShocks.getOrDefault(assets.get(i).id(), priceShock);
      if (loadings != null) {
        for (int k = 0; k < factorShocks.size(); k++) {
          r += loadings[i][k] * factorShocks.get(k);
        }
      }
      if (!(r > -1)) {
        throw new InvalidInputException(
            Checks.member("priceShocks", assets.get(i).id()),
            "the asset's return (its shock and its factors') must be > -1, was " + r);
      }
      returns[i] = r;
    }
    return returns;
  }

  /**
   * The problem under this scenario.
   *
   * @param problem the problem before the stress
   * @return the stressed problem: new prices, volatilities, margin rates, liquidity and
   *     dependence
   * @throws InvalidInputException naming the field when the scenario does not fit the problem
   */
  public DeleveragingProblem apply(DeleveragingProblem problem) {
    checkIds(problem, "volatilityMultipliers", volatilityMultipliers);
    checkIds(problem, "marginRateIncreases", marginRateIncreases);
    checkIds(problem, "liquidityShocks", liquidityShocks);
    double[] returns = returns(problem);
    double[][] exposures = exposures(problem);
    List<Asset> before = problem.assets();
    int n = before.size();
    double[] multipliers = new double[n];
    List<Asset> after = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Asset a = before.get(i);
      multipliers[i] = volatilityMultipliers.getOrDefault(a.id(), volatilityMultiplier);
      // The rule first, on the unstressed rate m0 and the volatility ratio k_i; then the
      // explicit increase, then [0, 1].
      double ruled = marginRule.rate(a.marginRate(), 1.0, multipliers[i]);
      double margin =
          Math.min(1.0, Math.max(0.0,
              ruled + marginRateIncreases.getOrDefault(a.id(), marginRateIncrease)));
      Asset moved = a.withPrice(a.price() * (1 + returns[i]))
          .withVolatility(a.volatility() * multipliers[i])
          .withMarginRate(margin);
      after.add(illiquid(moved, exposures == null ? null : exposures[i]));
    }
    Dependence dependence = dependence(problem.dependence(), before, after, returns, multipliers);
    return problem.withAssets(after).withDependence(dependence);
  }

  /**
   * The liquidity shock of asset {@code id} in a problem without factor liquidity shocks: its
   * own, else the shock of every asset.
   *
   * @param id the asset's id
   * @return the asset's shock before any factor's part
   */
  public LiquidityShock liquidityShockOf(String id) {
    return liquidityShocks.getOrDefault(id, liquidityShock);
  }

  /**
   * |B_ik|, each asset's absolute loading on each factor, when the scenario has factor liquidity
   * shocks; null when it has none.
   */
  private double[][] exposures(DeleveragingProblem problem) {
    if (factorLiquidityShocks.isEmpty()) {
      return null;
    }
    if (!(problem.dependence() instanceof Dependence.Factor factor)) {
      throw new InvalidInputException(
          "factorLiquidityShocks", "need a factor model of returns in the problem, which has "
              + formName(problem.dependence()));
    }
    double[][] loadings = factor.loadings();
    int factors = factor.factorCovariance().length;
    if (factors != factorLiquidityShocks.size()) {
      throw new InvalidInputException("factorLiquidityShocks", "must have " + factors
          + " entries (one per factor), had " + factorLiquidityShocks.size());
    }
    for (double[] row : loadings) {
      for (int k = 0; k < row.length; k++) {
        row[k] = Math.abs(row[k]);
      }
    }
    return loadings;
  }

  /**
   * {@code asset} under its liquidity shock: its own or every asset's, times each factor's
   * multipliers raised to its absolute loading {@code exposure} (null without factor shocks).
   */
  private Asset illiquid(Asset asset, double[] exposure) {
    boolean own = liquidityShocks.containsKey(asset.id());
    String source = own ? Checks.member("liquidityShocks", asset.id()) : "liquidityShock";
    LiquidityShock shock = liquidityShockOf(asset.id());
    if (exposure != null) {
      for (int k = 0; k < exposure.length; k++) {
        try {
          shock = shock.times(factorLiquidityShocks.get(k), exposure[k]);
        } catch (InvalidInputException e) {
          throw new InvalidInputException("factorLiquidityShocks[" + k + "]." + e.path(),
              "with the asset's loading " + exposure[k] + " and its other shocks the"
                  + " multiplier breaks its rule: " + e.rule() + " (asset " + asset.id() + ")");
        }
      }
    }
    if (shock.equals(LiquidityShock.NONE)) {
      return asset;
    }
    double spread = asset.costs().halfSpread() * shock.halfSpreadMultiplier();
    if (!(spread < 1)) {
      throw new InvalidInputException(source + ".halfSpreadMultiplier",
          "makes asset " + asset.id() + "'s halfSpread " + asset.costs().halfSpread() + " x "
              + shock.halfSpreadMultiplier() + (exposure == null ? "" : " (with its factors')")
              + " = " + spread + ", which must be < 1 (a sale would raise nothing)");
    }
    try {
      return asset.withCosts(asset.costs().withHalfSpread(spread))
          .withAdv(asset.adv() * shock.advMultiplier())
          .withTemporaryImpact(asset.temporaryImpact().stressed(shock.impactStress()))
          .withPermanentImpact(asset.permanentImpact().scaled(shock.gammaMultiplier()));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          source + "." + e.path(), e.rule() + " (asset " + asset.id() + ")");
    }
  }

  private Dependence dependence(
      Dependence given, List<Asset> before, List<Asset> after, double[] returns,
      double[] multipliers) {
    int n = after.size();
    double theta = correlationSpike;
    if (given instanceof Dependence.Independent) {
      if (theta == 0.0) {
        return given;
      }
      // (1 - theta) I + theta 11' of the returns, as one common factor: no n x n matrix.
      double[][] loadings = new double[n][1];
      double[] specific = new double[n];
      for (int i = 0; i < n; i++) {
        double sigma = after.get(i).volatility();
        loadings[i][0] = sigma;
        specific[i] = (1 - theta) * sigma * sigma;
      }
      return Dependence.factor(loadings, new double[][] {{theta}}, specific);
    }
    if (given instanceof Dependence.Correlation correlation) {
      if (theta == 0.0) {
        return given;
      }
      return Dependence.correlation(Stress.shiftCorrelations(correlation.matrix(), theta));
    }
    if (given instanceof Dependence.Covariance covariance) {
      double[] scale = new double[n];
      for (int i = 0; i < n; i++) {
        scale[i] = (1 + returns[i]) * multipliers[i];
      }
      double[][] sigma = Stress.scaleVolatilities(covariance.matrix(), scale);
      return Dependence.covariance(theta == 0.0 ? sigma : spiked(sigma, theta));
    }
    Dependence.Factor factor = (Dependence.Factor) given;
    double[][] loadings = factor.loadings();
    double[] specific = factor.specificVariance();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < loadings[i].length; k++) {
        loadings[i][k] *= multipliers[i];
      }
      specific[i] *= multipliers[i] * multipliers[i];
    }
    if (theta == 0.0) {
      return Dependence.factor(loadings, factor.factorCovariance(), specific);
    }
    return spiked(loadings, factor.factorCovariance(), specific, theta);
  }

  /** The form of a dependence as a message names it: independent, correlation, covariance. */
  private static String formName(Dependence dependence) {
    if (dependence instanceof Dependence.Independent) {
      return "independent";
    }
    return dependence instanceof Dependence.Correlation ? "correlation" : "covariance";
  }

  /**
   * The factor model B F B' + D of returns with its correlation shifted towards 1 by theta and
   * its variances v kept: (1 - theta)(B F B' + D) + theta sqrt(v) sqrt(v)', one more factor.
   * O(n K^2), no n x n matrix.
   */
  private static Dependence spiked(
      double[][] loadings, double[][] factorCovariance, double[] specific, double theta) {
    int n = loadings.length;
    int factors = factorCovariance.length;
    double[][] spikedLoadings = new double[n][factors + 1];
    double[] spikedSpecific = new double[n];
    for (int i = 0; i < n; i++) {
      double variance = specific[i];
      for (int k = 0; k < factors; k++) {
        double row = 0.0;
        for (int l = 0; l < factors; l++) {
          row += factorCovariance[k][l] * loadings[i][l];
        }
        variance += loadings[i][k] * row;
      }
      System.arraycopy(loadings[i], 0, spikedLoadings[i], 0, factors);
      spikedLoadings[i][factors] = Math.sqrt(Math.max(0.0, variance));
      spikedSpecific[i] = (1 - theta) * specific[i];
    }
    double[][] spikedCovariance = new double[factors + 1][factors + 1];
    for (int k = 0; k < factors; k++) {
      for (int l = 0; l < factors; l++) {
        spikedCovariance[k][l] = (1 - theta) * factorCovariance[k][l];
      }
    }
    spikedCovariance[factors][factors] = theta;
    return Dependence.factor(spikedLoadings, spikedCovariance, spikedSpecific);
  }

  /** The covariance with its correlation shifted towards 1 by theta and its variances kept. */
  private static double[][] spiked(double[][] covariance, double theta) {
    int n = covariance.length;
    double[] deviations = new double[n];
    for (int i = 0; i < n; i++) {
      deviations[i] = Math.sqrt(Math.max(0.0, covariance[i][i]));
    }
    double[][] correlation = Stress.shiftCorrelations(Covariances.correlationOf(covariance), theta);
    return Covariances.fromCorrelation(correlation, deviations);
  }

  private static void checkIds(DeleveragingProblem problem, String field, Map<String, ?> map) {
    for (String id : map.keySet()) {
      if (problem.assets().stream().noneMatch(a -> a.id().equals(id))) {
        throw new InvalidInputException(Checks.member(field, id), "names no asset of the problem");
      }
    }
  }

  private static Map<String, Double> checked(String field, Map<String, Double> map) {
    Checks.present(field, map);
    map.forEach(
        (id, value) -> {
          Checks.present(Checks.member(field, id), value);
          Checks.finite(Checks.member(field, id), value);
        });
    return ImmutableMap.copyOf(map);
  }

  private static Map<String, Double> put(Map<String, Double> map, String id, double value) {
    Map<String, Double> copy = new LinkedHashMap<>(map);
    copy.put(id, value);
    return copy;
  }
}
