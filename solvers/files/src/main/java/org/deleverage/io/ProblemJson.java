package org.deleverage.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.CoverageMode;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ScheduleStep;
import org.deleverage.models.BookLevel;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.PowerLawTemporaryImpact;
import org.deleverage.models.TemporaryImpactModel;

/**
 * Reads and writes the problem file of FORMAT.md: a JSON object with {@code account}, {@code
 * assets}, {@code correlation} or {@code covariance} or {@code factors}, {@code horizon}, {@code
 * requirement} and {@code objective}, with FORMAT.md's names and defaults. {@code factors} is a
 * factor model of returns, {@code {"loadings": [[...]], "covariance": [[...]],
 * "specificVariance": [...]}} (B, F and D of {@link Dependence#factor}); at most one of the three
 * may be given.
 *
 * <p>Reading walks the JSON tree itself so that every error is an {@link InvalidInputException}
 * naming the JSON path and the rule: {@code assets[3].price: must be > 0, was -5.0}, {@code
 * assets[0].quantity: is required}, {@code assets[1].price: must be a number, was "abc"}, {@code
 * assets[0].maxParticipaton: unknown field, did you mean "maxParticipation"?}. Unknown fields,
 * duplicate fields, NaN and infinity, numbers too large for a double and malformed JSON (reported
 * with its line and column) are all rejected. Of the temporary impact models only {@code
 * {"model":"linear","eta":E}} is supported in this version; {@code power} and {@code book} are
 * rejected with an error that says so.
 *
 * <p>{@code null} is accepted where it means something: {@code requirement.shortfall} (computed
 * from the account), {@code requirement.deadline} (the last period), and {@code correlation},
 * {@code covariance} or {@code factors} (independent returns). Anywhere else a {@code null} is an
 * error: a missing value must not silently become a default.
 *
 * <p>Writing emits every field, defaults included, with {@code null} for the three nullable ones
 * when they are absent, so that a written problem reads back equal to the original. Numbers are
 * written so that they read back to the same double. Stateless and thread-safe.
 */
public final class ProblemJson {

  private static final List<String> TOP_FIELDS =
      List.of("account", "assets", "correlation", "covariance", "factors", "horizon",
          "requirement", "objective");
  private static final List<String> DEPENDENCE_FIELDS =
      List.of("correlation", "covariance", "factors");
  private static final List<String> FACTOR_FIELDS =
      List.of("loadings", "covariance", "specificVariance");
  private static final List<String> ACCOUNT_FIELDS = List.of("cash");
  private static final List<String> ASSET_FIELDS =
      List.of("id", "quantity", "price", "volatility", "adv", "halfSpread", "fee", "feePerUnit",
          "marginRate", "impact", "maxParticipation", "locked", "retain", "reluctance");
  private static final List<String> IMPACT_FIELDS = List.of("temporary", "permanent");
  private static final List<String> LINEAR_FIELDS = List.of("model", "eta");
  private static final List<String> POWER_FIELDS = List.of("model", "coefficient", "exponent");
  private static final List<String> BOOK_FIELDS = List.of("model", "levels");
  private static final List<String> LEVEL_FIELDS = List.of("offset", "size");
  private static final List<String> PERMANENT_FIELDS = List.of("gamma");
  private static final List<String> RETAIN_FIELDS = List.of("min", "max");
  private static final List<String> HORIZON_FIELDS = List.of("periods", "periodLength");
  private static final List<String> REQUIREMENT_FIELDS =
      List.of("mode", "shortfall", "deadline", "buffer", "schedule");
  private static final List<String> STEP_FIELDS = List.of("period", "fraction");
  private static final List<String> OBJECTIVE_FIELDS =
      List.of("costWeight", "riskAversion", "residualRiskAversion");

  private ProblemJson() {}

  /**
   * The problem in {@code json}.
   *
   * @param json the JSON text
   * @return the problem in {@code json}
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   */
  public static DeleveragingProblem read(String json) {
    try {
      return fromTree(Json.READER.readTree(json));
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    }
  }

  /**
   * The problem in the UTF-8 file {@code file}.
   *
   * @param file the file
   * @return the problem in the UTF-8 file {@code file}
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the file cannot be read
   */
  public static DeleveragingProblem read(Path file) throws IOException {
    return read(Utf8Text.read(file, Utf8Text.WHOLE_INPUT));
  }

  /**
   * The problem in the UTF-8 stream {@code in}, read to its end; the stream is not closed.
   *
   * @param in the stream, read to its end and not closed
   * @return the problem in the UTF-8 stream {@code in}, read to its end; the stream is not closed
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the stream cannot be read
   */
  public static DeleveragingProblem read(InputStream in) throws IOException {
    return read(Utf8Text.read(in, Utf8Text.WHOLE_INPUT));
  }

