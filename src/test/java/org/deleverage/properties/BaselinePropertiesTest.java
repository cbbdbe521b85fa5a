package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.stream.Stream;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.deleverage.testing.Instances;
import org.deleverage.testing.PlanChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of every baseline on generated instances ({@link Instances}): their plans pass the
 * evaluator, never trade a locked asset, and their verdict on feasibility agrees with the largest
 * shortfall they say they can cover. Seeds are fixed so that CI runs are reproducible; a failure
 * reports the instance seed, which rebuilds the instance alone.
 */
class BaselinePropertiesTest {

  private static final int EXAMPLES = 300;

  static Stream<String> baselines() {
    return Solvers.names().stream().filter(name -> !name.equals(InteriorPointSolver.NAME));
  }

  @ParameterizedTest
  @MethodSource("baselines")
  void everyPlanPassesTheEvaluatorAndLeavesLockedAssetsAlone(String name) {
    DeleveragingSolver solver = Solvers.named(name).orElseThrow();
    qt().withFixedSeed(20261121L)
        .withExamples(EXAMPLES)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              ResolvedProblem problem = Instances.problem(seed).resolve();
              SolveResult result = solver.solve(problem);
              assertThat(result).isNotInstanceOf(SolveResult.Failed.class);
              if (result instanceof SolveResult.Solved solved) {
                PlanChecks.assertPassesTheEvaluator(problem, solved.plan());
              }
            });
  }

  @ParameterizedTest
  @MethodSource("baselines")
  void verdictAgreesWithTheLargestCoverableShortfall(String name) {
    DeleveragingSolver solver = Solvers.named(name).orElseThrow();
    qt().withFixedSeed(7L)
        .withExamples(EXAMPLES)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              ResolvedProblem problem = Instances.problem(seed).resolve();
              SolveResult result = solver.solve(problem);
              double slack = 1e-6 * Math.max(1.0, problem.shortfall());
              if (result instanceof SolveResult.Infeasible infeasible) {
                assertThat(infeasible.maxCoverableShortfall())
                    .isLessThan(problem.shortfall() + slack);
              } else {
                assertThat(result.plan().maxCoverableShortfall().getAsDouble())
                    .isGreaterThan(problem.shortfall() - slack);
              }
            });
  }

  /**
   * With no shortfall, no buffer, no schedule and nothing forced by retain.max, nothing needs to
   * be sold, and no baseline sells anything.
   */
  @ParameterizedTest
  @MethodSource("baselines")
  void noShortfallMeansAnEmptyPlan(String name) {
    DeleveragingSolver solver = Solvers.named(name).orElseThrow();
    qt().withFixedSeed(11L)
        .withExamples(100)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              DeleveragingProblem generated = Instances.problem(seed);
              DeleveragingProblem relaxed =
                  new DeleveragingProblem(
                      generated.account(),
                      generated.assets().stream()
                          .map(a -> a.locked() ? a : withoutRetainMax(a))
                          .toList(),
                      generated.dependence(),
                      generated.horizon(),
                      generated.requirement().withShortfall(0.0).withSchedule(java.util.List.of()),
                      generated.objective());
              Plan plan = solver.plan(relaxed);
              assertThat(plan.trades()).isEmpty();
            });
  }

  private static org.deleverage.core.Asset withoutRetainMax(org.deleverage.core.Asset asset) {
    return new org.deleverage.core.Asset(
        asset.id(), asset.quantity(), asset.price(), asset.volatility(), asset.adv(),
        asset.costs(), asset.temporaryImpact(), asset.permanentImpact(), asset.marginRate(),
        asset.maxParticipation(), asset.locked(), asset.retainMin(), asset.held(),
        asset.reluctance());
  }
}
