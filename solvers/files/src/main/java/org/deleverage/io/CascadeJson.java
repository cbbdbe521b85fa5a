package org.deleverage.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRule;
import org.deleverage.solvers.stress.CascadeSettings;
import org.deleverage.solvers.stress.DepthFunction;
import org.deleverage.solvers.stress.SystemicMeasures;

/**
 * The cascade file's rules and settings (read with {@link StressJson#readCascade}) and the
 * cascade result's settings and systemic measures (written by {@link StressJson#writeCascade}).
 * In the file, each optional:
 *
 * <pre>
 * "depthFunction": { "model": "exponential" }            or "linear",
 *                  { "model": "floor", "floor": 0.5, "floors": { "ILL": 0.3 } },
 * "executionPrice": "end",                               or "midpoint",
 * "default": { "rule": "equity" },                       or { "rule": "leverage",
 *                                                             "maxLeverage": 25 },
 * "marginRule": { "elasticity": 1, "cap": 1 },
 * "volatility": { "model": "ewma", "lambda": 0.94 },
 * and per account "rule": { "name": "threshold" },       or { "name": "leverage-targeting",
 *   "target": 10 } (target optional), or { "name": "cont-schaanning", "threshold": 20,
 *   "target": 15 }
 * </pre>
 *
 * A parameter a choice does not use is an error naming it. Stateless.
 */
final class CascadeJson {

  private CascadeJson() {}

  /** A cascade account's {@code rule}. */
  record RuleFile(String name, Double target, Double threshold) {

    CascadeRule toRule() {
      String named = Json.required(name, "name");
      return switch (named) {
        case "threshold" -> {
          unused(target, "target", named);
          unused(threshold, "threshold", named);
          yield CascadeRule.THRESHOLD;
        }
        case "leverage-targeting" -> {
          unused(threshold, "threshold", named);
          yield new CascadeRule.LeverageTargeting(
              target == null ? OptionalDouble.empty() : OptionalDouble.of(target));
        }
        case "cont-schaanning" -> new CascadeRule.ContSchaanning(
            Json.required(threshold, "threshold"), Json.required(target, "target"));
        default -> throw new InvalidInputException("name", "must be threshold, "
            + "leverage-targeting or cont-schaanning, was " + Json.quoted(named));
      };
    }
  }

  /** The file's {@code depthFunction}. */
  record DepthFile(String model, Double floor, Map<String, Double> floors) {

    DepthFunction toFunction() {
      String named = Json.required(model, "model");
      return switch (named) {
        case "exponential", "linear" -> {
          unused(floor, "floor", named);
          unused(floors, "floors", named);
          yield named.equals("linear") ? new DepthFunction.Linear() : DepthFunction.EXPONENTIAL;
        }
        case "floor" -> new DepthFunction.PriceFloor(
            Json.required(floor, "floor"), floors == null ? Map.of() : floors);
        default -> throw new InvalidInputException("model",
            "must be exponential, linear or floor, was " + Json.quoted(named));
      };
    }
  }

  /** The file's {@code default}. */
  record DefaultFile(String rule, Double maxLeverage) {

    CascadeSettings.DefaultRule toRule() {
      String named = Json.required(rule, "rule");
      return switch (named) {
        case "equity" -> {
          unused(maxLeverage, "maxLeverage", named);
          yield CascadeSettings.DefaultRule.EQUITY;
        }
        case "leverage" -> CascadeSettings.DefaultRule.leverage(
            Json.required(maxLeverage, "maxLeverage"));
        default -> throw new InvalidInputException(
            "rule", "must be equity or leverage, was " + Json.quoted(named));
      };
    }
  }

  /** The file's {@code marginRule}: the shared volatility-driven margin rule. */
  record MarginRuleFile(Double elasticity, Double cap) {

    VolatilityMarginRule toRule() {
      return new VolatilityMarginRule(
          Json.required(elasticity, "elasticity"), cap == null ? 1.0 : cap);
    }
  }

