package org.deleverage.solvers.analysis;

import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.TradeTable;

/**
 * What limits an asset in a plan, judged from its trades with a relative tolerance of {@value
 * #TOLERANCE} of the position.
 */
public enum AssetState {
  /** Locked: it may not trade. */
  LOCKED,
  /** Not traded: the optimum does not need it (its marginal cost is above the shadow price). */
  NOT_NEEDED,
  /** Traded and stopped by nothing but its own marginal cost. */
  INTERIOR,
  /** Trading at its participation cap (or its book's depth) in at least one period. */
  CAP,
  /** Stopped at its retain minimum, or forced down to its retain maximum. */
  RETAIN_LIMIT,
  /** Sold to the last unit it may sell (the whole position when no retain minimum). */
  EXHAUSTED;

  /**
   * The state in words, as files and tables show it: {@code not needed}, {@code retain limit}.
   *
   * @return the name in lower case, words separated by a space
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** The relative tolerance of the judgements, of the position. */
  public static final double TOLERANCE = 1e-6;

  /**
   * The state of asset {@code i} in {@code table}; the strongest limit wins (exhausted, then the
   * retain limits, then the cap).
   *
   * @param problem the problem
   * @param table the plan's trade table
   * @param i the asset
   * @return its state
   */
  public static AssetState of(ResolvedProblem problem, TradeTable table, int i) {
    if (problem.locked(i)) {
      return LOCKED;
    }
    double held = problem.held(i);
    double slack = TOLERANCE * Math.max(1.0, held);
    double sold = table.traded(i);
    if (sold <= slack) {
      return held <= slack ? LOCKED : NOT_NEEDED;
    }
    if (sold >= held - slack) {
      return EXHAUSTED;
    }
    double remaining = held - sold;
    if ((problem.retainMin(i) > 0 && remaining <= problem.retainMin(i) + slack)
        || (problem.retainMax(i) < held && remaining >= problem.retainMax(i) - slack)) {
      return RETAIN_LIMIT;
    }
    double cap = problem.periodCap(i);
    for (int k = 0; k < problem.periods(); k++) {
      if (table.units(i, k) >= cap - TOLERANCE * Math.max(1.0, cap)) {
        return CAP;
      }
    }
    return INTERIOR;
  }
}
