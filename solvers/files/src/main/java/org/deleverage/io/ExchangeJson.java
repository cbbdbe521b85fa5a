package org.deleverage.io;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deleverage.InvalidInputException;
import org.deleverage.models.BookLevel;
import org.deleverage.models.MarginBracket;
import org.deleverage.models.MarginSchedule;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.internal.Checks;
import org.deleverage.solvers.adl.PositionSide;
import org.deleverage.solvers.exchange.TraderAccount;
import org.deleverage.solvers.exchange.Contract;
import org.deleverage.solvers.exchange.ExchangeProblem;
import org.deleverage.solvers.exchange.ExchangeResult;
import org.deleverage.solvers.exchange.MarginMode;
import org.deleverage.solvers.exchange.Position;
import org.deleverage.solvers.exchange.VenuePolicy;

/**
 * Reads an exchange simulation input and writes its result as JSON (FORMAT.md, "Exchange
 * simulation"). The input:
 *
 * <pre>
 * {
 *   "venue": "binance",                 optional: binance (default), bybit, okx, hyperliquid,
 *                                       deribit
 *   "insuranceFund": 20000,             optional, >= 0, default 0
 *   "contracts": [ { "id": "BTC",
 *       "brackets": [ { "floor": 0, "maintenanceRate": 0.01, "maxLeverage": 50,
 *                       "maintenanceAmount": 0 }, ... ],   maintenanceAmount optional
 *       "book": [ { "offset": 0.002, "size": 5 }, ... ] } ],
 *   "accounts": [ { "id": "a", "wallet": 1000,
 *       "positions": [ { "contract": "BTC", "side": "long", "size": 2, "entryPrice": 60000,
 *                        "isolatedMargin": 1500 } ] } ],   isolatedMargin absent: cross
 *   "path": [ { "BTC": 60000 }, { "BTC": 58000 }, ... ]
 * }
 * </pre>
 *
 * A bracket without {@code maintenanceAmount} takes Binance's continuous amount cum_n = floor_n
 * (r_n - r_(n-1)) + cum_(n-1). Unknown fields are rejected; errors name the JSON path and the
 * rule. Stateless and thread-safe.
 */
public final class ExchangeJson {

  private ExchangeJson() {}

  /**
   * An input file's content.
   *
   * @param problem the contracts, accounts, fund and path
   * @param venue the venue the file names, if any
   */
  public record Input(ExchangeProblem problem, Optional<VenuePolicy> venue) {

    /**
     * Checks that both parts are given.
     *
     * @param problem the contracts, accounts, fund and path
     * @param venue the venue the file names, if any
     */
    public Input {
      Checks.present("problem", problem);
      Checks.present("venue", venue);
    }
  }

  /**
   * The input in {@code json}.
   *
   * @param json the text of an input file
   * @return the problem and the venue it names
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   */
  public static Input read(String json) {
    return Json.read(json, InputFile.class, "the exchange file is empty",
        "the exchange input must be a JSON object").toInput();
  }

  /**
   * The input in the UTF-8 stream {@code in}, read to its end; the stream is not closed.
   *
   * @param in the stream
   * @return the problem and the venue it names
   * @throws InvalidInputException naming the JSON path and the rule of the first error
   * @throws IOException if the stream cannot be read
   */
  public static Input read(InputStream in) throws IOException {
    return read(Utf8Text.read(in, Utf8Text.WHOLE_INPUT));
  }

  /**
   * The result as an indented JSON document, ending in a newline: the policy, the opening and
   * closing fund, every step (marks, fund flows, bad debt, liquidations, ADL fills) and the final
   * accounts.
   *
   * @param result the result
   * @return the document
   */
  public static String write(ExchangeResult result) {
    ObjectNode root = Json.output();
    root.put("venue", result.policy());
    root.put("openingFund", result.openingFund());
    root.put("closingFund", result.closingFund());
    ArrayNode steps = root.putArray("steps");
    for (ExchangeResult.Step step : result.steps()) {
      ObjectNode json = steps.addObject();
      json.put("step", step.index());
      ObjectNode marks = json.putObject("marks");
      step.marks().forEach(marks::put);
      json.put("fundBefore", step.fundBefore());
      json.put("fundReceived", step.fundReceived());
      json.put("fundPaid", step.fundPaid());
      json.put("fundAfter", step.fundAfter());
      json.put("badDebt", step.badDebt());
      json.put("socialisedLoss", step.socialisedLoss());
      json.put("uncovered", step.uncovered());
      json.put("adlClosed", step.adlClosed());
      ArrayNode liquidations = json.putArray("liquidations");
      for (ExchangeResult.Liquidation l : step.liquidations()) {
        ObjectNode item = liquidations.addObject()
            .put("account", l.account()).put("contract", l.contract())
            .put("side", AdlJson.side(l.side())).put("quantity", l.quantity())
            .put("partial", l.partial()).put("fillPrice", l.fillPrice());
        Json.putFinite(item, "bankruptcyPrice", l.bankruptcyPrice());
        item.put("marketClosed", l.marketClosed()).put("adlClosed", l.adlClosed())
            .put("fundReceived", l.fundReceived()).put("fundPaid", l.fundPaid());
      }
      ArrayNode adl = json.putArray("adl");
      for (ExchangeResult.AdlFill fill : step.adl()) {
        adl.addObject().put("bankrupt", fill.bankrupt()).put("contract", fill.contract())
            .put("counterparty", fill.counterparty()).put("closed", fill.closed())
            .put("price", fill.price()).put("realisedPnl", fill.realisedPnl());
      }
    }
    ArrayNode accounts = root.putArray("accounts");
    for (TraderAccount account : result.accounts()) {
      ObjectNode json = accounts.addObject().put("id", account.id())
          .put("wallet", account.wallet());
      ArrayNode positions = json.putArray("positions");
      for (Position position : account.positions()) {
        ObjectNode item = positions.addObject().put("contract", position.contract())
            .put("side", AdlJson.side(position.side())).put("size", position.size())
            .put("entryPrice", position.entryPrice());
        if (position.mode() == MarginMode.ISOLATED) {
          item.put("isolatedMargin", position.isolatedMargin());
        }
      }
    }
    return Json.write(root);
  }

