package org.deleverage.solvers.adl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Closes a bankrupt position the way an exchange does when the market cannot take it at its
 * bankruptcy price: the liquidation engine closes it at the mark m as far as the insurance fund
 * covers the loss l = d_b (b - m) per contract, that is min(size, F / l) contracts for a fund F
 * (all of them, with no loss, when l &lt;= 0), the fund paying min(F, size x l), exactly F when
 * it is used up; the rest is auto-deleveraged: the opposing positions
 * are ranked by the {@link AdlRule} (profitable first, then the higher score, then the larger
 * position, then the account id in lexicographic order, so the queue is deterministic), and
 * closed in that order at the bankruptcy price b, each as far as its size and the remainder go.
 * If the queue's total size is not enough, what is left is reported as unclosed. Stateless,
 * immutable and thread-safe.
 */
public final class AdlEngine {

  /** The engine. */
  public static final AdlEngine DEFAULT = new AdlEngine();

  /** Sizes below this fraction of the bankrupt size count as zero (rounding of F / l). */
  private static final double SIZE_TOLERANCE = 1e-12;

  private AdlEngine() {}

  /**
   * The queue and the allocation of {@code problem} under {@code rule}.
   *
   * @param problem the bankrupt position, the mark, the fund and the opposing positions
   * @param rule the ranking rule
   * @return the closing of the bankrupt position
   * @throws org.deleverage.InvalidInputException when the rule needs an input the
   *     problem does not give (the Binance rule's maintenance margin rate)
   */
  public AdlResult run(AdlProblem problem, AdlRule rule) {
    BankruptPosition bankrupt = problem.bankrupt();
    double size = bankrupt.size();
    double loss = bankrupt.side().sign() * (bankrupt.bankruptcyPrice() - problem.mark());
    double fund = problem.insuranceFund();
    double marketClosed;
    double fundPaid;
    double fundAfter;
    if (loss <= 0) {
      marketClosed = size;
      fundPaid = 0.0;
      fundAfter = fund - loss * size;
    } else if (size * loss < fund) {
      marketClosed = size;
      fundPaid = size * loss;
      fundAfter = fund - fundPaid;
    } else {
      // The fund is used up: it pays exactly its balance (not (F / l) l, which may round above
      // F), and the contracts it covers are capped at the size against the same rounding.
      marketClosed = Math.min(size, fund / loss);
      fundPaid = fund;
      fundAfter = 0.0;
    }
    List<AdlResult.QueueEntry> queue = queue(problem, rule);
    double left = size - marketClosed;
    if (left <= SIZE_TOLERANCE * size) {
      left = 0.0;
    }
    List<AdlResult.Allocation> allocations = new ArrayList<>();
    for (AdlResult.QueueEntry entry : queue) {
      if (left <= 0) {
        break;
      }
      OpposingPosition position = position(problem, entry.account());
      double closed = Math.min(left, position.size());
      left -= closed;
      double price = bankrupt.bankruptcyPrice();
      allocations.add(
          new AdlResult.Allocation(
              position.account(),
              closed,
              price,
              position.side().sign() * closed * (price - position.entryPrice()),
              position.size() - closed));
    }
    return new AdlResult(rule, loss, marketClosed, fundPaid, fundAfter, queue, allocations, left);
  }

  /** Every opposing position, ranked. */
  private static List<AdlResult.QueueEntry> queue(AdlProblem problem, AdlRule rule) {
    record Scored(OpposingPosition position, double score, boolean profitable) {}
    List<Scored> scored = new ArrayList<>();
    for (OpposingPosition position : problem.positions()) {
      scored.add(
          new Scored(
              position,
              rule.score(position, problem.mark(), problem.maintenanceMarginRate()),
              position.unrealisedPnl(problem.mark()) > 0));
    }
    scored.sort(
        Comparator.comparing(Scored::profitable)
            .reversed()
            .thenComparing(Scored::score, Comparator.reverseOrder())
            .thenComparing(s -> s.position().size(), Comparator.reverseOrder())
            .thenComparing(s -> s.position().account()));
    double total = scored.stream().mapToDouble(s -> s.position().size()).sum();
    List<AdlResult.QueueEntry> queue = new ArrayList<>();
    double cumulative = 0.0;
    for (int r = 0; r < scored.size(); r++) {
      Scored entry = scored.get(r);
      cumulative += entry.position().size();
      int fifth = (int) Math.ceil(5 * cumulative / total - 1e-9);
      queue.add(
          new AdlResult.QueueEntry(
              r + 1,
              entry.position().account(),
              entry.position().size(),
              entry.score(),
              entry.profitable(),
              20 * Math.max(1, Math.min(5, fifth))));
    }
    return queue;
  }

  private static OpposingPosition position(AdlProblem problem, String account) {
    for (OpposingPosition position : problem.positions()) {
      if (position.account().equals(account)) {
        return position;
      }
    }
    throw new IllegalStateException("no position of account " + account);
  }
}
