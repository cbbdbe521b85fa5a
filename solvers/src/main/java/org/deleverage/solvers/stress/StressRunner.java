package org.deleverage.solvers.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.models.internal.Checks;

/**
 * Runs a set of scenarios over a set of accounts: each account's problem is stressed ({@link
 * Scenario#apply}) and resolved, and then every (scenario, account) pair is planned by the
 * solver in one {@link BatchSolver} batch. Every pair gives a {@link StressOutcome}, in scenario
 * order then account order; an account that cannot cover is one whose status is infeasible (or
 * failed). An account whose liquidity stress lowers its period caps below a sale its retain limit
 * forces is infeasible, with the reason and no largest coverable shortfall. A pair whose solve
 * throws (the optimiser's rejection of a non-convex instance, say) is a failed outcome with the
 * reason, and the other pairs are reported as usual. Stateless.
 */
public final class StressRunner {

  private StressRunner() {}

  /**
   * The outcome of every scenario for every account, solved on every core ({@link
   * BatchSolver#allCores()}).
   *
   * @param scenarios the scenarios, in order
   * @param accounts the accounts' problems by name, in iteration order
   * @param solver the solver that plans each stressed account
   * @return the outcomes, scenario by scenario
   * @throws InvalidInputException naming {@code scenarios[s]} and the field (the rule names the
   *     account) when a scenario does not fit an account's problem
   */
  public static List<StressOutcome> run(
      List<Scenario> scenarios, Map<String, DeleveragingProblem> accounts,
      DeleveragingSolver solver) {
    return run(scenarios, accounts, solver, BatchSolver.allCores());
  }

  /**
   * The outcome of every scenario for every account, solved by {@code batch}. Every scenario is
   * applied to every account before anything is solved, so a scenario that does not fit fails
   * the run at once; the outcomes do not depend on the batch's parallelism.
   *
   * @param scenarios the scenarios, in order
   * @param accounts the accounts' problems by name, in iteration order
   * @param solver the solver that plans each stressed account
   * @param batch how many pairs are solved at once, and on which threads
   * @return the outcomes, scenario by scenario
   * @throws InvalidInputException naming {@code scenarios[s]} and the field (the rule names the
   *     account) when a scenario does not fit an account's problem
   */
  public static List<StressOutcome> run(
      List<Scenario> scenarios, Map<String, DeleveragingProblem> accounts,
      DeleveragingSolver solver, BatchSolver batch) {
    return run(scenarios, accounts, solver, batch, solved -> { });
  }

  /**
   * As {@link #run(List, Map, DeleveragingSolver, BatchSolver)}, telling {@code progress} of each
   * pair solved: the number solved so far, 1 up to scenarios x accounts. The calls come from the
   * batch's threads one at a time (never two at once), with the count increasing; the pairs with
   * nothing to solve (a forced sale out of reach) are counted last, from the calling thread.
   *
   * @param scenarios the scenarios, in order
   * @param accounts the accounts' problems by name, in iteration order
   * @param solver the solver that plans each stressed account
   * @param batch how many pairs are solved at once, and on which threads
   * @param progress told the number of pairs solved so far after each solve
   * @return the outcomes, scenario by scenario
   * @throws InvalidInputException naming {@code scenarios[s]} and the field (the rule names the
   *     account) when a scenario does not fit an account's problem
   */
  public static List<StressOutcome> run(
      List<Scenario> scenarios, Map<String, DeleveragingProblem> accounts,
      DeleveragingSolver solver, BatchSolver batch, IntConsumer progress) {
    Checks.present("batch", batch);
    Checks.present("progress", progress);
    List<String> scenarioNames = new ArrayList<>();
    List<String> accountNames = new ArrayList<>();
    List<ResolvedProblem> problems = new ArrayList<>();
    List<StressOutcome> unsellable = new ArrayList<>();
    for (int s = 0; s < scenarios.size(); s++) {
      Scenario scenario = scenarios.get(s);
      for (Map.Entry<String, DeleveragingProblem> account : accounts.entrySet()) {
        DeleveragingProblem stressed = null;
        StressOutcome cannotSell = null;
        try {
          stressed = scenario.apply(account.getValue());
        } catch (InvalidInputException e) {
          cannotSell = forcedSaleOutcome(scenario, account.getKey(), account.getValue(), e);
          if (cannotSell == null) {
            throw new InvalidInputException(
                "scenarios[" + s + "]." + e.path(), e.rule() + " (account " + account.getKey()
                    + ")");
          }
        }
        scenarioNames.add(scenario.name());
        accountNames.add(account.getKey());
        problems.add(stressed == null ? null : stressed.resolve());
        unsellable.add(cannotSell);
      }
    }
    List<ResolvedProblem> solvable = problems.stream().filter(p -> p != null).toList();
    List<SolveResult> results = batch.solveAll(counted(solver, progress), solvable);
    for (int done = solvable.size() + 1; done <= problems.size(); done++) {
      progress.accept(done);
    }
    List<StressOutcome> outcomes = new ArrayList<>();
    int solved = 0;
    for (int p = 0; p < problems.size(); p++) {
      outcomes.add(problems.get(p) == null ? unsellable.get(p)
          : outcome(scenarioNames.get(p), accountNames.get(p), problems.get(p),
              results.get(solved++)));
    }
    return outcomes;
  }

