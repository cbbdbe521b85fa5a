package org.deleverage.solvers.optimal;

/**
 * The linear constraints of a {@link Formulation} laid out in arrays (variable indices and
 * coefficients), for the loops that visit all of them several times a Newton step: J' w, J dv
 * and g(v). The same arithmetic as {@link LinearConstraint}'s methods, without visiting one
 * object per constraint. Immutable.
 */
final class LinearRows {

  private final int[] first;
  private final int[] second;
  private final double[] firstCoefficient;
  private final double[] secondCoefficient;
  private final double[] constant;

  LinearRows(LinearConstraint[] rows) {
    int count = rows.length;
    first = new int[count];
    second = new int[count];
    firstCoefficient = new double[count];
    secondCoefficient = new double[count];
    constant = new double[count];
    for (int j = 0; j < count; j++) {
      first[j] = rows[j].first();
      second[j] = rows[j].second();
      firstCoefficient[j] = rows[j].firstCoefficient();
      secondCoefficient[j] = rows[j].secondCoefficient();
      constant[j] = rows[j].constant();
    }
  }

  /** Adds sum_j w_j grad g_j to {@code result}. */
  void addTransposeProduct(double[] w, double[] result) {
    for (int j = 0; j < first.length; j++) {
      double weight = w[j];
      if (first[j] >= 0) {
        result[first[j]] += firstCoefficient[j] * weight;
      }
      if (second[j] >= 0) {
        result[second[j]] += secondCoefficient[j] * weight;
      }
    }
  }

  /** Sets result_j = grad g_j . dv for each constraint j. */
  void product(double[] dv, double[] result) {
    for (int j = 0; j < first.length; j++) {
      double value = 0.0;
      if (first[j] >= 0) {
        value += firstCoefficient[j] * dv[first[j]];
      }
      if (second[j] >= 0) {
        value += secondCoefficient[j] * dv[second[j]];
      }
      result[j] = value;
    }
  }

  /** Sets result_j = g_j(v) - s_j for each constraint j. */
  void valuesLess(double[] v, double[] s, double[] result) {
    for (int j = 0; j < first.length; j++) {
      double value = constant[j];
      if (first[j] >= 0) {
        value += firstCoefficient[j] * v[first[j]];
      }
      if (second[j] >= 0) {
        value += secondCoefficient[j] * v[second[j]];
      }
      result[j] = value - s[j];
    }
  }
}
