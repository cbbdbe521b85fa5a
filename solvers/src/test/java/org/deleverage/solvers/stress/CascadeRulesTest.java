package org.deleverage.solvers.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked rounds of the cascade rules, depth functions, fills, default rules and the
 * volatility-driven margin. Unless a test says otherwise, account X holds 1,000 A at 100 and
 * 2,000 B at 50 with cash -180,000: gross A = 200,000, equity E = 20,000, leverage A / E = 10.
 * The shock takes A down 10% to 90: A = 90,000 + 100,000 = 190,000, E = 10,000, leverage 19.
 * Depth is given, D_A = D_B = 100,000 units, and margin rates are 0 unless a test sets them (so
 * the threshold rule never sells).
 */
class CascadeRulesTest {

  private static final Scenario A_DOWN = Scenario.named("A down").withPriceShock("A", -0.1);
  private static final Map<String, Double> DEPTH = Map.of("A", 100_000.0, "B", 100_000.0);
  private static final BatchSolver ONE = BatchSolver.of(1);

  /**
   * Leverage targeting (Greenwood-Landier-Thesmar) to the leverage before the shock, 10: sell
   * V = A - 10 E = 190,000 - 100,000 = 90,000, the fraction 90,000 / 190,000 = 9/19 of every
   * position: 1,000 x 9/19 = 473.684... A and 2,000 x 9/19 = 947.368... B. Exponential depth:
   * p_A' = 90 exp(-473.684 / 100,000), p_B' = 50 exp(-947.368 / 100,000). Filled at the end
   * price, the cash is -180,000 + 473.684 p_A' + 947.368 p_B', so the equity after the round is
   * -180,000 + 1,000 p_A' + 2,000 p_B' (what is sold and what is kept are marked alike).
   */
  @Test
  void leverageTargetingSellsProRataBackToTheLeverageBeforeTheShock() {
    CascadeResult result = Cascade.run(List.of(x(new CascadeRule.LeverageTargeting(
            OptionalDouble.empty()))), A_DOWN, DEPTH, 1, CascadeSettings.DEFAULT, ONE, r -> { });

    double fraction = 9.0 / 19;
    double pa = 90 * Math.exp(-1_000 * fraction / 100_000);
    double pb = 50 * Math.exp(-2_000 * fraction / 100_000);
    CascadeRound round = result.rounds().get(0);
    assertThat(round.sales().get("A")).isCloseTo(1_000 * fraction, within(1e-9));
    assertThat(round.sales().get("B")).isCloseTo(2_000 * fraction, within(1e-9));
    assertThat(round.prices().get("A")).isCloseTo(pa, within(1e-12));
    assertThat(round.prices().get("B")).isCloseTo(pb, within(1e-12));
    assertThat(round.deleveraged().get("X")).isEqualTo(
        "sold 47.3684% pro rata at leverage 19.0000");
    double equity = -180_000 + 1_000 * pa + 2_000 * pb;
    assertThat(result.finalEquities().get("X")).isCloseTo(equity, within(1e-7));
    assertThat(result.ending()).isEqualTo(CascadeResult.Ending.ROUND_LIMIT);
  }

  /**
   * A stated target of 19 (the leverage after the shock): V = 190,000 - 19 x 10,000 = 0, nothing
   * to sell, and the cascade settles with no round.
   */
  @Test
  void leverageTargetingAtItsTargetSellsNothing() {
    CascadeResult result = Cascade.run(
        List.of(x(new CascadeRule.LeverageTargeting(OptionalDouble.of(19)))), A_DOWN, DEPTH, 5,
        CascadeSettings.DEFAULT, ONE, r -> { });

    assertThat(result.rounds()).isEmpty();
    assertThat(result.settled()).isTrue();
  }

