package org.deleverage.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.models.ImpactStress;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.models.internal.Checks;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.stress.CascadeAccount;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRound;
import org.deleverage.solvers.stress.CascadeRule;
import org.deleverage.solvers.stress.CascadeSettings;
import org.deleverage.solvers.stress.LiquidityShock;
import org.deleverage.solvers.stress.Scenario;
import org.deleverage.solvers.stress.StressOutcome;

/**
 * Reads stress-test and cascade inputs and writes their results as JSON. A scenario:
 *
 * <pre>
 * { "name": "crash", "priceShock": -0.1, "priceShocks": { "BTC": -0.3 },
 *   "factorShocks": [ -0.05 ], "volatilityMultiplier": 1.5, "volatilityMultipliers": { },
 *   "correlationSpike": 0.5, "marginRateIncrease": 0.05, "marginRateIncreases": { },
 *   "liquidityShock": { "halfSpreadMultiplier": 3, "advMultiplier": 0.5,
 *     "bookSizeMultiplier": 0.5, "bookLevels": 3, "bookMaxOffset": 0.01, "etaMultiplier": 2,
 *     "coefficientMultiplier": 2, "gammaMultiplier": 2 },
 *   "liquidityShocks": { "BTC": { "halfSpreadMultiplier": 5 } },
 *   "factorLiquidityShocks": [ { "advMultiplier": 0.5 } ],
 *   "marginRule": { "elasticity": 1, "cap": 1 } }
 * </pre>
 *
 * (only {@code name} is required; in a liquidity shock every field is optional, one left out
 * changes nothing, and an asset's own shock replaces {@code liquidityShock} whole; in {@code
 * marginRule} {@code elasticity} is required and {@code cap} is 1 by default; see {@link
 * Scenario} for the meaning). {@link #writeStressInput} writes an input back in this form. A
 * stress-test input is {@code { "solver": "optimal", "scenarios": [ ... ], "accounts": [ {
 * "name": "...", "problem": { a problem file } } ] }} ({@code solver} optional); a cascade input
 * is {@code { "rounds": 10, "shock": { a scenario }, "depth": { "A": 100000 }, "accounts": [ {
 * "name": "...", "solver": "optimal", "problem": { ... } } ] }} ({@code rounds}, default 20,
 * {@code depth} and each {@code solver}, default optimal, optional), with the optional cascade
 * rules and settings of {@link CascadeJson} ({@code depthFunction}, {@code executionPrice},
 * {@code default}, {@code marginRule}, {@code volatility}, and each account's {@code rule}).
 * Unknown fields are rejected, errors name the JSON path and the rule. Results are written with
 * every figure; a figure that is not a number (the amplification of a shock that lost nothing) is
 * written as {@code null}. Stateless and
 * thread-safe.
 */
public final class StressJson {

  /** The round limit of a cascade whose file gives none. */
  public static final int DEFAULT_ROUNDS = 20;

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
   * @param settings the depth function, execution price, default rule and margin rule
   */
  public record CascadeInput(List<CascadeAccount> accounts, Scenario shock,
      Map<String, Double> depth, int rounds, CascadeSettings settings) {

    /**
     * An input with today's settings ({@link CascadeSettings#DEFAULT}).
     *
     * @param accounts the accounts with their solvers
     * @param shock the initial shock
     * @param depth market depth by asset id
     * @param rounds the round limit
     */
    public CascadeInput(
        List<CascadeAccount> accounts, Scenario shock, Map<String, Double> depth, int rounds) {
      this(accounts, shock, depth, rounds, CascadeSettings.DEFAULT);
    }
  }

  /**
   * The stress-test input in the UTF-8 stream {@code in}, read to its end (not closed).
   *
   * @param in the stream
   * @return the input
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the stream cannot be read
   */
  public static StressInput readStress(InputStream in) throws IOException {
    return Json.read(Utf8Text.read(in, Utf8Text.WHOLE_INPUT), StressFile.class,
        "the stress-test input is empty", "the stress-test input must be a JSON object")
        .toInput();
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
    return Json.read(Utf8Text.read(in, Utf8Text.WHOLE_INPUT), CascadeFile.class,
        "the cascade input is empty", "the cascade input must be a JSON object").toInput();
  }

