package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Trade;
import org.junit.jupiter.api.Test;

class PlanCsvTest {

  @Test
  void writesTheHeaderThenOneRowPerTradeInOrder() {
    Plan plan = PlanFixtures.samplePlan();

    List<String> lines = PlanCsv.write(plan).lines().toList();

    // The original nine columns first, in their order, then the desk report's others.
    assertThat(lines.get(0))
        .startsWith(
            "period,asset,side,quantity,expectedPrice,spread,fee,temporaryImpact,permanentImpact,")
        .endsWith(",notional,totalCost,costBp,rank,excess,netCash,cashFromSales,cashPaid,"
            + "lossToDate");
    assertThat(lines).hasSize(1 + plan.trades().size());
    assertThat(lines.subList(1, lines.size()))
        .extracting(line -> line.substring(0, line.indexOf(',', 2)))
        .containsExactly("1,AAPL", "1,SPY", "2,TSLA", "3,BTC");
    assertThat(lines.get(2)).startsWith("1,SPY,BUY,15000,");
  }

  @Test
  void numbersReadBackToTheSameDoubles() {
    Plan plan = PlanFixtures.samplePlan();
    List<String> lines = PlanCsv.write(plan).lines().toList();

    for (int t = 0; t < plan.trades().size(); t++) {
      Trade trade = plan.trades().get(t);
      String[] cells = lines.get(t + 1).split(",");
      assertThat(Double.parseDouble(cells[3])).isEqualTo(trade.quantity());
      assertThat(Double.parseDouble(cells[4])).isEqualTo(trade.expectedPrice());
      assertThat(Double.parseDouble(cells[5])).isEqualTo(trade.cost().spread());
      assertThat(Double.parseDouble(cells[6])).isEqualTo(trade.cost().fee());
      assertThat(Double.parseDouble(cells[7])).isEqualTo(trade.cost().temporaryImpact());
      assertThat(Double.parseDouble(cells[8])).isEqualTo(trade.cost().permanentImpact());
      assertThat(lines.get(t + 1)).doesNotContainPattern("[0-9][eE]");
    }
  }

  @Test
  void quotesAnIdWithACommaOrAQuote() {
    String csv = PlanCsv.write(PlanFixtures.twoAssetPlan());

    assertThat(csv).contains("\n1,\"BETA, \"\"B\"\" shares\",BUY,1000,");
    assertThat(PlanCsv.field("plain")).isEqualTo("plain");
    assertThat(PlanCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void writesNumbersInPlainNotation() {
    assertThat(PlanCsv.number(12_345_000.0)).isEqualTo("12345000");
    assertThat(PlanCsv.number(1e-7)).isEqualTo("0.0000001");
    assertThat(PlanCsv.number(2.5)).isEqualTo("2.5");
    assertThat(PlanCsv.number(-0.0)).isEqualTo("0");
    assertThat(PlanCsv.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    // A figure that is not finite is an empty cell, never NaN, Infinity or inf (FORMAT.md).
    assertThat(PlanCsv.number(Double.NaN)).isEmpty();
    assertThat(PlanCsv.number(Double.POSITIVE_INFINITY)).isEmpty();
    assertThat(PlanCsv.number(Double.NEGATIVE_INFINITY)).isEmpty();
  }
}
