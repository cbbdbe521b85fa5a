package org.deleverage.solvers.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.models.BookLevel;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.PowerLawTemporaryImpact;
import org.deleverage.models.TradingConditions;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;

/**
 * Liquidity stress and the volatility-driven margin rule in a scenario (MODEL.md section 8,
 * "Liquidity stress"), each worked by hand.
 */
class LiquidityStressTest {

  /**
   * One long asset A: 1,000 units at 100, margin rate m = 0.2, half spread s = 0.01, no impact,
   * an ADV far above the position, cash -81,900. E = -81,900 + 100,000 = 18,100 and R = 0.2 x
   * 100,000 = 20,000, so the shortfall is S = 1,900.
   *
   * <p>Selling n units costs the spread s p n and frees m p n of requirement, so the excess rises
   * by n p (m - s) and the cheapest plan sells n = S / (p (m - s)) at an expected loss of s p n =
   * S s / (m - s). Before the stress: n = 1,900 / (100 x 0.19) = 100 and the loss is 100 x 0.01 x
   * 100 = 100. The spread widened 3x, s = 0.03: n = 1,900 / 17 = 111.7647... and the loss is 3 n
   * = 5,700 / 17 = 335.2941... The shortfall and margin do not move (a spread enters neither E
   * nor R).
   */
  @Test
  void aThreefoldSpreadRaisesTheLossOfTheLinearPlanAsWorkedOut() {
    Map<String, DeleveragingProblem> accounts = Map.of("fund", spreadAccount());
    List<Scenario> scenarios = List.of(Scenario.named("base"),
        Scenario.named("wide").withLiquidityShock(
            LiquidityShock.NONE.withHalfSpreadMultiplier(3)));

    List<StressOutcome> outcomes =
        StressRunner.run(scenarios, accounts, Solvers.optimal(), BatchSolver.of(1));

    assertThat(outcomes.get(0).shortfall()).isCloseTo(1_900.0, within(1e-9));
    assertThat(outcomes.get(1).shortfall()).isCloseTo(1_900.0, within(1e-9));
    assertThat(outcomes.get(1).marginRequirement()).isCloseTo(20_000.0, within(1e-9));
    assertThat(outcomes.get(0).expectedLoss().getAsDouble()).isCloseTo(100.0, within(1e-5));
    assertThat(outcomes.get(1).expectedLoss().getAsDouble())
        .isCloseTo(5_700.0 / 17, within(1e-5));
    assertThat(Scenario.named("wide").withLiquidityShock(
        LiquidityShock.NONE.withHalfSpreadMultiplier(3)).apply(spreadAccount())
        .assets().get(0).costs().halfSpread()).isCloseTo(0.03, within(1e-15));
  }

  /**
   * The same account with a participation cap rho = 0.1 of an ADV of 10,000: at most 1,000 units
   * a period, which covers S = 1,900 with the 100 units it needs. The ADV collapses to 5% (500):
   * the cap is 0.1 x 500 x 1 = 50 units, so the account cannot cover, and its largest coverable
   * shortfall is 50 units x 100 x (0.2 - 0.01) = 950.
   */
  @Test
  void anAdvCollapseTightensTheParticipationCap() {
    DeleveragingProblem account = spreadAccount().withAssets(List.of(
        spreadAccount().assets().get(0).withAdv(10_000).withMaxParticipation(0.1)));
    Scenario collapse = Scenario.named("collapse").withLiquidityShock(
        LiquidityShock.NONE.withAdvMultiplier(0.05));

    List<StressOutcome> outcomes = StressRunner.run(List.of(Scenario.named("base"), collapse),
        Map.of("fund", account), Solvers.optimal(), BatchSolver.of(1));

    assertThat(outcomes.get(0).covers()).isTrue();
    assertThat(outcomes.get(1).status()).isEqualTo("infeasible");
    assertThat(outcomes.get(1).maxCoverableShortfall().getAsDouble())
        .isCloseTo(950.0, within(1e-4));
    assertThat(collapse.apply(account).assets().get(0).adv()).isCloseTo(500.0, within(1e-12));
  }

