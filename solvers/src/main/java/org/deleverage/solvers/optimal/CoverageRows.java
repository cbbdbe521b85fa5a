package org.deleverage.solvers.optimal;

import java.util.ArrayList;
import java.util.List;
import org.deleverage.core.ResolvedProblem;

/**
 * The coverage constraints of a {@link Formulation}: the deadline's and each schedule step's, each
 * as G_c = (constant_c + sum over movable assets of their coverage at period k_c) / M - slope_c t
 * &gt;= 0, where t is the level variable of an S_max goal (slope 0 for a plan). The constant
 * holds X_0 less the bound b_c (buffer at the deadline, -S (1 - phi) at a step) for a plan, and
 * the fixed assets' contribution in every goal. A constraint implied by another (same period, same
 * slope, smaller constant) is dropped, since keeping both would make the Newton system singular;
 * its multiplier is zero. Immutable.
 */
final class CoverageRows {

  private final int[] period;
  private final double[] constant;
  private final double[] slope;
  private final int[] original;
  private final int problemCount;

  private CoverageRows(
      int[] period, double[] constant, double[] slope, int[] original, int problemCount) {
    this.period = period;
    this.constant = constant;
    this.slope = slope;
    this.original = original;
    this.problemCount = problemCount;
  }

  /**
   * The rows of {@code goal}:
   *
   * <ul>
   *   <li>plan: constant X_0 - b_c, slope 0;
   *   <li>S_max: constant -buffer at the deadline and 0 at a step, slope 1 at the deadline and
   *       phi at a step, so that t is S / M for the largest shortfall S given as X_0 = -S;
   *   <li>headroom: constant -b_c (buffer at the deadline; a step's bound, which is 0 since the
   *       account has no shortfall), slope 1, so that t is the largest fall of X_0 the plan can
   *       absorb.
   * </ul>
   *
   * @param fixedCoverage per row, the fixed assets' coverage at its period, in money
   */
  static CoverageRows of(ResolvedProblem problem, Formulation.Goal goal, double[] fixedCoverage) {
    int steps = problem.scheduleSize();
    int[] period = new int[steps + 1];
    double[] constant = new double[steps + 1];
    double[] slope = new double[steps + 1];
    period[0] = problem.deadlineIndex();
    for (int s = 0; s < steps; s++) {
      period[s + 1] = problem.scheduleIndex(s);
    }
    for (int c = 0; c <= steps; c++) {
      double fraction = c == 0 ? 1.0 : problem.scheduleFraction(c - 1);
      double bound = c == 0 ? problem.buffer() : -problem.shortfall() * (1 - fraction);
      switch (goal) {
        case PLAN -> constant[c] = problem.initialExcess() - bound;
        case MAX_COVERABLE -> {
          constant[c] = c == 0 ? -problem.buffer() : 0.0;
          slope[c] = fraction;
        }
        case HEADROOM -> {
          constant[c] = -bound;
          slope[c] = 1.0;
        }
        default -> throw new IllegalStateException("goal: " + goal);
      }
      constant[c] += fixedCoverage[c];
    }
    List<Integer> kept = new ArrayList<>();
    for (int c = 0; c <= steps; c++) {
      boolean implied = false;
      for (int d = 0; d <= steps; d++) {
        implied |= d != c && period[d] == period[c] && slope[d] == slope[c]
            && (constant[d] < constant[c] || (constant[d] == constant[c] && d < c));
      }
      if (!implied) {
        kept.add(c);
      }
    }
    int count = kept.size();
    int[] keptPeriod = new int[count];
    double[] keptConstant = new double[count];
    double[] keptSlope = new double[count];
    int[] original = new int[count];
    for (int c = 0; c < count; c++) {
      original[c] = kept.get(c);
      keptPeriod[c] = period[original[c]];
      keptConstant[c] = constant[original[c]];
      keptSlope[c] = slope[original[c]];
    }
    return new CoverageRows(keptPeriod, keptConstant, keptSlope, original, steps + 1);
  }

  /** The periods (0-based) of the problem's coverage constraints, the deadline first. */
  static int[] problemPeriods(ResolvedProblem problem) {
    int[] period = new int[problem.scheduleSize() + 1];
    period[0] = problem.deadlineIndex();
    for (int s = 0; s < problem.scheduleSize(); s++) {
      period[s + 1] = problem.scheduleIndex(s);
    }
    return period;
  }

  /** The number of rows kept. */
  int count() {
    return period.length;
  }

  /** The 0-based period of row c. */
  int period(int c) {
    return period[c];
  }

  /** The constant of row c, money. */
  double constant(int c) {
    return constant[c];
  }

  /** The slope of row c in the level t. */
  double slope(int c) {
    return slope[c];
  }

  /** The multipliers of the rows kept, from those of every coverage constraint of the problem. */
  double[] keptDuals(double[] problemDuals) {
    double[] duals = new double[original.length];
    for (int c = 0; c < original.length; c++) {
      duals[c] = problemDuals[original[c]];
    }
    return duals;
  }

  /**
   * The multipliers of every coverage constraint of the problem, the deadline first and then the
   * schedule steps, from those of the rows kept (an implied one has zero).
   */
  double[] problemDuals(double[] keptDuals) {
    double[] duals = new double[problemCount];
    for (int c = 0; c < original.length; c++) {
      duals[original[c]] = keptDuals[c];
    }
    return duals;
  }
}
