package org.deleverage.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deleverage.InvalidInputException;

/**
 * Reads a price history from CSV: a header row, then a row per day, oldest first.
 *
 * <pre>
 *   date,AAPL,MSFT,BTC
 *   2025-01-03,243.36,423.35,96886.88
 *   2025-01-04,,,98107.43
 * </pre>
 *
 * The first column labels the day (any header name, any text; it is kept as written and not
 * interpreted); every other column holds the prices of one asset, in money per unit, its header
 * being the asset's id. An empty cell is a missing price (a weekend, a holiday, a gap). A price is
 * a decimal number such as {@code 12}, {@code 0.5} or {@code 1.5e3}, and must be finite and
 * {@code > 0}. Fields may be quoted as RFC 4180 says ({@code "a ""quoted"" id"}), and a quoted
 * field may span lines; spaces around a field are ignored; a UTF-8 byte order mark is skipped;
 * lines end in LF, CRLF or CR; blank lines are skipped. At least 2 rows of prices are needed.
 *
 * <p>Every error is an {@link InvalidInputException} whose path names the source, the row (the
 * line in the file that the row starts on, the header being row 1) and the column (the asset
 * id, or the column number from 1 in the header), for example {@code history.csv row 7, column
 * MSFT: not a number: "abc"}. Every bad cell and every row of the wrong width is reported, not
 * only the first: one exception lists them all ({@link InvalidInputException#violations()}), in
 * the order of the file. Stateless and thread-safe.
 */
public final class PriceHistoryCsv {

  private PriceHistoryCsv() {}

  /**
   * The history in the UTF-8 file {@code file}; errors name it as given.
   *
   * @param file the file
   * @return the history in the UTF-8 file {@code file}; errors name it as given
   * @throws InvalidInputException naming the file, row and column of every error
   * @throws IOException if the file cannot be read
   */
  public static PriceHistory read(Path file) throws IOException {
    return read(Utf8Text.read(file, file.toString()), file.toString());
  }

  /**
   * The history in the UTF-8 stream {@code in}, read to its end; the stream is not closed.
   *
   * @param source the name errors give the stream, for example a file name
   * @param in the stream, read to its end and not closed
   * @return the history in the UTF-8 stream {@code in}, read to its end; the stream is not closed
   * @throws InvalidInputException naming the source, row and column of every error
   * @throws IOException if the stream cannot be read
   */
  public static PriceHistory read(InputStream in, String source) throws IOException {
    return read(Utf8Text.read(in, source), source);
  }

  /**
   * The history in {@code text}.
   *
   * @param source the name errors give the text, for example a file name
   * @param text the text
   * @return the history in {@code text}
   * @throws InvalidInputException naming the source, row and column of every error
   */
  public static PriceHistory read(String text, String source) {
    List<CsvRows.Row> rows = CsvRows.read(text, source);
    List<String> header = rows.get(0).cells();
    Violations found = new Violations();
    List<String> assets = assets(header, source, rows.get(0).row(), found);
    List<String> days = new ArrayList<>();
    List<double[]> prices = new ArrayList<>();
    for (CsvRows.Row data : rows.subList(1, rows.size())) {
      List<String> cells = data.cells();
      if (cells.size() != header.size()) {
        found.add(
            source + " row " + data.row(),
            "has " + cells.size() + " field" + (cells.size() == 1 ? "" : "s")
                + ", the header has " + header.size());
        continue;
      }
      days.add(cells.get(0));
      double[] day = new double[assets.size()];
      for (int i = 0; i < assets.size(); i++) {
        String where = source + " row " + data.row() + ", column " + assets.get(i);
        try {
          day[i] = price(cells.get(i + 1), where);
        } catch (InvalidInputException e) {
          found.add(e);
        }
      }
      prices.add(day);
    }
    found.throwIfAny();
    if (prices.size() < 2) {
      throw new InvalidInputException(
          source, "needs at least 2 rows of prices after the header, had " + prices.size());
    }
    return new PriceHistory(source, rows.get(0).row(), days, assets,
        prices.toArray(new double[0][]));
  }

  /**
   * The asset ids of the header: at least one, none empty, no two the same (each empty or
   * repeated id an error in {@code found}).
   */
  private static List<String> assets(List<String> header, String source, int row,
      Violations found) {
    if (header.size() < 2) {
      throw new InvalidInputException(
          source + " row " + row,
          "the header must name a date column and at least one asset, had " + header.size()
              + " column");
    }
    Map<String, Integer> seen = new HashMap<>();
    List<String> assets = header.subList(1, header.size());
    for (int i = 0; i < assets.size(); i++) {
      String id = assets.get(i);
      String where = CsvRows.where(source, row, i + 2);
      if (id.isEmpty()) {
        found.add(where, "an asset id is required");
        continue;
      }
      Integer earlier = seen.putIfAbsent(id, i + 2);
      if (earlier != null) {
        found.add(where, "duplicate asset id \"" + id + "\" (also column " + earlier + ")");
      }
    }
    return assets;
  }

  /** The price in a cell: NaN when empty, else a finite decimal number {@code > 0}. */
  private static double price(String cell, String where) {
    if (cell.isEmpty()) {
      return Double.NaN;
    }
    double price = CsvRows.decimal(cell, where);
    if (!(price > 0)) {
      throw new InvalidInputException(where, "must be > 0, was " + price);
    }
    return price;
  }

}
