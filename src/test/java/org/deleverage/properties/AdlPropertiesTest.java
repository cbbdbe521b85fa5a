package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.SplittableRandom;
import org.deleverage.io.AdlJson;
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
              // The overlap check: the refused are exactly the positions whose equity at the
              // bankruptcy price is negative; the allocation follows the rest of the queue.
              double b = problem.bankrupt().bankruptcyPrice();
              List<AdlResult.QueueEntry> eligible = new java.util.ArrayList<>();
              for (AdlResult.QueueEntry entry : result.queue()) {
                OpposingPosition position = problem.positions().stream()
                    .filter(p -> p.account().equals(entry.account())).findFirst().orElseThrow();
                boolean solvent = position.margin() + position.unrealisedPnl(b) >= 0;
                assertThat(result.refused().contains(entry.account())).isEqualTo(!solvent);
                if (solvent) {
                  eligible.add(entry);
                }
              }
              for (int a = 0; a < allocations.size(); a++) {
                AdlResult.Allocation allocation = allocations.get(a);
                AdlResult.QueueEntry entry = eligible.get(a);
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
                assertThat(allocations).hasSameSizeAs(eligible);
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

  /**
   * The fund is accounted for exactly: with l = d_b (b - m) the loss of a contract closed at the
   * mark, the market takes every contract when l &lt;= 0 or when the fund covers them all (size x l
   * &lt; F), else F / l of them and the fund pays all of F; the fund's balance after is F - paid
   * (plus the surplus -l x size when l &lt; 0); and what is left open is exactly what the whole
   * queue could not take, max(0, size - market - sum of the sizes of the positions the overlap
   * check lets ADL fill, those whose equity at the bankruptcy price is not negative).
   */
  @Test
  void theFundPaysFirstAndOnlyWhatTheQueueCannotTakeStaysOpen() {
    qt().withFixedSeed(4242L)
        .withExamples(400)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              AdlProblem problem = market(seed);
              AdlResult result = AdlEngine.DEFAULT.run(problem, AdlRule.BITMEX);
              double size = problem.bankrupt().size();
              double fund = problem.insuranceFund();
              double loss = result.lossPerContract();

              assertThat(loss)
                  .isEqualTo(problem.bankrupt().side().sign()
                      * (problem.bankrupt().bankruptcyPrice() - problem.mark()));
              if (loss <= 0 || size * loss < fund) {
                assertThat(result.marketClosed()).isEqualTo(size);
                assertThat(result.fundPaid()).isEqualTo(Math.max(0.0, size * loss));
                assertThat(result.fundAfter())
                    .isCloseTo(fund - size * loss, within(1e-9 * (fund + size * Math.abs(loss))));
              } else {
                assertThat(result.marketClosed()).isCloseTo(fund / loss, within(1e-12 * size));
                assertThat(result.fundPaid()).isEqualTo(fund);
                assertThat(result.fundAfter()).isZero();
              }
              double b = problem.bankrupt().bankruptcyPrice();
              double queued = problem.positions().stream()
                  .filter(p -> p.margin() + p.unrealisedPnl(b) >= 0)
                  .mapToDouble(OpposingPosition::size).sum();
              double expectedOpen = Math.max(0.0, size - result.marketClosed() - queued);
              assertThat(result.unclosed()).isCloseTo(expectedOpen, within(1e-9 * size));
              assertThat(result.adlClosed())
                  .isCloseTo(size - result.marketClosed() - result.unclosed(),
                      within(1e-9 * size));
            });
  }

  /**
   * The queue and the allocation do not depend on the order the positions are given in: ties
   * (20% of the generated positions copy the previous one's size, entry and margin) are broken by
   * size and then by account id, never by position in the input.
   */
  @Test
  void theQueueDoesNotDependOnTheOrderOfThePositions() {
    qt().withFixedSeed(77L)
        .withExamples(300)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              AdlProblem problem = market(seed);
              List<OpposingPosition> shuffled = new ArrayList<>(problem.positions());
              Collections.shuffle(shuffled, new Random(seed));
              AdlProblem reordered =
                  new AdlProblem(problem.bankrupt(), problem.mark(), problem.insuranceFund(),
                      problem.maintenanceMarginRate(), shuffled);
              for (AdlRule rule : AdlRule.values()) {
                assertThat(AdlEngine.DEFAULT.run(reordered, rule))
                    .isEqualTo(AdlEngine.DEFAULT.run(problem, rule));
              }
            });
  }

  /**
   * Files hold what they were written from: an input written by AdlJson reads back as the same
   * problem, and a result as the same result, every double to the last bit.
   */
  @Test
  void inputsAndResultsReadBackFromJsonAsWritten() {
    qt().withFixedSeed(1234L)
        .withExamples(200)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              AdlProblem problem = market(seed);
              AdlRule rule = AdlRule.values()[(int) Math.floorMod(seed, 3L)];
              AdlJson.Input input = new AdlJson.Input(problem, Optional.of(rule));
              AdlResult result = AdlEngine.DEFAULT.run(problem, rule);

              assertThat(AdlJson.read(AdlJson.writeInput(input))).isEqualTo(input);
              assertThat(AdlJson.readResult(AdlJson.write(problem, result))).isEqualTo(result);
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
