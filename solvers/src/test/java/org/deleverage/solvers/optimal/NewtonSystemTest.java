package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.ScheduleStep;
import org.junit.jupiter.api.Test;

/**
 * The low-rank form of the Newton system (a factor model's risk by Woodbury's identity over
 * diagonal blocks) solves the same system as the dense blocks, and the automatic choice between
 * them follows the documented rule K' N_r <= f.
 */
class NewtonSystemTest {

  /**
   * Six assets, two of them short, one with its terminal position pinned (retain 400..400), caps
   * that bind, a margin call with a schedule step (two coverage constraints), and two factors with
   * a singular F = [[1, 1], [1, 1]] (rank K' = 1).
   */
  private static ResolvedProblem problem(int periods) {
    DeleveragingProblem.Builder builder =
        DeleveragingProblem.builder()
            .cash(-150_000)
            .horizon(Horizon.of(periods, 1.0))
            .requirement(
                Requirement.margin()
                    .withDeadline(periods)
                    .withSchedule(java.util.List.of(ScheduleStep.of(1, 0.3))))
            .objective(Objective.of(1.0, 1e-2, 5e-3));
    double[] quantities = {1000, -800, 1500, 600, -1200, 1000};
    for (int i = 0; i < quantities.length; i++) {
      Asset.Builder asset =
          Asset.builder("A" + i).quantity(quantities[i]).price(20 + 10 * i).volatility(0.02)
              .adv(2000 + 500 * i).halfSpread(0.001).marginRate(0.3).eta(2e-3 + 1e-3 * i)
              .gamma(1e-5).maxParticipation(0.3);
      if (i == 5) {
        asset.retain(400, 400);
      }
      builder.asset(asset.build());
    }
    double[][] loadings = {
      {0.004, 0.006}, {-0.01, 0.002}, {0.003, 0.003}, {0.012, -0.004}, {0.0, 0.0}, {0.005, 0.001}
    };
    builder.dependence(
        Dependence.factor(
            loadings, new double[][] {{1.0, 1.0}, {1.0, 1.0}},
            new double[] {1e-4, 0.0, 2e-4, 5e-5, 3e-4, 1e-4}));
    return builder.build().resolve();
  }

  @Test
  void theLowRankFormSolvesTheSameSystemAsTheDenseBlocks() {
    ResolvedProblem problem = problem(3);
    Formulation lowRank =
        new Formulation(problem, Formulation.Goal.PLAN, InteriorPointOptions.FactorSolve.LOW_RANK);
    Formulation dense =
        new Formulation(problem, Formulation.Goal.PLAN, InteriorPointOptions.FactorSolve.DENSE);
    assertThat(lowRank.lowRankRisk()).isTrue();
    assertThat(dense.lowRankRisk()).isFalse();
    assertThat(dense.diagonalBlocks()).isFalse();
    assertThat(lowRank.risk().rank()).isEqualTo(1);

    SplittableRandom random = new SplittableRandom(17);
    double[] v = lowRank.start.clone();
    int linear = lowRank.linear.length;
    int m = lowRank.coverageCount();
    assertThat(m).isEqualTo(2);
    double[] slacks = new double[linear + m];
    double[] duals = new double[linear + m];
    for (int j = 0; j < linear; j++) {
      slacks[j] = lowRank.linear[j].value(v);
      // Duals over ten orders of magnitude: some barrier weights z / s dwarf the curvature.
      duals[j] = Math.pow(10, random.nextDouble(-4, 6));
    }
    double[] coverageDuals = new double[m];
    for (int c = 0; c < m; c++) {
      slacks[linear + c] = random.nextDouble(0.1, 1);
      duals[linear + c] = random.nextDouble(0.1, 1);
      coverageDuals[c] = duals[linear + c];
    }
    double[] r1 = new double[lowRank.variableCount];
    for (int i = 0; i < r1.length; i++) {
      r1[i] = random.nextDouble(-1, 1);
    }
    double[] q = {random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
    double[] d = {slacks[linear] / duals[linear], slacks[linear + 1] / duals[linear + 1]};

    double[] expected =
        NewtonSystem.factor(dense, dense.evaluate(v, coverageDuals), slacks, duals, 0.0)
            .orElseThrow()
            .solve(r1, null, q, d, null)
            .dv();
    double[] actual =
        NewtonSystem.factor(lowRank, lowRank.evaluate(v, coverageDuals), slacks, duals, 0.0)
            .orElseThrow()
            .solve(r1, null, q, d, null)
            .dv();

    double scale = 0.0;
    for (double value : expected) {
      scale = Math.max(scale, Math.abs(value));
    }
    assertThat(scale).isPositive();
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(1e-10 * scale));
    }
  }

  /**
   * f = 5 movable assets (the sixth is pinned only at the end, so it moves too: f = 6), K' = 1,
   * and risk in every period: K' N_r = N, so the automatic choice is the low-rank form up to N =
   * 6 periods and dense blocks from N = 7.
   */
  @Test
  void theAutomaticChoiceIsLowRankWhileKTimesThePeriodsIsAtMostTheMovableAssets() {
    for (int periods : new int[] {1, 6, 7}) {
      Formulation automatic = new Formulation(problem(periods), Formulation.Goal.PLAN);
      assertThat(automatic.blockSize()).isEqualTo(6);
      assertThat(automatic.lowRankRisk()).as("N = %d", periods).isEqualTo(periods <= 6);
    }
    // The S_max problem has no risk, hence diagonal blocks and nothing to make low rank.
    Formulation maxCoverable = new Formulation(problem(3), Formulation.Goal.MAX_COVERABLE);
    assertThat(maxCoverable.diagonalBlocks()).isTrue();
    assertThat(maxCoverable.lowRankRisk()).isFalse();
  }
}
