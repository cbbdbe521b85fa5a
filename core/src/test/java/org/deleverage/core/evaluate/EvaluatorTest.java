package org.deleverage.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.ScheduleStep;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked cases of MODEL.md sections 3 and 4. Every expected number is derived in the comment
 * above its assertion from the model's formulas, not read off the code. Periods are 0-based in the
 * API: {@code excess(k)} is X_{k+1} of the model.
 */
class EvaluatorTest {

  private static final Evaluator EVALUATOR = Evaluator.DEFAULT;

  // ---------------------------------------------------------------------------------------------
  // a. MODEL.md section 7
  // ---------------------------------------------------------------------------------------------

  /**
   * One long: Q = 100,000, p = 10, m = 0.5, eta = 1e-5, tau = 1, N = 1, no spread, fee or gamma.
   * Cash -600,000 gives E = -600,000 + 1,000,000 = 400,000 and R = 0.5 * 1,000,000 = 500,000, so
   * the account's own shortfall is also 100,000; the tests give it explicitly as well.
   */
  private static ResolvedProblem section7(boolean shortfallGiven) {
    Asset asset =
        Asset.builder("X").quantity(100_000.0).price(10.0).adv(1e6).marginRate(0.5).eta(1e-5)
            .build();
    Requirement requirement =
        shortfallGiven ? Requirement.margin().withShortfall(100_000.0) : Requirement.margin();
    return DeleveragingProblem.builder()
        .cash(-600_000.0)
        .asset(asset)
        .requirement(requirement)
        .build()
        .resolve();
  }

  @Test
  void section7WorkedExampleCoversTheShortfallExactly() {
    // X_1 = X_0 - L_1 + m c p = -100,000 - eta n^2 + 5 n (MODEL.md 3 with gamma = e = 0,
    // h(n) = eta n / tau, so L_1 = n h(n) = 1e-5 n^2). X_1 = 0 at the smaller root
    //   n = (5 - sqrt(25 - 4 * 1e-5 * 1e5)) / (2 * 1e-5) = (5 - sqrt(21)) / 2e-5 = 20,871.215...
    // L_1 = 1e-5 n^2 = 4,356.076...
    ResolvedProblem problem = section7(true);
    double n = (5.0 - Math.sqrt(21.0)) / 2e-5;
    assertThat(n).isCloseTo(20_871.215, within(1e-3));
    Evaluation evaluation = EVALUATOR.evaluate(problem, TradeTable.of(new double[][] {{n}}));

    assertThat(evaluation.loss(0)).isCloseTo(1e-5 * n * n, within(1e-9 * 1e5));
    assertThat(evaluation.loss(0)).isCloseTo(4_356.076, within(1e-3));
    assertThat(evaluation.excess(0)).isCloseTo(0.0, within(1e-9 * 1e5));
    assertThat(evaluation.feasible()).isTrue();
    // Expected loss only: the objective is L_1.
    assertThat(evaluation.objective().total()).isCloseTo(evaluation.loss(0), within(1e-9 * 1e4));
    // The sale executes at p - h(n) = 10 - 1e-5 n and raises K_1 = 10 n - 1e-5 n^2.
    assertThat(evaluation.executionPrice(0, 0)).isCloseTo(10.0 - 1e-5 * n, within(1e-12));
    assertThat(evaluation.cashRaised(0))
        .isCloseTo(10.0 * n - 1e-5 * n * n, within(1e-9 * 1e6));
  }

  @Test
  void section7ShadowPriceFollowsFromTheGradients() {
    // dL/dn = 2 eta n = 5 - sqrt(21); dX_1/dn = 5 - 2 eta n = sqrt(21);
    // mu = (2 eta n) / (5 - 2 eta n) = 5 / sqrt(21) - 1 = 0.091089...
    ResolvedProblem problem = section7(true);
    double n = (5.0 - Math.sqrt(21.0)) / 2e-5;
    TradeTable table = TradeTable.of(new double[][] {{n}});
    double objectiveSlope = EVALUATOR.objectiveGradient(problem, table)[0][0];
    double excessSlope = EVALUATOR.excessGradient(problem, table, 0)[0][0];
    assertThat(objectiveSlope).isCloseTo(5.0 - Math.sqrt(21.0), within(1e-12));
    assertThat(excessSlope).isCloseTo(Math.sqrt(21.0), within(1e-12));
    assertThat(objectiveSlope / excessSlope).isCloseTo(0.091089, within(1e-6));
  }

  @Test
  void section7SellingEverythingCoversAtMost400000() {
    // n = Q = 100,000: L_1 = 1e-5 * 1e10 = 100,000; m c p = 0.5 * 1e5 * 10 = 500,000;
    // X_1 = -100,000 - 100,000 + 500,000 = 300,000, so X_1 - X_0 = 400,000 is the largest
    // coverable shortfall.
    ResolvedProblem problem = section7(true);
    Evaluation evaluation =
        EVALUATOR.evaluate(problem, TradeTable.of(new double[][] {{100_000.0}}));
    assertThat(evaluation.loss(0)).isCloseTo(100_000.0, within(1e-9 * 1e5));
    assertThat(evaluation.excess(0)).isCloseTo(300_000.0, within(1e-9 * 1e5));
    assertThat(evaluation.excess(0) - problem.initialExcess())
        .isCloseTo(400_000.0, within(1e-9 * 1e5));
    assertThat(evaluation.feasible()).isTrue();
  }