  private record InputFile(@JsonSetter(nulls = Nulls.SET) String venue, Double insuranceFund,
      List<ContractFile> contracts, List<AccountFile> accounts, List<Map<String, Double>> path) {

    Input toInput() {
      Optional<VenuePolicy> named = Optional.ofNullable(venue).map(VenuePolicy::of);
      double fund = insuranceFund == null ? 0.0 : insuranceFund;
      List<Contract> list = Json.each(Json.required(contracts, "contracts"), "contracts",
          given -> {
            String id = Json.required(given.id(), "id");
            List<BracketFile> brackets = Json.required(given.brackets(), "brackets");
            List<MarginBracket> made = new ArrayList<>();
            for (int k = 0; k < brackets.size(); k++) {
              int at = k;
              made.add(Json.under("brackets[" + k + "]", () -> {
                BracketFile b = Json.required(brackets.get(at), "");
                double floor = Json.required(b.floor(), "floor");
                double rate = Json.required(b.maintenanceRate(), "maintenanceRate");
                double amount = b.maintenanceAmount() != null ? b.maintenanceAmount()
                    : at == 0 ? 0.0 : MarginSchedule.nextMaintenanceAmount(
                        made.get(at - 1).maintenanceAmount(), made.get(at - 1).maintenanceRate(),
                        floor, rate);
                return new MarginBracket(floor, rate, amount,
                    Json.required(b.maxLeverage(), "maxLeverage"));
              }));
            }
            MarginSchedule schedule = Json.under("", () -> MarginSchedule.of(made));
            List<BookLevel> levels = Json.each(Json.required(given.book(), "book"), "book",
                level -> new BookLevel(Json.required(level.offset(), "offset"),
                    Json.required(level.size(), "size")));
            OrderBookTemporaryImpact book = Json.under("book", () -> OrderBookTemporaryImpact
                .of(levels));
            return new Contract(id, schedule, book);
          });
      List<TraderAccount> owners = Json.each(Json.required(accounts, "accounts"), "accounts",
          given -> {
            String id = Json.required(given.id(), "id");
            double wallet = Json.required(given.wallet(), "wallet");
            List<Position> positions = Json.each(Json.required(given.positions(), "positions"),
                "positions", p -> new Position(Json.required(p.contract(), "contract"),
                    side(p.side()), Json.required(p.size(), "size"),
                    Json.required(p.entryPrice(), "entryPrice"),
                    p.isolatedMargin() == null ? MarginMode.CROSS : MarginMode.ISOLATED,
                    p.isolatedMargin() == null ? 0.0 : p.isolatedMargin()));
            return new TraderAccount(id, wallet, positions);
          });
      return new Input(new ExchangeProblem(list, owners, fund, Json.required(path, "path")),
          named);
    }
  }

  @JsonClassDescription("a JSON object")
  private record ContractFile(String id, List<BracketFile> brackets, List<LevelFile> book) {}

  @JsonClassDescription("a JSON object")
  private record BracketFile(Double floor, Double maintenanceRate, Double maintenanceAmount,
      Double maxLeverage) {}

  @JsonClassDescription("a JSON object")
  private record LevelFile(Double offset, Double size) {}

  @JsonClassDescription("a JSON object")
  private record AccountFile(String id, Double wallet, List<PositionFile> positions) {}

  @JsonClassDescription("a JSON object")
  private record PositionFile(String contract, String side, Double size, Double entryPrice,
      Double isolatedMargin) {}

  private static PositionSide side(String given) {
    String side = Json.required(given, "side");
    for (PositionSide value : PositionSide.values()) {
      if (AdlJson.side(value).equalsIgnoreCase(side)) {
        return value;
      }
    }
    throw new InvalidInputException("side", "must be long or short, was \"" + side + "\"");
  }
}
