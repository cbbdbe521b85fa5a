package org.deleverage.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
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
 * The speed targets of the optimiser, one portfolio per target, each built by {@link
 * PortfolioGenerator} from its default seed (the generator the tests check): one solve, S_max
 * included, from the
 * resolved problem to the evaluated plan, wall time of single shots after warm-up.
 *
 * <p>{@code portfolio} names the target: {@code independent-1000000x1} and {@code
 * independent-100000x10} (independent returns, {@link PortfolioGenerator.Form#INDEPENDENT}), {@code
 * factor20-10000x10} (a
 * 20-factor model given as factors: a market and 19 sectors), and {@code dense-1000x1}, {@code
 * dense-200x20}, {@code dense-500x20} (the dense correlation of a 4-factor model given as a
 * matrix, as {@link SolverBenchmark} solves it). {@code path} is {@code default} (the solver as
 * shipped: the separable path where it applies, both runs at once) or {@code general} (the
 * interior-point method alone with its runs one after the other, as before either existed), to
 * compare the two in one run. Build the jar, then run it from the root of the repository:
 *
 * <pre>
 *   mvn -B -q package -DskipTests
 *   java -jar examples/benchmarks/target/benchmarks.jar TargetBenchmark
 *   java -jar examples/benchmarks/target/benchmarks.jar TargetBenchmark -p path=general \
 *       -p portfolio=independent-100000x10,factor20-10000x10,dense-1000x1,dense-200x20
 * </pre>
 *
 * The first times every target as shipped (about five minutes on a 2-core machine); the second
 * the general path on all but the largest portfolio (about four minutes; on 1,000,000 x 1 the
 * general path takes about 40 s a solve, which seven single shots would make five minutes more).
 * Scores
 * are seconds per solve; the fork gets 12 GB of heap, so that the largest portfolios' memory, not
 * the heap limit, is what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class TargetBenchmark {

  /** The target's portfolio: its form and size, as in the class comment. */
  @Param({
    "independent-1000000x1",
    "independent-100000x10",
    "factor20-10000x10",
    "dense-1000x1",
    "dense-200x20",
    "dense-500x20"
  })
  String portfolio;

  /** {@code default} or {@code general}. */
  @Param({"default"})
  String path;

  private InteriorPointSolver solver;
  private ResolvedProblem problem;

  /**
   * Builds and resolves the portfolio and picks the solver, once per trial.
   *
   * @throws IllegalArgumentException if {@code portfolio} or {@code path} is not one of the names
   * of
   *     the class comment
   */
  @Setup(Level.Trial)
  public void setUp() {
    switch (path) {
      case "default" -> solver = Solvers.optimal();
      case "general" -> solver = new InteriorPointSolver(
          InteriorPointOptions.DEFAULTS.withSeparable(false).withConcurrentRuns(false));
      default -> throw new IllegalArgumentException(
          "path: must be \"default\" or \"general\", was \"" + path + "\"");
    }
    problem = problem(portfolio).resolve();
  }

  /**
   * The portfolio named {@code name}: {@code FORM-ASSETSxPERIODS} with FORM {@code independent},
   * {@code factor20} or {@code dense}.
   *
   * @throws IllegalArgumentException if the name is not of that form
   */
  static org.deleverage.core.DeleveragingProblem problem(String name) {
    String[] parts = name.split("-", 2);
    String[] size = parts.length == 2 ? parts[1].split("x", 2) : new String[0];
    if (size.length != 2 || !size[0].matches("[1-9][0-9]*") || !size[1].matches("[1-9][0-9]*")) {
      throw new IllegalArgumentException(
          "portfolio: must be FORM-ASSETSxPERIODS (for example dense-200x20), was \"" + name
              + "\"");
    }
    int assets = Integer.parseInt(size[0]);
    int periods = Integer.parseInt(size[1]);
    long seed = PortfolioGenerator.DEFAULT_SEED;
    return switch (parts[0]) {
      case "independent" -> PortfolioGenerator.portfolio(assets, periods, seed,
          PortfolioGenerator.SECTORS, PortfolioGenerator.Form.INDEPENDENT);
      case "factor20" -> PortfolioGenerator.portfolio(assets, periods, seed, 19,
          PortfolioGenerator.Form.FACTOR);
      case "dense" -> PortfolioGenerator.portfolio(assets, periods, seed);
      default -> throw new IllegalArgumentException(
          "portfolio: the form must be independent, factor20 or dense, was \"" + parts[0] + "\"");
    };
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
          String.format(Locale.ROOT, "the %s path did not solve %s: %s", path, portfolio, result));
    }
    return result;
  }
}