  @Test
  void section7ShortfallFromTheAccountEqualsTheGivenOne() {
    // X_0 = E - R = 400,000 - 500,000 = -100,000, S = 100,000.
    ResolvedProblem computed = section7(false);
    assertThat(computed.equity()).isCloseTo(400_000.0, within(1e-6));
    assertThat(computed.marginRequirement()).isCloseTo(500_000.0, within(1e-6));
    assertThat(computed.initialExcess()).isCloseTo(-100_000.0, within(1e-6));
    assertThat(computed.shortfall()).isCloseTo(100_000.0, within(1e-6));
    assertThat(section7(true).initialExcess()).isEqualTo(-100_000.0);
  }

  // ---------------------------------------------------------------------------------------------
  // b. A short bought back
  // ---------------------------------------------------------------------------------------------

  /**
   * Short q = -1000 (Q = 1000, d = -1), p = 20, s = 0.001, f = 0.0005, u = 0.01, m = 0.3,
   * gamma = 0.002, eta = 0.01, tau = 2 (so h(n) = 0.005 n), N = 2, V = 10,000 (cap 20,000).
   * Cash 25,000: E = 25,000 - 20,000 = 5,000, R = 0.3 * 1000 * 20 = 6,000, X_0 = -1,000.
   * Trades n = (200, 300), c = (200, 500).
   */
  private static ResolvedProblem shortProblem() {
    Asset asset =
        Asset.builder("S").quantity(-1000.0).price(20.0).adv(10_000.0).halfSpread(0.001)
            .fee(0.0005).feePerUnit(0.01).marginRate(0.3).gamma(0.002).eta(0.01).build();
    return DeleveragingProblem.builder()
        .cash(25_000.0)
        .asset(asset)
        .horizon(Horizon.of(2, 2.0))
        .build()
        .resolve();
  }

  @Test
  void shortBoughtBack() {
    ResolvedProblem problem = shortProblem();
    assertThat(problem.initialExcess()).isCloseTo(-1000.0, within(1e-9));
    Evaluation evaluation =
        EVALUATOR.evaluate(problem, TradeTable.of(new double[][] {{200.0, 300.0}}));

    // e = (s + f) p + u = 0.0015 * 20 + 0.01 = 0.04; h(200) = 1.0, h(300) = 1.5.
    // Buy-back prices p + gamma c_{k-1} + e + h(n):
    //   period 1: 20 + 0 + 0.04 + 1.0 = 21.04
    //   period 2: 20 + 0.002 * 200 + 0.04 + 1.5 = 21.94
    assertThat(evaluation.executionPrice(0, 0)).isCloseTo(21.04, within(1e-12));
    assertThat(evaluation.executionPrice(0, 1)).isCloseTo(21.94, within(1e-12));

    // L_1 = gamma (Q c - c^2/2 - n1^2/2) + e n1 + n1 h(n1)
    //     = 0.002 (200,000 - 20,000 - 20,000) + 8 + 200 = 320 + 208 = 528
    // L_2 = 0.002 (500,000 - 125,000 - (40,000 + 90,000)/2) + 0.04 * 500 + (200 + 450)
    //     = 620 + 20 + 650 = 1,290
    // Check by marking to market: paid 200 * 21.04 + 300 * 21.94 = 10,790 for 500 units, and the
    // 500 still short are marked at 20 + 0.002 * 500 = 21: loss 10,790 + 500 * 21 - 20,000 = 1,290.
    assertThat(evaluation.loss(0)).isCloseTo(528.0, within(1e-9 * 1e3));
    assertThat(evaluation.loss(1)).isCloseTo(1290.0, within(1e-9 * 1e3));

    // X_k = X_0 - L_k + m (c p + d gamma c (Q - c)), d = -1: the requirement on the units kept
    // goes UP, by m gamma c (Q - c).
    //   X_1 = -1000 - 528 + 0.3 (4000 - 0.002 * 200 * 800) = -1528 + 0.3 * 3680 = -424
    //   X_2 = -1000 - 1290 + 0.3 (10,000 - 0.002 * 500 * 500) = -2290 + 2850 = 560
    // Check X_2 directly: cash 25,000 - 10,790 = 14,210; position -500 at 21 = -10,500;
    // E = 3,710; R = 0.3 * 500 * 21 = 3,150; X = 560.
    assertThat(evaluation.excess(0)).isCloseTo(-424.0, within(1e-9 * 1e4));
    assertThat(evaluation.excess(1)).isCloseTo(560.0, within(1e-9 * 1e4));

    // Buying back spends cash: K_1 = -200 * 21.04 = -4,208; K_2 = -10,790.
    assertThat(evaluation.cashRaised(0)).isCloseTo(-4208.0, within(1e-9 * 1e4));
    assertThat(evaluation.cashRaised(1)).isCloseTo(-10_790.0, within(1e-9 * 1e4));

    // Cost split per trade: spread s p n, fee f p n + u n, temporary n h(n), permanent
    // gamma n (Q - c_k):
    //   trade 1: 0.001*20*200 = 4; 0.0005*20*200 + 0.01*200 = 4; 200; 0.002*200*800 = 320
    //   trade 2: 6; 3 + 3 = 6; 450; 0.002*300*500 = 300
    // and per asset 10, 10, 650, 620, total 1,290 = L_2.
    assertCost(evaluation.tradeCost(0, 0), 4.0, 4.0, 200.0, 320.0);
    assertCost(evaluation.tradeCost(0, 1), 6.0, 6.0, 450.0, 300.0);
    assertCost(evaluation.assetCost(0), 10.0, 10.0, 650.0, 620.0);
    assertThat(evaluation.assetCost(0).total()).isCloseTo(evaluation.loss(1), within(1e-9 * 1e3));

    // Coverage at the deadline (period 2): X_2 = 560 >= 0.
    assertThat(evaluation.feasible()).isTrue();
    ConstraintCheck coverage = find(evaluation, Constraint.COVERAGE, "", 2);
    assertThat(coverage.slack()).isCloseTo(560.0, within(1e-9 * 1e4));
  }