  /**
   * A forced sale out of reach: A must end at most 400 of its 1,000 units (600 sold), with a cap
   * of 0.1 x 10,000 = 1,000 units in the one period. The ADV collapses to 5%: the cap is 50 units,
   * the 600 cannot be sold, and the stressed problem has no plan whatever the shortfall. The pair
   * is infeasible with the reason and no largest coverable shortfall, its equity, margin and
   * shortfall those of the prices and rates (18,100, 20,000 and 1,900: a liquidity shock moves
   * none of them), and the base pair is solved as usual.
   */
  @Test
  void aForcedSaleThatTheStressPutsOutOfReachIsInfeasible() {
    Asset forced = spreadAccount().assets().get(0).withAdv(10_000).withMaxParticipation(0.1)
        .withRetain(0, 400);
    DeleveragingProblem account = spreadAccount().withAssets(List.of(forced));
    Scenario collapse = Scenario.named("collapse").withLiquidityShock(
        LiquidityShock.NONE.withAdvMultiplier(0.05));
    List<Integer> progress = new java.util.ArrayList<>();

    List<StressOutcome> outcomes = StressRunner.run(List.of(collapse, Scenario.named("base")),
        Map.of("fund", account), Solvers.optimal(), BatchSolver.of(1), progress::add);

    StressOutcome out = outcomes.get(0);
    assertThat(out.status()).isEqualTo("infeasible");
    assertThat(out.maxCoverableShortfall()).isEmpty();
    assertThat(out.expectedLoss()).isEmpty();
    assertThat(out.message()).isEqualTo("the liquidity stress leaves assets[0].retain.max out of"
        + " reach: needs 600.0 units sold, more than the 50.0 that maxParticipation and the"
        + " impact model allow over the horizon, was 400.0");
    assertThat(out.equity()).isCloseTo(18_100.0, within(1e-9));
    assertThat(out.marginRequirement()).isCloseTo(20_000.0, within(1e-9));
    assertThat(out.shortfall()).isCloseTo(1_900.0, within(1e-9));
    assertThat(outcomes.get(1).covers()).isTrue();
    assertThat(progress).containsExactly(1, 2);
  }

  /**
   * A power law c = 0.1, beta = 0.5 on an asset at p = 100 with sigma = 0.02 and V = 10,000, one
   * period of a day. Selling n = 400 units: the rate is 400 / 10,000 = 0.04 of ADV, h = 0.1 x
   * 0.02 x 100 x sqrt(0.04) = 0.04 and T = 400 x 0.04 = 16. The ADV falls to a quarter (2,500):
   * the rate is 0.16, h = 0.2 x sqrt(0.16) = 0.08, T = 32; with c x 1.5 on top, T = 48. Linear
   * eta = 0.001 x 2 and gamma = 0.0005 x 4 become 0.002 each.
   */
  @Test
  void advAndCoefficientMultipliersMoveThePowerLawAndTheLinearCoefficients() {
    Asset power = Asset.builder("P").quantity(1_000).price(100).volatility(0.02).adv(10_000)
        .marginRate(0.2).temporaryImpact(PowerLawTemporaryImpact.squareRoot(0.1)).build();
    Asset linear = Asset.builder("L").quantity(1_000).price(100).volatility(0.02).adv(10_000)
        .marginRate(0.2).eta(0.001).gamma(0.0005).build();
    DeleveragingProblem problem =
        DeleveragingProblem.builder().cash(-50_000).asset(power).asset(linear).build();
    Scenario scenario = Scenario.named("thin")
        .withLiquidityShock("P", LiquidityShock.NONE.withAdvMultiplier(0.25))
        .withLiquidityShock("L", LiquidityShock.NONE.withEtaMultiplier(2).withGammaMultiplier(4));

    List<Asset> before = problem.assets();
    List<Asset> after = scenario.apply(problem).assets();
    List<Asset> both = scenario.withLiquidityShock("P", LiquidityShock.NONE.withAdvMultiplier(0.25)
        .withCoefficientMultiplier(1.5)).apply(problem).assets();

    assertThat(cost(before.get(0), 400)).isCloseTo(16.0, within(1e-12));
    assertThat(cost(after.get(0), 400)).isCloseTo(32.0, within(1e-12));
    assertThat(cost(both.get(0), 400)).isCloseTo(48.0, within(1e-12));
    assertThat(after.get(1).temporaryImpact().cost(1, conditions(after.get(1))))
        .isCloseTo(0.002, within(1e-15));
    assertThat(after.get(1).permanentImpact().gamma()).isCloseTo(0.002, within(1e-15));
    assertThat(after.get(1).adv()).isEqualTo(10_000.0);
  }

