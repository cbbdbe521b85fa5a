package org.deleverage.solvers.optimal;

/**
 * The linear constraints of a {@link Formulation} laid out in arrays (variable indices and
 * coefficients), for the loops that visit all of them several times a Newton step: J' w, J dv
 * and g(v), and the barrier's weights z / s on the Newton system. The same arithmetic as {@link
 * LinearConstraint}'s methods, without visiting one object per constraint. Immutable.
 */
final class LinearRows {

  /** Where a row's barrier weight goes in {@link NewtonSystem.Weights}. */
  private static final byte ON_DIAGONAL = 0;
  private static final byte ON_TRADE = 1;
  private static final byte ON_LEVEL = 2;

  private final int[] first;
  private final int[] second;
  private final double[] firstCoefficient;
  private final double[] secondCoefficient;
  private final double[] constant;
  private final byte[] target;
  /** The period k of the y (or trade into y) a row bounds; 0 for a level. */
  private final int[] period;
  /** The movable asset a of the y a row bounds, or the level's index less the first level's. */
  private final int[] slot;

  /**
   * The rows of a formulation whose period blocks have {@code blockSize} movable assets and whose
   * first level variable has index {@code firstLevel}.
   */
  LinearRows(LinearConstraint[] rows, int blockSize, int firstLevel) {
    int count = rows.length;
    first = new int[count];
    second = new int[count];
    firstCoefficient = new double[count];
    secondCoefficient = new double[count];
    constant = new double[count];
    target = new byte[count];
    period = new int[count];
    slot = new int[count];
    for (int j = 0; j < count; j++) {
      LinearConstraint row = rows[j];
      first[j] = row.first();
      second[j] = row.second();
      firstCoefficient[j] = row.firstCoefficient();
      secondCoefficient[j] = row.secondCoefficient();
      constant[j] = row.constant();
      if (row.kind().onTrade()) {
        target[j] = ON_TRADE;
        period[j] = row.second() / blockSize;
        slot[j] = row.second() % blockSize;
      } else if (row.kind().onLevel()) {
        target[j] = ON_LEVEL;
        slot[j] = row.first() - firstLevel;
      } else {
        target[j] = ON_DIAGONAL;
        period[j] = row.first() / blockSize;
        slot[j] = row.first() % blockSize;
      }
    }
  }

  /**
   * Adds each row's barrier weight z_j / s_j where it acts: on its trade, its level variable or
   * its variable y (the arrays of {@link NewtonSystem.Weights}, [k][a] and per level).
   */
  void addBarrierWeights(double[] slacks, double[] duals, double[][] diagonal, double[][] trade,
      double[] level) {
    for (int j = 0; j < first.length; j++) {
      double w = duals[j] / slacks[j];
      switch (target[j]) {
        case ON_TRADE -> trade[period[j]][slot[j]] += w;
        case ON_LEVEL -> level[slot[j]] += w;
        default -> diagonal[period[j]][slot[j]] += w;
      }
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
