package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.plan.Trade;
import org.deleverage.core.solve.SolverReport;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void hasEveryNameOfFormatMdInItsOrder() throws IOException {
    JsonNode json = MAPPER.readTree(PlanJson.write(PlanFixtures.twoAssetPlan()));

    assertThat(names(json))
        .containsSubsequence(
            "status", "solver", "shortfall", "maxCoverableShortfall", "objective", "shadowPrice",
            "trades", "periods", "hierarchy", "solveMillis");
    assertThat(names(json.get("objective")))
        .containsExactly(
            "total", "expectedLoss", "timingVariance", "residualVariance", "reluctance");
    assertThat(names(json.get("trades").get(0)))
        .containsSubsequence("period", "asset", "side", "quantity", "expectedPrice", "cost");
    assertThat(names(json.get("trades").get(0).get("cost")))
        .containsSubsequence("spread", "fee", "temporaryImpact", "permanentImpact");
    assertThat(names(json.get("periods").get(0)))
        .containsExactly("period", "excess", "cashRaised", "loss", "cashFromSales", "cashPaid");
    assertThat(names(json).get(0)).isEqualTo("schemaVersion");
    assertThat(names(json.get("hierarchy").get(0)))
        .containsExactly(
            "rank", "asset", "marginalCostPerUnitRelief", "firstPeriod", "soldFraction");
  }

  @Test
  void writesThePlansFiguresExactly() throws IOException {
    Plan plan = PlanFixtures.twoAssetPlan();
    JsonNode json = MAPPER.readTree(PlanJson.write(plan));

    assertThat(json.get("status").asText()).isEqualTo("optimal");
    assertThat(json.get("solver").asText()).isEqualTo("test");
    assertThat(json.get("shortfall").asDouble()).isEqualTo(100_000.0);
    assertThat(json.get("maxCoverableShortfall").asDouble()).isEqualTo(500_000.0);
    assertThat(json.get("shadowPrice").asDouble()).isEqualTo(0.012);
    assertThat(json.get("iterations").asLong()).isEqualTo(7);
    assertThat(json.get("solveMillis").asDouble()).isEqualTo(1.5);
    assertThat(json.get("objective").get("total").asDouble()).isEqualTo(plan.objective().total());
    assertThat(json.get("objective").get("timingVariance").asDouble())
        .isEqualTo(plan.objective().timingVariance());
    JsonNode trade = json.get("trades").get(0);
    Trade first = plan.trades().get(0);
    assertThat(trade.get("period").asInt()).isEqualTo(1);
    assertThat(trade.get("asset").asText()).isEqualTo(first.asset());
    assertThat(trade.get("side").asText()).isEqualTo(first.side().name());
    assertThat(trade.get("expectedPrice").asDouble()).isEqualTo(first.expectedPrice());
    assertThat(trade.get("notional").asDouble()).isEqualTo(first.notional());
    assertThat(trade.get("cost").get("temporaryImpact").asDouble())
        .isEqualTo(first.cost().temporaryImpact());
    assertThat(trade.get("cost").get("total").asDouble()).isEqualTo(first.cost().total());
    assertThat(json.get("periods").get(1).get("excess").asDouble())
        .isEqualTo(plan.periods().get(1).excess());
  }

  @Test
  void theBuyBackOfAShortIsABuy() throws IOException {
    JsonNode json = MAPPER.readTree(PlanJson.write(PlanFixtures.twoAssetPlan()));

    List<String> sides = new ArrayList<>();
    for (JsonNode trade : json.get("trades")) {
      sides.add(trade.get("asset").asText() + " " + trade.get("side").asText());
    }
    assertThat(sides).contains("ACME SELL", "BETA, \"B\" shares BUY");
  }

  /**
   * An optimal plan at the largest coverable shortfall has no shadow price: it is unbounded, and
   * the file says so beside the null.
   */
  @Test
  void anUnboundedShadowPriceIsNullWithItsReason() throws IOException {
    Plan plan = PlanFixtures.twoAssetPlan();
    SolverReport report = new SolverReport("test", SolveStatus.OPTIMAL,
        OptionalDouble.of(plan.shortfall()), OptionalDouble.empty(), true, 7, 1.5);
    Plan atEdge = PlanFixtures.plan(PlanFixtures.twoAssets(), plan.table().toArray(), report);

    JsonNode json = MAPPER.readTree(PlanJson.write(atEdge));

    assertThat(json.get("shadowPrice").isNull()).isTrue();
    assertThat(json.get("shadowPriceNote").asText()).startsWith("unbounded");
    assertThat(names(json)).containsSubsequence("shadowPrice", "shadowPriceNote", "iterations");
    assertThat(MAPPER.readTree(PlanJson.write(plan)).has("shadowPriceNote")).isFalse();
  }

  @Test
  void absentValuesAreNull() throws IOException {
    JsonNode json = MAPPER.readTree(PlanJson.write(PlanFixtures.samplePlan()));

    assertThat(json.get("maxCoverableShortfall").isNull()).isTrue();
    assertThat(json.get("shadowPrice").isNull()).isTrue();
    assertThat(json.get("status").asText()).isEqualTo("feasible");
    JsonNode unsold = json.get("hierarchy").get(9);
    assertThat(unsold.get("firstPeriod").isNull()).isTrue();
    assertThat(unsold.get("soldFraction").asDouble()).isZero();
  }

  @Test
  void theAssetTotalsAddUpToTheExpectedLoss() throws IOException {
    Plan plan = PlanFixtures.samplePlan();
    JsonNode assets = MAPPER.readTree(PlanJson.write(plan)).get("assets");

    double total = 0.0;
    for (JsonNode asset : assets) {
      total += asset.get("cost").get("total").asDouble();
    }
    assertThat(assets).hasSize(10);
    assertThat(assets.get(1).get("asset").asText()).isEqualTo("SPY");
    assertThat(assets.get(1).get("quantity").asDouble()).isEqualTo(15_000.0);
    assertThat(total).isCloseTo(plan.expectedLoss(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void thePlansOwnTradesFedBackGiveTheSamePlan() throws IOException {
    DeleveragingProblem problem = PlanFixtures.sample();
    Plan plan = PlanFixtures.samplePlan();
    JsonNode json = MAPPER.readTree(PlanJson.write(plan));

    // Rebuild n_ik from the written liquidation sequence alone and evaluate it afresh.
    ResolvedProblem resolved = problem.resolve();
    double[][] units = new double[resolved.assetCount()][resolved.periods()];
    for (JsonNode trade : json.get("trades")) {
      int i = indexOf(resolved, trade.get("asset").asText());
      units[i][trade.get("period").asInt() - 1] += trade.get("quantity").asDouble();
    }
    Evaluation again = Evaluator.DEFAULT.evaluate(resolved, TradeTable.of(units));

    assertThat(TradeTable.of(units)).isEqualTo(plan.table());
    assertThat(again.objective()).isEqualTo(plan.objective());
    for (int k = 0; k < resolved.periods(); k++) {
      JsonNode period = json.get("periods").get(k);
      assertThat(period.get("excess").asDouble()).isEqualTo(again.excess(k));
      assertThat(period.get("cashRaised").asDouble()).isEqualTo(again.cashRaised(k));
      assertThat(period.get("loss").asDouble()).isEqualTo(again.loss(k));
    }
    assertThat(json.get("objective").get("total").asDouble()).isEqualTo(again.objective().total());
  }

  @Test
  void writesTheSameBytesToAStream() throws IOException {
    Plan plan = PlanFixtures.twoAssetPlan();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    PlanJson.write(plan, bytes);

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(PlanJson.write(plan));
  }

  private static int indexOf(ResolvedProblem problem, String id) {
    for (int i = 0; i < problem.assetCount(); i++) {
      if (problem.id(i).equals(id)) {
        return i;
      }
    }
    throw new AssertionError("no asset " + id);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }
}