  // ---------------------------------------------------------------------------------------------
  // c. Permanent impact over three periods, a long
  // ---------------------------------------------------------------------------------------------

  /**
   * Long Q = 1000, p = 50, s = 0.002 (e = 0.1), eta = 0.01, tau = 1 (h(n) = 0.01 n),
   * gamma = 0.01, m = 0.5, V = 100,000, N = 3. Cash -35,000: E = 15,000, R = 25,000,
   * X_0 = -10,000 = -S. Trades n = (100, 200, 300), c = (100, 300, 600).
   */
  private static DeleveragingProblem.Builder longThreePeriods() {
    Asset asset =
        Asset.builder("L").quantity(1000.0).price(50.0).adv(100_000.0).halfSpread(0.002)
            .eta(0.01).gamma(0.01).marginRate(0.5).build();
    return DeleveragingProblem.builder().cash(-35_000.0).asset(asset).horizon(Horizon.of(3, 1.0));
  }

  private static final TradeTable LONG_TRADES =
      TradeTable.of(new double[][] {{100.0, 200.0, 300.0}});

  @Test
  void permanentImpactOverThreePeriods() {
    ResolvedProblem problem = longThreePeriods().build().resolve();
    assertThat(problem.initialExcess()).isCloseTo(-10_000.0, within(1e-9));
    Evaluation evaluation = EVALUATOR.evaluate(problem, LONG_TRADES);

    // Permanent part gamma (Q c_k - c_k^2/2 - sum_{j<=k} n_j^2/2):
    //   k=1: 0.01 (100,000 -  5,000 -  5,000) =   900
    //   k=2: 0.01 (300,000 - 45,000 - 25,000) = 2,300
    //   k=3: 0.01 (600,000 - 180,000 - 70,000) = 3,500
    // Linear part e c_k = 10, 30, 60; temporary sum n_j h(n_j) = 100, 100 + 400, 500 + 900.
    // L = 1,010; 2,830; 4,960.
    assertThat(evaluation.loss(0)).isCloseTo(1010.0, within(1e-9 * 1e4));
    assertThat(evaluation.loss(1)).isCloseTo(2830.0, within(1e-9 * 1e4));
    assertThat(evaluation.loss(2)).isCloseTo(4960.0, within(1e-9 * 1e4));

    // Per-trade permanent attribution gamma n_k (Q - c_k): 0.01*100*900 = 900,
    // 0.01*200*700 = 1,400, 0.01*300*400 = 1,200; running sums 900, 2,300, 3,500 as above.
    assertThat(evaluation.tradeCost(0, 0).permanentImpact()).isCloseTo(900.0, within(1e-9 * 1e4));
    assertThat(evaluation.tradeCost(0, 1).permanentImpact())
        .isCloseTo(1400.0, within(1e-9 * 1e4));
    assertThat(evaluation.tradeCost(0, 2).permanentImpact())
        .isCloseTo(1200.0, within(1e-9 * 1e4));
    assertThat(evaluation.assetCost(0).permanentImpact()).isCloseTo(3500.0, within(1e-9 * 1e4));
    assertCost(evaluation.assetCost(0), 60.0, 0.0, 1400.0, 3500.0);

    // Sale prices p - gamma c_{k-1} - e - h(n_k): 50 - 0 - 0.1 - 1 = 48.9; 50 - 1 - 0.1 - 2 =
    // 46.9; 50 - 3 - 0.1 - 3 = 43.9. Mark to market: proceeds 4,890 + 9,380 + 13,170 = 27,440,
    // 400 units left at 50 - 6 = 44 = 17,600; 45,040 against 50,000: loss 4,960 as above.
    assertThat(evaluation.executionPrice(0, 0)).isCloseTo(48.9, within(1e-12));
    assertThat(evaluation.executionPrice(0, 1)).isCloseTo(46.9, within(1e-12));
    assertThat(evaluation.executionPrice(0, 2)).isCloseTo(43.9, within(1e-12));
    assertThat(evaluation.cashRaised(2)).isCloseTo(27_440.0, within(1e-9 * 1e5));

    // X_k = X_0 - L_k + m (c p + gamma c (Q - c)) (a long: the requirement on kept units falls):
    //   X_1 = -10,000 - 1,010 + 0.5 ( 5,000 +   900) = -8,060
    //   X_2 = -10,000 - 2,830 + 0.5 (15,000 + 2,100) = -4,280
    //   X_3 = -10,000 - 4,960 + 0.5 (30,000 + 2,400) =  1,240
    // Check X_3: cash -35,000 + 27,440 = -7,560, position 17,600, E = 10,040,
    // R = 0.5 * 17,600 = 8,800, X = 1,240.
    assertThat(evaluation.excess(0)).isCloseTo(-8060.0, within(1e-9 * 1e4));
    assertThat(evaluation.excess(1)).isCloseTo(-4280.0, within(1e-9 * 1e4));
    assertThat(evaluation.excess(2)).isCloseTo(1240.0, within(1e-9 * 1e4));
    assertThat(evaluation.feasible()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // d. Cash mode
  // ---------------------------------------------------------------------------------------------

  @Test
  void cashModeCountsNetCashRaised() {
    // Long L as in case c over N = 2 with n = (100, 200); a short B: q = -100, p = 10, no costs,
    // n = (0, 50). Cash call S = 10,000 with buffer 1,000 and a step (period 1, phi = 0.4).
    // The account's cash and the margin rates play no part: X_0 = -S.
    Asset longAsset =
        Asset.builder("L").quantity(1000.0).price(50.0).adv(100_000.0).halfSpread(0.002)
            .eta(0.01).gamma(0.01).marginRate(0.5).build();
    Asset shortAsset = Asset.builder("B").quantity(-100.0).price(10.0).adv(1000.0).build();
    ResolvedProblem problem =
        DeleveragingProblem.builder()
            .cash(123.0)
            .asset(longAsset)
            .asset(shortAsset)
            .horizon(Horizon.of(2, 1.0))
            .requirement(
                Requirement.cash(10_000.0)
                    .withBuffer(1000.0)
                    .withSchedule(List.of(ScheduleStep.of(1, 0.4))))
            .build()
            .resolve();
    assertThat(problem.initialExcess()).isEqualTo(-10_000.0);
    Evaluation evaluation =
        EVALUATOR.evaluate(problem, TradeTable.of(new double[][] {{100.0, 200.0}, {0.0, 50.0}}));

    // L sells at 48.9 then 46.9 (case c): K_L = 4,890; 4,890 + 9,380 = 14,270.
    // B buys 50 back at p = 10 (no costs, no impact): K_B = 0; -500.
    // K = 4,890; 13,770. Excess reads K - S: -5,110; 3,770.
    assertThat(evaluation.cashRaised(0)).isCloseTo(4890.0, within(1e-9 * 1e4));
    assertThat(evaluation.cashRaised(1)).isCloseTo(13_770.0, within(1e-9 * 1e4));
    assertThat(evaluation.excess(0)).isCloseTo(-5110.0, within(1e-9 * 1e4));
    assertThat(evaluation.excess(1)).isCloseTo(3770.0, within(1e-9 * 1e4));
    // The loss is the same accounting as in margin mode: L_2 = 2,830 (case c) + 0.
    assertThat(evaluation.loss(1)).isCloseTo(2830.0, within(1e-9 * 1e4));
    assertThat(evaluation.executionPrice(1, 1)).isCloseTo(10.0, within(1e-12));

    // Coverage: K_2 - S >= buffer: 3,770 - 1,000 = 2,770 slack.
    ConstraintCheck coverage = find(evaluation, Constraint.COVERAGE, "", 2);
    assertThat(coverage.value()).isCloseTo(3770.0, within(1e-9 * 1e4));
    assertThat(coverage.bound()).isEqualTo(1000.0);
    assertThat(coverage.slack()).isCloseTo(2770.0, within(1e-9 * 1e4));
    // Step: K_1 - S >= -S (1 - 0.4) = -6,000: slack -5,110 + 6,000 = 890.
    ConstraintCheck step = find(evaluation, Constraint.SCHEDULE, "", 1);
    assertThat(step.bound()).isCloseTo(-6000.0, within(1e-9));
    assertThat(step.slack()).isCloseTo(890.0, within(1e-9 * 1e4));
    assertThat(evaluation.feasible()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // e. Partial coverage
  // ---------------------------------------------------------------------------------------------

  @Test
  void partialCoverageScheduleOneHeldOneBroken() {
    // Case c (X = -8,060; -4,280; 1,240 with S = 10,000) with steps (1, 0.1) and (2, 0.6):
    //   period 1: X_1 >= -10,000 * 0.9 = -9,000: slack -8,060 + 9,000 = 940, held
    //   period 2: X_2 >= -10,000 * 0.4 = -4,000: slack -4,280 + 4,000 = -280, broken
    // The deadline (period 3) is still met with 1,240.
    ResolvedProblem problem =
        longThreePeriods()
            .requirement(
                Requirement.margin()
                    .withSchedule(List.of(ScheduleStep.of(1, 0.1), ScheduleStep.of(2, 0.6))))
            .build()
            .resolve();
    Evaluation evaluation = EVALUATOR.evaluate(problem, LONG_TRADES);

    ConstraintCheck first = find(evaluation, Constraint.SCHEDULE, "", 1);
    assertThat(first.bound()).isCloseTo(-9000.0, within(1e-9 * 1e4));
    assertThat(first.slack()).isCloseTo(940.0, within(1e-9 * 1e4));
    assertThat(first.satisfied()).isTrue();
    ConstraintCheck second = find(evaluation, Constraint.SCHEDULE, "", 2);
    assertThat(second.value()).isCloseTo(-4280.0, within(1e-9 * 1e4));
    assertThat(second.bound()).isCloseTo(-4000.0, within(1e-9 * 1e4));
    assertThat(second.slack()).isCloseTo(-280.0, within(1e-9 * 1e4));
    assertThat(second.satisfied()).isFalse();
    assertThat(find(evaluation, Constraint.COVERAGE, "", 3).slack())
        .isCloseTo(1240.0, within(1e-9 * 1e4));
    assertThat(evaluation.feasible()).isFalse();
    assertThat(evaluation.violations()).containsExactly(second);
  }

  @Test
  void coverageIsCheckedAtTheDeadlineNotTheLastPeriod() {
    // Case c due by period 2 with a buffer of 500: X_2 = -4,280 against 500, slack -4,780, though
    // X_3 = 1,240 would have covered it. Tolerance max(1e-6, 1e-9 * max(500, S, |X_0|)) = 1e-5.
    ResolvedProblem problem =
        longThreePeriods()
            .requirement(Requirement.margin().withDeadline(2).withBuffer(500.0))
            .build()
            .resolve();
    Evaluation evaluation = EVALUATOR.evaluate(problem, LONG_TRADES);
    ConstraintCheck coverage = find(evaluation, Constraint.COVERAGE, "", 2);
    assertThat(coverage.bound()).isEqualTo(500.0);
    assertThat(coverage.slack()).isCloseTo(-4780.0, within(1e-9 * 1e4));
    assertThat(coverage.tolerance()).isCloseTo(1e-5, within(1e-18));
    assertThat(evaluation.constraints())
        .filteredOn(c -> c.constraint() == Constraint.COVERAGE)
        .hasSize(1);
    assertThat(evaluation.violations()).containsExactly(coverage);
  }

  // ---------------------------------------------------------------------------------------------
  // f. Objective terms
  // ---------------------------------------------------------------------------------------------

  /**
   * A: long 100 at p = 10, sigma = 0.02 (sigma p = 0.2), s = 0.01 (e = 0.1), omega = 0.3.
   * B: short -50 at p = 20, sigma = 0.01 (sigma p = 0.2), u = 0.05 (e = 0.05), omega = 0.2.
   * Correlation 0.5: Sigma = [[0.04, 0.02], [0.02, 0.04]]. N = 2, tau = 0.5, V = 1000 (cap 500).
   * Weights w = 2, lambda = 0.5, lambda_res = 3. Trades A (40, 60), B (10, 20).
   */
  private static ResolvedProblem objectiveProblem(Dependence dependence) {
    Asset a =
        Asset.builder("A").quantity(100.0).price(10.0).volatility(0.02).adv(1000.0)
            .halfSpread(0.01).reluctance(0.3).build();
    Asset b =
        Asset.builder("B").quantity(-50.0).price(20.0).volatility(0.01).adv(1000.0)
            .feePerUnit(0.05).reluctance(0.2).build();
    return DeleveragingProblem.builder()
        .cash(0.0)
        .asset(a)
        .asset(b)
        .dependence(dependence)
        .horizon(Horizon.of(2, 0.5))
        .objective(Objective.of(2.0, 0.5, 3.0))
        .build()
        .resolve();
  }

  private static void assertObjectiveTerms(ResolvedProblem problem) {
    Evaluation evaluation =
        EVALUATOR.evaluate(problem, TradeTable.of(new double[][] {{40.0, 60.0}, {10.0, 20.0}}));
    ObjectiveValue objective = evaluation.objective();
    // x_1 = (60, -40), x_2 = (0, -20).
    // x_1' Sigma x_1 = 0.04 * 3600 + 2 * 0.02 * 60 * (-40) + 0.04 * 1600 = 144 - 96 + 64 = 112
    // x_2' Sigma x_2 = 0.04 * 400 = 16
    // timing = tau * (112 + 16) = 64; residual = x_2' Sigma x_2 = 16
    // reluctance = 0.3 * 100 + 0.2 * 30 = 36; L_2 = 0.1 * 100 + 0.05 * 30 = 11.5
    // total = 2 * 11.5 + 0.5 * 64 + 3 * 16 + 36 = 23 + 32 + 48 + 36 = 139
    assertThat(objective.timingVariance()).isCloseTo(64.0, within(1e-12 * 1e2));
    assertThat(objective.residualVariance()).isCloseTo(16.0, within(1e-12 * 1e2));
    assertThat(objective.reluctance()).isCloseTo(36.0, within(1e-12 * 1e2));
    assertThat(objective.expectedLoss()).isCloseTo(11.5, within(1e-12 * 1e2));
    assertThat(objective.total()).isCloseTo(139.0, within(1e-12 * 1e3));
  }

  @Test
  void objectiveTermsWithACorrelation() {
    assertObjectiveTerms(
        objectiveProblem(Dependence.correlation(new double[][] {{1.0, 0.5}, {0.5, 1.0}})));
  }

  @Test
  void objectiveTermsWithTheSameCovarianceGivenDirectly() {
    // Sigma given as is: the volatilities of the assets are then not used.
    assertObjectiveTerms(
        objectiveProblem(Dependence.covariance(new double[][] {{0.04, 0.02}, {0.02, 0.04}})));
  }

  @Test
  void objectiveTermsWithTheSameCovarianceAsAFactorModel() {
    // Omega_ij = Sigma_ij / (p_i p_j) with p = (10, 20): [[4e-4, 1e-4], [1e-4, 1e-4]], which is
    // B F B' + D for one factor, B = (0.01, 0.01), F = 1, D = (3e-4, 0).
    assertObjectiveTerms(
        objectiveProblem(
            Dependence.factor(
                new double[][] {{0.01}, {0.01}}, new double[][] {{1.0}}, new double[] {3e-4, 0})));
  }

  // ---------------------------------------------------------------------------------------------
  // g. Constraint checks
  // ---------------------------------------------------------------------------------------------

  /**
   * Six assets at p = 10, N = 2, tau = 2, no costs, m = 0, shortfall given as 0: X_k = 0 for any
   * trades, so coverage holds with zero slack and only the per-asset constraints can break.
   *   A: Q = 500, V = 100, rho = 0.5: cap = 0.5 * 100 * 2 = 100 per period
   *   B: Q = 100, locked
   *   C, D, E, F: V = 1000 (cap 2000); D: Q = 50; E, F: Q = 100, retain [20, 60]
   */
  private static ResolvedProblem constraintProblem() {
    return DeleveragingProblem.builder()
        .cash(0.0)
        .asset(Asset.builder("A").quantity(500.0).price(10.0).adv(100.0).maxParticipation(0.5)
            .marginRate(0.0).build())
        .asset(Asset.builder("B").quantity(100.0).price(10.0).adv(1000.0).locked(true)
            .marginRate(0.0).build())
        .asset(Asset.builder("C").quantity(100.0).price(10.0).adv(1000.0).marginRate(0.0).build())
        .asset(Asset.builder("D").quantity(50.0).price(10.0).adv(1000.0).marginRate(0.0).build())
        .asset(Asset.builder("E").quantity(100.0).price(10.0).adv(1000.0).retain(20.0, 60.0)
            .marginRate(0.0).build())
        .asset(Asset.builder("F").quantity(100.0).price(10.0).adv(1000.0).retain(20.0, 60.0)
            .marginRate(0.0).build())
        .horizon(Horizon.of(2, 2.0))
        .requirement(Requirement.margin().withShortfall(0.0))
        .build()
        .resolve();
  }

  @Test
  void everyBrokenConstraintIsReportedWithItsSlack() {
    ResolvedProblem problem = constraintProblem();
    TradeTable table =
        TradeTable.of(
            new double[][] {
              {120.0, 0.0}, // A: 120 > cap 100 in period 1: slack 100 - 120 = -20
              {5.0, 0.0}, // B: locked but trades 5: slack -|5| = -5
              {-3.0, 0.0}, // C: n = -3 < 0: slack -3; holds 103 > retain.max 100: slack -3
              {30.0, 30.0}, // D: trades 60 of 50: slack 50 - 60 = -10; keeps -10 < 0: slack -10
              {50.0, 40.0}, // E: keeps 10 < retain.min 20: slack 10 - 20 = -10
              {10.0, 0.0} // F: keeps 90 > retain.max 60: slack 60 - 90 = -30
            });
    Evaluation evaluation = EVALUATOR.evaluate(problem, table);

    assertBroken(find(evaluation, Constraint.PARTICIPATION, "A", 1), 120.0, 100.0, -20.0);
    assertBroken(find(evaluation, Constraint.LOCKED, "B", 1), 5.0, 0.0, -5.0);
    assertBroken(find(evaluation, Constraint.NON_NEGATIVE, "C", 1), -3.0, 0.0, -3.0);
    assertBroken(find(evaluation, Constraint.RETAIN_MAX, "C", 0), 103.0, 100.0, -3.0);
    assertBroken(find(evaluation, Constraint.HOLDING, "D", 0), 60.0, 50.0, -10.0);
    assertBroken(find(evaluation, Constraint.RETAIN_MIN, "D", 0), -10.0, 0.0, -10.0);
    assertBroken(find(evaluation, Constraint.RETAIN_MIN, "E", 0), 10.0, 20.0, -10.0);
    assertBroken(find(evaluation, Constraint.RETAIN_MAX, "F", 0), 90.0, 60.0, -30.0);
    assertThat(evaluation.violations()).hasSize(8);
    assertThat(evaluation.feasible()).isFalse();

    // A locked asset has no participation check; the others have one per period.
    assertThat(evaluation.constraints())
        .filteredOn(c -> c.asset().equals("B"))
        .extracting(ConstraintCheck::constraint)
        .doesNotContain(Constraint.PARTICIPATION);
    // Coverage holds exactly: X_2 = 0 >= 0.
    assertThat(find(evaluation, Constraint.COVERAGE, "", 2).satisfied()).isTrue();

    // Worst relative to tolerance 1e-9 max(1, Q): F -30 / 1e-7 = -3e8, ahead of D -10 / 5e-8.
    assertThat(evaluation.worstViolation()).hasValueSatisfying(
        worst -> {
          assertThat(worst.constraint()).isEqualTo(Constraint.RETAIN_MAX);
          assertThat(worst.asset()).isEqualTo("F");
        });
  }

  @Test
  void theSameAssetsTradedWithinTheirLimitsAreFeasible() {
    TradeTable table =
        TradeTable.of(
            new double[][] {
              {100.0, 100.0}, {0.0, 0.0}, {0.0, 0.0}, {25.0, 25.0}, {40.0, 40.0}, {40.0, 0.0}
            });
    Evaluation evaluation = EVALUATOR.evaluate(constraintProblem(), table);
    assertThat(evaluation.violations()).isEmpty();
    assertThat(evaluation.feasible()).isTrue();
    assertThat(evaluation.worstViolation()).isEmpty();
  }

  @Test
  void aBreachInsideTheToleranceCountsAsHeld() {
    // A's unit tolerance is 1e-9 * 500 = 5e-7: 100 + 4e-7 is within it, 100 + 1e-5 is not.
    ResolvedProblem problem = constraintProblem();
    double[][] units = new double[6][2];
    units[0][0] = 100.0 + 4e-7;
    ConstraintCheck inside =
        find(EVALUATOR.evaluate(problem, TradeTable.of(units)), Constraint.PARTICIPATION, "A", 1);
    assertThat(inside.tolerance()).isCloseTo(5e-7, within(1e-20));
    assertThat(inside.slack()).isNegative();
    assertThat(inside.satisfied()).isTrue();
    units[0][0] = 100.0 + 1e-5;
    assertThat(
            find(EVALUATOR.evaluate(problem, TradeTable.of(units)), Constraint.PARTICIPATION,
                    "A", 1)
                .satisfied())
        .isFalse();
  }

  @Test
  void moneyToleranceIsOneInABillionOrAMicro() {
    // Section 7 (S = 100,000): max(1e-6, 1e-9 * 100,000) = 1e-4. Case g (S = 0): 1e-6.
    assertThat(Evaluator.moneyTolerance(section7(true), 0.0)).isCloseTo(1e-4, within(1e-18));
    assertThat(Evaluator.moneyTolerance(constraintProblem(), 0.0)).isEqualTo(1e-6);
    assertThat(Evaluator.moneyTolerance(constraintProblem(), 5e6)).isCloseTo(5e-3, within(1e-15));
  }

  @Test
  void tableShapeMustMatchTheProblem() {
    ResolvedProblem problem = longThreePeriods().build().resolve();
    TradeTable wrong = TradeTable.zeros(1, 2);
    assertThatThrownBy(() -> EVALUATOR.evaluate(problem, wrong))
        .hasMessage("trades: must have a row per asset and a column per period, 1 x 3, was 1 x 2");
    assertThatThrownBy(() -> EVALUATOR.objectiveGradient(problem, TradeTable.zeros(2, 3)))
        .hasMessage("trades: must have a row per asset and a column per period, 1 x 3, was 2 x 3");
    assertThatThrownBy(() -> EVALUATOR.excessGradient(problem, wrong, 0))
        .hasMessage("trades: must have a row per asset and a column per period, 1 x 3, was 1 x 2");
  }

  // ---------------------------------------------------------------------------------------------
  // h. Gradients against central differences
  // ---------------------------------------------------------------------------------------------

  /**
   * Three assets (long, short, long), three periods, every term of the objective and of the
   * excess non-zero: spread, fees, linear temporary and permanent impact, margin, volatility with
   * correlation, reluctance and all three weights. With linear impact every quantity is quadratic
   * in the trades, so central differences are exact up to rounding.
   */
  private static ResolvedProblem gradientProblem(boolean cashMode) {
    return gradientProblem(
        cashMode,
        Dependence.correlation(
            new double[][] {{1.0, 0.3, -0.2}, {0.3, 1.0, 0.1}, {-0.2, 0.1, 1.0}}));
  }

  /**
   * The same three assets with a two-factor model of returns instead of the correlation: B =
   * [[0.01, 0.005], [-0.008, 0.01], [0.004, -0.006]], F = [[1, 0.3], [0.3, 0.5]], D = (1e-4,
   * 5e-5, 2e-5), daily variances of 1.5e-4 to 2.2e-4 like those of the correlated version.
   */
  private static ResolvedProblem factorGradientProblem(boolean cashMode) {
    return gradientProblem(
        cashMode,
        Dependence.factor(
            new double[][] {{0.01, 0.005}, {-0.008, 0.01}, {0.004, -0.006}},
            new double[][] {{1.0, 0.3}, {0.3, 0.5}},
            new double[] {1e-4, 5e-5, 2e-5}));
  }

  private static ResolvedProblem gradientProblem(boolean cashMode, Dependence dependence) {
    Asset a =
        Asset.builder("A").quantity(1000.0).price(50.0).volatility(0.02).adv(5000.0)
            .halfSpread(0.001).fee(0.0002).feePerUnit(0.01).eta(0.02).gamma(0.003)
            .marginRate(0.4).reluctance(0.05).build();
    Asset b =
        Asset.builder("B").quantity(-800.0).price(30.0).volatility(0.015).adv(4000.0)
            .halfSpread(0.002).fee(0.0001).feePerUnit(0.02).eta(0.03).gamma(0.002)
            .marginRate(0.5).reluctance(0.1).build();
    Asset c =
        Asset.builder("C").quantity(500.0).price(80.0).volatility(0.01).adv(3000.0)
            .halfSpread(0.0005).fee(0.0003).eta(0.01).gamma(0.001).marginRate(0.3)
            .reluctance(0.02).build();
    Requirement requirement =
        cashMode ? Requirement.cash(20_000.0) : Requirement.margin();
    return DeleveragingProblem.builder()
        .cash(-40_000.0)
        .asset(a)
        .asset(b)
        .asset(c)
        .dependence(dependence)
        .horizon(Horizon.of(3, 0.5))
        .requirement(requirement)
        .objective(Objective.of(1.5, 1e-3, 2e-3))
        .build()
        .resolve();
  }

  private static final double[][] GRADIENT_TRADES = {
    {100.0, 150.0, 200.0}, {80.0, 60.0, 120.0}, {50.0, 0.0, 70.0}
  };

  @Test
  void objectiveGradientMatchesCentralDifferencesInMarginMode() {
    assertObjectiveGradient(gradientProblem(false));
  }

  @Test
  void objectiveGradientMatchesCentralDifferencesInCashMode() {
    assertObjectiveGradient(gradientProblem(true));
  }

  @Test
  void objectiveGradientWithAFactorModelMatchesCentralDifferences() {
    assertObjectiveGradient(factorGradientProblem(false));
    assertObjectiveGradient(factorGradientProblem(true));
  }

  @Test
  void excessGradientMatchesCentralDifferencesInMarginMode() {
    assertExcessGradient(gradientProblem(false));
  }

  @Test
  void excessGradientMatchesCentralDifferencesInCashMode() {
    assertExcessGradient(gradientProblem(true));
  }

  private static void assertObjectiveGradient(ResolvedProblem problem) {
    double[][] analytic =
        EVALUATOR.objectiveGradient(problem, TradeTable.of(GRADIENT_TRADES));
    double[][] numeric =
        centralDifferences(
            problem, evaluation -> evaluation.objective().total());
    assertClose(analytic, numeric);
    // Every term matters: the instance is not degenerate.
    ObjectiveValue value =
        EVALUATOR.evaluate(problem, TradeTable.of(GRADIENT_TRADES)).objective();
    assertThat(value.expectedLoss()).isPositive();
    assertThat(value.timingVariance()).isPositive();
    assertThat(value.residualVariance()).isPositive();
    assertThat(value.reluctance()).isPositive();
  }

  private static void assertExcessGradient(ResolvedProblem problem) {
    for (int k = 0; k < problem.periods(); k++) {
      int period = k;
      double[][] analytic =
          EVALUATOR.excessGradient(problem, TradeTable.of(GRADIENT_TRADES), period);
      double[][] numeric = centralDifferences(problem, evaluation -> evaluation.excess(period));
      assertClose(analytic, numeric);
      // Trades after period k do not move X_k.
      for (double[] row : analytic) {
        for (int j = k + 1; j < row.length; j++) {
          assertThat(row[j]).isEqualTo(0.0);
        }
      }
    }
  }

  /** d f / d n_ij by (f(n + h e_ij) - f(n - h e_ij)) / 2h with h = 0.01 units. */
  private static double[][] centralDifferences(
      ResolvedProblem problem, java.util.function.ToDoubleFunction<Evaluation> f) {
    double step = 0.01;
    double[][] gradient = new double[GRADIENT_TRADES.length][GRADIENT_TRADES[0].length];
    for (int i = 0; i < GRADIENT_TRADES.length; i++) {
      for (int j = 0; j < GRADIENT_TRADES[i].length; j++) {
        double[][] up = copy(GRADIENT_TRADES);
        double[][] down = copy(GRADIENT_TRADES);
        up[i][j] += step;
        down[i][j] -= step;
        double high = f.applyAsDouble(EVALUATOR.evaluate(problem, TradeTable.of(up)));
        double low = f.applyAsDouble(EVALUATOR.evaluate(problem, TradeTable.of(down)));
        gradient[i][j] = (high - low) / (2.0 * step);
      }
    }
    return gradient;
  }

  /** Entry by entry to 1e-6 relative to the largest entry of the gradient. */
  private static void assertClose(double[][] analytic, double[][] numeric) {
    double scale = 0.0;
    for (double[] row : numeric) {
      for (double value : row) {
        scale = Math.max(scale, Math.abs(value));
      }
    }
    assertThat(scale).isPositive();
    for (int i = 0; i < analytic.length; i++) {
      for (int j = 0; j < analytic[i].length; j++) {
        assertThat(analytic[i][j])
            .as("d/dn[%d][%d]", i, j)
            .isCloseTo(numeric[i][j], within(1e-6 * scale));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers
  // ---------------------------------------------------------------------------------------------

  private static ConstraintCheck find(
      Evaluation evaluation, Constraint constraint, String asset, int period) {
    List<ConstraintCheck> matches =
        evaluation.constraints().stream()
            .filter(c -> c.constraint() == constraint)
            .filter(c -> c.asset().equals(asset))
            .filter(c -> c.period() == period)
            .toList();
    assertThat(matches).as("%s %s period %d", constraint, asset, period).hasSize(1);
    return matches.get(0);
  }

  private static void assertBroken(
      ConstraintCheck check, double value, double bound, double slack) {
    assertThat(check.value()).as("value of %s", check).isCloseTo(value, within(1e-9));
    assertThat(check.bound()).as("bound of %s", check).isCloseTo(bound, within(1e-9));
    assertThat(check.slack()).as("slack of %s", check).isCloseTo(slack, within(1e-9));
    assertThat(check.satisfied()).as("%s", check).isFalse();
  }

  private static void assertCost(
      CostSplit cost, double spread, double fee, double temporary, double permanent) {
    double tolerance = 1e-9 * 1e4;
    assertThat(cost.spread()).as("spread").isCloseTo(spread, within(tolerance));
    assertThat(cost.fee()).as("fee").isCloseTo(fee, within(tolerance));
    assertThat(cost.temporaryImpact()).as("temporary").isCloseTo(temporary, within(tolerance));
    assertThat(cost.permanentImpact()).as("permanent").isCloseTo(permanent, within(tolerance));
  }

  private static double[][] copy(double[][] units) {
    double[][] copy = new double[units.length][];
    for (int i = 0; i < units.length; i++) {
      copy[i] = units[i].clone();
    }
    return copy;
  }
}
