package org.deleverage.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.optimal.InteriorPointOptions;
import org.deleverage.solvers.optimal.InteriorPointSolver;
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
 * The time the optimiser takes on one portfolio ({@link PortfolioGenerator}) whose risk comes from
 * a factor model of {@code factors} factors (a market and {@code factors - 1} sectors), stated
 * either as the factor model itself or as the dense price covariance it stands for: the same
 * problem, the same plan, two ways to get there. From the resolved problem to the evaluated plan,
 * both interior-point runs included; the portfolio is built and resolved once per trial, outside
 * the
 * measurement.
 *
 * <p>{@code dependence} is {@code factor} (the factor model; the Newton systems take its risk in
 * low-rank form when that pays), {@code factor-dense} (the factor model, with dense Newton blocks
 * forced by {@link InteriorPointOptions.FactorSolve#DENSE}), or {@code covariance} (the dense
 * n x n Sigma). Build the runnable jar, then run it from the root of the repository, for example
 *
 * <pre>
 *   mvn -B -q package -DskipTests
 *   java -jar examples/benchmarks/target/benchmarks.jar FactorBenchmark -p periods=5
 *   java -jar examples/benchmarks/target/benchmarks.jar FactorBenchmark -bm ss -wi 1 -i 2
 * </pre>
 *
 * The defaults, 500 assets over 5 and 20 periods with 10 factors, take about a minute a solve
 * with the dense covariance on a 2-core machine; the second line times single solves, which is
 * what the README reports. Scores are milliseconds per solve; see {@link SolverBenchmark} on
 * reading them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class FactorBenchmark {

  /** n, the number of positions in the portfolio. */
  @Param({"500"})
  int assets;

  /** N, the number of periods of the horizon. */
  @Param({"5", "20"})
  int periods;

  /** K, the number of factors: the market and K - 1 sectors. */
  @Param({"10"})
  int factors;

  /**
   * How the portfolio gives its risk: {@code factor}, {@code factor-dense} or {@code covariance}.
   */
  @Param({"factor", "covariance"})
  String dependence;

  private InteriorPointSolver solver;
  private ResolvedProblem problem;

  /**
   * Builds and resolves the portfolio, once per trial.
   *
   * @throws IllegalArgumentException if {@code dependence} is none of the three names
   */
  @Setup(Level.Trial)
  public void setUp() {
    PortfolioGenerator.Form form;
    InteriorPointOptions options = InteriorPointOptions.DEFAULTS;
    switch (dependence) {
      case "factor":
        form = PortfolioGenerator.Form.FACTOR;
        break;
      case "factor-dense":
        form = PortfolioGenerator.Form.FACTOR;
        options = options.withFactorSolve(InteriorPointOptions.FactorSolve.DENSE);
        break;
      case "covariance":
        form = PortfolioGenerator.Form.COVARIANCE;
        break;
      default:
        throw new IllegalArgumentException(
            "dependence: must be \"factor\", \"factor-dense\" or \"covariance\", was \""
                + dependence + "\"");
    }
    solver = new InteriorPointSolver(options);
    problem =
        PortfolioGenerator.portfolio(
            assets, periods, PortfolioGenerator.DEFAULT_SEED, factors - 1, form)
            .resolve();
  }

  /**
   * Solves the portfolio; the result is returned so that the work is not optimised away.
   *
   * @throws IllegalStateException if the solver returns anything but a plan
   */
  @Benchmark
  public SolveResult solve() {
    SolveResult result = solver.solve(problem);
    if (!(result instanceof SolveResult.Solved)) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "optimal did not solve the portfolio of %d assets over %d periods with %d factors"
                  + " given as %s: %s",
              assets, periods, factors, dependence, result));
    }
    return result;
  }
}
