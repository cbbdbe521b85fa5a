package org.deleverage.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.deleverage.InvalidInputException;
import org.deleverage.solvers.stress.Scenario;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Scenario rows ({@link RowSchemas#SCENARIO}) to scenarios and back. A null field takes the
 * stress file's default: no shock, a volatility multiplier of 1, no correlation spike, no margin
 * rate increase.
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
    return new GenericRowWithSchema(new Object[] {
        scenario.name(),
        scenario.priceShock(),
        sorted(scenario.priceShocks()),
        CollectionConverters.asScala(new ArrayList<Object>(scenario.factorShocks())),
        scenario.volatilityMultiplier(),
        sorted(scenario.volatilityMultipliers()),
        scenario.correlationSpike(),
        scenario.marginRateIncrease(),
        sorted(scenario.marginRateIncreases())},
        RowSchemas.SCENARIO);
  }

  private static scala.collection.mutable.Map<String, Double> sorted(Map<String, Double> map) {
    return CollectionConverters.asScala(new LinkedHashMap<>(new TreeMap<>(map)));
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
    var json = JsonRows.toJson(row, RowSchemas.SCENARIO, false);
    try {
      if (!json.hasNonNull("name")) {
        throw new InvalidInputException("name", "is required");
      }
      return new Scenario(
          json.get("name").asText(),
          number(json, "priceShock", 0.0),
          map(json, "priceShocks"),
          list(json, "factorShocks"),
          number(json, "volatilityMultiplier", 1.0),
          map(json, "volatilityMultipliers"),
          number(json, "correlationSpike", 0.0),
          number(json, "marginRateIncrease", 0.0),
          map(json, "marginRateIncreases"));
    } catch (InvalidInputException e) {
      throw e.under("scenario");
    }
  }

  private static double number(
      com.fasterxml.jackson.databind.JsonNode json, String name, double absent) {
    var node = json.get(name);
    if (node == null) {
      return absent;
    }
    if (!node.isNumber()) {
      throw new InvalidInputException(name, "must be a number, was " + node);
    }
    return node.doubleValue();
  }

  private static Map<String, Double> map(
      com.fasterxml.jackson.databind.JsonNode json, String name) {
    Map<String, Double> map = new LinkedHashMap<>();
    var node = json.get(name);
    if (node != null) {
      node.fields().forEachRemaining(e -> {
        if (!e.getValue().isNumber()) {
          throw new InvalidInputException(
              name + "." + e.getKey(), "must be a number, was " + e.getValue());
        }
        map.put(e.getKey(), e.getValue().doubleValue());
      });
    }
    return map;
  }

  private static List<Double> list(com.fasterxml.jackson.databind.JsonNode json, String name) {
    List<Double> list = new ArrayList<>();
    var node = json.get(name);
    if (node != null) {
      for (int k = 0; k < node.size(); k++) {
        if (!node.get(k).isNumber()) {
          throw new InvalidInputException(
              name + "[" + k + "]", "must be a number, was " + node.get(k));
        }
        list.add(node.get(k).doubleValue());
      }
    }
    return list;
  }
}
