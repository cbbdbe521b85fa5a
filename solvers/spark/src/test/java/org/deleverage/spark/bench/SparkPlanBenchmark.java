package org.deleverage.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
import org.deleverage.spark.ProblemGenerator;
import org.deleverage.spark.ProblemRows;
import org.deleverage.spark.RowPlanner;
import org.deleverage.spark.RowSchemas;
import org.deleverage.spark.SparkPlanner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Accounts planned per second: Spark local[1] and local[2] against the plain batch API
 * (BatchSolver with one and two threads) on the same generated accounts (the bundled sample,
 * replicated by ProblemGenerator with seed 1). A Spark operation plans every account and writes
 * the plan rows to Spark's no-op sink, so it includes the row conversions and Spark's per-job
 * work, not the session's start. Not run by the build; from the repository's root:
 *
 * <pre>
 * mvn -q -DskipTests verify -pl solvers/spark -am dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath
 * cd solvers/spark
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     org.openjdk.jmh.Main SparkPlanBenchmark -wi 1 -i 3 -f 1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Xmx4g"})
public class SparkPlanBenchmark {

  /** Accounts per operation. */
  static final int ACCOUNTS = 1000;

  /** Where the accounts are planned. */
  @Param({"spark local[1]", "spark local[2]", "batch 1 thread", "batch 2 threads"})
  public String runner;

  private SparkSession spark;
  private Dataset<Row> problems;
  private List<ResolvedProblem> resolved;
  private BatchSolver batch;

  /** Generates the accounts, and for Spark starts the session and caches the problem rows. */
  @Setup(Level.Trial)
  public void setUp() {
    DeleveragingProblem sample = ProblemGenerator.sample();
    List<Row> rows = new ArrayList<>();
    resolved = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      DeleveragingProblem problem = ProblemGenerator.problem(sample, 1, i);
      rows.add(ProblemRows.toRow(ProblemGenerator.accountId(i), problem));
      resolved.add(problem.resolve());
    }
    if (runner.startsWith("spark")) {
      String master = runner.substring("spark ".length());
      spark = SparkSession.builder().master(master)
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .getOrCreate();
      int partitions = master.equals("local[1]") ? 1 : 4;
      problems = spark.createDataFrame(rows, RowSchemas.PROBLEM).repartition(partitions).cache();
      problems.count();
    } else {
      batch = BatchSolver.of(runner.startsWith("batch 1") ? 1 : 2);
    }
  }

  /** Stops the session. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  /**
   * Plans every account once.
   *
   * @return the batch results (Spark's go to the no-op sink)
   */
  @Benchmark
  @OperationsPerInvocation(ACCOUNTS)
  public Object planEveryAccount() {
    if (spark != null) {
      SparkPlanner.create().plan(problems).write().format("noop").mode("overwrite").save();
      return problems;
    }
    List<SolveResult> results = batch.solveAll(
        Solvers.optimal(RowPlanner.options(SparkPlanner.DEFAULT_TIME_LIMIT_MILLIS)), resolved);
    return results;
  }
}
