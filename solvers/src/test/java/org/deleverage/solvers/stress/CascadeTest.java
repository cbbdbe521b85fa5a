package org.deleverage.solvers.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Requirement;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.baseline.ProRataSolver;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked cascades on one asset A: price 100, permanent impact gamma = 0.001, linear
 * temporary impact eta = 0.001 (one period of one day), no spread or fee, margin rate 0.5, a
 * volume so large that the participation cap never binds. A long of Q units selling n in one
 * period then loses L = gamma (Q n - n^2 / 2 - n^2 / 2) + eta n^2 = gamma Q n (MODEL.md section
 * 3), frees m (n p + gamma n (Q - n)) of requirement, and raises n (p - eta n) of cash. The
 * cascade moves the price to p exp(-n gamma / p) (depth D = p / gamma).
 */
class CascadeTest {

  private static final double GAMMA = 0.001;
  private static final DeleveragingSolver OPTIMAL = Solvers.optimal();
  private static final Scenario CRASH = Scenario.named("crash").withPriceShock(-0.25);

  /**
   * Account X: 10,000 A, cash -400,000: E = 600,000, R = 500,000, no shortfall. The shock takes
   * A to 75: E = 350,000, R = 375,000, shortfall S = 25,000. Selling n gives the excess
   * -25,000 - 10 n + 0.5 (75 n + 0.001 n (10,000 - n)) = -25,000 + 32.5 n - 0.0005 n^2, zero at
   * n = (32.5 - sqrt(32.5^2 - 4 x 0.0005 x 25,000)) / (2 x 0.0005) = 778.56; the loss 10 n rises
   * with n, so that is the plan. The price moves to 75 exp(-n / 75,000), slightly above the
   * 75 - 0.001 n the plan assumed, so X is no longer short and the cascade stops after one round.
   * Losses: the shock 250,000; in total 600,000 - (cash + q p').
   */
  @Test
  void oneRoundThenEveryAccountCovers() {
    CascadeResult result =
        Cascade.run(List.of(new CascadeAccount("X", account(10_000, -400_000, 0), OPTIMAL)),
            CRASH, Map.of(), 10);

    double n = root(32.5, 25_000);
    double price = 75 * Math.exp(-n * GAMMA / 75);
    double cash = -400_000 + n * (75 - 0.001 * n);
    assertThat(result.rounds()).hasSize(1);
    assertThat(result.settled()).isTrue();
    CascadeRound round = result.rounds().get(0);
    assertThat(round.shortfalls().get("X")).isCloseTo(25_000, within(1e-6));
    assertThat(round.deleveraged()).containsEntry("X", "optimal");
    assertThat(round.sales().get("A")).isCloseTo(n, within(1e-6 * n));
    assertThat(round.prices().get("A")).isCloseTo(price, within(1e-9 * price));
    assertThat(result.shockLoss()).isCloseTo(250_000, within(1e-6));
    double equity = cash + (10_000 - n) * price;
    assertThat(result.totalLoss()).isCloseTo(600_000 - equity, within(1e-4));
    assertThat(result.amplification()).isCloseTo((600_000 - equity) / 250_000, within(1e-9));
    assertThat(result.finalShortfalls().get("X")).isZero();
    assertThat(result.defaults()).isEmpty();
  }

