package org.deleverage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.solve.SolveResult;
import org.junit.jupiter.api.Test;

/**
 * The factor benchmark's own logic, called directly rather than through JMH: each way of giving
 * the risk solves a small portfolio to the same objective, and an unknown name fails the trial.
 * Nothing here measures time.
 */
class FactorBenchmarkTest {

  @Test
  void everyFormSolvesTheSameBook() {
    double[] objectives = new double[3];
    String[] names = {"factor", "factor-dense", "covariance"};
    for (int d = 0; d < names.length; d++) {
      FactorBenchmark benchmark = new FactorBenchmark();
      benchmark.assets = 20;
      benchmark.periods = 2;
      benchmark.factors = 3;
      benchmark.dependence = names[d];
      benchmark.setUp();

      SolveResult result = benchmark.solve();

      assertThat(result).as(names[d]).isInstanceOf(SolveResult.Solved.class);
      objectives[d] = result.plan().objective().total();
    }
    assertThat(objectives[0]).isCloseTo(objectives[2], within(1e-9 * objectives[2]));
    assertThat(objectives[1]).isCloseTo(objectives[2], within(1e-9 * objectives[2]));
  }

  @Test
  void anUnknownDependenceFailsTheTrial() {
    FactorBenchmark benchmark = new FactorBenchmark();
    benchmark.assets = 20;
    benchmark.periods = 2;
    benchmark.factors = 3;
    benchmark.dependence = "sparse";

    assertThatThrownBy(benchmark::setUp)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "dependence: must be \"factor\", \"factor-dense\" or \"covariance\", was \"sparse\"");
  }
}
