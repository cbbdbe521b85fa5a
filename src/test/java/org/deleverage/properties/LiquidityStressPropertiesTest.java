package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Objective;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.models.ImpactStress;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.deleverage.solvers.stress.LiquidityShock;
import org.deleverage.solvers.stress.Scenario;
import org.deleverage.testing.Instances;
import org.junit.jupiter.api.Test;

/**
 * Properties of a liquidity stress (MODEL.md section 8, "Liquidity stress") on generated
 * instances mixing linear, power-law and order-book impact ({@link Instances#marketProblem}).
 * A stress in the costly direction (spread, eta and c multiplied by 1 to 4, volume and book
 * sizes by 0.2 to 1, books cut to 1 to 3 levels or not) raises the cost of every plan and
 * shrinks the set of feasible ones, and moves neither the equity nor the margin requirement. The
 * permanent gamma is left as it is: raising it alone may break the convexity conditions of
 * section 10, which the optimiser would reject. Seeds are fixed; a failure reports the seed.
 */
class LiquidityStressPropertiesTest {

  private static final InteriorPointSolver OPTIMAL = Solvers.optimal();
  private static final int EXAMPLES = 60;

  /**
   * For the same shortfall, the optimal expected loss (objective of expected loss alone) and the
   * optimal objective (the instance's own, with risk) never fall under a liquidity stress.
   */
  @Test
  void aLiquidityStressNeverLowersTheOptimum() {
    AtomicInteger compared = new AtomicInteger();
    qt().withFixedSeed(1616L)
        .withExamples(EXAMPLES)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              DeleveragingProblem base = Instances.marketProblem(seed);
              Scenario stress = stress(seed);
              for (boolean lossOnly : new boolean[] {false, true}) {
                DeleveragingProblem before = lossOnly
                    ? base.withObjective(Objective.EXPECTED_LOSS) : base;
                DeleveragingProblem after = stressed(stress, before);
                if (after == null) {
                  continue;
                }
                assertThat(after.resolve().shortfall())
                    .isEqualTo(before.resolve().shortfall());
                SolveResult was = OPTIMAL.solve(before.resolve());
                SolveResult now = OPTIMAL.solve(after.resolve());
                if (!(was instanceof SolveResult.Solved) || !(now instanceof SolveResult.Solved)) {
                  continue;
                }
                double a = lossOnly ? was.plan().expectedLoss() : was.plan().objective().total();
                double b = lossOnly ? now.plan().expectedLoss() : now.plan().objective().total();
                assertThat(b).isGreaterThanOrEqualTo(a - 1e-7 * Math.max(1, Math.abs(a)));
                compared.incrementAndGet();
              }
            });
    // Most instances compare (the rest lose a forced sale or a plan to the stress).
    assertThat(compared.get()).isGreaterThan(EXAMPLES);
  }

  /**
   * The largest coverable shortfall of a book scaled down and cut (and of the whole stress)
   * never exceeds the original's: every unit the stressed book can sell, the original can sell
   * at no greater cost. Compared where the optimiser reports it for both.
   */
  @Test
  void aThinnerBookNeverCoversMore() {
    AtomicInteger compared = new AtomicInteger();
    qt().withFixedSeed(1717L)
        .withExamples(EXAMPLES)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              DeleveragingProblem base = Instances.marketProblem(seed);
              SplittableRandom random = new SplittableRandom(seed ^ 0x5eedL);
              LiquidityShock thinner = LiquidityShock.NONE
                  .withBookSizeMultiplier(0.2 + 0.8 * random.nextDouble())
                  .withBookLevels(random.nextBoolean() ? ImpactStress.ALL_LEVELS
                      : 1 + random.nextInt(3));
              for (Scenario scenario : List.of(
                  Scenario.named("book").withLiquidityShock(thinner), stress(seed))) {
                DeleveragingProblem after = stressed(scenario, base);
                if (after == null) {
                  continue;
                }
                double before = maxCoverable(base);
                double now = maxCoverable(after);
                if (Double.isNaN(before) || Double.isNaN(now)) {
                  continue;
                }
                assertThat(now).isLessThanOrEqualTo(before + 1e-7 * Math.max(1, before));
                compared.incrementAndGet();
              }
            });
    assertThat(compared.get()).isGreaterThan(EXAMPLES);
  }

  /** The books of a generated instance are the only ones the book cut touches. */
  @Test
  void theInstancesHoldBooks() {
    long books = java.util.stream.LongStream.range(0, 60)
        .filter(seed -> Instances.marketProblem(seed).assets().stream()
            .anyMatch(a -> a.temporaryImpact() instanceof OrderBookTemporaryImpact))
        .count();
    assertThat(books).isGreaterThan(10);
  }

  /** A costly liquidity stress drawn from {@code seed}. */
  private static Scenario stress(long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x11L);
    LiquidityShock shock = new LiquidityShock(
        1 + 3 * random.nextDouble(),
        0.2 + 0.8 * random.nextDouble(),
        0.2 + 0.8 * random.nextDouble(),
        random.nextBoolean() ? ImpactStress.ALL_LEVELS : 1 + random.nextInt(3),
        Double.POSITIVE_INFINITY,
        1 + 3 * random.nextDouble(),
        1 + 3 * random.nextDouble(),
        1.0);
    return Scenario.named("stress").withLiquidityShock(shock);
  }

  /**
   * The problem under {@code scenario}, or null when the stress leaves a sale that a retain
   * limit forces out of reach (the stressed problem has no plan at all) or takes a half spread
   * to 1 or beyond.
   */
  private static DeleveragingProblem stressed(Scenario scenario, DeleveragingProblem problem) {
    try {
      return scenario.apply(problem);
    } catch (InvalidInputException e) {
      assertThat(e.path()).matches("assets\\[\\d+]\\.retain\\.max"
          + "|liquidityShock\\.halfSpreadMultiplier");
      return null;
    }
  }

  /** S_max as the optimiser reports it, NaN when it does not. */
  private static double maxCoverable(DeleveragingProblem problem) {
    SolveResult result = OPTIMAL.solve(problem.resolve());
    if (result instanceof SolveResult.Solved solved) {
      return solved.plan().maxCoverableShortfall().orElse(Double.NaN);
    }
    if (result instanceof SolveResult.Infeasible infeasible) {
      return infeasible.maxCoverableShortfall();
    }
    return Double.NaN;
  }
}