  /**
   * X as above but restoring a buffer of 1,000 (n1 solves 32.5 n - 0.0005 n^2 = 26,000), and Y:
   * 5,000 A, cash -187,000, whose excess after the shock is -187,000 + 0.5 x 5,000 x 75 = 500:
   * not short. X's sale moves A to p1 = 75 exp(-n1 / 75,000), which leaves Y short by S_Y =
   * 187,000 - 2,500 p1. In round 2 Y sells n2, the root of (0.5 p1 - 2.5) n - 0.0005 n^2 = S_Y
   * (its loss is 0.001 x 5,000 n = 5 n, it frees 0.5 (p1 n + 0.001 n (5,000 - n))); A moves to
   * p2 = p1 exp(-n2 / (p1 / 0.001)). X keeps its excess above zero (its buffer absorbs the
   * move), Y's is at zero or just above, and the cascade stops after two rounds.
   */
  @Test
  void twoRoundsWhenTheFirstSaleMakesAnotherAccountShort() {
    DeleveragingProblem x = account(10_000, -400_000, 1_000);
    DeleveragingProblem y = account(5_000, -187_000, 0);

    CascadeResult result =
        Cascade.run(List.of(new CascadeAccount("X", x, OPTIMAL),
            new CascadeAccount("Y", y, OPTIMAL)), CRASH, Map.of(), 10);

    double n1 = root(32.5, 26_000);
    double p1 = 75 * Math.exp(-n1 * GAMMA / 75);
    double shortY = 187_000 - 2_500 * p1;
    double n2 = root(0.5 * p1 - 2.5, shortY);
    double p2 = p1 * Math.exp(-n2 * GAMMA / p1);
    assertThat(result.rounds()).hasSize(2);
    assertThat(result.settled()).isTrue();
    CascadeRound first = result.rounds().get(0);
    CascadeRound second = result.rounds().get(1);
    assertThat(first.deleveraged()).containsOnlyKeys("X");
    assertThat(first.sales().get("A")).isCloseTo(n1, within(1e-6 * n1));
    assertThat(first.shortfalls().get("Y")).isZero();
    assertThat(second.deleveraged()).containsOnlyKeys("Y");
    assertThat(second.shortfalls().get("Y")).isCloseTo(shortY, within(1e-6 * shortY));
    assertThat(second.sales().get("A")).isCloseTo(n2, within(1e-6 * n2));
    assertThat(second.prices().get("A")).isCloseTo(p2, within(1e-9 * p2));
    double equityX = -400_000 + n1 * (75 - 0.001 * n1) + (10_000 - n1) * p2;
    double equityY = -187_000 + n2 * (p1 - 0.001 * n2) + (5_000 - n2) * p2;
    assertThat(result.totalLoss())
        .isCloseTo(600_000 + 313_000 - equityX - equityY, within(1e-4));
    assertThat(result.shockLoss()).isCloseTo(375_000, within(1e-6));
  }

  /**
   * Account Z: 10,000 A, cash -790,000. After the shock E = -40,000 (in default) and S =
   * 375,000 + 40,000 = 415,000, above what selling everything can free, 32.5 x 10,000 - 0.0005
   * x 10,000^2 = 275,000 (the excess rises on all of [0, 10,000]). Z sells its largest coverable
   * shortfall's plan, all 10,000 units, for 10,000 (75 - 10) = 650,000: cash -140,000, nothing
   * held, still in default and short with nothing (but rounding dust) left to sell; A falls to
   * 75 exp(-10,000 / 75,000). Round 2 sells at most the interior-point dust of round 1, far below
   * Cascade.DUST (1e-6) of Z's size (10,000 x 100 = 1,000,000 before the fall, so 1), and the
   * cascade stops there, Z still short: its ending is DUST, not the round limit of 3.
   */
  @Test
  void anAccountInDefaultSellsWhatItCanAndStaysInDefault() {
    CascadeResult result =
        Cascade.run(List.of(new CascadeAccount("Z", account(10_000, -790_000, 0), OPTIMAL)),
            CRASH, Map.of(), 3);

    assertThat(result.rounds()).hasSize(2);
    assertThat(result.settled()).isFalse();
    assertThat(result.ending()).isEqualTo(CascadeResult.Ending.DUST);
    CascadeRound first = result.rounds().get(0);
    assertThat(first.equities().get("Z")).isCloseTo(-40_000, within(1e-6));
    assertThat(first.deleveraged().get("Z"))
        .startsWith("could not cover, sold for its largest coverable shortfall");
    assertThat(first.sales().get("A")).isCloseTo(10_000, within(1e-4));
    assertThat(first.prices().get("A")).isCloseTo(75 * Math.exp(-10_000 * GAMMA / 75),
        within(1e-6));
    assertThat(first.defaults()).containsExactly("Z");
    // Later rounds have at most the interior-point dust of round 1 left to sell.
    assertThat(result.rounds().get(1).sales().get("A")).isBetween(0.0, 1e-3);
    assertThat(result.finalEquities().get("Z")).isCloseTo(-140_000, within(1e-3));
    assertThat(result.defaults()).containsExactly("Z");
  }

  /** A given depth replaces p / gamma: D = 10,000 moves the price by exp(-n / 10,000). */
  @Test
  void aGivenDepthSetsThePriceMove() {
    CascadeResult result =
        Cascade.run(List.of(new CascadeAccount("X", account(10_000, -400_000, 0),
            ProRataSolver.DEFAULT)), CRASH, Map.of("A", 10_000.0), 10);

    CascadeRound first = result.rounds().get(0);
    double n = first.sales().get("A");
    assertThat(n).isCloseTo(root(32.5, 25_000), within(1e-6 * n));
    assertThat(first.prices().get("A")).isCloseTo(75 * Math.exp(-n / 10_000), within(1e-9));
  }