  /**
   * A book of four levels at p = 100: (10 bp, 100), (20 bp, 200), (50 bp, 300), (100 bp, 400),
   * 1,000 units deep. Selling 120 units walks 100 x 0.001 x 100 + 20 x 0.002 x 100 = 10 + 4 = 14.
   * Depth collapse: the first 3 levels, sizes halved: (10 bp, 50), (20 bp, 100), (50 bp, 150),
   * 300 deep; 120 units cost 50 x 0.1 + 70 x 0.2 = 5 + 14 = 19. Dropping levels beyond 20 bp
   * instead leaves (10 bp, 50), (20 bp, 100), 150 deep, and the same 19 for 120 units.
   */
  @Test
  void aDepthCollapseCutsAndThinsTheBook() {
    Asset book = Asset.builder("K").quantity(1_000).price(100).volatility(0.02).adv(1e6)
        .marginRate(0.2).temporaryImpact(OrderBookTemporaryImpact.of(BookLevel.of(0.001, 100),
            BookLevel.of(0.002, 200), BookLevel.of(0.005, 300), BookLevel.of(0.01, 400)))
        .build();
    DeleveragingProblem problem = DeleveragingProblem.builder().cash(-50_000).asset(book).build();
    LiquidityShock halved = LiquidityShock.NONE.withBookSizeMultiplier(0.5);

    Asset levels = Scenario.named("levels").withLiquidityShock(halved.withBookLevels(3))
        .apply(problem).assets().get(0);
    Asset offset = Scenario.named("offset").withLiquidityShock(halved.withBookMaxOffset(0.002))
        .apply(problem).assets().get(0);

    assertThat(cost(book, 120)).isCloseTo(14.0, within(1e-12));
    assertThat(((OrderBookTemporaryImpact) levels.temporaryImpact()).depth()).isEqualTo(300.0);
    assertThat(cost(levels, 120)).isCloseTo(19.0, within(1e-12));
    assertThat(((OrderBookTemporaryImpact) offset.temporaryImpact()).depth()).isEqualTo(150.0);
    assertThat(cost(offset, 120)).isCloseTo(19.0, within(1e-12));
    assertThatThrownBy(() -> Scenario.named("gone")
        .withLiquidityShock(LiquidityShock.NONE.withBookMaxOffset(0.0005)).apply(problem))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("liquidityShock.bookMaxOffset: must keep at least one level of the book,"
            + " whose cheapest is at offset 0.001; was 5.0E-4 (asset K)");
  }

  /**
   * The margin rule in a scenario. Long A 1,000 at 100 (m0 = 0.2), short B -500 at 40 (m0 =
   * 0.5), cash -50,000: E = 30,000. A's volatility x 1.5, B's kept; the rule m = m0 max(1,
   * k^1), cap 1, then + 0.05 for every asset: A 0.2 x 1.5 + 0.05 = 0.35, B 0.5 x 1 + 0.05 =
   * 0.55, R = 0.35 x 100,000 + 0.55 x 20,000 = 46,000 and the shortfall is 16,000.
   *
   * <p>With elasticity 2 and cap 0.4 and every volatility x 1.5 (no increase): A 0.2 x 2.25 =
   * 0.45, capped to 0.4; B's 0.5 is above the cap and kept (the rule never lowers a rate), R =
   * 40,000 + 10,000 = 50,000. Volatility halved: the rule never lowers, R = 20,000 + 10,000.
   */
  @Test
  void theMarginRuleFollowsTheVolatilityMultiplierBeforeTheIncrease() {
    DeleveragingProblem problem = longAndShort(Dependence.independent());
    Scenario proportional = Scenario.named("vol").withVolatilityMultiplier("A", 1.5)
        .withMarginRule(VolatilityMarginRule.proportional()).withMarginRateIncrease(0.05);
    Scenario capped = Scenario.named("capped").withVolatilityMultiplier(1.5)
        .withMarginRule(new VolatilityMarginRule(2, 0.4));
    Scenario calm = capped.withVolatilityMultiplier(0.5);

    DeleveragingProblem stressed = proportional.apply(problem);
    ResolvedProblem resolved = stressed.resolve();

    assertThat(stressed.assets().get(0).marginRate()).isCloseTo(0.35, within(1e-15));
    assertThat(stressed.assets().get(1).marginRate()).isCloseTo(0.55, within(1e-15));
    assertThat(resolved.marginRequirement()).isCloseTo(46_000.0, within(1e-9));
    assertThat(resolved.shortfall()).isCloseTo(16_000.0, within(1e-9));
    assertThat(capped.apply(problem).resolve().marginRequirement())
        .isCloseTo(50_000.0, within(1e-9));
    assertThat(calm.apply(problem).resolve().marginRequirement())
        .isCloseTo(30_000.0, within(1e-9));
    List<StressOutcome> outcomes = StressRunner.run(List.of(proportional),
        Map.of("fund", problem), Solvers.optimal(), BatchSolver.of(1));
    assertThat(outcomes.get(0).marginRequirement()).isCloseTo(46_000.0, within(1e-9));
    assertThat(outcomes.get(0).shortfall()).isCloseTo(16_000.0, within(1e-9));
  }

