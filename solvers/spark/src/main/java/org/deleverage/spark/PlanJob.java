package org.deleverage.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark job: reads problem rows (Parquet, or JSON lines of {@link RowSchemas#PROBLEM}) or
 * generates them from the bundled sample, plans them (under every scenario, when given), writes
 * the plans and the trades as Parquet, and prints the rows by status. Run it with {@code
 * spark-submit} (the job jar's main class) or {@code java -cp}; see the README, section "Spark".
 *
 * <pre>
 * PlanJob (--problems PATH | --generate N [--seed S]) --out DIR [--scenarios PATH]
 *         [--partitions P] [--time-limit-ms T] [--master URL]
 * </pre>
 *
 * <p>A path ending in {@code .parquet} (or a directory of Parquet files with that name) is read
 * as Parquet, anything else as JSON lines. The plans go to {@code DIR/plans}, the trades to {@code
 * DIR/trades}, each overwritten. Exit codes: 0 done (whatever the rows' statuses), 2 bad
 * arguments, 1 anything else.
 */
public final class PlanJob {

  private PlanJob() {}

  /** The job's arguments. */
  record Arguments(
      String problems,
      long generate,
      long seed,
      String scenarios,
      String out,
      int partitions,
      long timeLimitMillis,
      String master) {

    static Arguments parse(String[] args) {
      String problems = null;
      long generate = -1;
      long seed = 1;
      String scenarios = null;
      String out = null;
      int partitions = 0;
      long timeLimit = SparkPlanner.DEFAULT_TIME_LIMIT_MILLIS;
      String master = null;
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + ": needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--problems" -> problems = value;
          case "--generate" -> generate = positive(name, value, Long.MAX_VALUE);
          case "--seed" -> seed = number(name, value);
          case "--scenarios" -> scenarios = value;
          case "--out" -> out = value;
          case "--partitions" -> partitions = (int) positive(name, value, Integer.MAX_VALUE);
          case "--time-limit-ms" -> timeLimit = positive(name, value, Integer.MAX_VALUE);
          case "--master" -> master = value;
          default -> throw new IllegalArgumentException(name + ": unknown option");
        }
      }
      if ((problems == null) == (generate < 0)) {
        throw new IllegalArgumentException("give one of --problems PATH and --generate N");
      }
      if (out == null) {
        throw new IllegalArgumentException("--out: is required");
      }
      return new Arguments(
          problems, generate, seed, scenarios, out, partitions, timeLimit, master);
    }

    private static long number(String name, String value) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": must be an integer, was " + value);
      }
    }

    private static long positive(String name, String value, long max) {
      long n = number(name, value);
      if (n < 1) {
        throw new IllegalArgumentException(name + ": must be >= 1, was " + value);
      }
      if (n > max) {
        throw new IllegalArgumentException(name + ": must be <= " + max + ", was " + value);
      }
      return n;
    }
  }

  /**
   * Runs the job.
   *
   * @param args the arguments, as above
   */
  public static void main(String[] args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("PlanJob: " + e.getMessage());
      System.err.println("usage: PlanJob (--problems PATH | --generate N [--seed S]) --out DIR"
          + " [--scenarios PATH] [--partitions P] [--time-limit-ms T] [--master URL]");
      System.exit(2);
      return;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("deleverage PlanJob");
    if (arguments.master() != null) {
      builder.master(arguments.master());
    }
    SparkSession spark = builder.getOrCreate();
    try {
      run(spark, arguments, System.out);
    } finally {
      spark.stop();
    }
  }

  /** Runs the job on a session, printing the counts to {@code out}. */
  static void run(SparkSession spark, Arguments arguments, PrintStream out) {
    long start = System.nanoTime();
    Dataset<Row> problems;
    if (arguments.problems() != null) {
      problems = read(spark, arguments.problems(), RowSchemas.PROBLEM);
      if (arguments.partitions() > 0) {
        problems = problems.repartition(arguments.partitions());
      }
    } else {
      int partitions = arguments.partitions() > 0
          ? arguments.partitions() : spark.sparkContext().defaultParallelism();
      problems = ProblemGenerator.problems(
          spark, arguments.generate(), arguments.seed(), partitions);
    }
    SparkPlanner planner = SparkPlanner.create().withTimeLimitMillis(arguments.timeLimitMillis());
    Dataset<Row> plans = arguments.scenarios() == null
        ? planner.plan(problems)
        : planner.planUnder(problems, read(spark, arguments.scenarios(), RowSchemas.SCENARIO));
    plans = plans.persist(StorageLevel.MEMORY_AND_DISK());
    plans.write().mode(SaveMode.Overwrite).parquet(arguments.out() + "/plans");
    Dataset<Row> trades = SparkPlanner.trades(plans);
    trades.write().mode(SaveMode.Overwrite).parquet(arguments.out() + "/trades");
    List<Row> counts = plans.groupBy("status").count().orderBy("status").collectAsList();
    long tradeCount = spark.read().parquet(arguments.out() + "/trades").count();
    plans.unpersist();
    double seconds = (System.nanoTime() - start) / 1e9;
    long total = 0;
    List<String> lines = new ArrayList<>();
    for (Row row : counts) {
      total += row.getLong(1);
      lines.add(String.format(Locale.ROOT, "  %-10s %,d", row.getString(0), row.getLong(1)));
    }
    out.printf(Locale.ROOT, "plans: %,d rows in %s/plans, by status:%n", total, arguments.out());
    lines.forEach(out::println);
    out.printf(Locale.ROOT, "trades: %,d rows in %s/trades%n", tradeCount, arguments.out());
    out.printf(Locale.ROOT, "time: %.1f s (%,.0f plan rows per second)%n", seconds,
        total / seconds);
  }

  private static Dataset<Row> read(
      SparkSession spark, String path, org.apache.spark.sql.types.StructType schema) {
    if (path.endsWith(".parquet") || path.endsWith(".parquet/")) {
      return spark.read().parquet(path);
    }
    return spark.read().schema(schema).json(path);
  }
}
