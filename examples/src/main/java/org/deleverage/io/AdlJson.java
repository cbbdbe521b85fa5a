package org.deleverage.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deleverage.models.InvalidInputException;
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
 * figure of {@link AdlResult}; a score that is infinite is written as {@code null}. Stateless and
 * thread-safe.
 */
public final class AdlJson {

  private static final List<String> TOP_FIELDS =
      List.of("rule", "mark", "insuranceFund", "maintenanceMarginRate", "bankrupt", "positions");
  private static final List<String> BANKRUPT_FIELDS = List.of("side", "size", "bankruptcyPrice");
  private static final List<String> POSITION_FIELDS =
      List.of("account", "side", "size", "entryPrice", "margin");

  private AdlJson() {}

  /**
   * An input file's content: the problem, and the rule it names, if any.
   *
   * @param problem the bankrupt position, the market, the fund and the opposing positions
   * @param rule the file's {@code rule}, empty when it names none
   */
  public record Input(AdlProblem problem, Optional<AdlRule> rule) {}

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
    try {
      return fromTree(Json.READER.readTree(in));
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    }
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
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
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
      if (Double.isFinite(entry.score())) {
        json.put("score", entry.score());
      } else {
        json.putNull("score");
      }
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
