package org.deleverage.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deleverage.InvalidInputException;
import org.deleverage.solvers.stress.Scenario;

/**
 * Liquidation plans on Spark Datasets: problem rows ({@link RowSchemas#PROBLEM}) into plan rows
 * ({@link RowSchemas#PLAN}), every account under every scenario, plans into trade rows ({@link
 * RowSchemas#TRADE}), and a SQL function. Each partition is solved by one {@link RowPlanner}
 * inside {@code mapPartitions}; no row's problem ever fails the job (it becomes a row with its
 * status). A row's plan depends on that row alone (and its scenario), so every column but {@code
 * solveMillis} is the same on any number of executors and partitions; the rows come in the order
 * of the problems (each account's scenarios by name), and {@code accountId} with {@code scenario}
 * is their key. Immutable and serializable (it holds the time limit only).
 */
public final class SparkPlanner implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The default time limit of one row's solve, milliseconds: one minute. */
  public static final long DEFAULT_TIME_LIMIT_MILLIS = 60_000;

  /** The name {@link #registerFunction(SparkSession)} gives the SQL function. */
  public static final String FUNCTION_NAME = "deleverage_plan";

  /** The most time one row's solve may take, milliseconds. */
  private final long timeLimitMillis;

  private SparkPlanner(long timeLimitMillis) {
    if (timeLimitMillis < 1) {
      throw new IllegalArgumentException(
          "timeLimitMillis: must be >= 1, was " + timeLimitMillis);
    }
    this.timeLimitMillis = timeLimitMillis;
  }

  /**
   * A planner with the default time limit.
   *
   * @return a planner with the default time limit
   */
  public static SparkPlanner create() {
    return new SparkPlanner(DEFAULT_TIME_LIMIT_MILLIS);
  }

  /**
   * This planner with another time limit per row: a solve that reaches it gives a TIMED_OUT row,
   * so one slow account cannot stall its task.
   *
   * @param value the most time one row's solve may take, milliseconds, {@code >= 1}
   * @return the planner
   * @throws IllegalArgumentException if the value is below 1
   */
  public SparkPlanner withTimeLimitMillis(long value) {
    return new SparkPlanner(value);
  }

  /**
   * The time limit of one row's solve, milliseconds.
   *
   * @return the time limit of one row's solve, milliseconds
   */
  public long timeLimitMillis() {
    return timeLimitMillis;
  }

  /**
   * The plan rows of problem rows, one per problem row, with a null {@code scenario}.
   *
   * @param problems rows of {@link RowSchemas#PROBLEM} (any columns with its names will do)
   * @return the plan rows, of {@link RowSchemas#PLAN}
   */
  public Dataset<Row> plan(Dataset<Row> problems) {
    return problems.mapPartitions(
        new PlanPartition(timeLimitMillis, null), Encoders.row(RowSchemas.PLAN));
  }

  /**
   * The plan rows of every account under every scenario: a row per problem row and scenario,
   * the scenarios broadcast to the executors and taken in the order of their names.
   *
   * @param problems rows of {@link RowSchemas#PROBLEM}
   * @param scenarios rows of {@link RowSchemas#SCENARIO}, collected to the driver
   * @return the plan rows, of {@link RowSchemas#PLAN}
   * @throws InvalidInputException if two scenarios have the same name
   *     ({@code scenarios[i].name}); a scenario that breaks another rule gives INVALID rows
   */
  public Dataset<Row> planUnder(Dataset<Row> problems, Dataset<Row> scenarios) {
    return planUnderRows(problems, scenarios.collectAsList());
  }

  /**
   * The plan rows of every account under every scenario, as {@link #planUnder(Dataset,
   * Dataset)}.
   *
   * @param problems rows of {@link RowSchemas#PROBLEM}
   * @param scenarios the scenarios
   * @return the plan rows, of {@link RowSchemas#PLAN}
   * @throws InvalidInputException if two scenarios have the same name
   */
  public Dataset<Row> planUnder(Dataset<Row> problems, List<Scenario> scenarios) {
    List<Row> rows = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      rows.add(ScenarioRows.toRow(scenario));
    }
    return planUnderRows(problems, rows);
  }

  private Dataset<Row> planUnderRows(Dataset<Row> problems, List<Row> scenarios) {
    List<Row> sorted = new ArrayList<>(scenarios);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < scenarios.size(); i++) {
      String name = RowPlanner.scenarioName(scenarios.get(i));
      Integer earlier = name == null ? null : seen.putIfAbsent(name, i);
      if (earlier != null) {
        throw new InvalidInputException("scenarios[" + i + "].name",
            "must be unique, was \"" + name + "\" as scenarios[" + earlier + "].name");
      }
    }
    sorted.sort(Comparator.comparing(
        (Row row) -> Objects.requireNonNullElse(RowPlanner.scenarioName(row), "")));
    JavaSparkContext context =
        JavaSparkContext.fromSparkContext(problems.sparkSession().sparkContext());
    Broadcast<List<Row>> shared = context.broadcast(sorted);
    return problems.mapPartitions(
        new PlanPartition(timeLimitMillis, shared), Encoders.row(RowSchemas.PLAN));
  }

  /**
   * The trade rows of plan rows: one per trade of every plan, keyed by {@code accountId} and
   * {@code scenario}; rows without a plan give none.
   *
   * @param plans rows of {@link RowSchemas#PLAN}
   * @return the trade rows, of {@link RowSchemas#TRADE}
   */
  public static Dataset<Row> trades(Dataset<Row> plans) {
    return plans
        .where(col("plan").isNotNull())
        .select(col("accountId"), col("scenario"), explode(col("plan.trades")).as("trade"))
        .select(col("accountId"), col("scenario"), col("trade.*"));
  }

  /**
   * Registers the SQL function {@value #FUNCTION_NAME}: given a struct with the problem row's
   * field names, it returns the plan row (a struct of {@link RowSchemas#PLAN}), as in {@code
   * SELECT deleverage_plan(struct(*)) FROM problems}. Each task solves with its own solver.
   *
   * @param spark the session
   */
  public void registerFunction(SparkSession spark) {
    spark.udf().register(FUNCTION_NAME, new PlanFunction(timeLimitMillis), RowSchemas.PLAN);
  }
}
