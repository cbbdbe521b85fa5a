package org.deleverage.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;

/**
 * Reads a portfolio as CSV (FORMAT.md): a header row naming asset fields, then a row per
 * position; the account, horizon, requirement and objective come from the caller (on the
 * command line, from options). The columns, in any order, are the flat names of the problem
 * file's asset fields:
 *
 * <pre>
 *   id, quantity, price, adv                       required
 *   volatility, halfSpread, fee, feePerUnit,       optional, defaults as in the JSON file
 *   marginRate, eta, gamma, maxParticipation,
 *   locked, retainMin, retainMax, reluctance,
 *   lotSize
 * </pre>
 *
 * {@code eta} is the linear temporary impact; the power-law and order-book models need the JSON
 * file. An empty cell takes the default; {@code locked} is {@code true} or {@code false}.
 * Correlation is the identity (use {@code --history} or a JSON problem for more). Errors name the
 * source, the row (the header is row 1) and the column, with the same rule as the JSON file:
 * {@code portfolio.csv row 3, column price: must be > 0, was -5.0}. Every error of the header is
 * reported, and then (when the header is sound) the first error of every bad row: one exception
 * lists them all ({@link InvalidInputException#violations()}), in the order of the file.
 * Stateless and thread-safe.
 */
public final class PortfolioCsv {

  /** The columns, required ones first. */
  public static final List<String> COLUMNS =
      List.of("id", "quantity", "price", "adv", "volatility", "halfSpread", "fee", "feePerUnit",
          "marginRate", "eta", "gamma", "maxParticipation", "locked", "retainMin", "retainMax",
          "reluctance", "lotSize");

  private static final List<String> REQUIRED = COLUMNS.subList(0, 4);

  private PortfolioCsv() {}

  /**
   * The problem of the portfolio in {@code file}.
   *
   * @param file the CSV file
   * @param account the account (its cash)
   * @param horizon the horizon
   * @param requirement the requirement
   * @param objective the objective
   * @return the problem
   * @throws InvalidInputException naming the row and column of every error (the first of a row)
   * @throws IOException if the file cannot be read
   */
  public static DeleveragingProblem read(Path file, Account account, Horizon horizon,
      Requirement requirement, Objective objective) throws IOException {
    String source = String.valueOf(file.getFileName());
    return read(Utf8Text.read(file, source), source, account, horizon, requirement, objective);
  }

  /**
   * The problem of the portfolio in the UTF-8 stream {@code in}, read to its end (not closed).
   *
   * @param in the stream
   * @param source the name errors give it
   * @param account the account (its cash)
   * @param horizon the horizon
   * @param requirement the requirement
   * @param objective the objective
   * @return the problem
   * @throws InvalidInputException naming the row and column of every error (the first of a row)
   * @throws IOException if the stream cannot be read
   */
  public static DeleveragingProblem read(InputStream in, String source, Account account,
      Horizon horizon, Requirement requirement, Objective objective) throws IOException {
    return read(Utf8Text.read(in, source), source, account, horizon, requirement, objective);
  }

  /**
   * The problem of the portfolio in {@code text}.
   *
   * @param text the CSV text
   * @param source the name errors give it
   * @param account the account (its cash)
   * @param horizon the horizon
   * @param requirement the requirement
   * @param objective the objective
   * @return the problem
   * @throws InvalidInputException naming the row and column of every error (the first of a row)
   */
  public static DeleveragingProblem read(String text, String source, Account account,
      Horizon horizon, Requirement requirement, Objective objective) {
    List<CsvRows.Row> rows = CsvRows.read(text, source);
    int row = rows.get(0).row();
    List<String> header = rows.get(0).cells();
    Map<String, Integer> column = new HashMap<>();
    Violations found = new Violations();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c);
      String where = CsvRows.where(source, row, c + 1);
      if (!COLUMNS.contains(name)) {
        found.add(where, Json.unknown("column", name, COLUMNS));
      } else if (column.putIfAbsent(name, c) != null) {
        found.add(where, "duplicate column \"" + name + "\"");
      }
    }
    for (String name : REQUIRED) {
      if (!column.containsKey(name)) {
        found.add(source + " row " + row, "the header must name the column " + name);
      }
    }
    found.throwIfAny();
    List<Asset> assets = new ArrayList<>();
    for (CsvRows.Row data : rows.subList(1, rows.size())) {
      List<String> cells = data.cells();
      if (cells.size() != header.size()) {
        found.add(source + " row " + data.row(), "has " + cells.size()
            + " field" + (cells.size() == 1 ? "" : "s") + ", the header has " + header.size());
        continue;
      }
      try {
        assets.add(asset(new Row(source, data.row(), column, cells)));
      } catch (InvalidInputException e) {
        found.add(e);
      }
    }
    found.throwIfAny();
    if (assets.isEmpty()) {
      throw new InvalidInputException(source, "needs at least one position after the header");
    }
    return new DeleveragingProblem(account, assets, Dependence.independent(), horizon,
        requirement, objective);
  }

  private static Asset asset(Row row) {
    String id = row.text("id");
    if (id.isEmpty()) {
      throw new InvalidInputException(row.where("id"), "is required");
    }
    double quantity = row.required("quantity");
    Asset.Builder builder =
        Asset.builder(id)
            .quantity(quantity)
            .price(row.required("price"))
            .adv(row.required("adv"))
            .volatility(row.number("volatility", 0.0))
            .halfSpread(row.number("halfSpread", 0.0))
            .fee(row.number("fee", 0.0))
            .feePerUnit(row.number("feePerUnit", 0.0))
            .marginRate(row.number("marginRate", 1.0))
            .eta(row.number("eta", 0.0))
            .gamma(row.number("gamma", 0.0))
            .maxParticipation(row.number("maxParticipation", 1.0))
            .locked(row.bool("locked"))
            .retain(row.number("retainMin", 0.0), row.number("retainMax", Math.abs(quantity)))
            .reluctance(row.number("reluctance", 0.0))
            .lotSize(row.number("lotSize", Asset.DEFAULT_LOT_SIZE));
    try {
      return builder.build();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(row.where(columnOf(e.path())), e.rule());
    }
  }

  /** The column of an asset field's path: retain.min is retainMin, impact paths their leaf. */
  private static String columnOf(String path) {
    return switch (path) {
      case "retain.min" -> "retainMin";
      case "retain.max" -> "retainMax";
      default -> path.substring(path.lastIndexOf('.') + 1);
    };
  }

  /** One data row. */
  private record Row(String source, int row, Map<String, Integer> column, List<String> cells) {

    String where(String name) {
      return source + " row " + row + ", column " + name;
    }

    String text(String name) {
      Integer c = column.get(name);
      return c == null ? "" : cells.get(c);
    }

    double required(String name) {
      if (text(name).isEmpty()) {
        throw new InvalidInputException(where(name), "is required");
      }
      return number(name, Double.NaN);
    }

    double number(String name, double fallback) {
      String cell = text(name);
      if (cell.isEmpty()) {
        return fallback;
      }
      return CsvRows.decimal(cell, where(name));
    }

    boolean bool(String name) {
      String cell = text(name).toLowerCase(Locale.ROOT);
      return switch (cell) {
        case "", "false" -> false;
        case "true" -> true;
        default -> throw new InvalidInputException(
            where(name), "must be true or false, was \"" + text(name) + "\"");
      };
    }
  }
}