  /** A forced sale's path: {@code assets[i].retain.max}. */
  private static final Pattern FORCED_SALE = Pattern.compile("assets\\[\\d+]\\.retain\\.max");

  /**
   * The outcome of an account whose liquidity stress leaves it unable to make a sale its retain
   * limit forces (the stressed caps allow fewer units over the horizon than retain.max needs
   * sold): infeasible whatever the shortfall, with no largest coverable shortfall, and the
   * equity, margin and shortfall of the scenario without its liquidity stress (which moves
   * neither). Null when {@code error} is another misfit of the scenario.
   */
  private static StressOutcome forcedSaleOutcome(
      Scenario scenario, String account, DeleveragingProblem problem, InvalidInputException error) {
    if (!FORCED_SALE.matcher(error.path()).matches()) {
      return null;
    }
    ResolvedProblem priced = scenario.withLiquidityShock(LiquidityShock.NONE)
        .withoutAssetLiquidityShocks().withFactorLiquidityShocks(List.of())
        .apply(problem).resolve();
    OptionalDouble none = OptionalDouble.empty();
    return new StressOutcome(scenario.name(), account, priced.equity(),
        priced.marginRequirement(), priced.shortfall(), "infeasible", none, none, none,
        "the liquidity stress leaves " + error.path() + " out of reach: " + error.rule());
  }

  /** {@code solver}, telling {@code progress} of each solve done, one call at a time. */
  private static DeleveragingSolver counted(DeleveragingSolver solver, IntConsumer progress) {
    Object lock = new Object();
    int[] solved = {0};
    return new DeleveragingSolver() {
      @Override
      public String name() {
        return solver.name();
      }

      @Override
      public SolveResult solve(ResolvedProblem problem) {
        try {
          return solver.solve(problem);
        } finally {
          synchronized (lock) {
            progress.accept(++solved[0]);
          }
        }
      }
    };
  }

  /** The outcome of planning one stressed account. */
  static StressOutcome outcome(
      String scenario, String account, ResolvedProblem problem, SolveResult result) {
    OptionalDouble none = OptionalDouble.empty();
    double equity = problem.equity();
    double margin = problem.marginRequirement();
    double shortfall = problem.shortfall();
    if (result instanceof SolveResult.Solved solved) {
      Plan plan = solved.plan();
      return new StressOutcome(scenario, account, equity, margin, shortfall,
          plan.status().label(), plan.maxCoverableShortfall(),
          OptionalDouble.of(plan.expectedLoss()), OptionalDouble.of(plan.objective().total()),
          "");
    }
    if (result instanceof SolveResult.Infeasible infeasible) {
      return new StressOutcome(scenario, account, equity, margin, shortfall,
          "infeasible", OptionalDouble.of(infeasible.maxCoverableShortfall()), none, none,
          String.format(java.util.Locale.ROOT, "the largest coverable shortfall is %.2f",
              infeasible.maxCoverableShortfall()));
    }
    SolveResult.Failed failed = (SolveResult.Failed) result;
    return new StressOutcome(scenario, account, equity, margin, shortfall, "failed",
        none, none, none, failed.reason());
  }
}
