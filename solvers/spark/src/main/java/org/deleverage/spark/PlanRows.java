package org.deleverage.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.deleverage.InfeasibleShortfallException;
import org.deleverage.InvalidInputException;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.io.PlanJson;

/**
 * Plan rows ({@link RowSchemas#PLAN}) from solve results, and the error rows: a row for every
 * account, whatever happened to it, so that no account's problem ever fails a Spark job.
 */
public final class PlanRows {

  private PlanRows() {}

  /**
   * The row of a solve result: a plan (status OPTIMAL, LOCAL or FEASIBLE), INFEASIBLE with S and
   * S_max, TIMED_OUT when the solver stopped at its time limit, FAILED otherwise.
   *
   * @param accountId the account's key
   * @param scenario the scenario's name, or null
   * @param result the solve result
   * @return the row
   */
  public static Row of(String accountId, String scenario, SolveResult result) {
    if (result instanceof SolveResult.Solved solved) {
      Plan plan = solved.value();
      Row file = JsonRows.toRow(JsonRows.tree(PlanJson.write(plan)), RowSchemas.PLAN_FILE);
      return row(accountId, scenario, PlanStatus.valueOf(plan.status().name()), plan.solver(),
          plan.shortfall(),
          plan.maxCoverableShortfall().isPresent()
              ? plan.maxCoverableShortfall().getAsDouble() : null,
          plan.iterations(), plan.solveMillis(), null, null, null, file);
    }
    if (result instanceof SolveResult.Infeasible infeasible) {
      String message = new InfeasibleShortfallException(
          infeasible.solver(), infeasible.shortfall(), infeasible.maxCoverableShortfall())
          .getMessage();
      return row(accountId, scenario, PlanStatus.INFEASIBLE, infeasible.solver(),
          infeasible.shortfall(), infeasible.maxCoverableShortfall(), infeasible.iterations(),
          infeasible.solveMillis(), null, null, message, null);
    }
    SolveResult.Failed failed = (SolveResult.Failed) result;
    PlanStatus status =
        failed.timeLimitReached() ? PlanStatus.TIMED_OUT : PlanStatus.FAILED;
    return row(accountId, scenario, status, failed.solver(), null, null, failed.iterations(),
        failed.solveMillis(), null, null, failed.reason(), null);
  }

  /**
   * The row of invalid input: status INVALID, the path and rule of the first violation, and the
   * exception's message (every violation) as {@code message}.
   *
   * @param accountId the account's key, or null
   * @param scenario the scenario's name, or null
   * @param solver the solver's name
   * @param error the error
   * @return the row
   */
  public static Row invalid(
      String accountId, String scenario, String solver, InvalidInputException error) {
    return row(accountId, scenario, PlanStatus.INVALID, solver, null, null, 0L, 0.0,
        error.path(), error.rule(), error.getMessage(), null);
  }

  /**
   * The row of an unexpected error while planning an account: status FAILED, the error's class
   * and message as {@code message}.
   *
   * @param accountId the account's key, or null
   * @param scenario the scenario's name, or null
   * @param solver the solver's name
   * @param error the error
   * @return the row
   */
  public static Row failed(
      String accountId, String scenario, String solver, RuntimeException error) {
    return row(accountId, scenario, PlanStatus.FAILED, solver, null, null, 0L, 0.0, null, null,
        error.getClass().getName() + ": " + error.getMessage(), null);
  }

  /**
   * The status of a plan row.
   *
   * @param row a row of {@link RowSchemas#PLAN}
   * @return its status
   */
  public static PlanStatus status(Row row) {
    return PlanStatus.valueOf(row.getString(row.fieldIndex("status")));
  }

  /**
   * The plan file of a plan row, as the library writes it (FORMAT.md, "Plan file"), or null
   * when the row has no plan.
   *
   * @param row a row of {@link RowSchemas#PLAN}
   * @return the plan file's JSON text, or null
   */
  public static String planJson(Row row) {
    int index = row.fieldIndex("plan");
    if (row.isNullAt(index)) {
      return null;
    }
    // As the plan file: an absent figure is a null, but the note only appears when it applies.
    var json = JsonRows.toJson(row.getStruct(index), RowSchemas.PLAN_FILE, true);
    if (json.get("shadowPriceNote").isNull()) {
      json.remove("shadowPriceNote");
    }
    return JsonRows.text(json);
  }

  private static Row row(
      String accountId,
      String scenario,
      PlanStatus status,
      String solver,
      Double shortfall,
      Double maxCoverableShortfall,
      long iterations,
      double solveMillis,
      String errorPath,
      String errorRule,
      String message,
      Row plan) {
    return new GenericRowWithSchema(new Object[] {accountId, scenario, status.name(), solver,
        shortfall, maxCoverableShortfall, iterations, solveMillis, errorPath, errorRule, message,
        plan}, RowSchemas.PLAN);
  }
}
