package org.deleverage.solvers.baseline;

import org.deleverage.core.ResolvedProblem;

/**
 * The coverage constraints of MODEL.md section 4 in the form the baselines use: a list of (period,
 * bound) pairs, X_k >= bound, with X_0 = -S.
 *
 * <pre>
 *   X_kd >= buffer                  the deadline
 *   X_k  >= -S * (1 - phi)          each schedule step
 * </pre>
 *
 * With the relief of a plan written R_k = X_k - X_0 (independent of S when X_0 = -S), the largest
 * shortfall the plan covers is min(R_kd - buffer, min over steps with phi > 0 of R_k / phi), and
 * minus infinity if a step with phi = 0 has R_k < 0.
 */
final class CoverageTargets {

  private final int[] period;
  private final double[] bound;
  private final double[] fraction;
  private final double buffer;
  private final int deadline;

  CoverageTargets(ResolvedProblem problem) {
    int steps = problem.scheduleSize();
    period = new int[steps + 1];
    bound = new double[steps + 1];
    fraction = new double[steps + 1];
    deadline = problem.deadlineIndex();
    buffer = problem.buffer();
    period[0] = deadline;
    bound[0] = buffer;
    fraction[0] = 1.0;
    for (int s = 0; s < steps; s++) {
      period[s + 1] = problem.scheduleIndex(s);
      fraction[s + 1] = problem.scheduleFraction(s);
      bound[s + 1] = -problem.shortfall() * (1.0 - fraction[s + 1]);
    }
  }

  /** The last 0-based period that carries a coverage constraint. */
  int lastPeriod() {
    int last = 0;
    for (int p : period) {
      last = Math.max(last, p);
    }
    return last;
  }

  /**
   * The smallest slack min_c (X_{k_c} - bound_c) over the constraints in periods {@code >= from}:
   * non-negative when all of them hold exactly.
   */
  double slack(double[] excess, int from) {
    double smallest = Double.POSITIVE_INFINITY;
    for (int c = 0; c < period.length; c++) {
      if (period[c] >= from) {
        smallest = Math.min(smallest, excess[period[c]] - bound[c]);
      }
    }
    return smallest;
  }

  /** The smallest relief R_k = X_k - X_0 over the constraint periods {@code >= from}. */
  double relief(double[] excess, double initialExcess, int from) {
    double smallest = Double.POSITIVE_INFINITY;
    for (int c = 0; c < period.length; c++) {
      if (period[c] >= from) {
        smallest = Math.min(smallest, excess[period[c]] - initialExcess);
      }
    }
    return smallest;
  }

  /** The largest shortfall S that a plan with excess path {@code excess} from X_0 covers. */
  double maxCoverableShortfall(double[] excess, double initialExcess) {
    double largest = excess[deadline] - initialExcess - buffer;
    for (int c = 1; c < period.length; c++) {
      double relief = excess[period[c]] - initialExcess;
      if (fraction[c] > 0) {
        largest = Math.min(largest, relief / fraction[c]);
      } else if (relief < 0) {
        return Double.NEGATIVE_INFINITY;
      }
    }
    return largest;
  }
}