  /** The file's {@code volatility}: the moving average the margin rule follows. */
  record VolatilityFile(String model, Double lambda) {

    double toLambda() {
      String named = Json.required(model, "model");
      if (!named.equals("ewma")) {
        throw new InvalidInputException("model", "must be ewma, was " + Json.quoted(named));
      }
      return lambda == null ? CascadeSettings.RISKMETRICS_LAMBDA : lambda;
    }
  }

  /** The settings of a cascade file, each left out meaning today's. */
  static CascadeSettings settings(DepthFile depth, String execution, DefaultFile defaults,
      MarginRuleFile margin, VolatilityFile volatility) {
    CascadeSettings settings = CascadeSettings.DEFAULT;
    if (depth != null) {
      settings = settings.withDepthFunction(Json.under("depthFunction", depth::toFunction));
    }
    if (execution != null) {
      settings = settings.withExecutionPrice(switch (execution) {
        case "end" -> CascadeSettings.ExecutionPrice.END;
        case "midpoint" -> CascadeSettings.ExecutionPrice.MIDPOINT;
        default -> throw new InvalidInputException("executionPrice",
            "must be end or midpoint, was " + Json.quoted(execution));
      });
    }
    if (defaults != null) {
      settings = settings.withDefaultRule(Json.under("default", defaults::toRule));
    }
    if (margin == null) {
      if (volatility != null) {
        throw new InvalidInputException("volatility",
            "is used only with a marginRule; give one, or leave volatility out");
      }
      return settings;
    }
    VolatilityMarginRule rule = Json.under("marginRule", margin::toRule);
    double lambda = volatility == null
        ? CascadeSettings.RISKMETRICS_LAMBDA : Json.under("volatility", volatility::toLambda);
    return settings.withMarginRule(rule, lambda);
  }

  /** An error when a parameter the choice {@code named} does not use was given. */
  private static void unused(Object value, String field, String named) {
    if (value != null) {
      throw new InvalidInputException(field, "is not used by " + named);
    }
  }

  /** Writes the settings a cascade ran with under {@code settings}. */
  static void putSettings(ObjectNode root, CascadeResult result) {
    CascadeSettings settings = result.settings();
    ObjectNode json = root.putObject("settings");
    ObjectNode depth = json.putObject("depthFunction");
    depth.put("model", settings.depthFunction().label());
    if (settings.depthFunction() instanceof DepthFunction.PriceFloor floor) {
      depth.put("floor", floor.floor());
      ObjectNode floors = depth.putObject("floors");
      floor.floors().forEach(floors::put);
    }
    json.put("executionPrice", settings.executionPrice().label());
    ObjectNode defaults = json.putObject("default");
    defaults.put("rule", settings.defaultRule().label());
    settings.defaultRule().maxLeverage().ifPresent(max -> defaults.put("maxLeverage", max));
    Optional<VolatilityMarginRule> margin = settings.marginRule();
    if (margin.isPresent()) {
      ObjectNode rule = json.putObject("marginRule");
      rule.put("elasticity", margin.get().elasticity());
      rule.put("cap", margin.get().cap());
      ObjectNode volatility = json.putObject("volatility");
      volatility.put("model", "ewma");
      volatility.put("lambda", settings.ewmaLambda());
    }
  }

  /** Writes the systemic measures under {@code systemic}. */
  static void putSystemic(ObjectNode root, SystemicMeasures measures) {
    ObjectNode json = root.putObject("systemic");
    Json.putFinite(json, "aggregateVulnerability", measures.aggregateVulnerability());
    ObjectNode accounts = json.putObject("accounts");
    measures.systemicness().keySet().forEach(name -> {
      ObjectNode account = accounts.putObject(name);
      Json.putFinite(account, "leverage", measures.leverage().get(name));
      Json.putFinite(account, "systemicness", measures.systemicness().get(name));
      Json.putFinite(account, "indirectVulnerability",
          measures.indirectVulnerability().get(name));
      Json.putFinite(account, "indirectContagionIndex", measures.indirectContagion().get(name));
    });
  }
}
