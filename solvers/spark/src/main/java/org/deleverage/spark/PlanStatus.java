package org.deleverage.spark;

/** The status of a plan row ({@link RowSchemas#PLAN}'s {@code status}, by name). */
public enum PlanStatus {
  /** A plan, solved to the optimiser's tolerance (the plan file's "optimal"). */
  OPTIMAL,
  /** A plan from a local solve of a non-convex instance (the plan file's "local"). */
  LOCAL,
  /** A plan that covers the shortfall but is not certified optimal ("feasible"). */
  FEASIBLE,
  /** The row breaks a rule of the problem file: {@code errorPath} and {@code errorRule} say. */
  INVALID,
  /** The shortfall cannot be covered: {@code maxCoverableShortfall} is S_max. */
  INFEASIBLE,
  /** The solver could not produce a plan: {@code message} says why. */
  FAILED,
  /** The solve reached the per-row time limit before it found a plan. */
  TIMED_OUT;

  /**
   * Whether a row of this status carries a plan.
   *
   * @return whether a row of this status carries a plan
   */
  public boolean hasPlan() {
    return this == OPTIMAL || this == LOCAL || this == FEASIBLE;
  }
}
