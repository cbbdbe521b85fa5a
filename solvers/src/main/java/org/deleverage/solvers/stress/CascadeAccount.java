package org.deleverage.solvers.stress;

import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.models.internal.Checks;

/**
 * An account in a fire-sale cascade: its name, its problem (cash, positions at the market's
 * prices, horizon, objective; a margin requirement whose shortfall is computed from the account,
 * never given), the solver it deleverages with under the threshold rule, and its cascade rule
 * ({@link CascadeRule}: when it sells and how much). Immutable.
 *
 * @param name the account's name, not blank
 * @param problem the account before the shock
 * @param solver how it deleverages under the threshold rule: the optimiser or a baseline
 * @param rule when it sells: the threshold rule (today's), leverage targeting or Cont-Schaanning
 */
public record CascadeAccount(
    String name, DeleveragingProblem problem, DeleveragingSolver solver, CascadeRule rule) {

  /**
   * An account under the threshold rule (today's).
   *
   * @param name the account's name, not blank
   * @param problem the account before the shock
   * @param solver how it deleverages: the optimiser or a baseline
   */
  public CascadeAccount(String name, DeleveragingProblem problem, DeleveragingSolver solver) {
    this(name, problem, solver, CascadeRule.THRESHOLD);
  }

  /**
   * Validates every field.
   *
   * @param name the account's name, not blank
   * @param problem the account before the shock
   * @param solver how it deleverages under the threshold rule: the optimiser or a baseline
   * @param rule when it sells: the threshold rule (today's), leverage targeting or
   *     Cont-Schaanning
   */
  public CascadeAccount {
    Checks.present("name", name);
    if (name.isBlank()) {
      throw new InvalidInputException("name", "must not be blank");
    }
    Checks.present("problem", problem);
    Checks.present("solver", solver);
    Checks.present("rule", rule);
    if (problem.requirement().shortfall().isPresent()) {
      throw new InvalidInputException(
          "problem.requirement.shortfall",
          "must be absent in a cascade: each round's shortfall is computed from the account at"
              + " the prices of that round");
    }
  }
}
