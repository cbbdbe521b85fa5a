package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.deleverage.solvers.adl.AdlEngine;
import org.deleverage.solvers.adl.AdlProblem;
import org.deleverage.solvers.adl.AdlResult;
import org.deleverage.solvers.adl.AdlRule;
import org.deleverage.solvers.adl.BankruptPosition;
import org.deleverage.solvers.adl.OpposingPosition;
import org.deleverage.solvers.adl.PositionSide;
import org.junit.jupiter.api.Test;

class AdlReportTest {

  /**
   * BitMEX's example (examples/adl.json) as CSV: the queue 2, 5, 4, 1, 6, 3 with the scores
   * 0.1 L, L = 660 / (60 + M / q) (derived in AdlEngineTest), the percentiles 20, 40, 60, 80, 80,
   * 100, and what ADL closed: 10 of account 2 and 10 of account 5 at 650, each realising
   * 10 x (650 - 600) = 500; the others untouched (closed 0, no price, their whole size left).
   */
  @Test
  void theBitmexExampleAsCsv() throws IOException {
    AdlProblem problem = AdlJson.read(Path.of("adl.json")).problem();
    List<String> lines =
        AdlReport.csv(AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX)).lines().toList();

    assertThat(lines.get(0))
        .isEqualTo("rank,account,size,score,profitable,percentile,closed,price,realisedPnl,"
            + "remaining");
    assertThat(lines.subList(1, lines.size()))
        .extracting(AdlReportTest::withoutScore)
        .containsExactly(
            "1,2,10,true,20,10,650,500,0",
            "2,5,20,true,40,10,650,500,10",
            "3,4,30,true,60,0,,0,30",
            "4,1,10,true,80,0,,0,10",
            "5,6,10,true,80,0,,0,10",
            "6,3,20,true,100,0,,0,20");
    double[] scores = {0.1 * 660 / 70, 0.825, 0.66, 0.55, 0.44, 0.3};
    for (int r = 0; r < scores.length; r++) {
      assertThat(Double.parseDouble(lines.get(r + 1).split(",")[3]))
          .isCloseTo(scores[r], within(1e-12));
    }
  }

  /**
   * The case of {@link #hyperliquidWithAnUnderwaterShort}: the rows say that q, out of the money
   * and scoring +infinity, was closed at a loss of 1 x (100 - 80) = 20 after p, and the table
   * says that 2 of the 5 contracts are left open. The infinite score is an empty CSV cell and
   * "unbounded" in the table.
   */
  @Test
  void anExhaustedQueueAndAnInfiniteScore() {
    AdlProblem problem = hyperliquidWithAnUnderwaterShort();
    AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.HYPERLIQUID);

    List<String> csv = AdlReport.csv(result).lines().toList();
    assertThat(withoutScore(csv.get(1))).isEqualTo("1,p,2,true,80,2,100,20,0");
    assertThat(Double.parseDouble(csv.get(1).split(",")[3])).isCloseTo(44.0 / 9, within(1e-12));
    // The infinite score is an empty cell, never "inf" (FORMAT.md, undefined figures).
    assertThat(csv.get(2)).isEqualTo("2,q,1,,false,100,0,,0,1");

    List<String> table = AdlReport.table(problem, result).lines().toList();
    assertThat(table.subList(0, 5))
        .containsExactly(
            "Auto-deleveraging (hyperliquid rule): bankrupt long of 5 at 100, mark 90",
            "  loss per contract at the mark   10",
            "  closed in the market            0 (insurance fund paid 0 of 0, 0 left)",
            "  auto-deleveraged                2",
            "  left open (queue exhausted)     3");
    assertThat(table.get(5)).isEqualTo("  refused by the overlap check    q");
    assertThat(table.get(table.size() - 1)).contains(" q ", "unbounded", "no", "100%", "-");
  }

  /**
   * A bankrupt long of 5 at b = 100, the mark at 90 (a loss of l = 10 a contract) and no fund,
   * against two shorts:
   *
   * <pre>
   *   p: q = 2, e = 110, M = 5: u = 2 (110 - 90) = 40, account value 45, notional 180,
   *      score (110 / 90) x 180 / 45 = 44 / 9, in profit
   *   q: q = 1, e = 80,  M = 5: u = 1 (80 - 90) = -10, account value -5, score +infinity,
   *      not in profit, so ranked after p
   * </pre>
   *
   * Percentiles by cumulative size: 2 / 3 of the queue -> 80%, 3 / 3 -> 100%. ADL closes p's 2
   * (realising 2 x (110 - 100) = 20); q's equity at b = 100 would be 5 + 1 x (80 - 100) = -15,
   * so the overlap check refuses it (filling it would realise -20 against a margin of 5: new bad
   * debt of 15), and 3 of the 5 contracts stay open.
   */
  static AdlProblem hyperliquidWithAnUnderwaterShort() {
    return new AdlProblem(
        new BankruptPosition(PositionSide.LONG, 5, 100.0), 90.0, 0.0, OptionalDouble.empty(),
        List.of(
            new OpposingPosition("q", PositionSide.SHORT, 1, 80.0, 5.0),
            new OpposingPosition("p", PositionSide.SHORT, 2, 110.0, 5.0)));
  }

  /** A CSV row with its score cell (the fourth) taken out. */
  private static String withoutScore(String row) {
    String[] cells = row.split(",", -1);
    List<String> kept = new java.util.ArrayList<>(List.of(cells));
    kept.remove(3);
    return String.join(",", kept);
  }
}