  /**
   * One scenario, as a stress file's {@code scenarios[]} entry holds it, with the same fields,
   * defaults and rules.
   *
   * @param json the scenario's JSON object
   * @return the scenario
   * @throws InvalidInputException naming the field (for example {@code priceShock}) and the rule
   *     of the first error
   */
  public static Scenario readScenario(String json) {
    return Json.read(json, ScenarioFile.class, "the scenario is empty",
        "a scenario must be a JSON object").toScenario();
  }

  /**
   * One scenario as the JSON object {@link #readScenario} reads back to an equal scenario, with
   * every field, as {@link #writeStressInput} writes it.
   *
   * @param scenario the scenario
   * @return the object, ending in a newline
   */
  public static String writeScenario(Scenario scenario) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    putScenario(root, scenario);
    return Json.write(root);
  }

  private record StressFile(@JsonSetter(nulls = Nulls.SET) String solver,
      List<ScenarioFile> scenarios, List<StressAccountFile> accounts) {

    StressInput toInput() {
      List<Scenario> list =
          Json.each(Json.required(scenarios, "scenarios"), "scenarios", ScenarioFile::toScenario);
      Map<String, DeleveragingProblem> problems = new LinkedHashMap<>();
      List<StressAccountFile> given = Json.required(accounts, "accounts");
      Json.each(given, "accounts", account -> {
        String name = Json.required(account.name(), "name");
        if (problems.containsKey(name)) {
          throw new InvalidInputException("name", "must be unique, \"" + name + "\" appears twice");
        }
        return problems.put(name, Json.under("problem",
            () -> Json.required(account.problem(), "").toProblem()));
      });
      Optional<String> named = Optional.ofNullable(solver);
      named.ifPresent(name -> StressJson.solver(name, "solver"));
      return new StressInput(list, problems, named);
    }
  }

  private record StressAccountFile(String name, ProblemJson.ProblemFile problem) {}

  private record CascadeFile(Integer rounds, ScenarioFile shock, Map<String, Double> depth,
      List<CascadeAccountFile> accounts, CascadeJson.DepthFile depthFunction,
      String executionPrice, @JsonProperty("default") CascadeJson.DefaultFile defaultRule,
      CascadeJson.MarginRuleFile marginRule, CascadeJson.VolatilityFile volatility) {

    CascadeInput toInput() {
      int limit = rounds == null ? DEFAULT_ROUNDS : rounds;
      if (limit < 1) {
        throw new InvalidInputException("rounds", "must be >= 1, was " + limit);
      }
      Scenario initial = Json.under("shock", Json.required(shock, "shock")::toScenario);
      List<String> names = new ArrayList<>();
      List<CascadeAccount> list = Json.each(Json.required(accounts, "accounts"), "accounts",
          account -> {
            String name = Json.required(account.name(), "name");
            if (names.contains(name)) {
              throw new InvalidInputException(
                  "name", "must be unique, \"" + name + "\" appears twice");
            }
            names.add(name);
            DeleveragingSolver solver = solver(
                account.solver() == null ? Solvers.DEFAULT_NAME : account.solver(), "solver");
            DeleveragingProblem problem = Json.under("problem",
                () -> Json.required(account.problem(), "").toProblem());
            CascadeRule rule = account.rule() == null
                ? CascadeRule.THRESHOLD : Json.under("rule", account.rule()::toRule);
            return new CascadeAccount(name, problem, solver, rule);
          });
      CascadeSettings settings = CascadeJson.settings(
          depthFunction, executionPrice, defaultRule, marginRule, volatility);
      return new CascadeInput(list, initial, depth == null ? Map.of() : depth, limit, settings);
    }
  }

  private record CascadeAccountFile(String name, String solver, ProblemJson.ProblemFile problem,
      CascadeJson.RuleFile rule) {}

  private record ScenarioFile(String name, Double priceShock, Map<String, Double> priceShocks,
      List<Double> factorShocks, Double volatilityMultiplier,
      Map<String, Double> volatilityMultipliers, Double correlationSpike,
      Double marginRateIncrease, Map<String, Double> marginRateIncreases,
      LiquidityShockFile liquidityShock, Map<String, LiquidityShockFile> liquidityShocks,
      List<LiquidityShockFile> factorLiquidityShocks, MarginRuleFile marginRule) {

    Scenario toScenario() {
      LiquidityShock every = liquidityShock == null ? LiquidityShock.NONE
          : Json.under("liquidityShock", liquidityShock::toShock);
      Map<String, LiquidityShock> own = new LinkedHashMap<>();
      if (liquidityShocks != null) {
        liquidityShocks.forEach((id, shock) -> own.put(id, Json.under(
            Checks.member("liquidityShocks", id), () -> Json.required(shock, "").toShock())));
      }
      List<LiquidityShock> factors = factorLiquidityShocks == null ? List.of()
          : Json.each(factorLiquidityShocks, "factorLiquidityShocks",
              shock -> Json.required(shock, "").toShock());
      VolatilityMarginRule rule = marginRule == null ? VolatilityMarginRule.STATIC
          : Json.under("marginRule", marginRule::toRule);
      return new Scenario(Json.required(name, "name"), or(priceShock, 0.0),
          or(priceShocks, Map.of()), or(factorShocks, List.of()), or(volatilityMultiplier, 1.0),
          or(volatilityMultipliers, Map.of()), or(correlationSpike, 0.0),
          or(marginRateIncrease, 0.0), or(marginRateIncreases, Map.of()), every, own, factors,
          rule);
    }
  }

  /**
   * A liquidity shock as written: every field optional, a field left out changing nothing (a
   * multiplier of 1, no cut). An asset's own shock replaces the shock of every asset whole.
   */
  private record LiquidityShockFile(Double halfSpreadMultiplier, Double advMultiplier,
      Double bookSizeMultiplier, Integer bookLevels, Double bookMaxOffset, Double etaMultiplier,
      Double coefficientMultiplier, Double gammaMultiplier) {

    LiquidityShock toShock() {
      LiquidityShock none = LiquidityShock.NONE;
      return new LiquidityShock(
          or(halfSpreadMultiplier, none.halfSpreadMultiplier()),
          or(advMultiplier, none.advMultiplier()),
          or(bookSizeMultiplier, none.bookSizeMultiplier()),
          or(bookLevels, none.bookLevels()),
          or(bookMaxOffset, none.bookMaxOffset()),
          or(etaMultiplier, none.etaMultiplier()),
          or(coefficientMultiplier, none.coefficientMultiplier()),
          or(gammaMultiplier, none.gammaMultiplier()));
    }
  }

  /**
   * A margin rule as written, {@code { "elasticity": 1, "cap": 1 }}: the elasticity required,
   * the cap 1 when left out. The cascade file uses the same form.
   */
  private record MarginRuleFile(Double elasticity, Double cap) {

    VolatilityMarginRule toRule() {
      return new VolatilityMarginRule(Json.required(elasticity, "elasticity"), or(cap, 1.0));
    }
  }

  /** {@code value}, or {@code fallback} when it was left out. */
  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /**
   * A stress-test input as JSON, in the form {@link #readStress} reads back to an equal input:
   * every scenario with every field (a liquidity shock's book cuts only when it cuts, a scenario's
   * margin rule always), every account's problem as {@link ProblemJson#write} writes it, and the
   * solver when there is one.
   *
   * @param input the input
   * @return the document, ending in a newline
   * @throws InvalidInputException if an account's temporary impact model has no file form
   */
  public static String writeStressInput(StressInput input) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    input.solver().ifPresent(name -> root.put("solver", name));
    ArrayNode scenarios = root.putArray("scenarios");
    input.scenarios().forEach(scenario -> putScenario(scenarios.addObject(), scenario));
    ArrayNode accounts = root.putArray("accounts");
    input.accounts().forEach((name, problem) ->
        accounts.addObject().put("name", name).set("problem", ProblemJson.toTree(problem)));
    return Json.write(root);
  }

  /** Every field of {@code scenario} into {@code json}, as {@link ScenarioFile} reads them. */
  private static void putScenario(ObjectNode json, Scenario scenario) {
    json.put("name", scenario.name());
    json.put("priceShock", scenario.priceShock());
    putMap(json, "priceShocks", scenario.priceShocks());
    ArrayNode factors = json.putArray("factorShocks");
    scenario.factorShocks().forEach(factors::add);
    json.put("volatilityMultiplier", scenario.volatilityMultiplier());
    putMap(json, "volatilityMultipliers", scenario.volatilityMultipliers());
    json.put("correlationSpike", scenario.correlationSpike());
    json.put("marginRateIncrease", scenario.marginRateIncrease());
    putMap(json, "marginRateIncreases", scenario.marginRateIncreases());
    putShock(json.putObject("liquidityShock"), scenario.liquidityShock());
    ObjectNode own = json.putObject("liquidityShocks");
    scenario.liquidityShocks().forEach((id, shock) -> putShock(own.putObject(id), shock));
    ArrayNode byFactor = json.putArray("factorLiquidityShocks");
    scenario.factorLiquidityShocks().forEach(shock -> putShock(byFactor.addObject(), shock));
    json.putObject("marginRule")
        .put("elasticity", scenario.marginRule().elasticity())
        .put("cap", scenario.marginRule().cap());
  }

  /** The fields of {@code shock}; the book cuts only when set (no cut has no JSON number). */
  private static void putShock(ObjectNode json, LiquidityShock shock) {
    json.put("halfSpreadMultiplier", shock.halfSpreadMultiplier());
    json.put("advMultiplier", shock.advMultiplier());
    json.put("bookSizeMultiplier", shock.bookSizeMultiplier());
    if (shock.bookLevels() != ImpactStress.ALL_LEVELS) {
      json.put("bookLevels", shock.bookLevels());
    }
    if (shock.bookMaxOffset() != Double.POSITIVE_INFINITY) {
      json.put("bookMaxOffset", shock.bookMaxOffset());
    }
    json.put("etaMultiplier", shock.etaMultiplier());
    json.put("coefficientMultiplier", shock.coefficientMultiplier());
    json.put("gammaMultiplier", shock.gammaMultiplier());
  }

  /**
   * The outcomes of a stress test as JSON: every outcome, then per scenario the accounts that
   * cannot cover.
   *
   * @param outcomes the outcomes, scenario by scenario
   * @return the document, ending in a newline
   */
  public static String writeStress(List<StressOutcome> outcomes) {
    ObjectNode root = Json.output();
    ArrayNode list = root.putArray("outcomes");
    Map<String, List<String>> cannot = new LinkedHashMap<>();
    for (StressOutcome outcome : outcomes) {
      ObjectNode json = list.addObject();
      json.put("scenario", outcome.scenario());
      json.put("account", outcome.account());
      json.put("equity", outcome.equity());
      json.put("marginRequirement", outcome.marginRequirement());
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
    ObjectNode root = Json.output();
    root.put("settled", result.settled());
    root.put("ending", result.ending().label());
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
      if (!round.volatilities().isEmpty()) {
        putMap(json, "volatilities", round.volatilities());
        putMap(json, "marginRates", round.marginRates());
      }
    }
    putMap(root, "finalShortfalls", result.finalShortfalls());
    putMap(root, "finalEquities", result.finalEquities());
    ArrayNode defaults = root.putArray("defaults");
    result.defaults().forEach(defaults::add);
    CascadeJson.putSettings(root, result);
    CascadeJson.putSystemic(root, result.systemic());
    return Json.write(root);
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
