package org.deleverage.solvers.adl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;

class AdlEngineTest {

  private static final OptionalDouble NO_RATE = OptionalDouble.empty();

  /**
   * BitMEX's documented example (bitmex.com/app/autoDeleveragingExamples): six longs whose
   * leveraged-PnL scores rank accounts 2, 5, 4, 1, 6, 3; a short of 20 contracts is liquidated
   * at a bankruptcy price of 650 with the insurance fund depleted; account 2 is closed fully (10)
   * and 10 of account 5's 20.
   *
   * <p>The documentation gives the scores, not the positions; these positions produce them. All
   * entered at e = 600, the mark is m = 660, so PnL% = (660 - 600) / 600 = 0.1 for each. A long
   * with margin M per contract goes bankrupt at b = 600 - M / q, so its effective leverage is
   * L = 660 / (660 - b) = 660 / (60 + M / q) and its score 0.1 L:
   *
   * <pre>
   *   account  size  margin  M/q   L                  score
   *   1        10     600     60   660 / 120 = 5.5    0.55
   *   2        10     100     10   660 / 70  = 9.43   0.943
   *   3        20    3200    160   660 / 220 = 3      0.3
   *   4        30    1200     40   660 / 100 = 6.6    0.66
   *   5        20     400     20   660 / 80  = 8.25   0.825
   *   6        10     900     90   660 / 150 = 4.4    0.44
   * </pre>
   *
   * so the queue is 2, 5, 4, 1, 6, 3 as documented. The percentiles follow the cumulative size
   * share rounded up to the next fifth: 10/100 -> 20, 30/100 -> 40, 60/100 -> 60, 70/100 -> 80,
   * 80/100 -> 80, 100/100 -> 100, the documented column. The 20 contracts: 10 from account 2
   * (all of it), 10 from account 5 (10 left), each realising (650 - 600) x 10 = 500.
   */
  @Test
  void reproducesBitmexDocumentedExample() {
    AdlResult result = AdlEngine.DEFAULT.run(bitmexExample(0.0), AdlRule.BITMEX);

    assertThat(result.queue())
        .extracting(AdlResult.QueueEntry::account)
        .containsExactly("2", "5", "4", "1", "6", "3");
    assertThat(result.queue())
        .extracting(AdlResult.QueueEntry::percentile)
        .containsExactly(20, 40, 60, 80, 80, 100);
    assertThat(result.queue().get(0).score()).isCloseTo(0.1 * 660 / 70, within(1e-12));
    assertThat(result.queue().get(5).score()).isCloseTo(0.3, within(1e-12));
    assertThat(result.marketClosed()).isZero();
    assertThat(result.allocations()).hasSize(2);
    AdlResult.Allocation first = result.allocations().get(0);
    AdlResult.Allocation second = result.allocations().get(1);
    assertThat(first.account()).isEqualTo("2");
    assertThat(first.closed()).isEqualTo(10.0);
    assertThat(first.remaining()).isZero();
    assertThat(first.price()).isEqualTo(650.0);
    assertThat(first.realisedPnl()).isCloseTo(500.0, within(1e-9));
    assertThat(second.account()).isEqualTo("5");
    assertThat(second.closed()).isEqualTo(10.0);
    assertThat(second.remaining()).isEqualTo(10.0);
    assertThat(result.unclosed()).isZero();
  }

  /**
   * The same market with a fund of 100: closing the short at the mark 660 instead of 650 loses
   * l = 660 - 650 = 10 per contract, so the fund closes 100 / 10 = 10 contracts in the market
   * and is empty; ADL closes the other 10, all from account 2, and account 5 keeps its 20.
   */
  @Test
  void anInsuranceFundCoversPartOfTheLossFirst() {
    AdlResult result = AdlEngine.DEFAULT.run(bitmexExample(100.0), AdlRule.BITMEX);

    assertThat(result.lossPerContract()).isCloseTo(10.0, within(1e-12));
    assertThat(result.marketClosed()).isCloseTo(10.0, within(1e-12));
    assertThat(result.fundPaid()).isCloseTo(100.0, within(1e-9));
    assertThat(result.fundAfter()).isCloseTo(0.0, within(1e-9));
    assertThat(result.allocations()).hasSize(1);
    assertThat(result.allocations().get(0).account()).isEqualTo("2");
    assertThat(result.allocations().get(0).closed()).isCloseTo(10.0, within(1e-12));
    assertThat(result.adlClosed() + result.marketClosed()).isCloseTo(20.0, within(1e-12));
  }