  /**
   * The rule takes the scenario's volatility multiplier as sigma / sigma0, so it moves the rate
   * of an asset whose volatility is left at 0 because its risk is a covariance: A with sigma = 0
   * and a price covariance, volatility x 2, m = 0.2 x 2 = 0.4.
   */
  @Test
  void theMarginRuleAppliesWhenTheRiskIsACovariance() {
    DeleveragingProblem problem = DeleveragingProblem.builder().cash(-50_000)
        .asset(Asset.builder("A").quantity(1_000).price(100).adv(1e5).marginRate(0.2).build())
        .dependence(Dependence.covariance(new double[][] {{4.0}})).build();

    DeleveragingProblem stressed = Scenario.named("vol").withVolatilityMultiplier(2)
        .withMarginRule(VolatilityMarginRule.proportional()).apply(problem);

    assertThat(stressed.assets().get(0).marginRate()).isCloseTo(0.4, within(1e-15));
    assertThat(((Dependence.Covariance) stressed.dependence()).matrix()[0][0])
        .isCloseTo(16.0, within(1e-12));
  }

  /**
   * Per factor: two factors, loadings A (1, 0) and B (0.5, -1); half spreads 0.001 each, ADV
   * 100,000. Factor 0 doubles spreads, factor 1 triples them and halves the ADV; every asset's
   * own shock multiplies spreads by 1.5. A: 1.5 x 2^1 x 3^0 = 3, ADV x 0.5^0 = 1. B: 1.5 x
   * 2^0.5 x 3^|-1| = 6.3640, ADV x 0.5^1 = 0.5. Giving B its own shock (spread x 1) in place of
   * every asset's: B 2^0.5 x 3 = 4.2426.
   */
  @Test
  void aFactorShockReachesEachAssetByItsAbsoluteLoading() {
    DeleveragingProblem problem = longAndShort(Dependence.factor(
        new double[][] {{1, 0}, {0.5, -1}}, new double[][] {{1e-4, 0}, {0, 1e-4}},
        new double[] {1e-4, 1e-4}));
    Scenario scenario = Scenario.named("sector")
        .withLiquidityShock(LiquidityShock.NONE.withHalfSpreadMultiplier(1.5))
        .withFactorLiquidityShocks(List.of(LiquidityShock.NONE.withHalfSpreadMultiplier(2),
            LiquidityShock.NONE.withHalfSpreadMultiplier(3).withAdvMultiplier(0.5)));

    List<Asset> after = scenario.apply(problem).assets();
    List<Asset> own = scenario.withLiquidityShock("B", LiquidityShock.NONE).apply(problem)
        .assets();

    assertThat(after.get(0).costs().halfSpread()).isCloseTo(0.003, within(1e-15));
    assertThat(after.get(0).adv()).isCloseTo(100_000.0, within(1e-9));
    assertThat(after.get(1).costs().halfSpread())
        .isCloseTo(0.001 * 1.5 * Math.sqrt(2) * 3, within(1e-15));
    assertThat(after.get(1).adv()).isCloseTo(50_000.0, within(1e-9));
    assertThat(own.get(1).costs().halfSpread())
        .isCloseTo(0.001 * Math.sqrt(2) * 3, within(1e-15));
    assertThat(own.get(0).costs().halfSpread()).isCloseTo(0.003, within(1e-15));
  }