  /**
   * Cont-Schaanning with threshold 20: the leverage after the shock, 19, is below it, so X does
   * not sell (leverage targeting would). With threshold 15 it does, down to its target 12: V =
   * 190,000 - 12 x 10,000 = 70,000, the fraction 7/19: 368.421... A and 736.842... B. Filled at
   * the midpoint: cash = -180,000 + 368.421 (90 + p_A') / 2 + 736.842 (50 + p_B') / 2.
   */
  @Test
  void contSchaanningSellsOnlyAboveItsThresholdAndFillsAtTheMidpoint() {
    CascadeResult calm = Cascade.run(List.of(x(new CascadeRule.ContSchaanning(20, 12))), A_DOWN,
        DEPTH, 5, CascadeSettings.DEFAULT, ONE, r -> { });
    assertThat(calm.rounds()).isEmpty();

    CascadeSettings midpoint =
        CascadeSettings.DEFAULT.withExecutionPrice(CascadeSettings.ExecutionPrice.MIDPOINT);
    CascadeResult result = Cascade.run(List.of(x(new CascadeRule.ContSchaanning(15, 12))),
        A_DOWN, DEPTH, 1, midpoint, ONE, r -> { });

    double fraction = 7.0 / 19;
    double na = 1_000 * fraction;
    double nb = 2_000 * fraction;
    double pa = 90 * Math.exp(-na / 100_000);
    double pb = 50 * Math.exp(-nb / 100_000);
    double cash = -180_000 + na * (90 + pa) / 2 + nb * (50 + pb) / 2;
    double equity = cash + (1_000 - na) * pa + (2_000 - nb) * pb;
    assertThat(result.rounds().get(0).sales().get("A")).isCloseTo(na, within(1e-9));
    assertThat(result.finalEquities().get("X")).isCloseTo(equity, within(1e-7));
    // The midpoint fills above the end price, so the same sale leaves more equity than an end
    // fill would: the difference is na (90 - pa) / 2 + nb (50 - pb) / 2.
    CascadeResult atEnd = Cascade.run(List.of(x(new CascadeRule.ContSchaanning(15, 12))),
        A_DOWN, DEPTH, 1, CascadeSettings.DEFAULT, ONE, r -> { });
    assertThat(result.finalEquities().get("X") - atEnd.finalEquities().get("X"))
        .isCloseTo(na * (90 - pa) / 2 + nb * (50 - pb) / 2, within(1e-7));
  }

  /**
   * The Cont-Schaanning account of the test above with their price floor at half the price before
   * the shock: B_A = 50, delta_A = 100,000 (1 - 50 / 100) = 50,000, p_A' = 50 + (90 - 50)
   * exp(-368.421 / 50,000); B_B = 25, delta_B = 50,000, p_B' = 25 + 25 exp(-736.842 / 50,000).
   * With the linear function: p_A' = 90 (1 - 368.421 / 100,000), p_B' = 50 (1 - 736.842 /
   * 100,000).
   */
  @Test
  void theFloorAndTheLinearDepthFunctionsMoveThePricesByTheirFormulas() {
    CascadeAccount account = x(new CascadeRule.ContSchaanning(15, 12));
    double na = 1_000 * 7.0 / 19;
    double nb = 2_000 * 7.0 / 19;

    CascadeResult floor = Cascade.run(List.of(account), A_DOWN, DEPTH, 1,
        CascadeSettings.DEFAULT.withDepthFunction(new DepthFunction.PriceFloor(0.5, Map.of())),
        ONE, r -> { });
    assertThat(floor.rounds().get(0).prices().get("A"))
        .isCloseTo(50 + 40 * Math.exp(-na / 50_000), within(1e-12));
    assertThat(floor.rounds().get(0).prices().get("B"))
        .isCloseTo(25 + 25 * Math.exp(-nb / 50_000), within(1e-12));

    CascadeResult linear = Cascade.run(List.of(account), A_DOWN, DEPTH, 1,
        CascadeSettings.DEFAULT.withDepthFunction(new DepthFunction.Linear()), ONE, r -> { });
    assertThat(linear.rounds().get(0).prices().get("A"))
        .isCloseTo(90 * (1 - na / 100_000), within(1e-12));
    assertThat(linear.rounds().get(0).prices().get("B"))
        .isCloseTo(50 * (1 - nb / 100_000), within(1e-12));
  }

