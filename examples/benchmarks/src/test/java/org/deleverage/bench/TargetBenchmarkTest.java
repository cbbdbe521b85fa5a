package org.deleverage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.solve.SolveResult;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * The benchmark's own logic, called directly rather than through JMH: every default portfolio name
 * parses, the forms give the portfolios they say, both paths solve a small portfolio to the same
 * plan, and wrong names fail the trial. Nothing here measures time.
 */
class TargetBenchmarkTest {

  @Test
  void everyDefaultBookNameIsWellFormed() throws NoSuchFieldException {
    String[] defaults = TargetBenchmark.class.getDeclaredField("portfolio")
        .getAnnotation(Param.class).value();

    assertThat(defaults).hasSize(6);
    for (String name : defaults) {
      String small = name.replaceAll("-[0-9]+x", "-3x");
      DeleveragingProblem problem = TargetBenchmark.problem(small);
      assertThat(problem.assets()).as(name).hasSize(3);
    }
  }

  @Test
  void theFormsAreTheGeneratorsForms() {
    assertThat(TargetBenchmark.problem("independent-5x2").dependence())
        .isInstanceOf(Dependence.Independent.class);
    assertThat(((Dependence.Factor) TargetBenchmark.problem("factor20-5x2").dependence())
            .factorCovariance())
        .hasNumberOfRows(20);
    assertThat(TargetBenchmark.problem("dense-5x2")).isEqualTo(PortfolioGenerator.portfolio(5, 2));
  }

  @Test
  void bothPathsSolveASmallBookToTheSamePlan() {
    double[] objectives = new double[2];
    String[] paths = {"default", "general"};
    for (int p = 0; p < 2; p++) {
      TargetBenchmark benchmark = new TargetBenchmark();
      benchmark.portfolio = "independent-40x1";
      benchmark.path = paths[p];
      benchmark.setUp();

      SolveResult result = benchmark.solve();

      assertThat(result).as(paths[p]).isInstanceOf(SolveResult.Solved.class);
      objectives[p] = result.plan().objective().total();
    }
    assertThat(objectives[0]).isCloseTo(objectives[1], within(1e-8 * Math.abs(objectives[1])));
  }

  @Test
  void wrongNamesFailTheTrial() {
    TargetBenchmark badPath = new TargetBenchmark();
    badPath.portfolio = "dense-5x1";
    badPath.path = "fast";

    assertThatThrownBy(badPath::setUp)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path: must be \"default\" or \"general\", was \"fast\"");
    assertThatThrownBy(() -> TargetBenchmark.problem("dense-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("portfolio: must be FORM-ASSETSxPERIODS");
    assertThatThrownBy(() -> TargetBenchmark.problem("sparse-5x1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was \"sparse\"");
  }
}
