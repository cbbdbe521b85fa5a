package org.deleverage.models.risk;

import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;
import org.deleverage.models.numerics.SampleMoments;

/**
 * The sample covariance and correlation of daily returns, estimated from a history with missing
 * observations handled pairwise. Immutable and thread-safe; accessors return copies.
 *
 * <p>The history is a matrix of returns (a row per day, a column per asset, {@link Double#NaN}
 * where missing), given directly or made from prices by {@link Returns#simple(double[][])}. With
 * O_i the days on which asset i has a return, and O_ij the days on which both i and j do,
 *
 * <pre>
 *   variance     S_ii = sum_{t in O_i} (r_ti - mean_{O_i} r_i)^2 / (|O_i| - 1)
 *   covariance   S_ij = sum_{t in O_ij} (r_ti - mean_{O_ij} r_i)(r_tj - mean_{O_ij} r_j)
 *                       / (|O_ij| - 1)
 *   correlation  C_ij = Pearson's correlation of r_i and r_j over O_ij (means and standard
 *                       deviations over O_ij too), C_ii = 1
 * </pre>
 *
 * all per day (returns are dimensionless, so S is in 1 / day). Each pair uses every day that it
 * can: no day is dropped because a third asset is missing on it. The price of this is that S need
 * not be positive semidefinite when returns are missing, and neither need C (which is always in
 * [-1, 1]); {@link NearestCorrelation} repairs C, and {@link Covariances#fromCorrelation} turns
 * the repaired C and {@link #volatilities()} back into a covariance. With no missing return,
 * {@code volatilities()[i] * volatilities()[j] * C_ij = S_ij} and both are positive
 * semidefinite.
 *
 * <p>A series that is constant where it is used (all its returns equal, for example a price that
 * never moves) has no defined correlation: its variance and covariances are then exactly 0 and
 * its correlations with other assets are defined as 0, with 1 on the diagonal, so it is treated as
 * uncorrelated with everything. The same holds for a pair when either series is constant on the
 * days the pair shares. Every variance needs at least 2 returns of its asset and every covariance
 * at least 2 days shared by the pair; fewer is an error naming the asset or the pair.
 */
public final class SampleCovariance {

  private final double[][] covariance;
  private final double[][] correlation;
  private final int[][] observations;

  private SampleCovariance(double[][] covariance, double[][] correlation, int[][] observations) {
    this.covariance = covariance;
    this.correlation = correlation;
    this.observations = observations;
  }

  /**
   * The estimate from a price history (T x n, NaN where missing), through its simple returns
   * ({@link Returns#simple(double[][])}); assets are named by column in errors.
   *
   * @param prices the prices, money per unit
   * @return the estimate from a price history (T x n, NaN where missing), through its simple
   *     returns ({@link Returns#simple(double[][])}); assets are named by column in errors
   * @throws InvalidInputException as {@link #ofPrices(double[][], List)}
   */
  public static SampleCovariance ofPrices(double[][] prices) {
    return ofPrices(prices, null);
  }

  /**
   * The estimate from a price history (T x n, NaN where missing), through its simple returns
   * ({@link Returns#simple(double[][])}).
   *
   * @param prices T x n prices, T >= 2, each {@code > 0} or NaN; not modified
   * @param names the assets' names for error messages, one per column, or null to name them by
   *     column ({@code column 3}, from 0)
   * @return the estimate from a price history (T x n, NaN where missing), through its simple
   *     returns ({@link Returns#simple(double[][])})
   * @throws InvalidInputException naming {@code prices[t][i]} for a price that is not positive
   *     and finite (nor NaN), or naming the asset or the pair with fewer than 2 returns
   */
  public static SampleCovariance ofPrices(double[][] prices, List<String> names) {
    double[][] returns = Returns.simple(prices);
    return estimate("prices", returns, names);
  }

  /**
   * The estimate from daily returns (a row per day, a column per asset, NaN where missing);
   * assets are named by column in errors.
   *
   * @param returns the returns
   * @return the estimate from daily returns (a row per day, a column per asset, NaN where missing);
   *     assets are named by column in errors
   * @throws InvalidInputException as {@link #ofReturns(double[][], List)}
   */
  public static SampleCovariance ofReturns(double[][] returns) {
    return ofReturns(returns, null);
  }

  /**
   * The estimate from daily returns (a row per day, a column per asset, NaN where missing).
   *
   * @param returns T x n simple returns, T >= 2, each finite or NaN; not modified
   * @param names the assets' names for error messages, one per column, or null to name them by
   *     column ({@code column 3}, from 0)
   * @return the estimate from daily returns (a row per day, a column per asset, NaN where missing)
   * @throws InvalidInputException naming {@code returns[t][i]} for an infinite return, or the
   *     asset or the pair with fewer than 2 returns
   */
  public static SampleCovariance ofReturns(double[][] returns, List<String> names) {
    int n = Returns.checkRectangular("returns", returns, 2);
    for (int t = 0; t < returns.length; t++) {
      for (int i = 0; i < n; i++) {
        if (Double.isInfinite(returns[t][i])) {
          throw new InvalidInputException(
              "returns[" + t + "][" + i + "]",
              "must be a finite number, or NaN for a missing return, was " + returns[t][i]);
        }
      }
    }
    return estimate("returns", returns, names);
  }

