package org.deleverage.core.plan;

/** How good a returned plan is known to be. Every status means the plan is feasible. */
public enum SolveStatus {
  /** A convex instance solved to the optimiser's tolerance. */
  OPTIMAL("optimal"),
  /** A non-convex instance solved locally, at the caller's request: not guaranteed optimal. */
  LOCAL("local"),
  /**
   * A feasible plan that is not certified optimal: from a rule that does not optimise (the
   * greedy and pro-rata baselines), or from the optimiser when the shortfall sits at the largest
   * coverable one, where the requirement leaves no room and no optimality certificate exists. It
   * covers the shortfall and respects every constraint.
   */
  FEASIBLE("feasible");

  private final String label;

  SolveStatus(String label) {
    this.label = label;
  }

  /**
   * The name used in the plan file.
   *
   * @return the name used in the plan file
   */
  public String label() {
    return label;
  }
}
