package org.deleverage.solvers.adl;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.deleverage.InvalidInputException;
import org.deleverage.models.MarginSchedule;
import org.deleverage.models.internal.Checks;

/**
 * What auto-deleveraging starts from: a bankrupt position, the mark price of the contract (the
 * price at which the market would take the position now), the insurance fund's balance, the
 * positions on the other side, and (for the Binance rule) the maintenance margin rate or, better,
 * the contract's notional brackets. Immutable.
 *
 * @param bankrupt the position to close
 * @param mark the mark price m, > 0, in money per contract
 * @param insuranceFund the insurance fund's balance, >= 0, in money
 * @param maintenanceMarginRate r in [0, 1], used by {@link AdlRule#BINANCE}; may be empty
 * @param positions the opposing positions, each on the side opposite to the bankrupt one, with
 *     distinct account ids
 * @param brackets the contract's margin brackets, used by {@link AdlRule#BINANCE} in preference
 *     to the flat rate (each position's maintenance margin from its own bracket); may be empty
 */
public record AdlProblem(
    BankruptPosition bankrupt,
    double mark,
    double insuranceFund,
    OptionalDouble maintenanceMarginRate,
    List<OpposingPosition> positions,
    Optional<MarginSchedule> brackets) {

  /**
   * A problem without brackets.
   *
   * @param bankrupt the position to close
   * @param mark the mark price m, > 0, in money per contract
   * @param insuranceFund the insurance fund's balance, >= 0, in money
   * @param maintenanceMarginRate r in [0, 1], used by {@link AdlRule#BINANCE}; may be empty
   * @param positions the opposing positions, each on the side opposite to the bankrupt one, with
   *     distinct account ids
   */
  public AdlProblem(BankruptPosition bankrupt, double mark, double insuranceFund,
      OptionalDouble maintenanceMarginRate, List<OpposingPosition> positions) {
    this(bankrupt, mark, insuranceFund, maintenanceMarginRate, positions, Optional.empty());
  }

  /**
   * Validates every field and copies the positions.
   *
   * @param bankrupt the position to close
   * @param mark the mark price m, > 0, in money per contract
   * @param insuranceFund the insurance fund's balance, >= 0, in money
   * @param maintenanceMarginRate r in [0, 1], used by {@link AdlRule#BINANCE}; may be empty
   * @param positions the opposing positions, each on the side opposite to the bankrupt one, with
   *     distinct account ids
   * @param brackets the contract's margin brackets for {@link AdlRule#BINANCE}; may be empty
   */
  public AdlProblem {
    Checks.present("brackets", brackets);
    Checks.present("bankrupt", bankrupt);
    Checks.positive("mark", mark);
    Checks.nonNegative("insuranceFund", insuranceFund);
    Checks.present("maintenanceMarginRate", maintenanceMarginRate);
    if (maintenanceMarginRate.isPresent()) {
      Checks.inClosedRange("maintenanceMarginRate", maintenanceMarginRate.getAsDouble(), 0, 1);
    }
    Checks.present("positions", positions);
    positions = ImmutableList.copyOf(positions);
    Set<String> accounts = new HashSet<>();
    for (int p = 0; p < positions.size(); p++) {
      OpposingPosition position = positions.get(p);
      String path = "positions[" + p + "]";
      Checks.present(path, position);
      if (position.side() != bankrupt.side().opposite()) {
        throw new InvalidInputException(
            path + ".side",
            "must be " + bankrupt.side().opposite() + " (opposite to the bankrupt "
                + bankrupt.side() + " position), was " + position.side());
      }
      if (!accounts.add(position.account())) {
        throw new InvalidInputException(
            path + ".account", "must be unique, \"" + position.account() + "\" appears twice");
      }
    }
  }
}
