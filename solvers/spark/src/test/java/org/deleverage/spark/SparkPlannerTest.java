package org.deleverage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.io.ProblemJson;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.deleverage.solvers.stress.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark API on one shared local[2] session: every result equals a plain loop's over the same
 * problems with the library alone, field by field (all but the solve times), error rows too.
 */
class SparkPlannerTest {

  private static final long LIMIT = SparkPlanner.DEFAULT_TIME_LIMIT_MILLIS;
  private static final long SEED = 42;
  private static final int GENERATED = 40;

  private static SparkSession spark;
  /** The problem rows: generated accounts, the every-field problem and three error rows. */
  private static List<Row> problemRows;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("SparkPlannerTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "3")
        .config("spark.default.parallelism", "3")
        .getOrCreate();
    DeleveragingProblem sample = ProblemGenerator.sample();
    problemRows = new ArrayList<>();
    for (int i = 0; i < GENERATED; i++) {
      problemRows.add(ProblemRows.toRow(
          ProblemGenerator.accountId(i), ProblemGenerator.problem(sample, SEED, i)));
    }
    problemRows.add(ProblemRows.toRow("every-field", Fixtures.everyField()));
    problemRows.add(ProblemRows.toRow("covariance", Fixtures.covariance()));
    problemRows.add(ProblemRows.toRow("infeasible", Fixtures.infeasible()));
    problemRows.add(Fixtures.replace(
        ProblemRows.toRow("negative-price", sample), -5.0, "assets[3]", "price"));
    problemRows.add(Fixtures.replace(
        ProblemRows.toRow("no-cash", sample), null, "account", "cash"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> problems(int partitions) {
    return spark.createDataFrame(problemRows, RowSchemas.PROBLEM).repartition(partitions);
  }

  /** The plain loop: the library alone, one problem after the other. */
  private static List<Row> plainLoop(List<Scenario> scenarios) {
    InteriorPointSolver solver = Solvers.optimal(RowPlanner.options(LIMIT));
    List<Row> rows = new ArrayList<>();
    for (Row row : problemRows) {
      String id = ProblemRows.accountId(row);
      for (Scenario scenario : scenarios == null
          ? java.util.Collections.<Scenario>singletonList(null) : scenarios) {
        String name = scenario == null ? null : scenario.name();
        try {
          DeleveragingProblem problem = ProblemRows.toProblem(row);
          if (scenario != null) {
            try {
              problem = scenario.apply(problem);
            } catch (InvalidInputException e) {
              throw e.under("scenario");
            }
          }
          rows.add(PlanRows.of(id, name, solver.solve(problem.resolve())));
        } catch (InvalidInputException e) {
          rows.add(PlanRows.invalid(id, name, solver.name(), e));
        }
      }
    }
    return rows;
  }

  @Test
  void plansEqualAPlainLoopsOnAnyNumberOfPartitions() {
    List<JsonNode> expected = Fixtures.comparable(plainLoop(null));
    List<Row> onFive = SparkPlanner.create().plan(problems(5)).collectAsList();
    List<Row> onOne = SparkPlanner.create().plan(problems(1)).collectAsList();
    assertThat(Fixtures.comparable(onFive)).isEqualTo(expected);
    assertThat(Fixtures.comparable(onOne)).isEqualTo(expected);
    // Every status the rows can reach without a time limit shows up.
    assertThat(onFive).extracting(PlanRows::status).contains(
        PlanStatus.OPTIMAL, PlanStatus.INFEASIBLE, PlanStatus.INVALID);
    Row invalid = onFive.stream()
        .filter(r -> "negative-price".equals(r.getAs("accountId"))).findFirst().orElseThrow();
    assertThat(invalid.<String>getAs("errorPath")).isEqualTo("assets[3].price");
  }

  @Test
  void everyAccountUnderEveryScenarioEqualsAPlainLoop() {
    List<Scenario> scenarios = List.of(
        Scenario.named("crash").withPriceShock(-0.15).withVolatilityMultiplier(2.0),
        Scenario.named("base"),
        Scenario.named("haircut").withMarginRateIncrease(0.1),
        Scenario.named("unknown-asset").withPriceShock("XYZ", -0.1));
    // The plain loop takes them in name order, as the planner does.
    List<Scenario> byName = new ArrayList<>(scenarios);
    byName.sort(java.util.Comparator.comparing(Scenario::name));
    List<JsonNode> expected = Fixtures.comparable(plainLoop(byName));
    Dataset<Row> scenarioRows = spark.createDataFrame(
        scenarios.stream().map(ScenarioRows::toRow).toList(), RowSchemas.SCENARIO);
    List<Row> actual =
        SparkPlanner.create().planUnder(problems(3), scenarioRows).collectAsList();
    assertThat(actual).hasSize(problemRows.size() * scenarios.size());
    assertThat(Fixtures.comparable(actual)).isEqualTo(expected);
    assertThat(actual).filteredOn(r -> "unknown-asset".equals(r.getAs("scenario")))
        .extracting(r -> r.<String>getAs("errorPath"))
        .containsOnly("scenario.priceShocks.XYZ", "assets[3].price", "account.cash");
  }

  @Test
  void tradeRowsAreThePlansTradesWithTheirKeys() {
    Dataset<Row> plans = SparkPlanner.create().plan(problems(3));
    Dataset<Row> trades = SparkPlanner.trades(plans);
    assertThat(trades.schema()).isEqualTo(RowSchemas.TRADE);
    List<Row> actual = trades.collectAsList();
    InteriorPointSolver solver = Solvers.optimal(RowPlanner.options(LIMIT));
    List<JsonNode> expected = new ArrayList<>();
    for (Row row : problemRows) {
      SolveResult result;
      try {
        result = solver.solve(ProblemRows.toProblem(row).resolve());
      } catch (InvalidInputException e) {
        continue;
      }
      if (result instanceof SolveResult.Solved solved) {
        Plan plan = solved.value();
        plan.trades().forEach(t -> expected.add(JsonRows.tree(String.format(
            java.util.Locale.ROOT,
            "{\"accountId\":\"%s\",\"period\":%d,\"asset\":\"%s\",\"side\":\"%s\","
                + "\"quantity\":%s,\"expectedPrice\":%s,\"notional\":%s,\"costTotal\":%s}",
            ProblemRows.accountId(row), t.period(), t.asset(), t.side().name(),
            Double.toString(t.quantity()), Double.toString(t.expectedPrice()),
            Double.toString(t.notional()), Double.toString(t.cost().total())))));
      }
    }
    List<JsonNode> got = new ArrayList<>();
    for (Row t : actual) {
      assertThat(t.isNullAt(t.fieldIndex("scenario"))).isTrue();
      got.add(JsonRows.tree(String.format(java.util.Locale.ROOT,
          "{\"accountId\":\"%s\",\"period\":%d,\"asset\":\"%s\",\"side\":\"%s\","
              + "\"quantity\":%s,\"expectedPrice\":%s,\"notional\":%s,\"costTotal\":%s}",
          t.<String>getAs("accountId"), t.<Integer>getAs("period"), t.<String>getAs("asset"),
          t.<String>getAs("side"), t.<Double>getAs("quantity").toString(),
          t.<Double>getAs("expectedPrice").toString(), t.<Double>getAs("notional").toString(),
          t.<Row>getAs("cost").<Double>getAs("total").toString())));
    }
    assertThat(got).containsExactlyInAnyOrderElementsOf(expected).isNotEmpty();
  }

  @Test
  void theSqlFunctionPlansAStructColumn() {
    SparkPlanner.create().registerFunction(spark);
    problems(2).createOrReplaceTempView("problems");
    List<Row> actual = spark.sql(
        "SELECT deleverage_plan(struct(*)) AS p FROM problems").collectAsList();
    List<Row> plans = new ArrayList<>();
    for (Row row : actual) {
      plans.add(row.getStruct(0));
    }
    assertThat(Fixtures.comparable(plans)).isEqualTo(Fixtures.comparable(plainLoop(null)));
  }

  @Test
  void jsonLinesOfProblemFilesReadStraightIntoProblemRows(@TempDir Path dir)
      throws IOException {
    // Each line: a problem file as the library writes it, with the account id beside it.
    StringBuilder lines = new StringBuilder();
    List<Row> expected = new ArrayList<>();
    InteriorPointSolver solver = Solvers.optimal(RowPlanner.options(LIMIT));
    for (int i = 0; i < 6; i++) {
      DeleveragingProblem problem =
          ProblemGenerator.problem(ProblemGenerator.sample(), 7, i);
      String json = ProblemJson.write(problem).replace("\n", "").trim();
      lines.append("{\"accountId\":\"j").append(i).append("\",").append(json.substring(1))
          .append('\n');
      expected.add(PlanRows.of("j" + i, null, solver.solve(problem.resolve())));
    }
    Path file = dir.resolve("problems.jsonl");
    Files.writeString(file, lines, StandardCharsets.UTF_8);
    Dataset<Row> problems = spark.read().schema(RowSchemas.PROBLEM).json(file.toString());
    List<Row> actual = SparkPlanner.create().plan(problems).collectAsList();
    assertThat(Fixtures.comparable(actual)).isEqualTo(Fixtures.comparable(expected));
  }

  @Test
  void theJobWritesPlansAndTradesAsParquetAndCountsByStatus(@TempDir Path dir) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlanJob.Arguments arguments = PlanJob.Arguments.parse(new String[] {
        "--generate", "12", "--seed", "3", "--partitions", "2",
        "--out", dir.toString()});
    PlanJob.run(spark, arguments, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    Dataset<Row> plans = spark.read().parquet(dir.resolve("plans").toString());
    assertThat(plans.count()).isEqualTo(12);
    assertThat(printed).contains("plans: 12 rows");
    List<Row> rows = plans.collectAsList();
    InteriorPointSolver solver = Solvers.optimal(RowPlanner.options(LIMIT));
    List<Row> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      expected.add(PlanRows.of(ProblemGenerator.accountId(i), null, solver.solve(
          ProblemGenerator.problem(ProblemGenerator.sample(), 3, i).resolve())));
    }
    assertThat(Fixtures.comparable(rows)).isEqualTo(Fixtures.comparable(expected));
    long optimal = rows.stream().filter(r -> "OPTIMAL".equals(r.getAs("status"))).count();
    assertThat(printed).containsPattern("OPTIMAL +" + optimal + "\\b");
    long trades = spark.read().parquet(dir.resolve("trades").toString()).count();
    assertThat(printed).contains("trades: " + String.format("%,d", trades) + " rows");
  }
}
