package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.deleverage.models.BookLevel;
import org.deleverage.models.MarginSchedule;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.solvers.adl.PositionSide;
import org.deleverage.solvers.exchange.TraderAccount;
import org.deleverage.solvers.exchange.Contract;
import org.deleverage.solvers.exchange.ExchangeProblem;
import org.deleverage.solvers.exchange.ExchangeResult;
import org.deleverage.solvers.exchange.ExchangeSimulation;
import org.deleverage.solvers.exchange.MarginMode;
import org.deleverage.solvers.exchange.Position;
import org.deleverage.solvers.exchange.VenuePolicy;
import org.deleverage.testing.Instances;
import org.junit.jupiter.api.Test;

/**
 * Properties of the exchange simulation on generated markets: two contracts with tiered brackets
 * and thin books, two to ten accounts (cross and isolated, long and short, leverage up to about
 * 40x), a path of five marks drifting down or up by up to 6% a step, every venue policy, and
 * funds from empty to ample. Seeds are fixed.
 */
class ExchangePropertiesTest {

  /**
   * No position flips or grows; the fund never goes negative (no preset lets it: Deribit's
   * socialised loss takes the excess from the winners instead); every liquidation's quantity is
   * what the book and ADL closed; and every position's final size is its opening size less what
   * its own liquidations and the ADL fills against it closed.
   */
  @Test
  void positionsNeverFlipTheFundStaysNonNegativeAndClosedQuantitiesAddUp() {
    qt().withFixedSeed(1414L).withExamples(300).forAll(Instances.seeds()).checkAssert(seed -> {
      ExchangeProblem problem = market(seed);
      VenuePolicy policy = VenuePolicy.presets().get((int) Math.floorMod(seed, 5L));
      ExchangeResult result = ExchangeSimulation.run(problem, policy);
      Map<String, Double> closed = new HashMap<>();
      for (ExchangeResult.Step step : result.steps()) {
        assertThat(step.fundAfter()).isGreaterThanOrEqualTo(0.0);
        assertThat(step.fundBefore()).isGreaterThanOrEqualTo(0.0);
        for (ExchangeResult.Liquidation l : step.liquidations()) {
          assertThat(l.marketClosed() + l.adlClosed())
              .isCloseTo(l.quantity(), within(1e-9 * Math.max(1, l.quantity())));
          double adl = step.adl().stream()
              .filter(f -> f.bankrupt().equals(l.account()) && f.contract().equals(l.contract()))
              .mapToDouble(ExchangeResult.AdlFill::closed).sum();
          assertThat(adl).isCloseTo(l.adlClosed(), within(1e-9 * Math.max(1, l.quantity())));
          closed.merge(l.account() + "/" + l.contract(), l.quantity(), Double::sum);
        }
        for (ExchangeResult.AdlFill fill : step.adl()) {
          closed.merge(fill.counterparty() + "/" + fill.contract(), fill.closed(), Double::sum);
        }
      }
      for (TraderAccount before : problem.accounts()) {
        TraderAccount after = result.accounts().stream().filter(a -> a.id().equals(before.id()))
            .findFirst().orElseThrow();
        for (Position opening : before.positions()) {
          Position closing = after.positions().stream()
              .filter(p -> p.contract().equals(opening.contract())).findFirst().orElseThrow();
          assertThat(closing.side()).isEqualTo(opening.side());
          assertThat(closing.size()).isGreaterThanOrEqualTo(0.0)
              .isLessThanOrEqualTo(opening.size());
          double gone = closed.getOrDefault(before.id() + "/" + opening.contract(), 0.0);
          assertThat(opening.size() - closing.size())
              .isCloseTo(gone, within(1e-8 * Math.max(1, opening.size())));
        }
      }
    });
  }

  /** Shuffling the accounts (and the contracts) changes nothing in the result. */
  @Test
  void theResultDoesNotDependOnTheOrderOfTheAccounts() {
    qt().withFixedSeed(2718L).withExamples(150).forAll(Instances.seeds()).checkAssert(seed -> {
      ExchangeProblem problem = market(seed);
      List<TraderAccount> shuffled = new ArrayList<>(problem.accounts());
      Collections.shuffle(shuffled, new Random(seed));
      List<Contract> contracts = new ArrayList<>(problem.contracts());
      Collections.reverse(contracts);
      ExchangeProblem reordered = new ExchangeProblem(contracts, shuffled,
          problem.insuranceFund(), problem.path());
      VenuePolicy policy = VenuePolicy.presets().get((int) Math.floorMod(seed, 5L));
      assertThat(ExchangeSimulation.run(reordered, policy))
          .isEqualTo(ExchangeSimulation.run(problem, policy));
    });
  }

  private static ExchangeProblem market(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Contract> contracts = new ArrayList<>();
    Map<String, Double> opening = new HashMap<>();
    for (String id : List.of("A", "B")) {
      double price = 50 + random.nextDouble() * 950;
      opening.put(id, price);
      MarginSchedule schedule = MarginSchedule.continuous(
          List.of(0.0, 20 * price, 80 * price), List.of(0.01, 0.02, 0.05),
          List.of(50.0, 25.0, 10.0));
      contracts.add(new Contract(id, schedule, OrderBookTemporaryImpact.of(
          BookLevel.of(0.001 + random.nextDouble() * 0.01, 1 + random.nextDouble() * 20),
          BookLevel.of(0.02 + random.nextDouble() * 0.05, 5 + random.nextDouble() * 50))));
    }
    int count = 2 + random.nextInt(9);
    List<TraderAccount> accounts = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      List<Position> positions = new ArrayList<>();
      double wallet = 0.0;
      for (String id : List.of("A", "B")) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        double price = opening.get(id) * (0.95 + random.nextDouble() * 0.1);
        double size = 0.5 + random.nextDouble() * 100;
        PositionSide side = random.nextBoolean() ? PositionSide.LONG : PositionSide.SHORT;
        double margin = size * price / (1.5 + random.nextDouble() * 38);
        if (random.nextBoolean()) {
          positions.add(new Position(id, side, size, price, MarginMode.ISOLATED, margin));
        } else {
          positions.add(new Position(id, side, size, price, MarginMode.CROSS, 0));
          wallet += margin;
        }
      }
      accounts.add(new TraderAccount("acct-" + a, wallet, positions));
    }
    List<Map<String, Double>> path = new ArrayList<>();
    double drift = random.nextBoolean() ? -1 : 1;
    Map<String, Double> marks = new HashMap<>(opening);
    for (int t = 0; t < 5; t++) {
      Map<String, Double> step = new HashMap<>();
      for (String id : List.of("A", "B")) {
        double move = drift * random.nextDouble() * 0.06 + (random.nextDouble() - 0.5) * 0.02;
        marks.put(id, marks.get(id) * (1 + move));
        step.put(id, marks.get(id));
      }
      path.add(step);
    }
    double fund = random.nextInt(4) == 0 ? 0.0 : random.nextDouble() * 5_000;
    return new ExchangeProblem(contracts, accounts, fund, path);
  }
}
