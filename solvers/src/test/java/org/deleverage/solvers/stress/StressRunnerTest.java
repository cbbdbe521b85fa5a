package org.deleverage.solvers.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.junit.jupiter.api.Test;

/**
 * The stress test's batch: every (scenario, account) pair in scenario order then account order,
 * the same outcomes on any number of threads, a failing pair that does not lose the others, and
 * scenario errors found before anything is solved. Accounts hold one asset A at 100 (margin rate
 * 0.5, eta = gamma = 0.001, one period), or B, in the amounts below.
 */
class StressRunnerTest {

  private static final List<Scenario> SCENARIOS = List.of(
      Scenario.named("mild").withPriceShock(-0.05),
      Scenario.named("severe").withPriceShock(-0.25).withMarginRateIncrease(0.1),
      Scenario.named("margin").withMarginRateIncrease(0.3));

  /**
   * Four accounts under three scenarios: the twelve outcomes come in scenario order, then account
   * order, and are equal, to the last bit, on one thread and on three.
   */
  @Test
  void outcomesComeInOrderAndDoNotDependOnTheThreads() {
    Map<String, DeleveragingProblem> accounts = new LinkedHashMap<>();
    accounts.put("d", account("A", 10_000, -400_000));
    accounts.put("a", account("A", 5_000, -150_000));
    accounts.put("c", account("A", 10_000, -700_000));
    accounts.put("b", account("A", 2_000, 0));

    List<StressOutcome> sequential =
        StressRunner.run(SCENARIOS, accounts, Solvers.optimal(), BatchSolver.of(1));
    List<StressOutcome> parallel =
        StressRunner.run(SCENARIOS, accounts, Solvers.optimal(), BatchSolver.of(3));

    assertThat(sequential).extracting(o -> o.scenario() + "/" + o.account()).containsExactly(
        "mild/d", "mild/a", "mild/c", "mild/b", "severe/d", "severe/a", "severe/c", "severe/b",
        "margin/d", "margin/a", "margin/c", "margin/b");
    assertThat(sequential).extracting(StressOutcome::status)
        .contains("optimal", "infeasible").doesNotContain("failed");
    assertThat(parallel).isEqualTo(sequential);
  }

  /**
   * An account the optimiser rejects (B: gamma = 0.01 against eta = 0.001, not convex) is a
   * failed outcome under each scenario, with the reason, and the other account is planned as
   * usual.
   */
  @Test
  void aPairWhoseSolveThrowsIsAFailedOutcome() {
    Map<String, DeleveragingProblem> accounts = new LinkedHashMap<>();
    accounts.put("convex", account("A", 10_000, -400_000));
    accounts.put("not convex", DeleveragingProblem.builder()
        .cash(-400_000)
        .asset(Asset.builder("B").quantity(10_000).price(100).adv(1e9).marginRate(0.5)
            .eta(0.001).gamma(0.01).build())
        .build());

    List<StressOutcome> outcomes =
        StressRunner.run(SCENARIOS, accounts, Solvers.optimal(), BatchSolver.of(2));

    assertThat(outcomes).hasSize(6);
    for (StressOutcome outcome : outcomes) {
      if (outcome.account().equals("not convex")) {
        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(outcome.message()).startsWith("invalid input: assets[0]: not convex");
        assertThat(outcome.covers()).isFalse();
      } else {
        assertThat(outcome.status()).isNotEqualTo("failed");
      }
    }
  }

  /** A scenario that does not fit an account fails the run before any account is solved. */
  @Test
  void aScenarioThatDoesNotFitFailsBeforeAnythingIsSolved() {
    AtomicInteger solves = new AtomicInteger();
    DeleveragingSolver counting = new DeleveragingSolver() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public SolveResult solve(ResolvedProblem problem) {
        solves.incrementAndGet();
        return Solvers.optimal().solve(problem);
      }
    };
    List<Scenario> scenarios = List.of(SCENARIOS.get(0),
        Scenario.named("unknown asset").withPriceShock("XYZ", -0.1));

    assertThatThrownBy(() -> StressRunner.run(scenarios,
            Map.of("fund", account("A", 10_000, -400_000)), counting, BatchSolver.of(2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("scenarios[1].priceShocks.XYZ: names no asset of the problem (account fund)");
    assertThat(solves).hasValue(0);
  }

  private static DeleveragingProblem account(String id, double quantity, double cash) {
    return DeleveragingProblem.builder()
        .cash(cash)
        .asset(Asset.builder(id).quantity(quantity).price(100).adv(1e9).marginRate(0.5)
            .eta(0.001).gamma(0.001).build())
        .build();
  }
}
