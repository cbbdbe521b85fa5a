package org.deleverage.solvers.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.deleverage.models.MarginBracket;
import org.deleverage.models.MarginSchedule;
import org.deleverage.solvers.adl.PositionSide;
import org.junit.jupiter.api.Test;

class PricesTest {

  private static final MarginSchedule BTC = MarginSchedule.flat(0.005, 100);
  private static final MarginSchedule ETH = MarginSchedule.flat(0.01, 50);

  /**
   * Bybit, "Bankruptcy Price (USDT Contract)" (Bybit help centre, stored at
   * www.bybitx.global/fil-PH/help-center/search-result?query=trade): "traders hold a 1BTC Long
   * position with an entry price at 10,000USDT, leverage is 50x. Bankruptcy Price = 10,000 x (1 -
   * 2%) = 9,800 USDT". By leverage and by margin (IM = 10,000 / 50 = 200, b = 10,000 - 200 / 1).
   */
  @Test
  void reproducesBybitsLinearBankruptcyExample() {
    assertThat(Prices.bankruptcyFromLeverage(PositionSide.LONG, 10_000, 50))
        .isCloseTo(9_800.0, within(1e-9));
    assertThat(Prices.bankruptcy(PositionSide.LONG, 1, 10_000, 200)).isEqualTo(9_800.0);
  }

  /**
   * The issue's example, 7,890.08 x 50 / 51 = 7,735.3725, is Bybit's inverse-contract bankruptcy
   * price of a LONG at 50x: the inverse isolated liquidation price Q / [Q/e + (IM - MM)] (Bybit,
   * "Liquidation Price Calculation under Isolated Mode (Unified Trading Account)") with MM = 0
   * ("How to calculate Bankruptcy Price", help.bybit.com/hc/en-us/articles/360037757474) gives e
   * L / (L + 1). The page that prints 7,890.08 was not found in the stored pages. The linear
   * formula gives 7,890.08 x 0.98 = 7,732.2784 instead, and a short at 50x is 7,890.08 x 50 / 49
   * = 8,051.1020 (inverse).
   */
  @Test
  void reproducesTheIssuesInverseLongExample() {
    assertThat(Prices.inverseBankruptcyFromLeverage(PositionSide.LONG, 7_890.08, 50))
        .isCloseTo(7_735.3725, within(5e-5));
    assertThat(Prices.bankruptcyFromLeverage(PositionSide.LONG, 7_890.08, 50))
        .isCloseTo(7_732.2784, within(5e-5));
    assertThat(Prices.inverseBankruptcyFromLeverage(PositionSide.SHORT, 7_890.08, 50))
        .isCloseTo(8_051.1020, within(5e-5));
  }

  /**
   * Binance, "How to Calculate Liquidation Price of COIN-M Futures Contracts"
   * (binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46): "the BTCUSD Maintenance Amount
   * on Level 5 = 50 BTC * (5% - 2.5%) + 0.56 BTC = 1.81 BTC".
   */
  @Test
  void reproducesBinancesMaintenanceAmountExample() {
    assertThat(MarginSchedule.nextMaintenanceAmount(0.56, 0.025, 50, 0.05))
        .isCloseTo(1.81, within(1e-12));
  }

  /**
   * Isolated long: q = 1, e = 10,000, C = 200, r = 0.5%, cum = 0. b = 10,000 - 200 = 9,800; P =
   * (1 x 10,000 - 200 - 0) / (1 x (1 - 0.005)) = 9,800 / 0.995 = 9,849.2462...; check: equity at
   * P, 200 + (P - 10,000) = 49.246 = 0.005 P.
   */
  @Test
  void isolatedLong() {
    Position long1 = new Position("BTC", PositionSide.LONG, 1, 10_000, MarginMode.ISOLATED, 200);
    assertThat(Prices.isolatedBankruptcy(long1)).isEqualTo(9_800.0);
    assertThat(Prices.isolatedLiquidation(long1, BTC)).isCloseTo(9_800 / 0.995, within(1e-9));
  }

  /**
   * Isolated short: q = 2, e = 10,000, C = 400, r = 0.5%. b = 10,000 + 400 / 2 = 10,200; P = (-2 x
   * 10,000 - 400) / (2 x (-1 - 0.005)) = 20,400 / 2.01 = 10,149.2537...
   */
  @Test
  void isolatedShort() {
    Position short2 = new Position("BTC", PositionSide.SHORT, 2, 10_000, MarginMode.ISOLATED, 400);
    assertThat(Prices.isolatedBankruptcy(short2)).isEqualTo(10_200.0);
    assertThat(Prices.isolatedLiquidation(short2, BTC)).isCloseTo(20_400 / 2.01, within(1e-9));
  }

  /**
   * Cross account: wallet 1,000, long 1 BTC at 10,000, short 10 ETH at 100, marks BTC 9,500 and
   * ETH 90. BTC long: the ETH short is worth +100 and needs 10 x 90 x 1% = 9 maintenance; b =
   * 10,000 - (1,000 + 100) = 8,900; P = (10,000 - (1,100 - 9)) / 0.995 = 8,909 / 0.995 =
   * 8,953.7688... ETH short: the BTC long is worth -500 and needs 9,500 x 0.5% = 47.5; b = 100 +
   * (1,000 - 500) / 10 = 150; P = (-10 x 100 - (500 - 47.5)) / (10 x (-1 - 0.01)) = 1,452.5 /
   * 10.1 = 143.8118...
   */
  @Test
  void crossLongAndShort() {
    TraderAccount account = new TraderAccount("a", 1_000, List.of(
        new Position("BTC", PositionSide.LONG, 1, 10_000, MarginMode.CROSS, 0),
        new Position("ETH", PositionSide.SHORT, 10, 100, MarginMode.CROSS, 0)));
    Map<String, Double> marks = Map.of("BTC", 9_500.0, "ETH", 90.0);
    Map<String, MarginSchedule> schedules = Map.of("BTC", BTC, "ETH", ETH);
    assertThat(Prices.crossBankruptcy(account, "BTC", marks)).isCloseTo(8_900, within(1e-9));
    assertThat(Prices.crossLiquidation(account, "BTC", marks, schedules))
        .isCloseTo(8_909 / 0.995, within(1e-9));
    assertThat(Prices.crossBankruptcy(account, "ETH", marks)).isCloseTo(150, within(1e-9));
    assertThat(Prices.crossLiquidation(account, "ETH", marks, schedules))
        .isCloseTo(1_452.5 / 10.1, within(1e-9));
  }

  /**
   * Brackets 0 (1%) and 50,000 (2%, cum = 50,000 x (2% - 1%) = 500 by Binance's rule). Long 1 at
   * 60,000 with 6,000 margin: in bracket 0, P = 54,000 / 0.99 = 54,545.45, whose notional is in
   * bracket 1, so bracket 1 applies: P = (60,000 - 6,000 - 500) / 0.98 = 54,591.8367..., notional
   * 54,591.84 >= 50,000.
   */
  @Test
  void theLiquidationPriceTakesTheBracketOfItsOwnNotional() {
    MarginSchedule schedule =
        MarginSchedule.continuous(
            List.of(0.0, 50_000.0), List.of(0.01, 0.02), List.of(100.0, 50.0));
    assertThat(schedule.brackets().get(1))
        .isEqualTo(new MarginBracket(50_000, 0.02, 500, 50));
    assertThat(Prices.liquidation(PositionSide.LONG, 1, 60_000, 6_000, schedule))
        .isCloseTo(53_500 / 0.98, within(1e-9));
    assertThat(schedule.maintenanceMargin(60_000)).isCloseTo(700, within(1e-9));
  }
}
