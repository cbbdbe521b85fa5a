package org.deleverage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * The benchmark's own logic, called directly rather than through JMH: its default solvers exist,
 * a trial's set-up and one call solve a small portfolio, and a wrong solver name fails the trial.
 * Nothing here measures time.
 */
class SolverBenchmarkTest {

  @Test
  void everyDefaultSolverIsInTheCatalog() throws NoSuchFieldException {
    String[] defaults = SolverBenchmark.class.getDeclaredField("solver")
        .getAnnotation(Param.class).value();

    assertThat(defaults).isNotEmpty();
    assertThat(Solvers.names()).contains(defaults);
  }

  @Test
  void aTrialSolvesTheBookItBuilt() {
    for (String name : new String[] {"greedy", "optimal"}) {
      SolverBenchmark benchmark = new SolverBenchmark();
      benchmark.assets = 10;
      benchmark.periods = 5;
      benchmark.solver = name;
      benchmark.setUp();

      SolveResult result = benchmark.solve();

      assertThat(result).as(name).isInstanceOf(SolveResult.Solved.class);
      assertThat(result.solver()).isEqualTo(name);
    }
  }

  @Test
  void anUnknownSolverFailsTheTrial() {
    SolverBenchmark benchmark = new SolverBenchmark();
    benchmark.assets = 10;
    benchmark.periods = 1;
    benchmark.solver = "fastest";

    assertThatThrownBy(benchmark::setUp)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("solver: must be one of [")
        .hasMessageEndingWith(", was \"fastest\"");
  }
}
