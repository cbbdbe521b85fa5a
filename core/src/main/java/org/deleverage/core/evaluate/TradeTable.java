package org.deleverage.core.evaluate;

import java.util.Arrays;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * The plan as MODEL.md section 2 defines it: n_ik, the units of asset i traded towards flat in
 * period k (0-based here: period k + 1 of the model). Values are finite; whether they are
 * non-negative and within the limits is for the {@link Evaluator} to judge. Immutable and
 * thread-safe.
 */
public final class TradeTable {

  private final double[][] units;

  private TradeTable(double[][] units) {
    this.units = units;
  }

  /**
   * A table copied from {@code units[i][k]}, one row per asset, one column per period.
   *
   * @param units n, the units traded in one period
   * @return a table copied from {@code units[i][k]}, one row per asset, one column per period
   * @throws InvalidInputException if the rows differ in length or an entry is not finite
   */
  public static TradeTable of(double[][] units) {
    Checks.present("trades", units);
    int periods = units.length == 0 || units[0] == null ? 0 : units[0].length;
    double[][] copy = new double[units.length][];
    for (int i = 0; i < units.length; i++) {
      Checks.present("trades[" + i + "]", units[i]);
      if (units[i].length != periods) {
        throw new InvalidInputException(
            "trades[" + i + "]", "must have " + periods + " periods, had " + units[i].length);
      }
      copy[i] = units[i].clone();
      for (int k = 0; k < periods; k++) {
        Checks.finite("trades[" + i + "][" + k + "]", copy[i][k]);
      }
    }
    return new TradeTable(copy);
  }

  /**
   * A table of {@code assets} rows and {@code periods} columns with no trades.
   *
   * @param assets the assets
   * @param periods N, the number of periods
   * @return a table of {@code assets} rows and {@code periods} columns with no trades
   */
  public static TradeTable zeros(int assets, int periods) {
    return new TradeTable(new double[assets][periods]);
  }

  /**
   * n, the number of rows.
   *
   * @return n, the number of rows
   */
  public int assetCount() {
    return units.length;
  }

  /**
   * N, the number of columns.
   *
   * @return N, the number of columns
   */
  public int periods() {
    return units.length == 0 ? 0 : units[0].length;
  }

  /**
   * n_ik, the units of asset {@code i} traded in 0-based period {@code k}.
   *
   * @param i the asset's index in the problem
   * @param k the 0-based period
   * @return n_ik, units
   */
  public double units(int i, int k) {
    return units[i][k];
  }

  /**
   * A copy of the trades of asset {@code i}, one entry per period.
   *
   * @param i the asset's index in the problem
   * @return a copy of the trades of asset {@code i}, one entry per period
   */
  public double[] row(int i) {
    return units[i].clone();
  }

  /**
   * The total units of asset {@code i} traded over the horizon, c_iN.
   *
   * @param i the asset's index in the problem
   * @return the total units of asset {@code i} traded over the horizon, c_iN
   */
  public double traded(int i) {
    double total = 0.0;
    for (double value : units[i]) {
      total += value;
    }
    return total;
  }

  /**
   * A copy of the whole table, {@code [asset][period]}.
   *
   * @return a copy of the whole table, {@code [asset][period]}
   */
  public double[][] toArray() {
    double[][] copy = new double[units.length][];
    for (int i = 0; i < units.length; i++) {
      copy[i] = units[i].clone();
    }
    return copy;
  }

  /**
   * Whether no unit trades at all.
   *
   * @return whether no unit trades at all
   */
  public boolean isEmpty() {
    for (double[] row : units) {
      for (double value : row) {
        if (value != 0.0) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TradeTable that && Arrays.deepEquals(units, that.units);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(units);
  }

  @Override
  public String toString() {
    return "TradeTable" + Arrays.deepToString(units);
  }
}
