package org.deleverage.io;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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
 * figure of {@link AdlResult} (with {@code refused}, the accounts the overlap check refused, and
 * {@code uncoveredDeficit}, both optional when read); a score that is infinite is written as
 * {@code null}. Both files
 * read back to what was written: {@link #writeInput} writes an input that {@link #read(String)}
 * reads, and {@link #readResult} reads what {@link #write} wrote (every double is written with
 * the digits of {@link Double#toString}, so the values are the same to the last bit). Stateless
 * and thread-safe.
 */
public final class AdlJson {

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
    return Json.read(json, InputFile.class, "the ADL file is empty",
        "the ADL input must be a JSON object").toInput();
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
    ObjectNode root = Json.output();
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
    ArrayNode refused = root.putArray("refused");
    result.refused().forEach(refused::add);
    root.put("uncoveredDeficit", result.uncoveredDeficit());
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
   * The result in {@code json}, a document written by {@link #write}: its {@code schemaVersion},
   * {@code bankrupt}, {@code mark} and {@code insuranceFund} (parts of the problem) are accepted
   * and not read back,
   * a {@code null} score is +infinity, and {@code adlClosed} must be the sum of the allocations'
   * {@code closed} to 1e-9 of the larger.
   *
   * @param json the text of a result file
   * @return the result
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   */
  public static AdlResult readResult(String json) {
    return Json.read(json, ResultFile.class, "the ADL result is empty",
        "an ADL result must be a JSON object").toResult();
  }

  static String side(PositionSide side) {
    return side.name().toLowerCase(Locale.ROOT);
  }

  private record InputFile(@JsonSetter(nulls = Nulls.SET) String rule, Double mark,
      Double insuranceFund, OptionalDouble maintenanceMarginRate, BankruptFile bankrupt,
      List<PositionFile> positions) {

    Input toInput() {
      Optional<AdlRule> named = Optional.ofNullable(rule).map(AdlRule::of);
      double price = Json.required(mark, "mark");
      double fund = insuranceFund == null ? 0.0 : insuranceFund;
      OptionalDouble rate =
          maintenanceMarginRate == null ? OptionalDouble.empty() : maintenanceMarginRate;
      BankruptPosition position = Json.under("bankrupt", () -> {
        BankruptFile given = Json.required(bankrupt, "");
        PositionSide side = side(given.side());
        double size = Json.required(given.size(), "size");
        double bankruptcy = Json.required(given.bankruptcyPrice(), "bankruptcyPrice");
        return new BankruptPosition(side, size, bankruptcy);
      });
      List<OpposingPosition> opposing = Json.each(Json.required(positions, "positions"),
          "positions", given -> {
            String account = Json.required(given.account(), "account");
            PositionSide side = side(given.side());
            double size = Json.required(given.size(), "size");
            double entry = Json.required(given.entryPrice(), "entryPrice");
            double margin = Json.required(given.margin(), "margin");
            return new OpposingPosition(account, side, size, entry, margin);
          });
      return new Input(new AdlProblem(position, price, fund, rate, opposing), named);
    }
  }

  private record BankruptFile(String side, Double size, Double bankruptcyPrice) {}

  /** One opposing position; the file format calls it "a JSON object" in its errors. */
  @JsonClassDescription("a JSON object")
  private record PositionFile(
      String account, String side, Double size, Double entryPrice, Double margin) {}

  /**
   * A result file: {@code schemaVersion}, {@code bankrupt}, {@code mark} and {@code
   * insuranceFund} are not read.
   */
  private record ResultFile(JsonNode schemaVersion, String rule, JsonNode bankrupt, JsonNode mark,
      JsonNode insuranceFund, Double lossPerContract, Double marketClosed, Double fundPaid,
      Double fundAfter, @JsonSetter(nulls = Nulls.SET) Double adlClosed, Double unclosed,
      List<String> refused, Double uncoveredDeficit, List<QueueFile> queue,
      List<AllocationFile> allocations) {

    AdlResult toResult() {
      AdlRule named = AdlRule.of(Json.required(rule, "rule"));
      List<AdlResult.QueueEntry> entries = Json.each(Json.required(queue, "queue"), "queue",
          entry -> new AdlResult.QueueEntry(Json.required(entry.rank(), "rank"),
              Json.required(entry.account(), "account"), Json.required(entry.size(), "size"),
              Json.required(entry.score(), "score").orElse(Double.POSITIVE_INFINITY),
              Json.required(entry.profitable(), "profitable"),
              Json.required(entry.percentile(), "percentile")));
      List<AdlResult.Allocation> list = Json.each(Json.required(allocations, "allocations"),
          "allocations", allocation -> new AdlResult.Allocation(
              Json.required(allocation.account(), "account"),
              Json.required(allocation.closed(), "closed"),
              Json.required(allocation.price(), "price"),
              Json.required(allocation.realisedPnl(), "realisedPnl"),
              Json.required(allocation.remaining(), "remaining")));
      AdlResult result = new AdlResult(named, Json.required(lossPerContract, "lossPerContract"),
          Json.required(marketClosed, "marketClosed"), Json.required(fundPaid, "fundPaid"),
          Json.required(fundAfter, "fundAfter"), entries, list,
          Json.required(unclosed, "unclosed"), refused == null ? List.of() : refused,
          uncoveredDeficit == null ? 0.0 : uncoveredDeficit);
      if (adlClosed != null) {
        double sum = result.adlClosed();
        if (Math.abs(adlClosed - sum) > 1e-9 * Math.max(Math.abs(adlClosed), Math.abs(sum))) {
          throw new InvalidInputException("adlClosed",
              "must be the sum of allocations[].closed, " + sum + ", was " + adlClosed);
        }
      }
      return result;
    }
  }

  private record QueueFile(Integer rank, String account, Double size, OptionalDouble score,
      Boolean profitable, Integer percentile) {}

  private record AllocationFile(
      String account, Double closed, Double price, Double realisedPnl, Double remaining) {}

  private static PositionSide side(String given) {
    String side = Json.required(given, "side");
    for (PositionSide value : PositionSide.values()) {
      if (side(value).equalsIgnoreCase(side)) {
        return value;
      }
    }
    throw new InvalidInputException("side", "must be long or short, was \"" + side + "\"");
  }
}