  /**
   * The depth functions alone, at p = 90, p0 = 100, n = 1,000, D = 10,000: exponential 90
   * exp(-0.1) = 81.4354; linear 90 x 0.9 = 81; the floor f = 0.5 (B = 50, delta = 5,000): 50 + 40
   * exp(-0.2) = 82.7492. Selling the whole depth or more exhausts the linear book (1e-9 of the
   * price); selling a great deal takes the floor's price to B. All three move a small sale at p0
   * by -n / D relative: n = 1 gives -1e-4 to first order (the error is of order (n / D)^2).
   */
  @Test
  void depthFunctionsByHand() {
    DepthFunction exponential = DepthFunction.EXPONENTIAL;
    DepthFunction linear = new DepthFunction.Linear();
    DepthFunction floor = new DepthFunction.PriceFloor(0.5, Map.of("Z", 0.2));
    assertThat(exponential.move("A", 90, 1_000, 10_000, 100))
        .isCloseTo(90 * Math.exp(-0.1), within(1e-12));
    assertThat(linear.move("A", 90, 1_000, 10_000, 100)).isCloseTo(81, within(1e-12));
    assertThat(floor.move("A", 90, 1_000, 10_000, 100))
        .isCloseTo(50 + 40 * Math.exp(-0.2), within(1e-12));
    assertThat(linear.move("A", 90, 10_000, 10_000, 100)).isEqualTo(90 * 1e-9);
    assertThat(floor.move("A", 90, 1e9, 10_000, 100)).isCloseTo(50, within(1e-9));
    // Z's own floor is 20: B = 20, delta = 10,000 x 0.8 = 8,000.
    assertThat(floor.move("Z", 90, 1_000, 10_000, 100))
        .isCloseTo(20 + 70 * Math.exp(-1_000.0 / 8_000), within(1e-12));
    for (DepthFunction f : List.of(exponential, linear, floor)) {
      assertThat(f.move("A", 100, 1, 10_000, 100) / 100 - 1).isCloseTo(-1e-4, within(1e-8));
    }
  }

  /**
   * X under the threshold rule with no margin sells nothing; after the shock its leverage is 19.
   * Defaults by equity: none (E = 10,000 > 0). With a leverage ceiling of 15 it is in default
   * (19 > 15); with a ceiling of 20 it is not.
   */
  @Test
  void defaultsByEquityOrByALeverageCeiling() {
    List<CascadeAccount> accounts = List.of(x(CascadeRule.THRESHOLD));
    assertThat(Cascade.run(accounts, A_DOWN, DEPTH, 1, CascadeSettings.DEFAULT, ONE, r -> { })
        .defaults()).isEmpty();
    assertThat(Cascade.run(accounts, A_DOWN, DEPTH, 1, CascadeSettings.DEFAULT.withDefaultRule(
        CascadeSettings.DefaultRule.leverage(15)), ONE, r -> { }).defaults())
        .containsExactly("X");
    assertThat(Cascade.run(accounts, A_DOWN, DEPTH, 1, CascadeSettings.DEFAULT.withDefaultRule(
        CascadeSettings.DefaultRule.leverage(20)), ONE, r -> { }).defaults()).isEmpty();
    assertThat(CascadeSettings.DefaultRule.leverage(20).inDefault(100, 0)).isTrue();
    assertThat(CascadeSettings.DefaultRule.EQUITY.inDefault(100, 0)).isFalse();
    assertThat(CascadeSettings.DefaultRule.EQUITY.inDefault(100, -1)).isTrue();
  }

