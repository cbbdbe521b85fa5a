package org.deleverage.models.risk;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * Daily returns from a price history. The history is a T x n matrix: a row per day, oldest
 * first, and a column per asset, with {@link Double#NaN} for a day on which the asset has no
 * price (a weekend, a holiday, a gap in the data). The returns are simple returns between
 * consecutive rows,
 *
 * <pre>
 *   r[t - 1][i] = p[t][i] / p[t - 1][i] - 1        t = 1 .. T - 1, dimensionless per day
 * </pre>
 *
 * and a return is missing (NaN) when either of its two prices is. A return never spans a gap:
 * the price before a missing day and the price after it give no return, so that every return
 * covers exactly one row of the history. Stateless and thread-safe.
 */
public final class Returns {
  private Returns() {}

  /**
   * The simple returns of a price history, a (T - 1) x n matrix with NaN where a return is
   * missing.
   *
   * @param prices T x n prices, T >= 2, n >= 1, each {@code > 0} or NaN (missing); not modified
   * @return the simple returns of a price history, a (T - 1) x n matrix with NaN where a return is
   *     missing
   * @throws InvalidInputException naming {@code prices}, or the entry {@code prices[t][i]} (row
   *     t, column i, from 0) that is not a positive finite number or NaN
   */
  public static double[][] simple(double[][] prices) {
    checkPrices(prices);
    int days = prices.length;
    int n = prices[0].length;
    double[][] returns = new double[days - 1][n];
    for (int t = 1; t < days; t++) {
      for (int i = 0; i < n; i++) {
        double before = prices[t - 1][i];
        double after = prices[t][i];
        returns[t - 1][i] =
            Double.isNaN(before) || Double.isNaN(after) ? Double.NaN : after / before - 1.0;
      }
    }
    return returns;
  }

  /** Checks a price history: rectangular, at least 2 rows and 1 column, prices > 0 or NaN. */
  static void checkPrices(double[][] prices) {
    int n = checkRectangular("prices", prices, 2);
    for (int t = 0; t < prices.length; t++) {
      for (int i = 0; i < n; i++) {
        double price = prices[t][i];
        if (!Double.isNaN(price) && !(price > 0 && Double.isFinite(price))) {
          throw new InvalidInputException(
              "prices[" + t + "][" + i + "]",
              "must be a finite number > 0, or NaN for a missing price, was " + price);
        }
      }
    }
  }

  /**
   * Checks that {@code matrix} has at least {@code minRows} rows, at least one column, and the
   * same number of columns in every row; returns that number.
   */
  static int checkRectangular(String name, double[][] matrix, int minRows) {
    Checks.present(name, matrix);
    if (matrix.length < minRows) {
      throw new InvalidInputException(
          name, "must have at least " + minRows + " rows (days), had " + matrix.length);
    }
    for (int t = 0; t < matrix.length; t++) {
      Checks.present(name + "[" + t + "]", matrix[t]);
    }
    int n = matrix[0].length;
    if (n == 0) {
      throw new InvalidInputException(name + "[0]", "must have at least one column (asset)");
    }
    for (int t = 1; t < matrix.length; t++) {
      if (matrix[t].length != n) {
        throw new InvalidInputException(
            name + "[" + t + "]",
            "must have " + n + " entries like " + name + "[0] (one per asset), had "
                + matrix[t].length);
      }
    }
    return n;
  }
}
