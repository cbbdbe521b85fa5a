package org.deleverage.models.numerics;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Sample moments of paired observations, by Commons Math: the unbiased (n - 1 denominator)
 * variance and covariance, and Pearson's correlation. The arrays hold observations only (no
 * missing values); callers pick the rows. Every method needs at least two observations.
 */
public final class SampleMoments {
  private SampleMoments() {}

  /**
   * The sample variance {@code sum_t (x_t - mean x)^2 / (n - 1)}.
   *
   * @param x at least two finite observations
   * @return the sample variance {@code sum_t (x_t - mean x)^2 / (n - 1)}
   */
  public static double variance(double[] x) {
    requireTwo(x.length);
    return StatUtils.variance(x);
  }

  /**
   * The sample covariance {@code sum_t (x_t - mean x)(y_t - mean y) / (n - 1)}.
   *
   * @param x at least two finite observations
   * @param y as many finite observations as {@code x}, on the same rows
   * @return the sample covariance {@code sum_t (x_t - mean x)(y_t - mean y) / (n - 1)}
   */
  public static double covariance(double[] x, double[] y) {
    requireTwo(x.length);
    requireSameLength(x, y);
    return new Covariance().covariance(x, y, true);
  }

  /**
   * Pearson's correlation {@code cov(x, y) / (sd(x) sd(y))}, in [-1, 1]; NaN when either series
   * is constant.
   *
   * @param x at least two finite observations
   * @param y as many finite observations as {@code x}, on the same rows
   * @return the correlation, in [-1, 1]
   */
  public static double correlation(double[] x, double[] y) {
    requireTwo(x.length);
    requireSameLength(x, y);
    return new PearsonsCorrelation().correlation(x, y);
  }

  private static void requireTwo(int observations) {
    if (observations < 2) {
      throw new IllegalArgumentException(
          "a sample moment needs at least 2 observations, had " + observations);
    }
  }

  private static void requireSameLength(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "paired observations must have the same length, had " + x.length + " and " + y.length);
    }
  }
}