  /**
   * A fund that covers a fraction of a contract: 95 / 10 = 9.5 contracts closed in the market,
   * the fund paying all of its 95 and ending at exactly 0; ADL takes the other 20 - 9.5 = 10.5:
   * account 2's 10 (realising (650 - 600) x 10 = 500) and 0.5 of account 5's 20 (realising
   * 50 x 0.5 = 25, 19.5 left).
   */
  @Test
  void aFundUsedUpPaysExactlyItsBalance() {
    AdlResult result = AdlEngine.DEFAULT.run(bitmexExample(95.0), AdlRule.BITMEX);

    assertThat(result.marketClosed()).isCloseTo(9.5, within(1e-12));
    assertThat(result.fundPaid()).isEqualTo(95.0);
    assertThat(result.fundAfter()).isEqualTo(0.0);
    assertThat(result.allocations())
        .extracting(AdlResult.Allocation::account, AdlResult.Allocation::closed)
        .containsExactly(tuple("2", 10.0), tuple("5", 0.5));
    assertThat(result.allocations().get(1).realisedPnl()).isCloseTo(25.0, within(1e-9));
    assertThat(result.allocations().get(1).remaining()).isCloseTo(19.5, within(1e-12));
    assertThat(result.unclosed()).isZero();
  }

  /**
   * Rounding does not overdraw the fund: a short bankrupt at b = 2 with the mark at 2.7 loses
   * l = 2.7 - 2 per contract, which is 0.7000000000000002 in doubles; a fund of 7 covers
   * 7 / l = 9.999999999999998 contracts, and (7 / l) x l = 7.000000000000001 would leave the fund
   * at -8.9e-16. The fund pays exactly 7 and keeps exactly 0; ADL closes the other ~10 of the
   * 20 from a long of 15 entered at 1.
   */
  @Test
  void roundingNeverOverdrawsTheFund() {
    AdlProblem problem =
        new AdlProblem(
            new BankruptPosition(PositionSide.SHORT, 20, 2.0), 2.7, 7.0, NO_RATE,
            List.of(new OpposingPosition("a", PositionSide.LONG, 15, 1.0, 5.0)));

    AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX);

