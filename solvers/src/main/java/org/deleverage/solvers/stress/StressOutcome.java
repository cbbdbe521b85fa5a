package org.deleverage.solvers.stress;

import java.util.OptionalDouble;

/**
 * One account under one scenario: the margin it requires and the shortfall the scenario leaves,
 * the largest shortfall the account can cover, and the plan's cost when it can. Immutable.
 *
 * @param scenario the scenario's name
 * @param account the account's name
 * @param equity the account's equity at the stressed prices, money
 * @param marginRequirement R, the margin required at the stressed prices and margin rates, money
 * @param shortfall the shortfall to cover, money
 * @param status optimal, feasible or local (a plan), infeasible (the shortfall is above the
 *     largest coverable one) or failed (the solver could not produce a plan; see {@code
 *     message})
 * @param maxCoverableShortfall S_max, when the solver reports it
 * @param expectedLoss the plan's expected loss, when there is a plan
 * @param objective the plan's objective, when there is a plan
 * @param message why there is no plan, empty otherwise
 */
public record StressOutcome(
    String scenario,
    String account,
    double equity,
    double marginRequirement,
    double shortfall,
    String status,
    OptionalDouble maxCoverableShortfall,
    OptionalDouble expectedLoss,
    OptionalDouble objective,
    String message) {

  /**
   * Whether the account can cover the shortfall (the solver returned a plan).
   *
   * @return whether the account can cover the shortfall (the solver returned a plan)
   */
  public boolean covers() {
    return expectedLoss.isPresent();
  }
}
