package org.deleverage.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.stress.CascadeAccount;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRound;
import org.deleverage.solvers.stress.Scenario;
import org.deleverage.solvers.stress.StressOutcome;

/**
 * Reads stress-test and cascade inputs and writes their results as JSON. A scenario:
 *
 * <pre>
 * { "name": "crash", "priceShock": -0.1, "priceShocks": { "BTC": -0.3 },
 *   "factorShocks": [ -0.05 ], "volatilityMultiplier": 1.5, "volatilityMultipliers": { },
 *   "correlationSpike": 0.5, "marginRateIncrease": 0.05, "marginRateIncreases": { } }
 * </pre>
 *
 * (only {@code name} is required; see {@link Scenario} for the meaning). A stress-test input is
 * {@code { "solver": "optimal", "scenarios": [ ... ], "accounts": [ { "name": "...", "problem":
 * { a problem file } } ] }} ({@code solver} optional); a cascade input is {@code { "rounds": 10,
 * "shock": { a scenario }, "depth": { "A": 100000 }, "accounts": [ { "name": "...", "solver":
 * "optimal", "problem": { ... } } ] }} ({@code rounds}, default 20, {@code depth} and each
 * {@code solver}, default optimal, optional). Unknown fields are rejected, errors name the JSON
 * path and the rule. Results are written with every figure; a figure that is not a number (the
 * amplification of a shock that lost nothing) is written as {@code null}. Stateless and
 * thread-safe.
 */
public final class StressJson {

  /** The round limit of a cascade whose file gives none. */
  public static final int DEFAULT_ROUNDS = 20;

  private static final List<String> SCENARIO_FIELDS =
      List.of("name", "priceShock", "priceShocks", "factorShocks", "volatilityMultiplier",
          "volatilityMultipliers", "correlationSpike", "marginRateIncrease",
          "marginRateIncreases");
  private static final List<String> STRESS_FIELDS = List.of("solver", "scenarios", "accounts");
  private static final List<String> STRESS_ACCOUNT_FIELDS = List.of("name", "problem");
  private static final List<String> CASCADE_FIELDS =
      List.of("rounds", "shock", "depth", "accounts");
  private static final List<String> CASCADE_ACCOUNT_FIELDS = List.of("name", "solver", "problem");

  private StressJson() {}

  /**
   * A stress-test input.
   *
   * @param scenarios the scenarios, in order
   * @param accounts the accounts' problems by name, in file order
   * @param solver the file's solver name, if it gives one
   */
  public record StressInput(
      List<Scenario> scenarios, Map<String, DeleveragingProblem> accounts,
      Optional<String> solver) {}

  /**
   * A cascade input.
   *
   * @param accounts the accounts with their solvers
   * @param shock the initial shock
   * @param depth market depth by asset id
   * @param rounds the round limit
   */
  public record CascadeInput(
      List<CascadeAccount> accounts, Scenario shock, Map<String, Double> depth, int rounds) {}

  /**
   * The stress-test input in the UTF-8 stream {@code in}, read to its end (not closed).
   *
   * @param in the stream
   * @return the input
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the stream cannot be read
   */
  public static StressInput readStress(InputStream in) throws IOException {
    JsonObject top = top(tree(in), "stress-test input").onlyFields(STRESS_FIELDS);
    List<Scenario> scenarios = new ArrayList<>();
    JsonNode list = JsonObject.array(top.required("scenarios"), "scenarios");
    for (int s = 0; s < list.size(); s++) {
      scenarios.add(scenario(JsonObject.of(list.get(s), JsonObject.element("scenarios", s))));
    }
    Map<String, DeleveragingProblem> accounts = new LinkedHashMap<>();
    JsonNode array = JsonObject.array(top.required("accounts"), "accounts");
    for (int a = 0; a < array.size(); a++) {
      JsonObject account =
          JsonObject.of(array.get(a), JsonObject.element("accounts", a))
              .onlyFields(STRESS_ACCOUNT_FIELDS);
      String name = account.requiredString("name");
      if (accounts.containsKey(name)) {
        throw new InvalidInputException(
            account.pathOf("name"), "must be unique, \"" + name + "\" appears twice");
      }
      accounts.put(name, ProblemJson.fromTree(account.required("problem"),
          account.pathOf("problem")));
    }
    Optional<String> solver =
        top.has("solver") ? Optional.of(top.requiredString("solver")) : Optional.empty();
    solver.ifPresent(name -> solver(name, "solver"));
    return new StressInput(scenarios, accounts, solver);
  }

  /**
   * The cascade input in the UTF-8 stream {@code in}, read to its end (not closed).
   *
   * @param in the stream
   * @return the input
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the stream cannot be read
   */
  public static CascadeInput readCascade(InputStream in) throws IOException {
    JsonObject top = top(tree(in), "cascade input").onlyFields(CASCADE_FIELDS);
    int rounds = top.integer("rounds", DEFAULT_ROUNDS);
    if (rounds < 1) {
      throw new InvalidInputException("rounds", "must be >= 1, was " + rounds);
    }
    Scenario shock = scenario(top.requiredObject("shock"));
    Map<String, Double> depth =
        top.object("depth").map(json -> numbers(json)).orElse(Map.of());
    List<CascadeAccount> accounts = new ArrayList<>();
    JsonNode array = JsonObject.array(top.required("accounts"), "accounts");
    List<String> names = new ArrayList<>();
    for (int a = 0; a < array.size(); a++) {
      JsonObject account =
          JsonObject.of(array.get(a), JsonObject.element("accounts", a))
              .onlyFields(CASCADE_ACCOUNT_FIELDS);
      String name = account.requiredString("name");
      if (names.contains(name)) {
        throw new InvalidInputException(
            account.pathOf("name"), "must be unique, \"" + name + "\" appears twice");
      }
      names.add(name);
      DeleveragingSolver solver =
          solver(account.string("solver", Solvers.DEFAULT_NAME), account.pathOf("solver"));
      DeleveragingProblem problem =
          ProblemJson.fromTree(account.required("problem"), account.pathOf("problem"));
      accounts.add(account.built(() -> new CascadeAccount(name, problem, solver)));
    }
    return new CascadeInput(accounts, shock, depth, rounds);
  }

