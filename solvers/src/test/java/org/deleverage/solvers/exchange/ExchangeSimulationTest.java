package org.deleverage.solvers.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.deleverage.models.BookLevel;
import org.deleverage.models.MarginSchedule;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.solvers.adl.PositionSide;
import org.junit.jupiter.api.Test;

class ExchangeSimulationTest {

  /** One contract X: 5% maintenance, a book of 100 units 1% from the mark. */
  private static final Contract X = new Contract("X", MarginSchedule.flat(0.05, 20),
      OrderBookTemporaryImpact.of(BookLevel.of(0.01, 100)));

  /** An isolated long of 1 at 100 with margin 10, and a short of 5 at 100 with margin 100. */
  private static ExchangeProblem market(double fund, double mark) {
    return new ExchangeProblem(List.of(X), List.of(
        new TraderAccount("loser", 0, List.of(
            new Position("X", PositionSide.LONG, 1, 100, MarginMode.ISOLATED, 10))),
        new TraderAccount("winner", 0, List.of(
            new Position("X", PositionSide.SHORT, 5, 100, MarginMode.ISOLATED, 100)))),
        fund, List.of(Map.of("X", mark)));
  }

  /**
   * Mark 85: the long's equity is 10 - 15 = -5 < maintenance 85 x 5% = 4.25, so it is liquidated
   * whole; b = 85 - (-5) / 1 = 90; the book fills at 85 x (1 - 1%) = 84.15; the loss l = 90 -
   * 84.15 = 5.85 is below the fund of 1,000, which pays it all: 994.15 left, no ADL.
   */
  @Test
  void theFundAbsorbsEverything() {
    ExchangeResult.Step step = ExchangeSimulation.run(market(1_000, 85), VenuePolicy.BINANCE)
        .steps().get(0);
    assertThat(step.liquidations()).hasSize(1);
    ExchangeResult.Liquidation liquidation = step.liquidations().get(0);
    assertThat(liquidation.bankruptcyPrice()).isCloseTo(90, within(1e-9));
    assertThat(liquidation.fillPrice()).isCloseTo(84.15, within(1e-9));
    assertThat(step.fundPaid()).isCloseTo(5.85, within(1e-9));
    assertThat(step.fundAfter()).isCloseTo(994.15, within(1e-9));
    assertThat(step.adl()).isEmpty();
  }

  /**
   * The same with a fund of 2: it covers 2 / 5.85 = 0.34188 contracts and is used up; the other
   * 0.65812 are closed against the short at b = 90 (its equity at 90 is 100 + 5 x 10 = 150 >= 0,
   * so the overlap check passes), realising -(90 - 100) x 0.65812 = 6.5812.
   */
  @Test
  void adlRunsOnceTheFundIsUsedUp() {
    ExchangeResult result = ExchangeSimulation.run(market(2, 85), VenuePolicy.BINANCE);
    ExchangeResult.Step step = result.steps().get(0);
    double adl = 1 - 2 / 5.85;
    assertThat(step.fundAfter()).isZero();
    assertThat(step.adl()).hasSize(1);
    assertThat(step.adl().get(0).counterparty()).isEqualTo("winner");
    assertThat(step.adl().get(0).closed()).isCloseTo(adl, within(1e-9));
    assertThat(step.adl().get(0).price()).isCloseTo(90, within(1e-9));
    assertThat(step.adl().get(0).realisedPnl()).isCloseTo(10 * adl, within(1e-9));
    assertThat(step.liquidations().get(0).marketClosed()).isCloseTo(2 / 5.85, within(1e-9));
    assertThat(result.accounts().get(1).positions().get(0).size())
        .isCloseTo(5 - adl, within(1e-9));
  }

  /**
   * Deribit: a fund of 2 pays 2 of the 5.85 loss; the remaining 3.85 is taken from the winner,
   * whose unrealised profit at 85 is 5 x 15 = 75, from its wallet (0 - 3.85).
   */
  @Test
  void deribitSocialisesWhatTheFundCannotPay() {
    ExchangeResult result = ExchangeSimulation.run(market(2, 85), VenuePolicy.DERIBIT);
    ExchangeResult.Step step = result.steps().get(0);
    assertThat(step.fundAfter()).isZero();
    assertThat(step.socialisedLoss()).isCloseTo(3.85, within(1e-9));
    assertThat(step.adl()).isEmpty();
    assertThat(result.accounts().get(1).wallet()).isCloseTo(-3.85, within(1e-9));
  }

