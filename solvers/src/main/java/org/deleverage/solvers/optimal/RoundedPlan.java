package org.deleverage.solvers.optimal;

import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;

/**
 * A plan in whole lots beside the continuous plan it was rounded from ({@link LotRounding}).
 * Both went through the evaluator. Immutable and thread-safe.
 *
 * <p>When the continuous plan is optimal (status {@link SolveStatus#OPTIMAL}), its objective is a
 * lower bound of every plan's, whole-lot plans included, so {@link #gap()} bounds from above what
 * the lots cost against the best whole-lot plan: rounded - integer optimum {@code <=} rounded -
 * continuous.
 *
 * @param plan the plan in whole lots
 * @param continuous the plan it was rounded from
 * @param lotsAdded the lots the search added back after rounding every trade down (a position
 *     closed with its odd remainder counts as one)
 */
public record RoundedPlan(Plan plan, Plan continuous, int lotsAdded) {

  /**
   * Checks the fields.
   *
   * @param plan the plan in whole lots
   * @param continuous the plan it was rounded from
   * @param lotsAdded the lots the search added back, {@code >= 0}
   * @throws IllegalArgumentException if {@code lotsAdded < 0}
   * @throws NullPointerException if a plan is null
   */
  public RoundedPlan {
    java.util.Objects.requireNonNull(plan, "plan");
    java.util.Objects.requireNonNull(continuous, "continuous");
    if (lotsAdded < 0) {
      throw new IllegalArgumentException("lotsAdded: must be >= 0, was " + lotsAdded);
    }
  }

  /**
   * The whole-lot plan's objective, as the evaluator computed it.
   *
   * @return the whole-lot plan's objective, money
   */
  public double roundedObjective() {
    return plan.objective().total();
  }

  /**
   * The continuous plan's objective.
   *
   * @return the continuous plan's objective, money
   */
  public double continuousObjective() {
    return continuous.objective().total();
  }

  /**
   * Rounded minus continuous objective: what the lots cost against the continuous plan, and an
   * upper bound of what they cost against the best whole-lot plan when the continuous plan is
   * optimal ({@link #gapIsBound()}).
   *
   * @return rounded minus continuous objective, money
   */
  public double gap() {
    return roundedObjective() - continuousObjective();
  }

  /**
   * Whether {@link #gap()} bounds the cost of rounding against the whole-lot optimum: true when
   * the continuous plan is optimal, so that its objective is a lower bound of every plan's.
   *
   * @return whether the continuous plan is optimal
   */
  public boolean gapIsBound() {
    return continuous.status() == SolveStatus.OPTIMAL;
  }
}