  /**
   * One asset A at 100, volatility 0.02, margin rate 0.1; Y holds 1,000 with cash -88,000 (E =
   * 12,000, requirement 10,000). The shock takes A to 90: E = 2,000, requirement 9,000 at the
   * fixed rate. With the rule k = 2, cap 0.5 and lambda 0.94, sigma_1^2 = 0.94 x 0.02^2 + 0.06 x
   * ln(0.9)^2 = 0.000376 + 0.06 x 0.0111008 = 0.00104205, sigma_1 = 0.0322808; the margin rate
   * of round 1 is 0.1 x (0.0322808 / 0.02)^2 = 0.260513, so the shortfall of round 1 is 0.260513
   * x 90,000 - 2,000 = 21,446.2 instead of 7,000.
   */
  @Test
  void theMarginRuleRaisesRatesWithTheMovingAverageOfVolatility() {
    DeleveragingProblem y = DeleveragingProblem.builder().cash(-88_000)
        .asset(Asset.builder("A").quantity(1_000).price(100).volatility(0.02).adv(1e9)
            .marginRate(0.1).gamma(1e-4).eta(1e-4).build())
        .build();
    List<CascadeAccount> accounts = List.of(new CascadeAccount("Y", y, Solvers.optimal()));
    Scenario crash = Scenario.named("crash").withPriceShock(-0.1);

    CascadeResult fixed = Cascade.run(accounts, crash, Map.of(), 1, CascadeSettings.DEFAULT,
        ONE, r -> { });
    assertThat(fixed.rounds().get(0).shortfalls().get("Y")).isCloseTo(7_000, within(1e-6));
    assertThat(fixed.rounds().get(0).marginRates()).isEmpty();

    CascadeSettings driven =
        CascadeSettings.DEFAULT.withMarginRule(new VolatilityMarginRule(2, 0.5), 0.94);
    CascadeResult result = Cascade.run(accounts, crash, Map.of(), 1, driven, ONE, r -> { });
    double variance = 0.94 * 0.02 * 0.02 + 0.06 * Math.log(0.9) * Math.log(0.9);
    double rate = 0.1 * variance / (0.02 * 0.02);
    CascadeRound round = result.rounds().get(0);
    assertThat(round.volatilities().get("A")).isCloseTo(Math.sqrt(variance), within(1e-15));
    assertThat(round.marginRates().get("A")).isCloseTo(rate, within(1e-12));
    assertThat(rate).isCloseTo(0.260513, within(1e-6));
    assertThat(round.shortfalls().get("Y")).isCloseTo(rate * 90_000 - 2_000, within(1e-6));
  }

