package org.deleverage.bench;

import java.util.concurrent.TimeUnit;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time one solver of the {@link Solvers} takes to solve a generated portfolio ({@link
 * PortfolioGenerator}) of {@code assets} positions over {@code periods} periods, from the resolved
 * problem to the evaluated plan. The portfolio is built and resolved once per trial, outside the
 * measurement; every call solves it afresh and fails the run if the result is not a plan.
 *
 * <p>Build the runnable jar, then run it from the root of the repository:
 *
 * <pre>
 *   mvn -B -q package -DskipTests
 *   java -jar examples/benchmarks/target/benchmarks.jar SolverBenchmark
 *   java -jar examples/benchmarks/target/benchmarks.jar SolverBenchmark \
 *       -p solver=greedy -p assets=10,100 -p periods=1,5
 *   java -jar examples/benchmarks/target/benchmarks.jar SolverBenchmark -wi 1 -w 1s -i 2 -r 1s
 * </pre>
 *
 * The first runs the exact optimiser ({@code optimal}) on the 9 default sizes (10, 100 and 500
 * assets by 1, 5 and 20 periods), each in one fresh JVM with 2 warm-up and 3 measured iterations
 * of 3 s: at least 15 s per size, more where one solve takes longer than an iteration (the
 * optimiser takes seconds on 500 assets), a few minutes in all on a 2-core machine. The second
 * times the greedy baseline on the four smaller sizes. {@code -p name=v1,v2} replaces a
 * parameter's values ({@code solver} takes any name of {@link Solvers#names()}, several to
 * compare them), {@code -wi}, {@code -w}, {@code -i} and {@code -r} shorten the warm-up and
 * measurement as in the third, {@code -rf json -rff FILE} keeps the results, and {@code -h} lists
 * every option.
 *
 * <p>Reading the results: JMH prints one row per combination of parameters; {@code Score} is the
 * mean wall time of one solve in milliseconds ({@code avgt}) and {@code Error} the half-width of
 * its 99.9% confidence interval over the measured iterations. With 3 iterations the interval is
 * wide; compare sizes and solvers by their order of magnitude, and on a shared or small machine
 * treat the figures as indicative. A run that throws names the solver, the size and the result
 * it got instead of a plan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class SolverBenchmark {

  /** n, the number of positions in the portfolio. */
  @Param({"10", "100", "500"})
  int assets;

  /** N, the number of periods of the horizon. */
  @Param({"1", "5", "20"})
  int periods;

  /** The solver's name in the {@link Solvers}. */
  @Param({"optimal"})
  String solver;

  private DeleveragingSolver chosen;
  private ResolvedProblem problem;

  /**
   * Looks the solver up and builds and resolves the portfolio, once per trial.
   *
   * @throws IllegalArgumentException if the catalog has no solver of that name
   */
  @Setup(Level.Trial)
  public void setUp() {
    chosen =
        Solvers.named(solver)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "solver: must be one of " + Solvers.names() + ", was \"" + solver
                            + "\""));
    problem = PortfolioGenerator.portfolio(assets, periods).resolve();
  }

  /**
   * Solves the portfolio; the result is returned so that the work is not optimised away.
   *
   * @throws IllegalStateException if the solver returns anything but a plan
   */
  @Benchmark
  public SolveResult solve() {
    SolveResult result = chosen.solve(problem);
    if (!(result instanceof SolveResult.Solved)) {
      throw new IllegalStateException(
          solver + " did not solve the portfolio of " + assets + " assets over " + periods
              + " periods: " + result);
    }
    return result;
  }
}