    assertThat(result.fundPaid()).isEqualTo(7.0);
    assertThat(result.fundAfter()).isEqualTo(0.0);
    assertThat(result.marketClosed()).isCloseTo(10.0, within(1e-12));
    assertThat(result.adlClosed()).isCloseTo(10.0, within(1e-12));
    assertThat(result.marketClosed() + result.adlClosed()).isCloseTo(20.0, within(1e-12));
  }

  /**
   * A long past its own bankruptcy price (entry 700, margin 500 over 10 contracts: b_p = 650,
   * at or above the mark 640) has infinite effective leverage; its BitMEX score is PnL% / L =
   * (-60 / 700) / infinity, which is 0 and not the -0.0 of IEEE division, so that the score
   * reads back from a file unchanged (a JSON -0.0 reads as 0).
   */
  @Test
  void aLoserPastItsBankruptcyScoresPlusZero() {
    AdlProblem problem =
        new AdlProblem(
            new BankruptPosition(PositionSide.SHORT, 1, 630.0), 640.0, 0.0, NO_RATE,
            List.of(new OpposingPosition("a", PositionSide.LONG, 10, 700.0, 500.0)));

    double score = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX).queue().get(0).score();

    assertThat(Double.doubleToRawLongBits(score)).isEqualTo(Double.doubleToRawLongBits(0.0));
  }

  /** A fund of 500 covers 500 / 10 = 50 >= 20 contracts: no ADL, 200 paid, 300 left. */
  @Test
  void aLargeEnoughFundLeavesNothingToDeleverage() {
    AdlResult result = AdlEngine.DEFAULT.run(bitmexExample(500.0), AdlRule.BITMEX);

    assertThat(result.marketClosed()).isEqualTo(20.0);
    assertThat(result.fundPaid()).isCloseTo(200.0, within(1e-9));
    assertThat(result.fundAfter()).isCloseTo(300.0, within(1e-9));
    assertThat(result.allocations()).isEmpty();
  }

  /**
   * A mark better than the bankruptcy price (a bankrupt long at b = 100 with the market at 104)
   * loses nothing: l = 100 - 104 = -4, the market takes all 5 contracts and the fund gains 20.
   */
  @Test
  void aMarkBetterThanBankruptcyFillsTheFund() {
    AdlProblem problem =
        new AdlProblem(
            new BankruptPosition(PositionSide.LONG, 5, 100.0), 104.0, 7.0, NO_RATE,
            List.of(new OpposingPosition("a", PositionSide.SHORT, 5, 110.0, 50.0)));

    AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX);

    assertThat(result.lossPerContract()).isCloseTo(-4.0, within(1e-12));
    assertThat(result.marketClosed()).isEqualTo(5.0);
    assertThat(result.fundAfter()).isCloseTo(27.0, within(1e-12));
    assertThat(result.allocations()).isEmpty();
  }

  /**
   * Equal scores are broken by the larger position, then by the account id: "b" and "a" both
   * hold 10 at the same entry and margin, "c" holds 20 of the same profile (the same score per
   * contract: PnL% and leverage do not depend on size when margin scales with it). Queue: c
   * (larger), then a before b.
   */
  @Test
  void tiesAreBrokenBySizeThenAccount() {
    AdlProblem problem =
        new AdlProblem(
            new BankruptPosition(PositionSide.SHORT, 25, 650.0), 660.0, 0.0, NO_RATE,
            List.of(
                new OpposingPosition("b", PositionSide.LONG, 10, 600.0, 200.0),
                new OpposingPosition("c", PositionSide.LONG, 20, 600.0, 400.0),
                new OpposingPosition("a", PositionSide.LONG, 10, 600.0, 200.0)));

    AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX);

    assertThat(result.queue()).extracting(AdlResult.QueueEntry::account)
        .containsExactly("c", "a", "b");
    assertThat(result.allocations()).extracting(AdlResult.Allocation::closed)
        .containsExactly(20.0, 5.0);
  }

  /**
   * Profitable positions rank ahead of losing ones, and a queue too small leaves the rest
   * unclosed: a short of 30 against longs of 10 (profitable, entry 600, mark 660) and 5 (losing,
   * entry 700): 10 + 5 = 15 closed, 15 unclosed. The loser's BitMEX score is PnL% / L < 0.
   */
  @Test
  void profitableFirstAndWhatTheQueueCannotTakeIsUnclosed() {
    AdlProblem problem =
        new AdlProblem(
            new BankruptPosition(PositionSide.SHORT, 30, 650.0), 660.0, 0.0, NO_RATE,
            List.of(
                new OpposingPosition("loser", PositionSide.LONG, 5, 700.0, 3000.0),
                new OpposingPosition("winner", PositionSide.LONG, 10, 600.0, 1000.0)));

    AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX);

    assertThat(result.queue()).extracting(AdlResult.QueueEntry::account)
        .containsExactly("winner", "loser");
    assertThat(result.queue().get(1).profitable()).isFalse();
    assertThat(result.queue().get(1).score()).isNegative();
    assertThat(result.adlClosed()).isEqualTo(15.0);
    assertThat(result.unclosed()).isEqualTo(15.0);
  }

  /**
   * Binance: LeveragePnL = max(0, u) / max(1, W) x r q m / (W + u). With r = 0.01, m = 660 and
   * longs entered at 600:
   * <pre>
   *   x: q = 10, W = 1000: u = 600, PnL% = 0.6, maintenance 66, ratio 66 / 1600 = 0.04125,
   *      score 0.02475
   *   y: q = 10, W =  200: u = 600, PnL% = 3,   maintenance 66, ratio 66 / 800 = 0.0825,
   *      score 0.2475
   * </pre>
   * so y ranks first; without a rate the rule cannot score and says so.
   */
  @Test
  void binanceRanksByPnlOfWalletTimesMarginRatio() {
    List<OpposingPosition> positions =
        List.of(
            new OpposingPosition("x", PositionSide.LONG, 10, 600.0, 1000.0),
            new OpposingPosition("y", PositionSide.LONG, 10, 600.0, 200.0));
    AdlProblem problem =
        new AdlProblem(new BankruptPosition(PositionSide.SHORT, 5, 650.0), 660.0, 0.0,
            OptionalDouble.of(0.01), positions);

    AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.BINANCE);

    assertThat(result.queue()).extracting(AdlResult.QueueEntry::account)
        .containsExactly("y", "x");
    assertThat(result.queue().get(0).score()).isCloseTo(0.2475, within(1e-12));
    assertThat(result.queue().get(1).score()).isCloseTo(0.02475, within(1e-12));
    AdlProblem withoutRate =
        new AdlProblem(new BankruptPosition(PositionSide.SHORT, 5, 650.0), 660.0, 0.0, NO_RATE,
            positions);
    assertThatThrownBy(() -> AdlEngine.DEFAULT.run(withoutRate, AdlRule.BINANCE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maintenanceMarginRate");
  }

  /**
   * Hyperliquid: (m / e) x q m / (M + u) for a long, (e / m) x ... for a short. A bankrupt long
   * at 90 with the mark at 80, against shorts:
   * <pre>
   *   s1: q = 2, e = 100, M = 40: u = 2 (100 - 80) = 40, value 80, notional 160,
   *       score (100 / 80) x 160 / 80 = 2.5
   *   s2: q = 1, e = 120, M = 100: u = 40, value 140, notional 80,
   *       score (120 / 80) x 80 / 140 = 0.857...
   * </pre>
   * s1 first, and the bankrupt 2 contracts are all taken from it at 90, realising 2 (100 - 90).
   */
  @Test
  void hyperliquidRanksByPriceRatioTimesLeverage() {
    AdlProblem problem =
        new AdlProblem(
            new BankruptPosition(PositionSide.LONG, 2, 90.0), 80.0, 0.0, NO_RATE,
            List.of(
                new OpposingPosition("s2", PositionSide.SHORT, 1, 120.0, 100.0),
                new OpposingPosition("s1", PositionSide.SHORT, 2, 100.0, 40.0)));

    AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.HYPERLIQUID);

    assertThat(result.queue()).extracting(AdlResult.QueueEntry::account)
        .containsExactly("s1", "s2");
    assertThat(result.queue().get(0).score()).isCloseTo(2.5, within(1e-12));
    assertThat(result.queue().get(1).score()).isCloseTo(120.0 / 80 * 80 / 140, within(1e-12));
    assertThat(result.allocations()).singleElement()
        .satisfies(a -> {
          assertThat(a.account()).isEqualTo("s1");
          assertThat(a.closed()).isEqualTo(2.0);
          assertThat(a.realisedPnl()).isCloseTo(20.0, within(1e-12));
        });
  }

  @Test
  void invalidProblemsNameTheField() {
    BankruptPosition bankrupt = new BankruptPosition(PositionSide.SHORT, 5, 650.0);
    assertThatThrownBy(
            () -> new AdlProblem(bankrupt, 660.0, 0.0, NO_RATE,
                List.of(new OpposingPosition("a", PositionSide.SHORT, 1, 600.0, 10.0))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("positions[0].side: must be LONG (opposite to the bankrupt SHORT position),"
            + " was SHORT");
    assertThatThrownBy(
            () -> new AdlProblem(bankrupt, 660.0, 0.0, NO_RATE,
                List.of(new OpposingPosition("a", PositionSide.LONG, 1, 600.0, 10.0),
                    new OpposingPosition("a", PositionSide.LONG, 2, 600.0, 10.0))))
        .hasMessage("positions[1].account: must be unique, \"a\" appears twice");
    assertThatThrownBy(() -> new AdlProblem(bankrupt, -1.0, 0.0, NO_RATE, List.of()))
        .hasMessage("mark: must be > 0, was -1.0");
    assertThatThrownBy(() -> new OpposingPosition("a", PositionSide.LONG, 0.0, 600.0, 10.0))
        .hasMessage("size: must be > 0, was 0.0");
    assertThatThrownBy(() -> AdlRule.of("ftx"))
        .hasMessage("rule: must be one of bitmex, binance, hyperliquid, was \"ftx\"");
  }

  @Test
  void invalidResultsNameTheField() {
    assertThatThrownBy(() -> new AdlResult.QueueEntry(1, "a", 10, Double.NaN, true, 20))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("score: must be a number, was NaN");
    assertThatThrownBy(() -> new AdlResult.QueueEntry(1, "a", 10, 1.0, true, 30))
        .hasMessage("percentile: must be 20, 40, 60, 80 or 100, was 30");
    assertThatThrownBy(() -> new AdlResult.Allocation(" ", 1, 650, 5, 0))
        .hasMessage("account: must not be blank");
    assertThatThrownBy(() -> new AdlResult.Allocation("a", 1, 650, 5, -1))
        .hasMessage("remaining: must be >= 0, was -1.0");
    AdlResult.QueueEntry second = new AdlResult.QueueEntry(2, "a", 10, 1.0, true, 100);
    assertThatThrownBy(
            () -> new AdlResult(AdlRule.BITMEX, 1, 0, 0, 0, List.of(second), List.of(), 0))
        .hasMessage("queue[0].rank: must be 1, was 2");
    assertThatThrownBy(
            () -> new AdlResult(AdlRule.BITMEX, 1, 0, 0, -1e-16, List.of(), List.of(), 0))
        .hasMessage("fundAfter: must be >= 0, was -1.0E-16");
  }

  /** The BitMEX example's positions (see {@link #reproducesBitmexDocumentedExample}). */
  static AdlProblem bitmexExample(double fund) {
    return new AdlProblem(
        new BankruptPosition(PositionSide.SHORT, 20, 650.0), 660.0, fund, NO_RATE,
        List.of(
            new OpposingPosition("1", PositionSide.LONG, 10, 600.0, 600.0),
            new OpposingPosition("2", PositionSide.LONG, 10, 600.0, 100.0),
            new OpposingPosition("3", PositionSide.LONG, 20, 600.0, 3200.0),
            new OpposingPosition("4", PositionSide.LONG, 30, 600.0, 1200.0),
            new OpposingPosition("5", PositionSide.LONG, 20, 600.0, 400.0),
            new OpposingPosition("6", PositionSide.LONG, 10, 600.0, 900.0)));
  }

  /**
   * The case: a bankrupt short of 15 at b = 650 (mark 660, no fund). Account "loser", a
   * long of 10 at 700 with margin 10, has equity 10 + 10 x (650 - 700) = -490 at 650: filling it
   * would realise -500 and create 490 of new bad debt, so the overlap check refuses it. Account
   * "safe", long 5 at 600 with margin 100 (equity 350 at 650, in profit so first in the queue),
   * takes 5; 10 are left open. Without the check the loser takes those 10 and realises -500.
   */
  @Test
  void theOverlapCheckRefusesAnUnsafeFill() {
    AdlProblem problem = new AdlProblem(new BankruptPosition(PositionSide.SHORT, 15, 650.0),
        660.0, 0.0, NO_RATE, List.of(
            new OpposingPosition("loser", PositionSide.LONG, 10, 700.0, 10.0),
            new OpposingPosition("safe", PositionSide.LONG, 5, 600.0, 100.0)));
    AdlResult safe = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX);
    assertThat(safe.refused()).containsExactly("loser");
    assertThat(safe.allocations()).extracting(AdlResult.Allocation::account,
        AdlResult.Allocation::closed).containsExactly(tuple("safe", 5.0));
    assertThat(safe.unclosed()).isEqualTo(10.0);
    AdlResult unsafe = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX,
        new AdlOptions(AdlOptions.Pricing.BANKRUPTCY, AdlOptions.Allocation.QUEUE, false));
    assertThat(unsafe.allocations()).extracting(AdlResult.Allocation::account,
        AdlResult.Allocation::realisedPnl).contains(tuple("loser", -500.0));
  }

  /**
   * Pro rata: 20 contracts of a bankrupt short against two profitable longs of 10 and 30 (entry
   * 600, mark 660): each gives up 20 / 40 = half, 5 and 15. At the mark instead of b = 650, the
   * loss 660 - 650 = 10 per contract on the 20 closed is uncovered: 200.
   */
  @Test
  void proRataSharesBySizeAndTheMarkLeavesTheLossUncovered() {
    AdlProblem problem = new AdlProblem(new BankruptPosition(PositionSide.SHORT, 20, 650.0),
        660.0, 0.0, NO_RATE, List.of(
            new OpposingPosition("a", PositionSide.LONG, 10, 600.0, 600.0),
            new OpposingPosition("b", PositionSide.LONG, 30, 600.0, 600.0)));
    AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX,
        new AdlOptions(AdlOptions.Pricing.MARK, AdlOptions.Allocation.PRO_RATA, true));
    assertThat(result.allocations()).extracting(AdlResult.Allocation::account,
        AdlResult.Allocation::closed, AdlResult.Allocation::price)
        .containsExactlyInAnyOrder(tuple("a", 5.0, 660.0), tuple("b", 15.0, 660.0));
    assertThat(result.uncoveredDeficit()).isCloseTo(200.0, within(1e-9));
  }

  /**
   * Binance with brackets: long 10 at 600, margin 600, mark 660: u = 600, PnL% = 600 / 600 = 1,
   * notional 6,600 in the bracket from 5,000 (2%, cum = 5,000 x (2% - 1%) = 50), maintenance
   * 6,600 x 2% - 50 = 82, margin ratio 82 / (600 + 600); score = 82 / 1,200.
   */
  @Test
  void binanceScoresWithTheBracketOfEachPosition() {
    org.deleverage.models.MarginSchedule brackets = org.deleverage.models.MarginSchedule
        .continuous(List.of(0.0, 5_000.0), List.of(0.01, 0.02), List.of(100.0, 50.0));
    double score = AdlRule.BINANCE.score(
        new OpposingPosition("a", PositionSide.LONG, 10, 600.0, 600.0), 660.0, NO_RATE,
        java.util.Optional.of(brackets));
    assertThat(score).isCloseTo(82.0 / 1_200.0, within(1e-12));
  }
}
