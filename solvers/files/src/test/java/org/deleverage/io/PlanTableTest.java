package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deleverage.core.plan.Plan;
import org.junit.jupiter.api.Test;

class PlanTableTest {

  @Test
  void hasEverySectionOfTheDeskReport() {
    String report = PlanTable.write(PlanFixtures.samplePlan());

    assertThat(report)
        .containsSubsequence(
            "DELEVERAGING PLAN",
            "LIQUIDATION SEQUENCE",
            "ACCOUNT BY PERIOD",
            "COST BY ASSET",
            "OBJECTIVE",
            "DELEVERAGING HIERARCHY");
  }

  @Test
  void theSummaryStatesSolverStatusShortfallAndObjective() {
    Plan plan = PlanFixtures.twoAssetPlan();

    String report = PlanTable.write(plan);

    assertThat(report)
        .containsPattern("Solver +test\n")
        .containsPattern("Status +optimal  convex instance solved to tolerance")
        .containsPattern("Shortfall +100,000\\.00")
        .containsPattern("Max coverable shortfall +500,000\\.00")
        .containsPattern("Objective total +" + String.format(java.util.Locale.ROOT, "%,.2f",
            plan.objective().total()).replace(".", "\\."))
        .containsPattern("Shadow price +120\\.00 bp");
  }

  @Test
  void theSequenceShowsRankSideQuantityPriceNotionalAndCost() {
    String report = PlanTable.write(PlanFixtures.samplePlan());

    // SPY, 15,000 bought back in period 1: spread 0.00001 * 560 * 15,000 = 84, fee 0.003 * 15,000
    // = 45, temporary 9.3e-8 * 15,000^2 = 20.925, permanent 0 (nothing kept): 149.925; price
    // 560 + 0.0056 + 0.003 + 9.3e-8 * 15,000 = 560.009995, notional 8,400,149.925.
    // BTC, 20 sold in period 3: spread 130, fee 390, temporary 0.098 * 400 = 39.2, permanent
    // 0.0098 * 20 * 100 = 19.6: 578.80; price 65,000 - 0.0004 * 65,000 - 0.098 * 20 = 64,972.04.
    assertThat(report)
        .containsPattern("  1 +2 +SPY +BUY +15,000\\.0000 +560\\.0100 +8,400,149\\.93 +149\\.93")
        .containsPattern("  3 +4 +BTC +SELL +20\\.0000 +64,972\\.0400 +1,299,440\\.80 +578\\.80")
        .containsPattern("Total +13,174,785\\.45 +1,110\\.64");
  }

  @Test
  void theCostTableListsTheTradedAssetsAndAddsUp() {
    String report = PlanTable.write(PlanFixtures.samplePlan());
    String costs = section(report, "COST BY ASSET");

    assertThat(costs).contains("AAPL", "SPY", "TSLA", "BTC").doesNotContain("MSFT", "SOL");
    assertThat(costs)
        .containsPattern(
            "Total +13,174,785\\.45 +512\\.75 +507\\.11 +68\\.35 +22\\.44 +1,110\\.64");
  }

  @Test
  void theHierarchyListsEveryAssetWithADashForTheUnsold() {
    String report = PlanTable.write(PlanFixtures.samplePlan());
    String hierarchy = section(report, "DELEVERAGING HIERARCHY");

    assertThat(hierarchy).containsPattern("2 +SPY +0\\.72 bp +1 +100\\.0%");
    assertThat(hierarchy).containsPattern("10 +SOL +[0-9.]+ bp +- +0\\.0%");
  }

  @Test
  void columnsLineUp() {
    List<String> lines = section(PlanTable.write(PlanFixtures.samplePlan()), "ACCOUNT BY PERIOD")
        .lines().filter(line -> line.matches(" +[0-9].*")).toList();

    assertThat(lines).hasSize(5);
    assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
  }

  @Test
  void anEmptyPlanSaysThereIsNothingToDo() {
    Plan empty = PlanFixtures.emptyPlan();

    assertThat(PlanTable.write(empty)).contains("No trades: there is nothing to cover.");
  }

  private static String section(String report, String title) {
    int start = report.indexOf(title);
    int end = report.indexOf("\n\n", start);
    return end < 0 ? report.substring(start) : report.substring(start, end);
  }
}