  /**
   * The number of assets n.
   *
   * @return the number of assets n
   */
  public int size() {
    return covariance.length;
  }

  /**
   * The pairwise sample covariance S of returns, n x n, exactly symmetric, per day; not
   * necessarily positive semidefinite when returns are missing.
   *
   * @return the pairwise sample covariance S of returns, n x n, exactly symmetric, per day; not
   *     necessarily positive semidefinite when returns are missing
   */
  public double[][] covariance() {
    return Matrices.copy(covariance);
  }

  /**
   * The pairwise correlation C of returns, n x n, exactly symmetric, entries in [-1, 1], diagonal
   * exactly 1; not necessarily positive semidefinite when returns are missing.
   *
   * @return the pairwise correlation C of returns, n x n, exactly symmetric, entries in [-1, 1],
   *     diagonal exactly 1; not necessarily positive semidefinite when returns are missing
   */
  public double[][] correlation() {
    return Matrices.copy(correlation);
  }

  /**
   * The daily volatility of each asset, {@code sqrt(S_ii)}: the standard deviation of its simple
   * returns over every day it has one.
   *
   * @return the daily volatility of each asset, {@code sqrt(S_ii)}: the standard deviation of its
   *     simple returns over every day it has one
   */
  public double[] volatilities() {
    double[] volatilities = new double[covariance.length];
    for (int i = 0; i < volatilities.length; i++) {
      volatilities[i] = Math.sqrt(covariance[i][i]);
    }
    return volatilities;
  }

  /**
   * The number of returns behind each entry: |O_ij| off the diagonal (days both assets have a
   * return), |O_i| on it.
   *
   * @return the number of returns behind each entry: |O_ij| off the diagonal (days both assets have
   *     a return), |O_i| on it
   */
  public int[][] observations() {
    int[][] copy = new int[observations.length][];
    for (int i = 0; i < observations.length; i++) {
      copy[i] = observations[i].clone();
    }
    return copy;
  }

  private static SampleCovariance estimate(String name, double[][] returns, List<String> names) {
    int n = returns[0].length;
    String[] labels = labels(names, n);
    double[][] covariance = new double[n][n];
    double[][] correlation = new double[n][n];
    int[][] observations = new int[n][n];
    for (int i = 0; i < n; i++) {
      double[] x = observed(returns, i, i);
      observations[i][i] = x.length;
      if (x.length < 2) {
        throw new InvalidInputException(
            name, labels[i] + " has " + x.length + " return" + (x.length == 1 ? "" : "s")
                + " observed, need at least 2 for a variance");
      }
      covariance[i][i] = constant(x) ? 0.0 : SampleMoments.variance(x);
      correlation[i][i] = 1.0;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double[] x = observed(returns, i, j);
        double[] y = observed(returns, j, i);
        int shared = x.length;
        if (shared < 2) {
          throw new InvalidInputException(
              name, labels[i] + " and " + labels[j] + " have " + shared + " day"
                  + (shared == 1 ? "" : "s")
                  + " with both returns observed, need at least 2 for a covariance");
        }
        double cov = 0.0;
        double corr = 0.0;
        if (!constant(x) && !constant(y)) {
          cov = SampleMoments.covariance(x, y);
          corr = Math.max(-1.0, Math.min(1.0, SampleMoments.correlation(x, y)));
        }
        covariance[i][j] = cov;
        covariance[j][i] = cov;
        correlation[i][j] = corr;
        correlation[j][i] = corr;
        observations[i][j] = shared;
        observations[j][i] = shared;
      }
    }
    return new SampleCovariance(covariance, correlation, observations);
  }

  /** The returns of column {@code i} on the days on which columns i and j both have one. */
  private static double[] observed(double[][] returns, int i, int j) {
    int count = 0;
    for (double[] day : returns) {
      if (!Double.isNaN(day[i]) && !Double.isNaN(day[j])) {
        count++;
      }
    }
    double[] values = new double[count];
    int k = 0;
    for (double[] day : returns) {
      if (!Double.isNaN(day[i]) && !Double.isNaN(day[j])) {
        values[k++] = day[i];
      }
    }
    return values;
  }

  private static boolean constant(double[] values) {
    for (double value : values) {
      if (value != values[0]) {
        return false;
      }
    }
    return true;
  }

  private static String[] labels(List<String> names, int n) {
    String[] labels = new String[n];
    if (names == null) {
      for (int i = 0; i < n; i++) {
        labels[i] = "column " + i;
      }
      return labels;
    }
    if (names.size() != n) {
      throw new InvalidInputException(
          "names", "must have " + n + " entries (one per column), had " + names.size());
    }
    for (int i = 0; i < n; i++) {
      labels[i] = Checks.present("names[" + i + "]", names.get(i));
    }
    return labels;
  }
}