  /**
   * The problem as an indented JSON document with every field, ending in a newline.
   *
   * @param problem the resolved problem
   * @return the problem as an indented JSON document with every field, ending in a newline
   * @throws InvalidInputException if an asset's temporary impact model has no file form yet
   */
  public static String write(DeleveragingProblem problem) {
    return Json.write(toTree(problem));
  }

  /**
   * Writes the problem as UTF-8 JSON to {@code out}, which is not closed.
   *
   * @param problem the resolved problem
   * @param out the stream, not closed
   * @throws InvalidInputException if an asset's temporary impact model has no file form yet
   * @throws IOException if the stream cannot be written
   */
  public static void write(DeleveragingProblem problem, OutputStream out) throws IOException {
    Json.write(toTree(problem), out);
  }

  /**
   * The problem in {@code root}, a part of a larger document at {@code path}: errors are named
   * under it ({@code accounts[1].problem.assets[0].price: must be > 0, was -5.0}).
   */
  static DeleveragingProblem fromTree(JsonNode root, String path) {
    try {
      return fromTree(root);
    } catch (InvalidInputException e) {
      throw e.under(path);
    }
  }

  private static DeleveragingProblem fromTree(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException("", "the problem file is empty");
    }
    if (!root.isObject()) {
      throw new InvalidInputException(
          "", "the problem must be a JSON object, was " + JsonObject.describe(root));
    }
    JsonObject top = JsonObject.of(root, "").onlyFields(TOP_FIELDS);
    Account account = account(top.requiredObject("account"));
    List<Asset> assets = assets(JsonObject.array(top.required("assets"), "assets"));
    Dependence dependence = dependence(top);
    Horizon horizon = top.object("horizon").map(ProblemJson::horizon).orElse(Horizon.ONE_DAY);
    Requirement requirement =
        top.object("requirement").map(ProblemJson::requirement).orElse(Requirement.margin());
    Objective objective =
        top.object("objective").map(ProblemJson::objective).orElse(Objective.EXPECTED_LOSS);
    return new DeleveragingProblem(account, assets, dependence, horizon, requirement, objective);
  }

  private static Account account(JsonObject json) {
    json.onlyFields(ACCOUNT_FIELDS);
    double cash = json.requiredNumber("cash");
    return json.built(() -> Account.of(cash));
  }

  private static List<Asset> assets(JsonNode array) {
    List<Asset> assets = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      assets.add(asset(JsonObject.of(array.get(i), JsonObject.element("assets", i))));
    }
    return assets;
  }

  private static Asset asset(JsonObject json) {
    json.onlyFields(ASSET_FIELDS);
    String id = json.requiredString("id");
    double quantity = json.requiredNumber("quantity");
    Asset.Builder builder =
        Asset.builder(id)
            .quantity(quantity)
            .price(json.requiredNumber("price"))
            .adv(json.requiredNumber("adv"))
            .volatility(json.number("volatility", 0.0))
            .halfSpread(json.number("halfSpread", 0.0))
            .fee(json.number("fee", 0.0))
            .feePerUnit(json.number("feePerUnit", 0.0))
            .marginRate(json.number("marginRate", 1.0))
            .maxParticipation(json.number("maxParticipation", 1.0))
            .locked(json.bool("locked", false))
            .reluctance(json.number("reluctance", 0.0));
    json.object("impact").ifPresent(impact -> impact(impact, builder));
    json.object("retain")
        .ifPresent(
            retain -> {
              retain.onlyFields(RETAIN_FIELDS);
              builder.retain(
                  retain.number("min", 0.0), retain.number("max", Math.abs(quantity)));
            });
    return json.built(() -> builder.build());
  }

  private static void impact(JsonObject json, Asset.Builder builder) {
    json.onlyFields(IMPACT_FIELDS);
    json.object("temporary").ifPresent(temporary -> builder.temporaryImpact(temporary(temporary)));
    json.object("permanent")
        .ifPresent(
            permanent -> {
              permanent.onlyFields(PERMANENT_FIELDS);
              builder.gamma(permanent.number("gamma", 0.0));
            });
  }

  private static TemporaryImpactModel temporary(JsonObject json) {
    String model = json.requiredString("model");
    switch (model) {
      case "linear":
        json.onlyFields(LINEAR_FIELDS);
        double eta = json.requiredNumber("eta");
        return json.built(() -> LinearTemporaryImpact.of(eta));
      case "power":
        json.onlyFields(POWER_FIELDS);
        double coefficient = json.requiredNumber("coefficient");
        double exponent = json.requiredNumber("exponent");
        return json.built(() -> PowerLawTemporaryImpact.of(coefficient, exponent));
      case "book":
        json.onlyFields(BOOK_FIELDS);
        List<BookLevel> levels = levels(json);
        return json.built(() -> OrderBookTemporaryImpact.of(levels));
      default:
        throw new InvalidInputException(
            json.pathOf("model"),
            "must be \"linear\", \"power\" or \"book\", was "
                + JsonObject.describe(json.required("model")));
    }
  }

  private static List<BookLevel> levels(JsonObject json) {
    JsonNode array = JsonObject.array(json.required("levels"), json.pathOf("levels"));
    List<BookLevel> levels = new ArrayList<>();
    for (int l = 0; l < array.size(); l++) {
      JsonObject level = JsonObject.of(array.get(l), JsonObject.element(json.pathOf("levels"), l));
      level.onlyFields(LEVEL_FIELDS);
      double offset = level.requiredNumber("offset");
      double size = level.requiredNumber("size");
      levels.add(level.built(() -> BookLevel.of(offset, size)));
    }
    return levels;
  }

  private static Dependence dependence(JsonObject top) {
    List<String> given = DEPENDENCE_FIELDS.stream().filter(top::has).toList();
    if (given.size() > 1) {
      throw new InvalidInputException(
          given.get(1),
          "must not be given together with " + given.get(0)
              + "; give one of correlation, covariance and factors");
    }
    if (given.isEmpty()) {
      return Dependence.independent();
    }
    String name = given.get(0);
    if (!name.equals("factors")) {
      double[][] matrix = matrix(top.nullableArray(name).orElseThrow(), name);
      return name.equals("covariance")
          ? Dependence.covariance(matrix)
          : Dependence.correlation(matrix);
    }
    JsonObject factors = top.requiredObject("factors").onlyFields(FACTOR_FIELDS);
    double[][] loadings = matrix(requiredArray(factors, "loadings"), factors.pathOf("loadings"));
    double[][] covariance =
        matrix(requiredArray(factors, "covariance"), factors.pathOf("covariance"));
    JsonNode specific = requiredArray(factors, "specificVariance");
    double[] specificVariance = new double[specific.size()];
    for (int i = 0; i < specific.size(); i++) {
      specificVariance[i] =
          JsonObject.number(
              specific.get(i), JsonObject.element(factors.pathOf("specificVariance"), i));
    }
    return Dependence.factor(loadings, covariance, specificVariance);
  }

  private static JsonNode requiredArray(JsonObject json, String name) {
    return JsonObject.array(json.required(name), json.pathOf(name));
  }

  /** The array of arrays of numbers {@code rows} found at {@code path}. */
  private static double[][] matrix(JsonNode rows, String path) {
    double[][] matrix = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      String rowPath = JsonObject.element(path, i);
      JsonNode row = JsonObject.array(rows.get(i), rowPath);
      matrix[i] = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        matrix[i][j] = JsonObject.number(row.get(j), JsonObject.element(rowPath, j));
      }
    }
    return matrix;
  }

  private static Horizon horizon(JsonObject json) {
    json.onlyFields(HORIZON_FIELDS);
    int periods = json.integer("periods", Horizon.ONE_DAY.periods());
    double periodLength = json.number("periodLength", Horizon.ONE_DAY.periodLength());
    return json.built(() -> Horizon.of(periods, periodLength));
  }

  private static Requirement requirement(JsonObject json) {
    json.onlyFields(REQUIREMENT_FIELDS);
    String label = json.string("mode", CoverageMode.MARGIN.label());
    CoverageMode mode =
        CoverageMode.fromLabel(label)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        json.pathOf("mode"),
                        "must be \"margin\" or \"cash\", was "
                            + JsonObject.describe(json.required("mode"))));
    List<ScheduleStep> schedule = new ArrayList<>();
    Optional<JsonNode> steps = json.array("schedule");
    for (int s = 0; steps.isPresent() && s < steps.get().size(); s++) {
      String path = JsonObject.element(json.pathOf("schedule"), s);
      schedule.add(step(JsonObject.of(steps.get().get(s), path)));
    }
    OptionalDouble shortfall = json.nullableNumber("shortfall");
    OptionalInt deadline = json.nullableInteger("deadline");
    double buffer = json.number("buffer", 0.0);
    return json.built(() -> new Requirement(mode, shortfall, deadline, buffer, schedule));
  }

  private static ScheduleStep step(JsonObject json) {
    json.onlyFields(STEP_FIELDS);
    int period = json.requiredInteger("period");
    double fraction = json.requiredNumber("fraction");
    return json.built(() -> ScheduleStep.of(period, fraction));
  }

  private static Objective objective(JsonObject json) {
    json.onlyFields(OBJECTIVE_FIELDS);
    Objective defaults = Objective.EXPECTED_LOSS;
    double costWeight = json.number("costWeight", defaults.costWeight());
    double riskAversion = json.number("riskAversion", defaults.riskAversion());
    double residual = json.number("residualRiskAversion", defaults.residualRiskAversion());
    return json.built(() -> Objective.of(costWeight, riskAversion, residual));
  }

  private static ObjectNode toTree(DeleveragingProblem problem) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("account").put("cash", problem.account().cash());
    ArrayNode assets = root.putArray("assets");
    for (int i = 0; i < problem.assets().size(); i++) {
      writeAsset(problem.assets().get(i), JsonObject.element("assets", i), assets.addObject());
    }
    Dependence dependence = problem.dependence();
    if (dependence instanceof Dependence.Correlation correlation) {
      writeMatrix(correlation.matrix(), root.putArray("correlation"));
    } else if (dependence instanceof Dependence.Covariance covariance) {
      writeMatrix(covariance.matrix(), root.putArray("covariance"));
    } else if (dependence instanceof Dependence.Factor factor) {
      ObjectNode factors = root.putObject("factors");
      writeMatrix(factor.loadings(), factors.putArray("loadings"));
      writeMatrix(factor.factorCovariance(), factors.putArray("covariance"));
      ArrayNode specific = factors.putArray("specificVariance");
      for (double value : factor.specificVariance()) {
        specific.add(value);
      }
    } else {
      root.putNull("correlation");
    }
    root.putObject("horizon")
        .put("periods", problem.horizon().periods())
        .put("periodLength", problem.horizon().periodLength());
    writeRequirement(problem.requirement(), root.putObject("requirement"));
    Objective objective = problem.objective();
    root.putObject("objective")
        .put("costWeight", objective.costWeight())
        .put("riskAversion", objective.riskAversion())
        .put("residualRiskAversion", objective.residualRiskAversion());
    return root;
  }

  private static void writeAsset(Asset asset, String path, ObjectNode json) {
    json.put("id", asset.id())
        .put("quantity", asset.quantity())
        .put("price", asset.price())
        .put("volatility", asset.volatility())
        .put("adv", asset.adv())
        .put("halfSpread", asset.costs().halfSpread())
        .put("fee", asset.costs().fee())
        .put("feePerUnit", asset.costs().feePerUnit())
        .put("marginRate", asset.marginRate());
    ObjectNode impact = json.putObject("impact");
    impact.set("temporary", temporary(asset.temporaryImpact(), path + ".impact.temporary"));
    impact.putObject("permanent").put("gamma", asset.permanentImpact().gamma());
    json.put("maxParticipation", asset.maxParticipation()).put("locked", asset.locked());
    json.putObject("retain").put("min", asset.retainMin()).put("max", asset.retainMax());
    json.put("reluctance", asset.reluctance());
  }

  private static ObjectNode temporary(TemporaryImpactModel model, String path) {
    ObjectNode json = Json.MAPPER.createObjectNode().put("model", model.name());
    if (model instanceof LinearTemporaryImpact linear) {
      return json.put("eta", linear.eta());
    }
    if (model instanceof PowerLawTemporaryImpact power) {
      return json.put("coefficient", power.coefficient()).put("exponent", power.exponent());
    }
    if (model instanceof OrderBookTemporaryImpact book) {
      ArrayNode levels = json.putArray("levels");
      for (BookLevel level : book.levels()) {
        levels.addObject().put("offset", level.offset()).put("size", level.size());
      }
      return json;
    }
    throw new InvalidInputException(
        path, "the model \"" + model.name() + "\" has no file form in this version");
  }

  private static void writeMatrix(double[][] matrix, ArrayNode rows) {
    for (double[] row : matrix) {
      ArrayNode values = rows.addArray();
      for (double value : row) {
        values.add(value);
      }
    }
  }

  private static void writeRequirement(Requirement requirement, ObjectNode json) {
    json.put("mode", requirement.mode().label());
    if (requirement.shortfall().isPresent()) {
      json.put("shortfall", requirement.shortfall().getAsDouble());
    } else {
      json.putNull("shortfall");
    }
    if (requirement.deadline().isPresent()) {
      json.put("deadline", requirement.deadline().getAsInt());
    } else {
      json.putNull("deadline");
    }
    json.put("buffer", requirement.buffer());
    ArrayNode schedule = json.putArray("schedule");
    for (ScheduleStep step : requirement.schedule()) {
      schedule.addObject().put("period", step.period()).put("fraction", step.fraction());
    }
  }
}