  /**
   * The systemic measures on two accounts and two assets, by hand (Greenwood-Landier-Thesmar
   * 2015; Cont-Schaanning 2019). Prices A 100, B 50; depth D_A = 1,000,000, D_B = 200,000 units,
   * so l_A = 1 / (100 x 1,000,000) = 1e-8 and l_B = 1 / (50 x 200,000) = 1e-7 per unit of value
   * sold. Account 1: 1,000 A and 2,000 B (X_1 = (100,000, 100,000), a_1 = 200,000), cash
   * -180,000: e_1 = 20,000, b_1 = 180,000 / 20,000 = 9, weights (0.5, 0.5). Account 2: 3,000 A and
   * no B (X_2 = (300,000, 0), a_2 = 300,000), cash -240,000: e_2 = 60,000, b_2 = 4, weights (1, 0).
   * E = 80,000. The shock: A -10%, B -20%, F = (0.1, 0.2).
   *
   * <p>r_1 = 0.5 x 0.1 + 0.5 x 0.2 = 0.15, r_2 = 0.1. Sales phi = b a r: phi_1 = 9 x 200,000 x
   * 0.15 = 270,000, phi_2 = 4 x 300,000 x 0.1 = 120,000. Pro rata: account 1 sells 135,000 of A
   * and 135,000 of B, account 2 120,000 of A; in all 255,000 of A and 135,000 of B. The prices
   * fall by 1e-8 x 255,000 = 0.255% (A) and 1e-7 x 135,000 = 1.35% (B). Account 1 loses 100,000
   * x 0.00255 + 100,000 x 0.0135 = 255 + 1,350 = 1,605; account 2 300,000 x 0.00255 = 765.
   *
   * <p>AV = (1,605 + 765) / 80,000 = 0.029625. IV_1 = 1,605 / 20,000 = 0.08025, IV_2 = 765 /
   * 60,000 = 0.01275. S_1: account 1's own sales move A by 1e-8 x 135,000 = 0.135% and B by 1.35%;
   * the holders of A (400,000 in all) lose 540 and of B (100,000) 1,350: S_1 = 1,890 / 80,000 =
   * 0.023625. S_2: 120,000 of A moves it 0.12%, costing the holders of A 480: S_2 = 480 / 80,000
   * = 0.006. S_1 + S_2 = 0.029625 = AV.
   *
   * <p>ICI_1 = X_1A X_2A l_A + X_1B X_2B l_B = 100,000 x 300,000 x 1e-8 + 0 = 300 = ICI_2 (with
   * two accounts the overlap is shared).
   */
  @Test
  void systemicMeasuresOnTwoAccountsAndTwoAssetsByHand() {
    DeleveragingProblem one = DeleveragingProblem.builder().cash(-180_000)
        .asset(asset("A", 1_000, 100)).asset(asset("B", 2_000, 50)).build();
    DeleveragingProblem two = DeleveragingProblem.builder().cash(-240_000)
        .asset(asset("A", 3_000, 100)).asset(asset("B", 0, 50)).build();
    List<CascadeAccount> accounts = List.of(new CascadeAccount("one", one, Solvers.optimal()),
        new CascadeAccount("two", two, Solvers.optimal()));
    Scenario shock = Scenario.named("s").withPriceShock("A", -0.1).withPriceShock("B", -0.2);

    SystemicMeasures m = Cascade.run(accounts, shock, Map.of("A", 1e6, "B", 2e5), 1,
        CascadeSettings.DEFAULT, ONE, r -> { }).systemic();

    assertThat(m.leverage()).containsOnlyKeys("one", "two");
    assertThat(m.leverage().get("one")).isCloseTo(9, within(1e-12));
    assertThat(m.leverage().get("two")).isCloseTo(4, within(1e-12));
    assertThat(m.aggregateVulnerability()).isCloseTo(0.029625, within(1e-12));
    assertThat(m.indirectVulnerability().get("one")).isCloseTo(0.08025, within(1e-12));
    assertThat(m.indirectVulnerability().get("two")).isCloseTo(0.01275, within(1e-12));
    assertThat(m.systemicness().get("one")).isCloseTo(0.023625, within(1e-12));
    assertThat(m.systemicness().get("two")).isCloseTo(0.006, within(1e-12));
    assertThat(m.indirectContagion().get("one")).isCloseTo(300, within(1e-9));
    assertThat(m.indirectContagion().get("two")).isCloseTo(300, within(1e-9));
  }

  /** An account with no equity before the shock has no leverage: its figures are NaN. */
  @Test
  void anAccountWithoutEquityHasNoSystemicFigures() {
    SystemicMeasures m = SystemicMeasures.of(List.of("broke"),
        List.of(Map.of("A", 100.0)), List.of(0.0), Map.of("A", 0.1), Map.of("A", 1e-3));
    assertThat(m.leverage().get("broke")).isNaN();
    assertThat(m.indirectVulnerability().get("broke")).isNaN();
    assertThat(m.aggregateVulnerability()).isNaN();
  }

