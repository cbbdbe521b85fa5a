package org.deleverage.solvers.exchange;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * A trader's account: a wallet shared by its cross positions, and positions (at most one per
 * contract). Immutable.
 *
 * @param id the account's id, not blank
 * @param wallet the cross wallet balance, money (may be below 0 only through a loss the
 *     simulation reports)
 * @param positions the positions, one per contract
 */
public record TraderAccount(String id, double wallet, List<Position> positions) {

  /**
   * Validates every field and copies the positions.
   *
   * @param id the account's id, not blank
   * @param wallet the cross wallet balance, money
   * @param positions the positions, one per contract
   */
  public TraderAccount {
    Checks.present("id", id);
    if (id.isBlank()) {
      throw new InvalidInputException("id", "must not be blank");
    }
    Checks.finite("wallet", wallet);
    Checks.present("positions", positions);
    positions = ImmutableList.copyOf(positions);
    Set<String> contracts = new HashSet<>();
    for (int p = 0; p < positions.size(); p++) {
      Checks.present("positions[" + p + "]", positions.get(p));
      if (!contracts.add(positions.get(p).contract())) {
        throw new InvalidInputException("positions[" + p + "].contract",
            "must be unique in the account, \"" + positions.get(p).contract() + "\" appears twice");
      }
    }
  }
}
