package org.deleverage.solvers.adl;

import com.google.common.collect.ImmutableList;
import java.util.List;

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
 */
public record AdlResult(
    AdlRule rule,
    double lossPerContract,
    double marketClosed,
    double fundPaid,
    double fundAfter,
    List<QueueEntry> queue,
    List<Allocation> allocations,
    double unclosed) {

  /**
   * Copies the lists.
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
   */
  public AdlResult {
    queue = ImmutableList.copyOf(queue);
    allocations = ImmutableList.copyOf(allocations);
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
      int rank, String account, double size, double score, boolean profitable, int percentile) {}

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
      String account, double closed, double price, double realisedPnl, double remaining) {}
}
