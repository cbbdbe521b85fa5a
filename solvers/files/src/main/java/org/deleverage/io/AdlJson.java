package org.deleverage.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;
import org.deleverage.solvers.adl.AdlProblem;
import org.deleverage.solvers.adl.AdlResult;
import org.deleverage.solvers.adl.AdlRule;
import org.deleverage.solvers.adl.BankruptPosition;
import org.deleverage.solvers.adl.OpposingPosition;
import org.deleverage.solvers.adl.PositionSide;

/**
 * Reads an auto-deleveraging input file and writes its result as JSON. The input:
 *
 * <pre>
 * {
 *   "rule": "bitmex",                     optional: bitmex (default), binance or hyperliquid
 *   "mark": 660.0,                        the mark price, > 0
 *   "insuranceFund": 0.0,                 optional, >= 0, default 0
 *   "maintenanceMarginRate": 0.01,        optional, in [0, 1]; the binance rule needs it
 *   "bankrupt": { "side": "short", "size": 20, "bankruptcyPrice": 650.0 },
 *   "positions": [ { "account": "1", "side": "long", "size": 10, "entryPrice": 600.0,
 *                    "margin": 600.0 }, ... ]
 * }
 * </pre>
 *
 * Sides are {@code long} or {@code short} in any case; every position must be opposite to the
 * bankrupt one. Unknown fields are rejected, and errors name the JSON path and the rule
 * ({@code positions[3].entryPrice: must be > 0, was 0.0}). The result is written with every
 * figure of {@link AdlResult}; a score that is infinite is written as {@code null}. Both files
 * read back to what was written: {@link #writeInput} writes an input that {@link #read(String)}
 * reads, and {@link #readResult} reads what {@link #write} wrote (every double is written with
 * the digits of {@link Double#toString}, so the values are the same to the last bit). Stateless
 * and thread-safe.
 */
public final class AdlJson {

  private static final List<String> TOP_FIELDS =
      List.of("rule", "mark", "insuranceFund", "maintenanceMarginRate", "bankrupt", "positions");
  private static final List<String> BANKRUPT_FIELDS = List.of("side", "size", "bankruptcyPrice");
  private static final List<String> POSITION_FIELDS =
      List.of("account", "side", "size", "entryPrice", "margin");
  private static final List<String> RESULT_FIELDS =
      List.of("rule", "bankrupt", "mark", "insuranceFund", "lossPerContract", "marketClosed",
          "fundPaid", "fundAfter", "adlClosed", "unclosed", "queue", "allocations");
  private static final List<String> QUEUE_FIELDS =
      List.of("rank", "account", "size", "score", "profitable", "percentile");
  private static final List<String> ALLOCATION_FIELDS =
      List.of("account", "closed", "price", "realisedPnl", "remaining");

  private AdlJson() {}

  /**
   * An input file's content: the problem, and the rule it names, if any.
   *
   * @param problem the bankrupt position, the market, the fund and the opposing positions
   * @param rule the file's {@code rule}, empty when it names none
   */
  public record Input(AdlProblem problem, Optional<AdlRule> rule) {

    /**
     * Checks that both parts are given.
     *
     * @param problem the bankrupt position, the market, the fund and the opposing positions
     * @param rule the file's {@code rule}, empty when it names none
     */
    public Input {
      Checks.present("problem", problem);
      Checks.present("rule", rule);
    }
  }

  /**
   * The input in {@code json}.
   *
   * @param json the text of an input file
   * @return the problem and the rule it names
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   */
  public static Input read(String json) {
    try {
      return fromTree(Json.READER.readTree(json));
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    }
  }

  /**
   * The input in the UTF-8 stream {@code in}, read to its end; the stream is not closed.
   *
   * @param in the stream
   * @return the problem and the rule it names
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the stream cannot be read
   */
  public static Input read(InputStream in) throws IOException {
    return read(Utf8Text.read(in, Utf8Text.WHOLE_INPUT));
  }

  /**
   * The input in the UTF-8 file {@code file}.
   *
   * @param file the file
   * @return the problem and the rule it names
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the file cannot be read
   */
  public static Input read(Path file) throws IOException {
    return read(Utf8Text.read(file, Utf8Text.WHOLE_INPUT));
  }

