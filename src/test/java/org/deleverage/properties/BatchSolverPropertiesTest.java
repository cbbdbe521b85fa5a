package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.deleverage.testing.Families;
import org.deleverage.testing.Instances;
import org.junit.jupiter.api.Test;

/**
 * The batch solver with the library's solvers on generated problems: a batch on several threads
 * gives, problem by problem and to the last bit, what one thread gives and what the solver gives
 * when called directly. Each seed makes a batch of eight problems of different kinds ({@link
 * Instances}: correlated, mixed impact models, factor model; {@link Families}: order books, cash
 * calls with shorts, a healthy account closing a position), so that long and short solves
 * interleave on the threads. Seeds are fixed and the examples few: every example solves each
 * problem three times.
 */
class BatchSolverPropertiesTest {

  private static final int EXAMPLES = 12;

  /**
   * The optimiser on three threads, on one, and called directly: the same results. A result is
   * compared by everything but its time (trades, periods, hierarchy, objective terms, status,
   * S_max, shadow price, iterations; or the infeasible figures, or the failure's reason), with
   * exact equality of every double.
   */
  @Test
  void parallelResultsEqualSequentialOnesBitForBit() {
    qt().withFixedSeed(1_201L)
        .withExamples(EXAMPLES)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              List<ResolvedProblem> problems = batch(seed);
              DeleveragingSolver optimal = Solvers.optimal();

              List<SolveResult> parallel = BatchSolver.of(3).solveAll(optimal, problems);
              List<SolveResult> sequential = BatchSolver.of(1).solveAll(optimal, problems);

              List<Object> direct = new ArrayList<>();
              for (ResolvedProblem problem : problems) {
                direct.add(figures(optimal.solve(problem)));
              }
              assertThat(figures(parallel)).isEqualTo(figures(sequential)).isEqualTo(direct);
              assertThat(parallel).anyMatch(r -> r instanceof SolveResult.Solved);
            });
  }

  /**
   * Each problem with its own solver (the optimiser and every baseline in turn), resolved on the
   * batch's threads: the same results on two threads as on one.
   */
  @Test
  void tasksWithTheirOwnSolversGiveTheSameResultsOnAnyThreads() {
    List<String> names = Solvers.names();
    qt().withFixedSeed(1_202L)
        .withExamples(EXAMPLES)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              List<ResolvedProblem> problems = batch(seed);
              List<BatchSolver.Task> tasks = new ArrayList<>();
              for (int p = 0; p < problems.size(); p++) {
                DeleveragingSolver solver =
                    Solvers.named(names.get(p % names.size())).orElseThrow();
                tasks.add(new BatchSolver.Task(solver, problems.get(p)));
              }

              List<SolveResult> parallel = BatchSolver.of(2).solveAll(tasks);
              List<SolveResult> sequential = BatchSolver.of(1).solveAll(tasks);

              assertThat(figures(parallel)).isEqualTo(figures(sequential));
              List<DeleveragingProblem> unresolved =
                  problems.stream().map(ResolvedProblem::problem).toList();
              DeleveragingSolver greedy = Solvers.named("greedy").orElseThrow();
              assertThat(figures(BatchSolver.of(2).resolveAndSolveAll(greedy, unresolved)))
                  .isEqualTo(figures(BatchSolver.of(1).solveAll(greedy, problems)));
            });
  }

  /** Eight problems of different kinds, all from {@code seed}. */
  private static List<ResolvedProblem> batch(long seed) {
    List<DeleveragingProblem> problems = List.of(
        Instances.problem(seed),
        Instances.problem(seed + 1),
        Instances.marketProblem(seed),
        Instances.marketProblem(seed + 1),
        Instances.factorProblem(seed),
        Families.orderBooks(seed),
        Families.cashWithShorts(seed),
        Families.healthyCloseLong(seed));
    return problems.stream().map(DeleveragingProblem::resolve).toList();
  }

  private static List<Object> figures(List<SolveResult> results) {
    return results.stream().map(BatchSolverPropertiesTest::figures).toList();
  }

  /**
   * Everything a result says but the time it took. Records compare their doubles with {@link
   * Double#compare}, so equal figures are equal to the last bit.
   */
  private static Object figures(SolveResult result) {
    if (result instanceof SolveResult.Solved solved) {
      Plan plan = solved.plan();
      return List.of(plan.status(), plan.solver(), plan.shortfall(),
          plan.maxCoverableShortfall(), plan.objective(), plan.shadowPrice(),
          plan.shadowPriceUnbounded(), plan.trades(), plan.periods(), plan.hierarchy(),
          plan.iterations());
    }
    if (result instanceof SolveResult.Infeasible infeasible) {
      return new SolveResult.Infeasible(infeasible.solver(), infeasible.shortfall(),
          infeasible.maxCoverableShortfall(), infeasible.iterations(), 0.0);
    }
    SolveResult.Failed failed = (SolveResult.Failed) result;
    return new SolveResult.Failed(failed.solver(), failed.reason(), failed.iterations(), 0.0);
  }
}
