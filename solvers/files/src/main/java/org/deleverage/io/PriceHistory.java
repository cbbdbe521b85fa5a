package org.deleverage.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deleverage.InvalidInputException;

/**
 * A history of daily prices as {@link PriceHistoryCsv} reads it: a label per day (a date, as
 * written), oldest first, an id per asset, and a price per day and asset in money per unit, NaN
 * where the history has none. Every price present is a finite number {@code > 0}. Immutable and
 * thread-safe; {@link #prices()} returns a copy.
 */
public final class PriceHistory {

  private final String source;
  private final List<String> days;
  private final List<String> assets;
  private final double[][] prices;
  private final Map<String, Integer> columns;

  /** The row of the header in the file, which names the assets' columns. */
  private final int headerRow;

  PriceHistory(String source, int headerRow, List<String> days, List<String> assets,
      double[][] prices) {
    this.source = source;
    this.headerRow = headerRow;
    this.days = List.copyOf(days);
    this.assets = List.copyOf(assets);
    this.prices = prices;
    this.columns = new HashMap<>();
    for (int i = 0; i < assets.size(); i++) {
      columns.put(assets.get(i), i);
    }
  }

  /**
   * Where the history was read from (a file name), as its errors name it.
   *
   * @return the name of the file or stream
   */
  public String source() {
    return source;
  }

  /**
   * The label of each day, as written in the first column, oldest first.
   *
   * @return the label of each day, as written in the first column, oldest first
   */
  public List<String> days() {
    return days;
  }

  /**
   * The asset ids, in the order of the columns.
   *
   * @return the asset ids, in the order of the columns
   */
  public List<String> assets() {
    return assets;
  }

  /**
   * The prices, a row per day and a column per asset of {@link #assets()}, NaN where missing.
   *
   * @return the prices, a row per day and a column per asset of {@link #assets()}, NaN where
   *     missing
   */
  public double[][] prices() {
    double[][] copy = new double[prices.length][];
    for (int t = 0; t < prices.length; t++) {
      copy[t] = prices[t].clone();
    }
    return copy;
  }

  /**
   * The prices of the given assets, a row per day and a column per id in the order given, NaN
   * where missing. Columns of assets not asked for are left out.
   *
   * @param ids the asset ids, each a column of the history
   * @return the prices of the given assets, a row per day and a column per id in the order given,
   *     NaN where missing
   * @throws InvalidInputException naming the source and its header row, and every id that has
   *     no column (the first {@value InvalidInputException#SHOWN}, then how many more)
   */
  public double[][] prices(List<String> ids) {
    List<String> missing = new ArrayList<>();
    int[] index = new int[ids.size()];
    for (int k = 0; k < ids.size(); k++) {
      Integer column = columns.get(ids.get(k));
      if (column == null) {
        missing.add(ids.get(k));
      } else {
        index[k] = column;
      }
    }
    if (!missing.isEmpty()) {
      int shown = Math.min(missing.size(), InvalidInputException.SHOWN);
      String more = missing.size() > shown ? " and " + (missing.size() - shown) + " more" : "";
      throw new InvalidInputException(
          source + " row " + headerRow,
          "no price column for the asset" + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing.subList(0, shown)) + more + " of the problem");
    }
    double[][] selected = new double[prices.length][ids.size()];
    for (int t = 0; t < prices.length; t++) {
      for (int k = 0; k < ids.size(); k++) {
        selected[t][k] = prices[t][index[k]];
      }
    }
    return selected;
  }
}
