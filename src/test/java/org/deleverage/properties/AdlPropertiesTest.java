package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.deleverage.solvers.adl.AdlEngine;
import org.deleverage.solvers.adl.AdlProblem;
import org.deleverage.solvers.adl.AdlResult;
import org.deleverage.solvers.adl.AdlRule;
import org.deleverage.solvers.adl.BankruptPosition;
import org.deleverage.solvers.adl.OpposingPosition;
import org.deleverage.solvers.adl.PositionSide;
import org.deleverage.testing.Instances;
import org.junit.jupiter.api.Test;

/**
 * Properties of the auto-deleveraging engine on generated markets: a bankrupt position of either
 * side, a mark on either side of its bankruptcy price, a fund from empty to ample, and one to
 * eight opposing positions, some in profit and some not, some sharing a score. Seeds are fixed.
 */
class AdlPropertiesTest {

  /**
   * The bankrupt size is accounted for exactly: closed in the market, by ADL, or left open; the
   * fund never pays more than it has; ADL closes no one beyond their position, takes the queue
   * in order (every position it reaches but the last is closed in full), and leaves something
   * open only when the whole queue is closed.
   */
  @Test
  void theAllocationClosesTheBankruptSizeInQueueOrderAndNoOneBeyondTheirPosition() {
    qt().withFixedSeed(909L)
        .withExamples(400)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              AdlProblem problem = market(seed);
              AdlRule rule = AdlRule.values()[(int) Math.floorMod(seed, 3L)];
              AdlResult result = AdlEngine.DEFAULT.run(problem, rule);
              double size = problem.bankrupt().size();

              assertThat(result.marketClosed() + result.adlClosed() + result.unclosed())
                  .isCloseTo(size, within(1e-9 * size));
              assertThat(result.fundPaid())
                  .isLessThanOrEqualTo(problem.insuranceFund() * (1 + 1e-12));
              assertThat(result.fundAfter()).isGreaterThanOrEqualTo(-1e-9);
              assertThat(result.queue()).hasSameSizeAs(problem.positions());
              List<AdlResult.Allocation> allocations = result.allocations();
              for (int a = 0; a < allocations.size(); a++) {
                AdlResult.Allocation allocation = allocations.get(a);
                AdlResult.QueueEntry entry = result.queue().get(a);
                assertThat(allocation.account()).isEqualTo(entry.account());
                assertThat(allocation.closed()).isPositive().isLessThanOrEqualTo(entry.size());
                assertThat(allocation.remaining())
                    .isCloseTo(entry.size() - allocation.closed(), within(1e-12 * entry.size()));
                assertThat(allocation.price()).isEqualTo(problem.bankrupt().bankruptcyPrice());
                if (a < allocations.size() - 1) {
                  assertThat(allocation.remaining()).isZero();
                }
              }
              if (result.unclosed() > 0) {
                assertThat(allocations).hasSameSizeAs(result.queue());
                assertThat(allocations).allSatisfy(x -> assertThat(x.remaining()).isZero());
              }
              for (int r = 1; r < result.queue().size(); r++) {
                AdlResult.QueueEntry before = result.queue().get(r - 1);
                AdlResult.QueueEntry after = result.queue().get(r);
                assertThat(before.profitable() || !after.profitable()).isTrue();
                if (before.profitable() == after.profitable()) {
                  assertThat(before.score()).isGreaterThanOrEqualTo(after.score());
                }
              }
            });
  }

  private static AdlProblem market(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PositionSide side = random.nextBoolean() ? PositionSide.LONG : PositionSide.SHORT;
    double bankruptcy = 100 * (0.5 + random.nextDouble());
    double mark = bankruptcy * (0.9 + 0.2 * random.nextDouble());
    double size = 1 + random.nextInt(50);
    double fund = random.nextDouble() < 0.3 ? 0.0 : 200 * random.nextDouble();
    int count = 1 + random.nextInt(8);
    List<OpposingPosition> positions = new ArrayList<>();
    double[] template = {5, mark * 0.9, 50};
    for (int p = 0; p < count; p++) {
      boolean repeat = p > 0 && random.nextDouble() < 0.2;
      double held = repeat ? template[0] : 1 + random.nextInt(20);
      double entry = repeat ? template[1] : mark * (0.7 + 0.6 * random.nextDouble());
      double margin = repeat ? template[2] : held * entry * (0.01 + 0.5 * random.nextDouble());
      template = new double[] {held, entry, margin};
      positions.add(new OpposingPosition("acct" + p, side.opposite(), held, entry, margin));
    }
    return new AdlProblem(
        new BankruptPosition(side, size, bankruptcy), mark, fund, OptionalDouble.of(0.005),
        positions);
  }
}
