package org.deleverage.solvers.optimal;

/**
 * One linear constraint g(v) = a v[first] + b v[second] + c0 >= 0 of a {@link Formulation}, in
 * the scaled variables: y (the fraction of a movable asset still held after a period) and u (the
 * fraction of it filled at one level of an order book in one period). Each touches at most two
 * variables, and two only when it bounds a trade y_k-1 - y_k. Immutable.
 *
 * @param kind what the constraint bounds
 * @param asset the asset's index in the problem
 * @param period the 0-based period (the last one for a retain limit)
 * @param first the index of the first variable, or -1 for none
 * @param firstCoefficient a
 * @param second the index of the second variable, or -1 for none
 * @param secondCoefficient b
 * @param constant c0
 */
record LinearConstraint(
    Kind kind,
    int asset,
    int period,
    int first,
    double firstCoefficient,
    int second,
    double secondCoefficient,
    double constant) {

  /** What a linear constraint bounds. */
  enum Kind {
    /** n_ik >= 0, as y_i,k-1 - y_ik >= 0 (y_i,-1 = 1). */
    TRADE_FLOOR,
    /** n_ik <= cap_i, as cap_i / Q_i - (y_i,k-1 - y_ik) >= 0. */
    TRADE_CAP,
    /** r_iN >= retainMin_i, as y_iN - retainMin_i / Q_i >= 0. */
    RETAIN_MIN,
    /** r_iN <= retainMax_i, as retainMax_i / Q_i - y_iN >= 0. */
    RETAIN_MAX,
    /** n_ikl >= 0: nothing filled below zero at a level of the book. */
    LEVEL_FLOOR,
    /** n_ikl <= size_l: a level fills at most its size. */
    LEVEL_CAP;

    /** Whether the constraint bounds a trade, y_k-1 - y_k, rather than one variable. */
    boolean onTrade() {
      return this == TRADE_FLOOR || this == TRADE_CAP;
    }

    /** Whether the constraint bounds a level variable u. */
    boolean onLevel() {
      return this == LEVEL_FLOOR || this == LEVEL_CAP;
    }
  }

  /**
   * The floor or cap of the trade of a movable asset into period k, whose y has index {@code
   * here} and whose y before has index {@code before} (-1 in the first period, where y_-1 = 1).
   */
  static LinearConstraint trade(Kind kind, int asset, int period, int before, int here,
      double cap) {
    double start = before < 0 ? 1.0 : 0.0;
    return kind == Kind.TRADE_FLOOR
        ? new LinearConstraint(kind, asset, period, before, 1, here, -1, start)
        : new LinearConstraint(kind, asset, period, before, -1, here, 1, cap - start);
  }

  /** A bound on one variable: v >= bound (floor) or v <= bound (cap). */
  static LinearConstraint single(Kind kind, int asset, int period, int index, double bound,
      boolean floor) {
    return floor
        ? new LinearConstraint(kind, asset, period, index, 1, -1, 0, -bound)
        : new LinearConstraint(kind, asset, period, index, -1, -1, 0, bound);
  }

  /** g(v). */
  double value(double[] v) {
    double value = constant;
    if (first >= 0) {
      value += firstCoefficient * v[first];
    }
    if (second >= 0) {
      value += secondCoefficient * v[second];
    }
    return value;
  }

  /** Adds w times the gradient of g to {@code result}. */
  void addGradient(double w, double[] result) {
    if (first >= 0) {
      result[first] += firstCoefficient * w;
    }
    if (second >= 0) {
      result[second] += secondCoefficient * w;
    }
  }

  /** The gradient of g times dv. */
  double derivative(double[] dv) {
    double value = 0.0;
    if (first >= 0) {
      value += firstCoefficient * dv[first];
    }
    if (second >= 0) {
      value += secondCoefficient * dv[second];
    }
    return value;
  }
}