  /**
   * Hyperliquid: an isolated long of 3 at 50,000 with 10,000 margin, flat 1% maintenance; at
   * 47,000 equity 1,000 < 1,410 and notional 141,000 > 100,000, so 20% (0.6) is sold at 47,000 x
   * 0.99 = 46,530, realising 0.6 x (46,530 - 50,000) = -2,082; margin 7,918, size 2.4. The next
   * step is in the cooldown: the rest goes whole.
   */
  @Test
  void hyperliquidLiquidatesTwentyPercentThenWholeDuringTheCooldown() {
    Contract btc = new Contract("BTC", MarginSchedule.flat(0.01, 50),
        OrderBookTemporaryImpact.of(BookLevel.of(0.01, 100)));
    ExchangeProblem problem = new ExchangeProblem(List.of(btc), List.of(new TraderAccount("a", 0,
        List.of(new Position("BTC", PositionSide.LONG, 3, 50_000, MarginMode.ISOLATED,
            10_000)))), 1_000_000, List.of(Map.of("BTC", 47_000.0), Map.of("BTC", 46_000.0)));
    ExchangeResult result = ExchangeSimulation.run(problem, VenuePolicy.HYPERLIQUID);
    ExchangeResult.Liquidation first = result.steps().get(0).liquidations().get(0);
    assertThat(first.partial()).isTrue();
    assertThat(first.quantity()).isCloseTo(0.6, within(1e-12));
    assertThat(first.fillPrice()).isCloseTo(46_530, within(1e-9));
    ExchangeResult.Liquidation second = result.steps().get(1).liquidations().get(0);
    assertThat(second.partial()).isFalse();
    assertThat(second.quantity()).isCloseTo(2.4, within(1e-12));
  }

  /**
   * OKX: brackets at 0 (1%), 100,000 (2%), 200,000 (3%), 400,000 (4%); a long of 10 at 50,000
   * with 30,000 margin at 47,500 (notional 475,000, tier 4 of 4, equity 5,000 below its
   * maintenance 475,000 x 4% - cum): it is cut two tiers down, to the floor of tier 3 (200,000
   * / 47,500 = 4.2105 contracts kept), 5.7895 sold.
   */
  @Test
  void okxCutsTwoTiersAtATime() {
    MarginSchedule tiers = MarginSchedule.continuous(List.of(0.0, 100_000.0, 200_000.0,
        400_000.0), List.of(0.01, 0.02, 0.03, 0.04), List.of(100.0, 50.0, 33.0, 25.0));
    Contract btc = new Contract("BTC", tiers, OrderBookTemporaryImpact.of(BookLevel.of(0, 100)));
    ExchangeProblem problem = new ExchangeProblem(List.of(btc), List.of(new TraderAccount("a", 0,
        List.of(new Position("BTC", PositionSide.LONG, 10, 50_000, MarginMode.ISOLATED,
            30_000)))), 0, List.of(Map.of("BTC", 47_500.0)));
    ExchangeResult.Liquidation cut = ExchangeSimulation.run(problem, VenuePolicy.OKX).steps()
        .get(0).liquidations().get(0);
    assertThat(cut.partial()).isTrue();
    assertThat(cut.quantity()).isCloseTo(10 - 200_000 / 47_500.0, within(1e-9));
  }

  /**
   * Bybit's drawdown trigger: with a fund of 10 and a 30% limit, only 3 may be spent before ADL;
   * the 5.85 loss of the first test is paid 3 by the fund and the rest, (5.85 - 3) / 5.85 of the
   * contract, is deleveraged.
   */
  @Test
  void bybitDeleveragesOnceTheFundHasDrawnDownThirtyPercent() {
    ExchangeResult.Step step =
        ExchangeSimulation.run(market(10, 85), VenuePolicy.BYBIT).steps().get(0);
    assertThat(step.fundPaid()).isCloseTo(3, within(1e-9));
    assertThat(step.fundAfter()).isCloseTo(7, within(1e-9));
    assertThat(step.adlClosed()).isCloseTo(1 - 3 / 5.85, within(1e-9));
  }
}