  @Test
  void aLiquidityStressThatDoesNotFitNamesTheField() {
    DeleveragingProblem independent = longAndShort(Dependence.independent());
    LiquidityShock wide = LiquidityShock.NONE.withHalfSpreadMultiplier(2_000);
    assertThatThrownBy(() -> Scenario.named("x").withLiquidityShock(wide).apply(independent))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("liquidityShock.halfSpreadMultiplier: makes asset A's halfSpread 0.001 x"
            + " 2000.0 = 2.0, which must be < 1 (a sale would raise nothing)");
    assertThatThrownBy(() -> Scenario.named("x").withLiquidityShock("B", wide).apply(independent))
        .hasMessageStartingWith("liquidityShocks.B.halfSpreadMultiplier: makes asset B's");
    assertThatThrownBy(() -> Scenario.named("x").withLiquidityShock("C", wide).apply(independent))
        .hasMessage("liquidityShocks.C: names no asset of the problem");
    assertThatThrownBy(() -> Scenario.named("x")
        .withFactorLiquidityShocks(List.of(LiquidityShock.NONE)).apply(independent))
        .hasMessage("factorLiquidityShocks: need a factor model of returns in the problem, which"
            + " has independent");
    DeleveragingProblem factor = longAndShort(Dependence.factor(new double[][] {{1}, {1}},
        new double[][] {{1e-4}}, new double[] {1e-4, 1e-4}));
    assertThatThrownBy(() -> Scenario.named("x")
        .withFactorLiquidityShocks(List.of(LiquidityShock.NONE, LiquidityShock.NONE))
        .apply(factor))
        .hasMessage("factorLiquidityShocks: must have 1 entries (one per factor), had 2");
    assertThatThrownBy(() -> Scenario.named("x")
        .withFactorLiquidityShocks(List.of(LiquidityShock.NONE.withBookLevels(2))))
        .hasMessage("factorLiquidityShocks[0].bookLevels: a factor's liquidity shock only"
            + " multiplies; cut the books of every asset (liquidityShock) or of one"
            + " (liquidityShocks)");
    assertThatThrownBy(() -> LiquidityShock.NONE.withAdvMultiplier(0))
        .hasMessage("advMultiplier: must be > 0, was 0.0");
    assertThatThrownBy(() -> LiquidityShock.NONE.withBookLevels(0))
        .hasMessage("bookLevels: must be >= 1, was 0");
    assertThatThrownBy(() -> LiquidityShock.NONE.withEtaMultiplier(Double.NaN))
        .hasMessage("etaMultiplier: must be a finite number, was NaN");
    assertThatThrownBy(() -> LiquidityShock.NONE.withBookMaxOffset(-0.1))
        .hasMessage("bookMaxOffset: must be >= 0, was -0.1");
    Map<String, DeleveragingProblem> accounts = new LinkedHashMap<>();
    accounts.put("fund-a", independent);
    assertThatThrownBy(() -> StressRunner.run(List.of(Scenario.named("ok"),
        Scenario.named("x").withLiquidityShock(wide)), accounts, Solvers.optimal()))
        .hasMessageStartingWith("scenarios[1].liquidityShock.halfSpreadMultiplier: makes asset"
            + " A's halfSpread")
        .hasMessageEndingWith("(account fund-a)");
  }

  /** A scenario without a liquidity shock or a margin rule leaves every liquidity field alone. */
  @Test
  void theOldConstructorMeansNoLiquidityStressAndNoRule() {
    Scenario old = new Scenario("old", -0.1, Map.of(), List.of(), 2.0, Map.of(), 0.0, 0.0,
        Map.of());
    DeleveragingProblem problem = longAndShort(Dependence.independent());

    DeleveragingProblem stressed = old.apply(problem);

    assertThat(old.liquidityShock()).isEqualTo(LiquidityShock.NONE);
    assertThat(old.marginRule()).isEqualTo(VolatilityMarginRule.STATIC);
    assertThat(stressed.assets().get(0).marginRate()).isEqualTo(0.2);
    assertThat(stressed.assets().get(0).costs()).isEqualTo(problem.assets().get(0).costs());
    assertThat(stressed.assets().get(0).temporaryImpact())
        .isEqualTo(problem.assets().get(0).temporaryImpact());
  }

  private static double cost(Asset asset, double units) {
    return asset.temporaryImpact().cost(units, conditions(asset));
  }

  private static TradingConditions conditions(Asset asset) {
    return new TradingConditions(asset.price(), asset.volatility(), asset.adv(), 1.0);
  }

  private static DeleveragingProblem spreadAccount() {
    return DeleveragingProblem.builder().cash(-81_900)
        .asset(Asset.builder("A").quantity(1_000).price(100).volatility(0.02).adv(1e9)
            .halfSpread(0.01).marginRate(0.2).build())
        .build();
  }

  private static DeleveragingProblem longAndShort(Dependence dependence) {
    return DeleveragingProblem.builder()
        .cash(-50_000)
        .asset(Asset.builder("A").quantity(1_000).price(100).volatility(0.02).adv(1e5)
            .halfSpread(0.001).marginRate(0.2).eta(1e-3).build())
        .asset(Asset.builder("B").quantity(-500).price(40).volatility(0.03).adv(1e5)
            .halfSpread(0.001).marginRate(0.5).eta(1e-3).build())
        .dependence(dependence)
        .build();
  }
}
