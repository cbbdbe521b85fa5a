package org.deleverage.spark;

import org.apache.spark.sql.Row;
import org.deleverage.InvalidInputException;
import org.deleverage.io.StressJson;
import org.deleverage.solvers.stress.Scenario;

/**
 * Scenario rows ({@link RowSchemas#SCENARIO}) to scenarios and back, through the stress file's
 * own scenario reader and writer ({@link StressJson#readScenario}), so that a row meets every
 * rule of a scenario in a stress file. A null field takes the stress file's default: no shock, a
 * volatility multiplier of 1, no correlation spike, no margin rate increase, no liquidity stress,
 * static margins.
 */
public final class ScenarioRows {

  private ScenarioRows() {}

  /**
   * The row of a scenario.
   *
   * @param scenario the scenario
   * @return the row, of schema {@link RowSchemas#SCENARIO}
   */
  public static Row toRow(Scenario scenario) {
    return JsonRows.toRow(JsonRows.tree(StressJson.writeScenario(scenario)), RowSchemas.SCENARIO);
  }

  /**
   * The scenario of a row; fields are found by name.
   *
   * @param row a row of {@link RowSchemas#SCENARIO}
   * @return the scenario
   * @throws InvalidInputException if the row breaks a rule of the stress file's scenario, with the
   *     path under {@code scenario} (for example {@code scenario.priceShock}) and the rule
   */
  public static Scenario toScenario(Row row) {
    String json = JsonRows.text(JsonRows.toJson(row, RowSchemas.SCENARIO, false));
    try {
      return StressJson.readScenario(json);
    } catch (InvalidInputException e) {
      throw e.under("scenario");
    }
  }
}