  /**
   * Today's cascade by default: the run without settings and the run with {@link
   * CascadeSettings#DEFAULT} and every account's rule stated as the threshold rule give the same
   * result, figure for figure.
   */
  @Test
  void theDefaultsAreTodaysCascade() {
    DeleveragingProblem z = DeleveragingProblem.builder().cash(-60_000)
        .asset(Asset.builder("A").quantity(1_000).price(100).adv(1e9).marginRate(0.5)
            .gamma(1e-3).eta(1e-3).build())
        .build();
    CascadeResult plain = Cascade.run(List.of(new CascadeAccount("Z", z, Solvers.optimal())),
        Scenario.named("c").withPriceShock(-0.2), Map.of(), 10, ONE);
    CascadeResult stated = Cascade.run(
        List.of(new CascadeAccount("Z", z, Solvers.optimal(), CascadeRule.THRESHOLD)),
        Scenario.named("c").withPriceShock(-0.2), Map.of(), 10, CascadeSettings.DEFAULT, ONE,
        r -> { });
    assertThat(plain.rounds()).isNotEmpty();
    assertThat(stated).isEqualTo(plain);
  }

  @Test
  void badRulesAndSettingsNameTheField() {
    assertThatThrownBy(() -> new CascadeRule.ContSchaanning(10, 12))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("target: must be <= threshold (10.0), was 12.0");
    assertThatThrownBy(() -> new CascadeRule.LeverageTargeting(OptionalDouble.of(-1)))
        .hasMessageStartingWith("target: must be > 0");
    assertThatThrownBy(() -> new DepthFunction.PriceFloor(1, Map.of()))
        .hasMessage("floor: must be in [0, 1), was 1.0");
    assertThatThrownBy(() -> new DepthFunction.PriceFloor(0.5, Map.of("A", -0.1)))
        .hasMessage("floors.A: must be in [0, 1), was -0.1");
    assertThatThrownBy(() -> CascadeSettings.DEFAULT.withMarginRule(
        VolatilityMarginRule.proportional(), 1))
        .hasMessage("volatility.lambda: must be in (0, 1), was 1.0");
    // A floor at 95% of the price before the shock is above A's 90 after it.
    assertThatThrownBy(() -> Cascade.run(List.of(x(CascadeRule.THRESHOLD)), A_DOWN, DEPTH, 1,
        CascadeSettings.DEFAULT.withDepthFunction(new DepthFunction.PriceFloor(0.5,
            Map.of("A", 0.95))), ONE, r -> { }))
        .hasMessage("depthFunction.floors.A: must put A's floor (95.0) below its price after the"
            + " shock, 90.0");
    DeleveragingProblem broke = DeleveragingProblem.builder().cash(-300_000)
        .asset(asset("A", 1_000, 100)).asset(asset("B", 2_000, 50)).build();
    assertThatThrownBy(() -> Cascade.run(List.of(new CascadeAccount("W", broke,
        Solvers.optimal(), new CascadeRule.LeverageTargeting(OptionalDouble.empty()))),
        A_DOWN, DEPTH, 1, CascadeSettings.DEFAULT, ONE, r -> { }))
        .hasMessageStartingWith("accounts[0].rule.target: must be given");
    // A rule in the shock and another in the settings would raise the rates twice for the same
    // rise in volatility.
    assertThatThrownBy(() -> Cascade.run(List.of(x(CascadeRule.THRESHOLD)),
        A_DOWN.withMarginRule(VolatilityMarginRule.proportional()), DEPTH, 1,
        CascadeSettings.DEFAULT.withMarginRule(VolatilityMarginRule.proportional(), 0.94), ONE,
        r -> { }))
        .hasMessageStartingWith("shock.marginRule: must be left out when the cascade has its own");
  }

  private static CascadeAccount x(CascadeRule rule) {
    DeleveragingProblem problem = DeleveragingProblem.builder().cash(-180_000)
        .asset(asset("A", 1_000, 100)).asset(asset("B", 2_000, 50)).build();
    return new CascadeAccount("X", problem, Solvers.optimal(), rule);
  }

  private static Asset asset(String id, double quantity, double price) {
    return Asset.builder(id).quantity(quantity).price(price).adv(1e9).marginRate(0)
        .gamma(1e-6).eta(1e-6).build();
  }
}
