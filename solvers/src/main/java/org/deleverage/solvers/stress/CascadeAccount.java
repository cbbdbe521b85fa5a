package org.deleverage.solvers.stress;

import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.models.internal.Checks;

/**
 * An account in a fire-sale cascade: its name, its problem (cash, positions at the market's
 * prices, horizon, objective; a margin requirement whose shortfall is computed from the account,
 * never given), and the solver it deleverages with. Immutable.
 *
 * @param name the account's name, not blank
 * @param problem the account before the shock
 * @param solver how it deleverages: the optimiser or a baseline
 */
public record CascadeAccount(String name, DeleveragingProblem problem, DeleveragingSolver solver) {

  /**
   * Validates every field.
   *
   * @param name the account's name, not blank
   * @param problem the account before the shock
   * @param solver how it deleverages: the optimiser or a baseline
   */
  public CascadeAccount {
    Checks.present("name", name);
    if (name.isBlank()) {
      throw new InvalidInputException("name", "must not be blank");
    }
    Checks.present("problem", problem);
    Checks.present("solver", solver);
    if (problem.requirement().shortfall().isPresent()) {
      throw new InvalidInputException(
          "problem.requirement.shortfall",
          "must be absent in a cascade: each round's shortfall is computed from the account at"
              + " the prices of that round");
    }
  }
}
