package org.deleverage.solvers.exchange;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * What the exchange simulation starts from: the contracts, the accounts, the insurance fund, and
 * a path of marks (one map of contract to mark per step). Immutable.
 *
 * @param contracts the contracts, distinct ids
 * @param accounts the accounts, distinct ids, positions only in listed contracts
 * @param insuranceFund the fund's opening balance, >= 0
 * @param path the marks per step, every contract priced > 0 at every step
 */
public record ExchangeProblem(List<Contract> contracts, List<TraderAccount> accounts,
    double insuranceFund, List<Map<String, Double>> path) {

  /**
   * Validates every field and copies the lists.
   *
   * @param contracts the contracts, distinct ids
   * @param accounts the accounts, distinct ids, positions only in listed contracts
   * @param insuranceFund the fund's opening balance, >= 0
   * @param path the marks per step, every contract priced > 0 at every step
   */
  public ExchangeProblem {
    Checks.present("contracts", contracts);
    Checks.present("accounts", accounts);
    Checks.nonNegative("insuranceFund", insuranceFund);
    Checks.present("path", path);
    contracts = ImmutableList.copyOf(contracts);
    accounts = ImmutableList.copyOf(accounts);
    Set<String> ids = new HashSet<>();
    for (int c = 0; c < contracts.size(); c++) {
      if (!ids.add(contracts.get(c).id())) {
        throw new InvalidInputException("contracts[" + c + "].id",
            "must be unique, \"" + contracts.get(c).id() + "\" appears twice");
      }
    }
    Set<String> owners = new HashSet<>();
    for (int a = 0; a < accounts.size(); a++) {
      TraderAccount account = accounts.get(a);
      if (!owners.add(account.id())) {
        throw new InvalidInputException(
            "accounts[" + a + "].id", "must be unique, \"" + account.id() + "\" appears twice");
      }
      for (int p = 0; p < account.positions().size(); p++) {
        if (!ids.contains(account.positions().get(p).contract())) {
          throw new InvalidInputException("accounts[" + a + "].positions[" + p + "].contract",
              "must be one of the contracts, was \"" + account.positions().get(p).contract()
                  + "\"");
        }
      }
    }
    if (path.isEmpty()) {
      throw new InvalidInputException("path", "must hold at least one step");
    }
    ImmutableList.Builder<Map<String, Double>> copy = ImmutableList.builder();
    for (int t = 0; t < path.size(); t++) {
      Map<String, Double> marks = Checks.present("path[" + t + "]", path.get(t));
      for (String id : ids) {
        Double mark = marks.get(id);
        if (mark == null) {
          throw new InvalidInputException(Checks.member("path[" + t + "]", id), "is required");
        }
        Checks.positive(Checks.member("path[" + t + "]", id), mark);
      }
      for (String id : marks.keySet()) {
        if (!ids.contains(id)) {
          throw new InvalidInputException(
              Checks.member("path[" + t + "]", id), "is not a contract");
        }
      }
      copy.add(ImmutableMap.copyOf(marks));
    }
    path = copy.build();
  }
}
