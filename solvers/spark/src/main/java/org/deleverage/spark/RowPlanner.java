package org.deleverage.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointOptions;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.deleverage.solvers.stress.Scenario;

/**
 * Plans problem rows into plan rows with one solver, the optimiser of {@link Solvers#optimal()}
 * under a time limit per row and without concurrent runs (an executor's cores are Spark's to
 * share out). It never throws for a row: every account gets a row with its status ({@link
 * PlanRows}). The Spark API makes one per partition; it is not thread-safe, and not
 * serializable, since the solver is not.
 */
public final class RowPlanner {

  private final InteriorPointSolver solver;

  /**
   * A planner whose solves stop after the given time.
   *
   * @param timeLimitMillis the most time one row's solve may take, milliseconds, {@code >= 1}
   * @throws IllegalArgumentException if the time limit is below 1
   */
  public RowPlanner(long timeLimitMillis) {
    this.solver = Solvers.optimal(options(timeLimitMillis));
  }

  /**
   * The optimiser's options a planner with this time limit uses, for a plain loop that should
   * give the same plans.
   *
   * @param timeLimitMillis the most time one row's solve may take, milliseconds, {@code >= 1}
   * @return the options
   * @throws IllegalArgumentException if the time limit is below 1
   */
  public static InteriorPointOptions options(long timeLimitMillis) {
    return InteriorPointOptions.DEFAULTS
        .withTimeLimitMillis(timeLimitMillis)
        .withConcurrentRuns(false);
  }

  /**
   * The plan row of a problem row.
   *
   * @param problem a row of {@link RowSchemas#PROBLEM}
   * @return its plan row, of {@link RowSchemas#PLAN}, with a null scenario
   */
  public Row plan(Row problem) {
    String accountId = ProblemRows.accountId(problem);
    try {
      return solve(accountId, null, ProblemRows.toProblem(problem));
    } catch (InvalidInputException e) {
      return PlanRows.invalid(accountId, null, solver.name(), e);
    } catch (RuntimeException e) {
      return PlanRows.failed(accountId, null, solver.name(), e);
    }
  }

  /**
   * The plan rows of a problem row under each scenario, in the scenarios' order. A problem row
   * that breaks a rule gives an INVALID row under every scenario; so does a scenario row that
   * breaks one (its path under {@code scenario}), and a scenario that does not fit the problem
   * (for example a shock of an asset the account does not hold).
   *
   * @param problem a row of {@link RowSchemas#PROBLEM}
   * @param scenarios rows of {@link RowSchemas#SCENARIO}
   * @return a plan row per scenario
   */
  public List<Row> planUnder(Row problem, List<Row> scenarios) {
    return planUnderRead(problem, ScenarioRead.all(scenarios));
  }

  /**
   * As {@link #planUnder(Row, List)}, with the scenario rows read once for many problem rows (a
   * partition's): reading a row is the same for every account.
   */
  List<Row> planUnderRead(Row problem, List<ScenarioRead> scenarios) {
    String accountId = ProblemRows.accountId(problem);
    DeleveragingProblem base = null;
    RuntimeException problemError = null;
    try {
      base = ProblemRows.toProblem(problem);
    } catch (RuntimeException e) {
      problemError = e;
    }
    List<Row> rows = new ArrayList<>(scenarios.size());
    for (ScenarioRead read : scenarios) {
      String name = read.name();
      try {
        if (problemError != null) {
          throw problemError;
        }
        if (read.error() != null) {
          throw read.error();
        }
        DeleveragingProblem stressed;
        try {
          stressed = read.scenario().apply(base);
        } catch (InvalidInputException e) {
          throw e.under("scenario");
        }
        rows.add(solve(accountId, name, stressed));
      } catch (InvalidInputException e) {
        rows.add(PlanRows.invalid(accountId, name, solver.name(), e));
      } catch (RuntimeException e) {
        rows.add(PlanRows.failed(accountId, name, solver.name(), e));
      }
    }
    return rows;
  }

  /**
   * A scenario row as read: its name, and the scenario, or the error reading it gave (which
   * every account's row under it reports).
   */
  record ScenarioRead(String name, Scenario scenario, RuntimeException error) {

    /** The rows read, in their order. */
    static List<ScenarioRead> all(List<Row> rows) {
      List<ScenarioRead> read = new ArrayList<>(rows.size());
      for (Row row : rows) {
        try {
          read.add(new ScenarioRead(scenarioName(row), ScenarioRows.toScenario(row), null));
        } catch (RuntimeException e) {
          read.add(new ScenarioRead(scenarioName(row), null, e));
        }
      }
      return read;
    }
  }

  private Row solve(String accountId, String scenario, DeleveragingProblem problem) {
    return PlanRows.of(accountId, scenario, solver.solve(problem.resolve()));
  }

  /** A scenario row's name, null when it has none. */
  static String scenarioName(Row scenario) {
    int index = scenario.fieldIndex("name");
    return scenario.isNullAt(index) ? null : scenario.getString(index);
  }
}
