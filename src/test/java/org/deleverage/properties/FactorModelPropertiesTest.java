package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.SplittableRandom;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.ObjectiveValue;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointOptions;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.deleverage.testing.Instances;
import org.deleverage.testing.PlanChecks;
import org.junit.jupiter.api.Test;

/**
 * A factor model of returns means exactly the dense price covariance p_i p_j (B F B' + D)_ij
 * ({@link Instances#factorProblem}, {@link Instances#denseEquivalent}): the evaluator finds the
 * same objective and gradient for any trade table, and the optimiser the same plan, both
 * certified, whichever form its Newton systems take. Seeds are fixed; a failure reports the
 * instance seed.
 */
class FactorModelPropertiesTest {

  private static final InteriorPointSolver AUTOMATIC = Solvers.optimal();
  private static final InteriorPointSolver LOW_RANK =
      new InteriorPointSolver(
          InteriorPointOptions.DEFAULTS.withFactorSolve(InteriorPointOptions.FactorSolve.LOW_RANK));

  /**
   * Random tables within the caps: every objective term, and the objective's gradient, agree
   * with the dense covariance's to rounding (1e-12 of the larger side, 1e-10 of the gradient's
   * largest entry).
   */
  @Test
  void theEvaluatorSeesTheDenseCovariance() {
    qt().withFixedSeed(707L)
        .withExamples(200)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              DeleveragingProblem factor = Instances.factorProblem(seed);
              ResolvedProblem model = factor.resolve();
              ResolvedProblem dense = Instances.denseEquivalent(factor).resolve();
              TradeTable table = randomTable(model, new SplittableRandom(seed));
              ObjectiveValue expected = Evaluator.DEFAULT.evaluate(dense, table).objective();
              ObjectiveValue actual = Evaluator.DEFAULT.evaluate(model, table).objective();
              assertClose(actual.timingVariance(), expected.timingVariance(), 1e-12);
              assertClose(actual.residualVariance(), expected.residualVariance(), 1e-12);
              assertClose(actual.total(), expected.total(), 1e-12);
              double[][] gradient = Evaluator.DEFAULT.objectiveGradient(model, table);
              double[][] denseGradient = Evaluator.DEFAULT.objectiveGradient(dense, table);
              double scale = 0.0;
              for (double[] row : denseGradient) {
                for (double value : row) {
                  scale = Math.max(scale, Math.abs(value));
                }
              }
              for (int i = 0; i < gradient.length; i++) {
                for (int k = 0; k < gradient[i].length; k++) {
                  assertThat(gradient[i][k])
                      .isCloseTo(denseGradient[i][k], within(1e-10 * Math.max(scale, 1e-300)));
                }
              }
            });
  }

  /**
   * The optimiser's plan for the factor model, with the automatic choice of the Newton form and
   * with the low-rank form forced, is the plan for the dense covariance: the same verdict and
   * largest coverable shortfall, the same status (optimal, or at the largest coverable shortfall
   * feasible), the objective to 1e-9 relative and every trade to 1e-8 of the book's money scale
   * (the largest of the shortfall and the positions' market values), the resolution to which
   * the optimiser's 1e-8 certificate fixes a plan.
   */
  @Test
  void theOptimiserGivesThePlanOfTheDenseCovariance() {
    qt().withFixedSeed(808L)
        .withExamples(120)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              DeleveragingProblem factor = Instances.factorProblem(seed);
              ResolvedProblem problem = factor.resolve();
              SolveResult expected = AUTOMATIC.solve(Instances.denseEquivalent(factor).resolve());
              assertThat(expected).isNotInstanceOf(SolveResult.Failed.class);
              for (InteriorPointSolver solver : List.of(AUTOMATIC, LOW_RANK)) {
                assertSamePlan(problem, solver.solve(problem), expected);
              }
            });
  }

  private static void assertSamePlan(
      ResolvedProblem problem, SolveResult actual, SolveResult expected) {
    assertThat(actual).hasSameClassAs(expected);
    double most = maxCoverable(expected);
    assertThat(maxCoverable(actual)).isCloseTo(most, within(1e-8 * Math.max(1.0, most)));
    if (!(actual instanceof SolveResult.Solved solved)) {
      return;
    }
    Plan plan = solved.plan();
    Plan reference = expected.plan();
    PlanChecks.assertPassesTheEvaluator(problem, plan);
    assertThat(plan.status()).isEqualTo(reference.status());
    boolean atMaxCoverable = problem.shortfall() >= most - 1e-6 * Math.max(1.0, problem.shortfall());
    if (!atMaxCoverable) {
      assertThat(plan.status()).isEqualTo(SolveStatus.OPTIMAL);
    }
    double objective = reference.objective().total();
    assertThat(plan.objective().total())
        .isCloseTo(objective, within(1e-9 * Math.max(1.0, Math.abs(objective))));
    double money = Math.max(1.0, problem.shortfall());
    for (int i = 0; i < problem.assetCount(); i++) {
      money = Math.max(money, problem.held(i) * problem.price(i));
    }
    for (int i = 0; i < problem.assetCount(); i++) {
      for (int k = 0; k < problem.periods(); k++) {
        assertThat(plan.table().units(i, k) * problem.price(i))
            .as("trade of %s in period %d, in money", problem.id(i), k + 1)
            .isCloseTo(reference.table().units(i, k) * problem.price(i), within(1e-8 * money));
      }
    }
  }

  private static TradeTable randomTable(ResolvedProblem problem, SplittableRandom random) {
    double[][] units = new double[problem.assetCount()][problem.periods()];
    for (int i = 0; i < units.length; i++) {
      double left = problem.held(i);
      for (int k = 0; k < units[i].length; k++) {
        units[i][k] = Math.min(left, problem.periodCap(i) * random.nextDouble());
        left -= units[i][k];
      }
    }
    return TradeTable.of(units);
  }

  private static void assertClose(double actual, double expected, double relative) {
    double scale = Math.max(Math.abs(actual), Math.abs(expected));
    assertThat(actual).isCloseTo(expected, within(relative * Math.max(scale, 1e-300)));
  }

  private static double maxCoverable(SolveResult result) {
    if (result instanceof SolveResult.Infeasible infeasible) {
      return infeasible.maxCoverableShortfall();
    }
    return result.plan().maxCoverableShortfall().getAsDouble();
  }
}