  /**
   * The outcomes of a stress test as JSON: every outcome, then per scenario the accounts that
   * cannot cover.
   *
   * @param outcomes the outcomes, scenario by scenario
   * @return the document, ending in a newline
   */
  public static String writeStress(List<StressOutcome> outcomes) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode list = root.putArray("outcomes");
    Map<String, List<String>> cannot = new LinkedHashMap<>();
    for (StressOutcome outcome : outcomes) {
      ObjectNode json = list.addObject();
      json.put("scenario", outcome.scenario());
      json.put("account", outcome.account());
      json.put("equity", outcome.equity());
      json.put("shortfall", outcome.shortfall());
      json.put("status", outcome.status());
      Json.putOptional(json, "maxCoverableShortfall", outcome.maxCoverableShortfall());
      Json.putOptional(json, "expectedLoss", outcome.expectedLoss());
      Json.putOptional(json, "objective", outcome.objective());
      if (!outcome.message().isEmpty()) {
        json.put("message", outcome.message());
      }
      List<String> accounts = cannot.computeIfAbsent(outcome.scenario(), s -> new ArrayList<>());
      if (!outcome.covers()) {
        accounts.add(outcome.account());
      }
    }
    ObjectNode summary = root.putObject("cannotCover");
    cannot.forEach((scenario, accounts) -> {
      ArrayNode names = summary.putArray(scenario);
      accounts.forEach(names::add);
    });
    return Json.write(root);
  }

  /**
   * A cascade's result as JSON.
   *
   * @param result the result
   * @return the document, ending in a newline
   */
  public static String writeCascade(CascadeResult result) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("settled", result.settled());
    root.put("shockLoss", result.shockLoss());
    root.put("totalLoss", result.totalLoss());
    Json.putFinite(root, "amplification", result.amplification());
    putMap(root, "initialPrices", result.initialPrices());
    putMap(root, "shockedPrices", result.shockedPrices());
    ArrayNode rounds = root.putArray("rounds");
    for (CascadeRound round : result.rounds()) {
      ObjectNode json = rounds.addObject();
      json.put("round", round.round());
      putMap(json, "shortfalls", round.shortfalls());
      putMap(json, "equities", round.equities());
      ObjectNode deleveraged = json.putObject("deleveraged");
      round.deleveraged().forEach(deleveraged::put);
      putMap(json, "sales", round.sales());
      putMap(json, "prices", round.prices());
      putMap(json, "priceMoves", round.priceMoves());
      ArrayNode defaults = json.putArray("defaults");
      round.defaults().forEach(defaults::add);
      json.put("lossToDate", round.lossToDate());
    }
    putMap(root, "finalShortfalls", result.finalShortfalls());
    putMap(root, "finalEquities", result.finalEquities());
    ArrayNode defaults = root.putArray("defaults");
    result.defaults().forEach(defaults::add);
    return Json.write(root);
  }

  private static JsonNode tree(InputStream in) throws IOException {
    String text = Utf8Text.read(in, Utf8Text.WHOLE_INPUT);
    try {
      return Json.READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    }
  }

  private static JsonObject top(JsonNode root, String what) {
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException("", "the " + what + " is empty");
    }
    if (!root.isObject()) {
      throw new InvalidInputException(
          "", "the " + what + " must be a JSON object, was " + JsonObject.describe(root));
    }
    return JsonObject.of(root, "");
  }

  private static Scenario scenario(JsonObject json) {
    json.onlyFields(SCENARIO_FIELDS);
    String name = json.requiredString("name");
    double priceShock = json.number("priceShock", 0.0);
    Map<String, Double> priceShocks = json.object("priceShocks").map(StressJson::numbers)
        .orElse(Map.of());
    List<Double> factorShocks = new ArrayList<>();
    json.array("factorShocks").ifPresent(array -> {
      for (int k = 0; k < array.size(); k++) {
        factorShocks.add(JsonObject.number(array.get(k),
            JsonObject.element(json.pathOf("factorShocks"), k)));
      }
    });
    double volatility = json.number("volatilityMultiplier", 1.0);
    Map<String, Double> volatilities = json.object("volatilityMultipliers")
        .map(StressJson::numbers).orElse(Map.of());
    double spike = json.number("correlationSpike", 0.0);
    double margin = json.number("marginRateIncrease", 0.0);
    Map<String, Double> margins = json.object("marginRateIncreases").map(StressJson::numbers)
        .orElse(Map.of());
    return json.built(() -> new Scenario(name, priceShock, priceShocks, factorShocks,
        volatility, volatilities, spike, margin, margins));
  }

  private static Map<String, Double> numbers(JsonObject json) {
    Map<String, Double> values = new LinkedHashMap<>();
    Iterator<String> names = json.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      values.put(name, json.requiredNumber(name));
    }
    return values;
  }

  private static DeleveragingSolver solver(String name, String path) {
    return Solvers.named(name)
        .orElseThrow(() -> new InvalidInputException(path,
            "must name a solver (" + String.join(", ", Solvers.names()) + "), was \""
                + name + "\""));
  }

  private static void putMap(ObjectNode parent, String name, Map<String, Double> values) {
    ObjectNode json = parent.putObject(name);
    values.forEach((key, value) -> Json.putFinite(json, key, value));
  }
}
