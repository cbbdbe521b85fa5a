package org.deleverage.solvers.adl;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * How a bankrupt position was closed: first in the market at the mark as far as the insurance
 * fund covers the loss, then against the ADL queue at the bankruptcy price. The sizes add up:
 * {@code marketClosed + sum of allocations + unclosed = bankrupt size}. Immutable.
 *
 * @param rule the ranking rule used
 * @param lossPerContract l = d_b (b - m): what closing one contract of the bankrupt position at
 *     the mark m instead of its bankruptcy price b costs (d_b = +1 for a long, -1 for a short);
 *     negative when the mark is better than b
 * @param marketClosed contracts closed in the market at the mark: all of them when l &lt;= 0,
 *     otherwise min(size, F / l) for the fund's balance F
 * @param fundPaid what the fund paid, marketClosed x l when l > 0, else 0
 * @param fundAfter the fund's balance afterwards: F - fundPaid, plus the surplus -l x size
 *     when l &lt; 0
 * @param queue every opposing position in ADL order
 * @param allocations the positions ADL closed, in queue order, each with at least some size
 * @param unclosed contracts left open because the queue ran out, >= 0
 * @param refused the accounts the overlap check refused (filling them at the ADL price would have
 *     left them below zero equity), in queue order
 * @param uncoveredDeficit the bankrupt account's loss beyond its bankruptcy price on the contracts
 *     ADL closed at the mark ({@link AdlOptions.Pricing#MARK}), which no one pays; 0 at the
 *     bankruptcy price
 */
public record AdlResult(
    AdlRule rule,
    double lossPerContract,
    double marketClosed,
    double fundPaid,
    double fundAfter,
    List<QueueEntry> queue,
    List<Allocation> allocations,
    double unclosed,
    List<String> refused,
    double uncoveredDeficit) {

  /**
   * A result with no refusal and no uncovered deficit.
   *
   * @param rule the ranking rule used
   * @param lossPerContract l = d_b (b - m)
   * @param marketClosed contracts closed in the market at the mark
   * @param fundPaid what the fund paid
   * @param fundAfter the fund's balance afterwards
   * @param queue every opposing position in ADL order
   * @param allocations the positions ADL closed, in queue order
   * @param unclosed contracts left open because the queue ran out, >= 0
   */
  public AdlResult(AdlRule rule, double lossPerContract, double marketClosed, double fundPaid,
      double fundAfter, List<QueueEntry> queue, List<Allocation> allocations, double unclosed) {
    this(rule, lossPerContract, marketClosed, fundPaid, fundAfter, queue, allocations, unclosed,
        List.of(), 0.0);
  }

  /**
   * Validates every field and copies the lists.
   *
   * @param rule the ranking rule used
   * @param lossPerContract l = d_b (b - m): what closing one contract of the bankrupt position at
   *     the mark m instead of its bankruptcy price b costs (d_b = +1 for a long, -1 for a short);
   *     negative when the mark is better than b
   * @param marketClosed contracts closed in the market at the mark: all of them when l &lt;= 0,
   *     otherwise min(size, F / l) for the fund's balance F
   * @param fundPaid what the fund paid, marketClosed x l when l > 0, else 0
   * @param fundAfter the fund's balance afterwards: F - fundPaid, plus the surplus -l x size when l
   *     &lt; 0
   * @param queue every opposing position in ADL order
   * @param allocations the positions ADL closed, in queue order, each with at least some size
   * @param unclosed contracts left open because the queue ran out, >= 0
   * @param refused the accounts the overlap check refused, in queue order
   * @param uncoveredDeficit the loss beyond the bankruptcy price left by ADL at the mark, >= 0
   * @throws InvalidInputException naming the field and the rule when one is out of its range
   */
  public AdlResult {
    Checks.present("refused", refused);
    refused = ImmutableList.copyOf(refused);
    Checks.nonNegative("uncoveredDeficit", uncoveredDeficit);
    Checks.present("rule", rule);
    Checks.finite("lossPerContract", lossPerContract);
    Checks.nonNegative("marketClosed", marketClosed);
    Checks.nonNegative("fundPaid", fundPaid);
    Checks.nonNegative("fundAfter", fundAfter);
    Checks.present("queue", queue);
    Checks.present("allocations", allocations);
    Checks.nonNegative("unclosed", unclosed);
    queue = ImmutableList.copyOf(queue);
    allocations = ImmutableList.copyOf(allocations);
    for (int r = 0; r < queue.size(); r++) {
      if (queue.get(r).rank() != r + 1) {
        throw new InvalidInputException(
            "queue[" + r + "].rank", "must be " + (r + 1) + ", was " + queue.get(r).rank());
      }
    }
  }

  /**
   * The contracts ADL closed, the sum of the allocations.
   *
   * @return the contracts ADL closed, the sum of the allocations
   */
  public double adlClosed() {
    return allocations.stream().mapToDouble(Allocation::closed).sum();
  }

  /**
   * One position's place in the ADL queue.
   *
   * @param rank 1 for the first closed
   * @param account the account's id
   * @param size the position's size in contracts
   * @param score the rule's score
   * @param profitable whether the position's unrealised PnL at the mark is > 0
   * @param percentile the position's quintile in the queue weighted by size, as BitMEX's ADL
   *     indicator shows it: its cumulative share of the queue's size (itself included), rounded
   *     up to the next 20%, in percent (20 = the first fifth, all five lights lit)
   */
  public record QueueEntry(
      int rank, String account, double size, double score, boolean profitable, int percentile) {

    /**
     * Validates every field.
     *
     * @param rank 1 for the first closed
     * @param account the account's id, not blank
     * @param size the position's size in contracts, > 0
     * @param score the rule's score, not NaN (+infinity allowed)
     * @param profitable whether the position's unrealised PnL at the mark is > 0
     * @param percentile 20, 40, 60, 80 or 100
     * @throws InvalidInputException naming the field and the rule when one is out of its range
     */
    public QueueEntry {
      Checks.atLeastOne("rank", rank);
      requireAccount(account);
      Checks.positive("size", size);
      if (Double.isNaN(score)) {
        throw new InvalidInputException("score", "must be a number, was NaN");
      }
      if (percentile < 20 || percentile > 100 || percentile % 20 != 0) {
        throw new InvalidInputException(
            "percentile", "must be 20, 40, 60, 80 or 100, was " + percentile);
      }
    }
  }

  /**
   * What ADL closed of one position, at the bankruptcy price of the bankrupt one.
   *
   * @param account the account's id
   * @param closed contracts closed, > 0
   * @param price the price they were closed at, the bankruptcy price b
   * @param realisedPnl d closed (b - e): the profit the account realises on them
   * @param remaining the size left open
   */
  public record Allocation(
      String account, double closed, double price, double realisedPnl, double remaining) {

    /**
     * Validates every field.
     *
     * @param account the account's id, not blank
     * @param closed contracts closed, > 0
     * @param price the price they were closed at, the bankruptcy price b, > 0
     * @param realisedPnl d closed (b - e): the profit the account realises on them
     * @param remaining the size left open, >= 0
     * @throws InvalidInputException naming the field and the rule when one is out of its range
     */
    public Allocation {
      requireAccount(account);
      Checks.positive("closed", closed);
      Checks.positive("price", price);
      Checks.finite("realisedPnl", realisedPnl);
      Checks.nonNegative("remaining", remaining);
    }
  }

  private static void requireAccount(String account) {
    Checks.present("account", account);
    if (account.isBlank()) {
      throw new InvalidInputException("account", "must not be blank");
    }
  }
}