  @Test
  void accountsMustAgreeOnSharedAssets() {
    DeleveragingProblem other =
        DeleveragingProblem.builder().cash(0)
            .asset(Asset.builder("A").quantity(1).price(101).adv(1e9).gamma(GAMMA).eta(GAMMA)
                .build())
            .build();
    assertThatThrownBy(() -> Cascade.run(
            List.of(new CascadeAccount("X", account(10, 0, 0), OPTIMAL),
                new CascadeAccount("W", other, OPTIMAL)), CRASH, Map.of(), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("accounts[1].problem.assets[0].price: must equal 100.0, the price of A in"
            + " accounts[0], was 101.0");
    DeleveragingProblem given =
        DeleveragingProblem.builder().cash(0)
            .asset(Asset.builder("A").quantity(1).price(100).adv(1e9).build())
            .requirement(Requirement.margin().withShortfall(5))
            .build();
    assertThatThrownBy(() -> new CascadeAccount("X", given, OPTIMAL))
        .hasMessageStartingWith("problem.requirement.shortfall: must be absent in a cascade");
  }

  /**
   * The accounts of the tests above together (X and Y with the optimiser, Z in default, W
   * selling pro rata) give the same cascade on one thread and on four, figure for figure and in
   * the same order: the record's equality compares every double exactly, and its text shows the
   * order of every map.
   */
  @Test
  void theRoundsDoNotDependOnTheThreads() {
    List<CascadeAccount> accounts = List.of(
        new CascadeAccount("X", account(10_000, -400_000, 1_000), OPTIMAL),
        new CascadeAccount("Y", account(5_000, -187_000, 0), OPTIMAL),
        new CascadeAccount("Z", account(10_000, -790_000, 0), OPTIMAL),
        new CascadeAccount("W", account(8_000, -320_000, 0), ProRataSolver.DEFAULT));

    CascadeResult sequential = Cascade.run(accounts, CRASH, Map.of(), 4, BatchSolver.of(1));
    CascadeResult parallel = Cascade.run(accounts, CRASH, Map.of(), 4, BatchSolver.of(4));

    assertThat(sequential.rounds()).hasSize(4);
    assertThat(sequential.rounds().get(0).deleveraged().values())
        .contains("optimal", "feasible")
        .anyMatch(action -> action.startsWith("could not cover"));
    assertThat(parallel).isEqualTo(sequential);
    assertThat(parallel.toString()).isEqualTo(sequential.toString());
  }

  /**
   * An account whose solver throws sells nothing and is reported, and the cascade goes on: N
   * holds B with gamma = 0.01 but eta = 0.001, so eta / tau &lt; gamma (N + 1) / 2 and the
   * optimiser rejects it as not convex (MODEL.md section 4); X deleverages as in {@link
   * #oneRoundThenEveryAccountCovers}, and N stays short to the round limit.
   */
  @Test
  void anAccountWhoseSolverThrowsSellsNothingAndTheOthersGoOn() {
    DeleveragingProblem notConvex = DeleveragingProblem.builder()
        .cash(-400_000)
        .asset(Asset.builder("B").quantity(10_000).price(100).adv(1e9).marginRate(0.5)
            .eta(GAMMA).gamma(10 * GAMMA).build())
        .build();

    CascadeResult result = Cascade.run(
        List.of(new CascadeAccount("N", notConvex, OPTIMAL),
            new CascadeAccount("X", account(10_000, -400_000, 0), OPTIMAL)),
        CRASH, Map.of(), 2, BatchSolver.of(2));

    CascadeRound first = result.rounds().get(0);
    assertThat(first.deleveraged().get("N"))
        .startsWith("failed: invalid input: assets[0]: not convex");
    assertThat(first.deleveraged()).containsEntry("X", "optimal");
    assertThat(first.sales().get("B")).isZero();
    assertThat(first.sales().get("A")).isCloseTo(root(32.5, 25_000), within(1e-6 * 778));
    assertThat(result.rounds()).hasSize(2);
    assertThat(result.finalShortfalls().get("N")).isCloseTo(25_000, within(1e-6));
  }

  /** The smaller root of a n - 0.0005 n^2 = s. */
  private static double root(double a, double s) {
    return (a - Math.sqrt(a * a - 4 * 0.0005 * s)) / (2 * 0.0005);
  }

  private static DeleveragingProblem account(double quantity, double cash, double buffer) {
    return DeleveragingProblem.builder()
        .cash(cash)
        .asset(Asset.builder("A").quantity(quantity).price(100).adv(1e9).marginRate(0.5)
            .eta(GAMMA).gamma(GAMMA).build())
        .requirement(Requirement.margin().withBuffer(buffer))
        .build();
  }
}
