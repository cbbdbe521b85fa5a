package org.deleverage.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Trade;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.io.PlanJson;
import org.deleverage.io.ProblemJson;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.stress.LiquidityShock;
import org.deleverage.solvers.stress.Scenario;
import org.junit.jupiter.api.Test;

/** The row conversions, without Spark: problems, scenarios and plans, and the error rows. */
class RowConversionTest {

  private static final long LIMIT = SparkPlanner.DEFAULT_TIME_LIMIT_MILLIS;

  @Test
  void everyFieldOfAProblemSurvivesTheRoundTrip() {
    for (DeleveragingProblem problem :
        List.of(Fixtures.everyField(), Fixtures.covariance(), ProblemGenerator.sample())) {
      Row row = ProblemRows.toRow("acct-1", problem);
      assertThat(row.schema()).isEqualTo(RowSchemas.PROBLEM);
      assertThat(ProblemRows.accountId(row)).isEqualTo("acct-1");
      DeleveragingProblem back = ProblemRows.toProblem(row);
      assertThat(back).isEqualTo(problem);
      assertThat(ProblemJson.write(back)).isEqualTo(ProblemJson.write(problem));
    }
  }

  @Test
  void theRowHoldsTheFileFieldsByTheirNames() {
    Row row = ProblemRows.toRow("x", Fixtures.everyField());
    Row asset = (Row) row.getList(row.fieldIndex("assets")).get(2);
    Row temporary = asset.<Row>getAs("impact").getAs("temporary");
    assertThat(temporary.<String>getAs("model")).isEqualTo("book");
    Row level = (Row) temporary.getList(temporary.fieldIndex("levels")).get(1);
    assertThat(level.<Double>getAs("offset")).isEqualTo(0.003);
    assertThat(level.<Double>getAs("size")).isEqualTo(20000.0);
    Row transientImpact = ((Row) row.getList(row.fieldIndex("assets")).get(4))
        .<Row>getAs("impact").getAs("temporary");
    assertThat(transientImpact.<String>getAs("model")).isEqualTo("transient");
    assertThat(transientImpact.<Double>getAs("kappa")).isEqualTo(2e-4);
    assertThat(transientImpact.<Double>getAs("halfLife")).isEqualTo(0.25);
    Row requirement = row.getAs("requirement");
    assertThat(requirement.<String>getAs("mode")).isEqualTo("cash");
    assertThat(requirement.<Integer>getAs("deadline")).isEqualTo(2);
    Row factors = row.getAs("factors");
    assertThat(factors.getList(factors.fieldIndex("specificVariance")))
        .containsExactly(0.0001, 0.0002, 0.0001, 0.0003, 0.0002);
    assertThat(row.isNullAt(row.fieldIndex("correlation"))).isTrue();
  }

  @Test
  void nullFieldsTakeTheFileDefaults() {
    // Only the required fields: account.cash and each asset's id, quantity, price and adv.
    Row sparse = JsonRows.toRow(JsonRows.tree(
        "{\"accountId\":\"s\",\"account\":{\"cash\":-100.0},\"assets\":[{\"id\":\"A\","
            + "\"quantity\":10.0,\"price\":50.0,\"adv\":1000.0}]}"), RowSchemas.PROBLEM);
    DeleveragingProblem problem = ProblemRows.toProblem(sparse);
    assertThat(problem.assets().get(0).marginRate()).isEqualTo(1.0);
    assertThat(problem.assets().get(0).retainMax()).isEqualTo(10.0);
    assertThat(problem.horizon().periods()).isEqualTo(1);
  }