  /**
   * The result as an indented JSON document, ending in a newline.
   *
   * @param problem the problem the result is of
   * @param result the result
   * @return the document
   */
  public static String write(AdlProblem problem, AdlResult result) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("rule", result.rule().label());
    ObjectNode bankrupt = root.putObject("bankrupt");
    bankrupt.put("side", side(problem.bankrupt().side()));
    bankrupt.put("size", problem.bankrupt().size());
    bankrupt.put("bankruptcyPrice", problem.bankrupt().bankruptcyPrice());
    root.put("mark", problem.mark());
    root.put("insuranceFund", problem.insuranceFund());
    root.put("lossPerContract", result.lossPerContract());
    root.put("marketClosed", result.marketClosed());
    root.put("fundPaid", result.fundPaid());
    root.put("fundAfter", result.fundAfter());
    root.put("adlClosed", result.adlClosed());
    root.put("unclosed", result.unclosed());
    ArrayNode queue = root.putArray("queue");
    for (AdlResult.QueueEntry entry : result.queue()) {
      ObjectNode json = queue.addObject();
      json.put("rank", entry.rank());
      json.put("account", entry.account());
      json.put("size", entry.size());
      Json.putFinite(json, "score", entry.score());
      json.put("profitable", entry.profitable());
      json.put("percentile", entry.percentile());
    }
    ArrayNode allocations = root.putArray("allocations");
    for (AdlResult.Allocation allocation : result.allocations()) {
      allocations
          .addObject()
          .put("account", allocation.account())
          .put("closed", allocation.closed())
          .put("price", allocation.price())
          .put("realisedPnl", allocation.realisedPnl())
          .put("remaining", allocation.remaining());
    }
    return Json.write(root);
  }

  /**
   * An input file holding {@code input}, indented, ending in a newline: the fields of the class
   * comment, {@code rule} and {@code maintenanceMarginRate} left out when empty.
   *
   * @param input the problem and the rule to name, if any
   * @return the document
   */
  public static String writeInput(Input input) {
    AdlProblem problem = input.problem();
    ObjectNode root = Json.MAPPER.createObjectNode();
    input.rule().ifPresent(rule -> root.put("rule", rule.label()));
    root.put("mark", problem.mark());
    root.put("insuranceFund", problem.insuranceFund());
    problem.maintenanceMarginRate().ifPresent(rate -> root.put("maintenanceMarginRate", rate));
    ObjectNode bankrupt = root.putObject("bankrupt");
    bankrupt.put("side", side(problem.bankrupt().side()));
    bankrupt.put("size", problem.bankrupt().size());
    bankrupt.put("bankruptcyPrice", problem.bankrupt().bankruptcyPrice());
    ArrayNode positions = root.putArray("positions");
    for (OpposingPosition position : problem.positions()) {
      positions
          .addObject()
          .put("account", position.account())
          .put("side", side(position.side()))
          .put("size", position.size())
          .put("entryPrice", position.entryPrice())
          .put("margin", position.margin());
    }
    return Json.write(root);
  }

  /**
   * The result in {@code json}, a document written by {@link #write}: its {@code bankrupt},
   * {@code mark} and {@code insuranceFund} (parts of the problem) are accepted and not read back,
   * a {@code null} score is +infinity, and {@code adlClosed} must be the sum of the allocations'
   * {@code closed} to 1e-9 of the larger.
   *
   * @param json the text of a result file
   * @return the result
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   */
  public static AdlResult readResult(String json) {
    JsonNode root;
    try {
      root = Json.READER.readTree(json);
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException("", "the ADL result is empty");
    }
    if (!root.isObject()) {
      throw new InvalidInputException(
          "", "an ADL result must be a JSON object, was " + JsonObject.describe(root));
    }
    JsonObject top = JsonObject.of(root, "").onlyFields(RESULT_FIELDS);
    AdlRule rule = top.built(() -> AdlRule.of(top.requiredString("rule")));
    List<AdlResult.QueueEntry> queue = new ArrayList<>();
    for (JsonObject entry : objects(top, "queue")) {
      entry.onlyFields(QUEUE_FIELDS);
      int rank = entry.requiredInteger("rank");
      String account = entry.requiredString("account");
      double size = entry.requiredNumber("size");
      entry.required("score");
      double score = entry.nullableNumber("score").orElse(Double.POSITIVE_INFINITY);
      entry.required("profitable");
      boolean profitable = entry.bool("profitable", false);
      int percentile = entry.requiredInteger("percentile");
      queue.add(entry.built(
          () -> new AdlResult.QueueEntry(rank, account, size, score, profitable, percentile)));
    }
    List<AdlResult.Allocation> allocations = new ArrayList<>();
    for (JsonObject allocation : objects(top, "allocations")) {
      allocation.onlyFields(ALLOCATION_FIELDS);
      String account = allocation.requiredString("account");
      double closed = allocation.requiredNumber("closed");
      double price = allocation.requiredNumber("price");
      double pnl = allocation.requiredNumber("realisedPnl");
      double remaining = allocation.requiredNumber("remaining");
      allocations.add(allocation.built(
          () -> new AdlResult.Allocation(account, closed, price, pnl, remaining)));
    }
    double loss = top.requiredNumber("lossPerContract");
    double market = top.requiredNumber("marketClosed");
    double paid = top.requiredNumber("fundPaid");
    double after = top.requiredNumber("fundAfter");
    double unclosed = top.requiredNumber("unclosed");
    AdlResult result = top.built(
        () -> new AdlResult(rule, loss, market, paid, after, queue, allocations, unclosed));
    if (top.has("adlClosed")) {
      double written = top.requiredNumber("adlClosed");
      double sum = result.adlClosed();
      if (Math.abs(written - sum) > 1e-9 * Math.max(Math.abs(written), Math.abs(sum))) {
        throw new InvalidInputException(
            "adlClosed", "must be the sum of allocations[].closed, " + sum + ", was " + written);
      }
    }
    return result;
  }

  /** The required array {@code name} of {@code parent}, each element an object. */
  private static List<JsonObject> objects(JsonObject parent, String name) {
    JsonNode array = JsonObject.array(parent.required(name), parent.pathOf(name));
    List<JsonObject> objects = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      objects.add(JsonObject.of(array.get(i), JsonObject.element(parent.pathOf(name), i)));
    }
    return objects;
  }

  static String side(PositionSide side) {
    return side.name().toLowerCase(Locale.ROOT);
  }

  private static Input fromTree(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException("", "the ADL file is empty");
    }
    if (!root.isObject()) {
      throw new InvalidInputException(
          "", "the ADL input must be a JSON object, was " + JsonObject.describe(root));
    }
    JsonObject top = JsonObject.of(root, "").onlyFields(TOP_FIELDS);
    Optional<AdlRule> rule =
        top.has("rule")
            ? Optional.of(top.built(() -> AdlRule.of(top.requiredString("rule"))))
            : Optional.empty();
    double mark = top.requiredNumber("mark");
    double fund = top.number("insuranceFund", 0.0);
    OptionalDouble rate = top.nullableNumber("maintenanceMarginRate");
    BankruptPosition bankrupt = bankrupt(top.requiredObject("bankrupt"));
    JsonNode array = JsonObject.array(top.required("positions"), "positions");
    List<OpposingPosition> positions = new ArrayList<>();
    for (int p = 0; p < array.size(); p++) {
      String path = JsonObject.element("positions", p);
      JsonNode node = array.get(p);
      if (!node.isObject()) {
        throw new InvalidInputException(
            path, "must be a JSON object, was " + JsonObject.describe(node));
      }
      positions.add(position(JsonObject.of(node, path)));
    }
    AdlProblem problem = top.built(() -> new AdlProblem(bankrupt, mark, fund, rate, positions));
    return new Input(problem, rule);
  }

  private static BankruptPosition bankrupt(JsonObject json) {
    json.onlyFields(BANKRUPT_FIELDS);
    PositionSide side = side(json);
    double size = json.requiredNumber("size");
    double price = json.requiredNumber("bankruptcyPrice");
    return json.built(() -> new BankruptPosition(side, size, price));
  }

  private static OpposingPosition position(JsonObject json) {
    json.onlyFields(POSITION_FIELDS);
    String account = json.requiredString("account");
    PositionSide side = side(json);
    double size = json.requiredNumber("size");
    double entry = json.requiredNumber("entryPrice");
    double margin = json.requiredNumber("margin");
    return json.built(() -> new OpposingPosition(account, side, size, entry, margin));
  }

  private static PositionSide side(JsonObject json) {
    String side = json.requiredString("side");
    for (PositionSide value : PositionSide.values()) {
      if (side(value).equalsIgnoreCase(side)) {
        return value;
      }
    }
    throw new InvalidInputException(
        json.pathOf("side"), "must be long or short, was \"" + side + "\"");
  }
}