  @Test
  void aBrokenRuleNamesThePathAndTheRule() {
    Row row = Fixtures.replace(
        ProblemRows.toRow("bad", ProblemGenerator.sample()), -5.0, "assets[3]", "price");
    assertThatThrownBy(() -> ProblemRows.toProblem(row))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.path()).isEqualTo("assets[3].price");
          assertThat(e.rule()).isEqualTo("must be > 0, was -5.0");
        });
    Row plan = new RowPlanner(LIMIT).plan(row);
    assertThat(PlanRows.status(plan)).isEqualTo(PlanStatus.INVALID);
    assertThat(plan.<String>getAs("accountId")).isEqualTo("bad");
    assertThat(plan.<String>getAs("errorPath")).isEqualTo("assets[3].price");
    assertThat(plan.<String>getAs("errorRule")).isEqualTo("must be > 0, was -5.0");
    assertThat(plan.<String>getAs("message")).isEqualTo("assets[3].price: must be > 0, was -5.0");
    assertThat(plan.isNullAt(plan.fieldIndex("plan"))).isTrue();
  }

  @Test
  void aMissingRequiredFieldIsInvalidAtItsPath() {
    Row row = Fixtures.replace(
        ProblemRows.toRow("nocash", ProblemGenerator.sample()), null, "account", "cash");
    Row plan = new RowPlanner(LIMIT).plan(row);
    assertThat(PlanRows.status(plan)).isEqualTo(PlanStatus.INVALID);
    assertThat(plan.<String>getAs("errorPath")).isEqualTo("account.cash");
  }

  @Test
  void aPlanRowHoldsEveryFieldOfThePlanFile() {
    DeleveragingProblem problem = Fixtures.everyField();
    SolveResult result = Solvers.optimal(RowPlanner.options(LIMIT)).solve(problem.resolve());
    Plan plan = result.plan();
    Row row = PlanRows.of("acct-7", "crash", result);
    assertThat(row.schema()).isEqualTo(RowSchemas.PLAN);
    assertThat(row.<String>getAs("accountId")).isEqualTo("acct-7");
    assertThat(row.<String>getAs("scenario")).isEqualTo("crash");
    assertThat(row.<String>getAs("status")).isEqualTo(plan.status().name());
    assertThat(row.<String>getAs("solver")).isEqualTo(plan.solver());
    assertThat(row.<Double>getAs("shortfall")).isEqualTo(plan.shortfall());
    assertThat(row.<Double>getAs("maxCoverableShortfall"))
        .isEqualTo(plan.maxCoverableShortfall().getAsDouble());
    assertThat(row.<Long>getAs("iterations")).isEqualTo(plan.iterations());
    assertThat(row.<Double>getAs("solveMillis")).isEqualTo(plan.solveMillis());
    assertThat(row.isNullAt(row.fieldIndex("message"))).isTrue();
    // The plan struct is the plan file, every field: its JSON form is the file's.
    JsonNode file = JsonRows.tree(PlanJson.write(plan));
    JsonNode fromRow = JsonRows.tree(PlanRows.planJson(row));
    assertThat(fromRow.equals(NUMERIC, file)).as("%s%nvs%n%s", fromRow, file).isTrue();
    // And the trades by their accessors.
    List<?> trades = row.<Row>getAs("plan").getList(RowSchemas.PLAN_FILE.fieldIndex("trades"));
    assertThat(trades).hasSize(plan.trades().size()).isNotEmpty();
    for (int t = 0; t < trades.size(); t++) {
      Row tradeRow = (Row) trades.get(t);
      Trade trade = plan.trades().get(t);
      assertThat(tradeRow.<Integer>getAs("period")).isEqualTo(trade.period());
      assertThat(tradeRow.<String>getAs("asset")).isEqualTo(trade.asset());
      assertThat(tradeRow.<String>getAs("side")).isEqualTo(trade.side().name());
      assertThat(tradeRow.<Double>getAs("quantity")).isEqualTo(trade.quantity());
      assertThat(tradeRow.<Double>getAs("expectedPrice")).isEqualTo(trade.expectedPrice());
      assertThat(tradeRow.<Double>getAs("notional")).isEqualTo(trade.notional());
      assertThat(tradeRow.<Row>getAs("cost").<Double>getAs("total"))
          .isEqualTo(trade.cost().total());
    }
  }

  @Test
  void anInfeasibleRowCarriesSAndSmax() {
    DeleveragingProblem problem = Fixtures.infeasible();
    SolveResult result = Solvers.optimal(RowPlanner.options(LIMIT)).solve(problem.resolve());
    assertThat(result).isInstanceOf(SolveResult.Infeasible.class);
    SolveResult.Infeasible infeasible = (SolveResult.Infeasible) result;
    Row row = new RowPlanner(LIMIT).plan(ProblemRows.toRow("poor", problem));
    assertThat(PlanRows.status(row)).isEqualTo(PlanStatus.INFEASIBLE);
    assertThat(row.<Double>getAs("shortfall")).isEqualTo(1e12);
    assertThat(row.<Double>getAs("maxCoverableShortfall"))
        .isEqualTo(infeasible.maxCoverableShortfall())
        .isPositive()
        .isLessThan(1e12);
    assertThat(row.<String>getAs("message")).contains("is above the largest coverable shortfall");
    assertThat(row.isNullAt(row.fieldIndex("plan"))).isTrue();
  }

  @Test
  void failuresAndTimeOutsAreRowsWithTheirReasons() {
    Row failed = PlanRows.of("f", null, new SolveResult.Failed("optimal", "stalled", 12, 3.0));
    assertThat(PlanRows.status(failed)).isEqualTo(PlanStatus.FAILED);
    assertThat(failed.<String>getAs("message")).isEqualTo("stalled");
    assertThat(failed.<Long>getAs("iterations")).isEqualTo(12L);
    Row timedOut = PlanRows.of(
        "t", null, new SolveResult.Failed("optimal", "time limit reached", 40, 1000.0));
    assertThat(PlanRows.status(timedOut)).isEqualTo(PlanStatus.TIMED_OUT);
    Row unexpected = PlanRows.failed("u", "s", "optimal", new IllegalStateException("boom"));
    assertThat(unexpected.<String>getAs("message"))
        .isEqualTo("java.lang.IllegalStateException: boom");
  }

  @Test
  void aSolveBeyondTheTimeLimitIsTimedOut() {
    // 60 assets over 15 periods: 900 trade variables, far beyond one millisecond's work.
    DeleveragingProblem big = Fixtures.wide(6, 15);
    Row row = new RowPlanner(1).plan(ProblemRows.toRow("slow", big));
    assertThat(PlanRows.status(row)).as(row.<String>getAs("message"))
        .isEqualTo(PlanStatus.TIMED_OUT);
    assertThat(row.<String>getAs("message")).contains("time limit");
  }

  @Test
  void everyFieldOfAScenarioSurvivesTheRoundTrip() {
    Scenario scenario = Scenario.named("crash")
        .withPriceShock(-0.2)
        .withPriceShock("AAPL", -0.3)
        .withVolatilityMultiplier(2.0)
        .withVolatilityMultiplier("NVDA", 3.0)
        .withCorrelationSpike(0.5)
        .withMarginRateIncrease(0.05)
        .withMarginRateIncrease("BTC", 0.1)
        .withFactorShocks(List.of(-0.1, 0.02))
        .withLiquidityShock(LiquidityShock.NONE.withHalfSpreadMultiplier(3).withBookLevels(2)
            .withBookMaxOffset(0.01).withEtaMultiplier(2))
        .withLiquidityShock("BTC", LiquidityShock.NONE.withAdvMultiplier(0.25)
            .withBookSizeMultiplier(0.5).withCoefficientMultiplier(1.5).withGammaMultiplier(2))
        .withFactorLiquidityShocks(List.of(LiquidityShock.NONE,
            LiquidityShock.NONE.withAdvMultiplier(0.5)))
        .withMarginRule(new VolatilityMarginRule(1.5, 0.8));
    Row row = ScenarioRows.toRow(scenario);
    assertThat(row.schema()).isEqualTo(RowSchemas.SCENARIO);
    assertThat(ScenarioRows.toScenario(row)).isEqualTo(scenario);
    assertThat(row.getJavaMap(row.fieldIndex("priceShocks"))).isEqualTo(Map.of("AAPL", -0.3));
  }

  @Test
  void aBadScenarioIsInvalidUnderScenario() {
    Row shock = ScenarioRows.toRow(Scenario.named("bad").withPriceShock(-0.2));
    Row broken = JsonRows.toRow(
        JsonRows.toJson(shock, RowSchemas.SCENARIO, false).put("priceShock", -2.0),
        RowSchemas.SCENARIO);
    Row unknown = ScenarioRows.toRow(Scenario.named("unknown").withPriceShock("XYZ", -0.1));
    List<Row> rows = new RowPlanner(LIMIT).planUnder(
        ProblemRows.toRow("a", ProblemGenerator.sample()), List.of(broken, unknown));
    assertThat(rows).extracting(PlanRows::status)
        .containsExactly(PlanStatus.INVALID, PlanStatus.INVALID);
    assertThat(rows.get(0).<String>getAs("errorPath")).isEqualTo("scenario.priceShock");
    assertThat(rows.get(0).<String>getAs("errorRule"))
        .isEqualTo("must be > -1 (a return), was -2.0");
    assertThat(rows.get(1).<String>getAs("errorPath")).isEqualTo("scenario.priceShocks.XYZ");
    assertThat(rows.get(1).<String>getAs("scenario")).isEqualTo("unknown");
  }

  /** Numbers equal when their double values are: the row types ints as longs and back. */
  private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return a.equals(b) ? 0 : 1;
  };
}
