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
 * closed in that order at the bankruptcy price b (or the mark, {@link AdlOptions.Pricing#MARK}),
 * each as far as its size and the remainder go, or pro rata ({@link
 * AdlOptions.Allocation#PRO_RATA}). With the overlap check ({@link AdlOptions#SAFE}, the
 * default) a counterparty whose equity at the ADL price would be negative is refused, so that ADL
 * creates no new bad debt. If the eligible queue's total size is not enough, what is left is
 * reported as unclosed. Stateless, immutable and thread-safe.
 */
public final class AdlEngine {

  /** The engine. */
  public static final AdlEngine DEFAULT = new AdlEngine();

  /** Sizes below this fraction of the bankrupt size count as zero (rounding of F / l). */
  private static final double SIZE_TOLERANCE = 1e-12;

  private AdlEngine() {}

  /**
   * The queue and the allocation of {@code problem} under {@code rule}, with {@link
   * AdlOptions#SAFE}.
   *
   * @param problem the bankrupt position, the mark, the fund and the opposing positions
   * @param rule the ranking rule
   * @return the closing of the bankrupt position
   * @throws org.deleverage.InvalidInputException when the rule needs an input the
   *     problem does not give (the Binance rule's maintenance margin rate or brackets)
   */
  public AdlResult run(AdlProblem problem, AdlRule rule) {
    return run(problem, rule, AdlOptions.SAFE);
  }

  /**
   * The queue and the allocation of {@code problem} under {@code rule} and {@code options}.
   *
   * @param problem the bankrupt position, the mark, the fund and the opposing positions
   * @param rule the ranking rule
   * @param options pricing, allocation and the overlap check
   * @return the closing of the bankrupt position
   * @throws org.deleverage.InvalidInputException when the rule needs an input the
   *     problem does not give (the Binance rule's maintenance margin rate or brackets)
   */
  public AdlResult run(AdlProblem problem, AdlRule rule, AdlOptions options) {
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
    double left = size - marketClosed;
    if (left <= SIZE_TOLERANCE * size) {
      left = 0.0;
    }
    return allocate(problem, rule, options, left, loss, marketClosed, fundPaid, fundAfter);
  }

  /**
   * Auto-deleverages {@code contracts} of the bankrupt position straight away, without the
   * market and fund stage (the caller has already used them): the queue and the allocation
   * under {@code rule} and {@code options}; the mark is used for the scores and, with {@link
   * AdlOptions.Pricing#MARK}, as the fill price.
   *
   * @param problem the bankrupt position, the mark and the opposing positions; its fund is not
   *     used
   * @param rule the ranking rule
   * @param options pricing, allocation and the overlap check
   * @param contracts how many contracts to close, in [0, the bankrupt size]
   * @return the allocation; marketClosed and fundPaid are 0, fundAfter the problem's fund
   * @throws org.deleverage.InvalidInputException naming {@code contracts} when out of range, or
   *     when the rule needs an input the problem does not give
   */
  public AdlResult deleverage(
      AdlProblem problem, AdlRule rule, AdlOptions options, double contracts) {
    if (!(contracts >= 0 && contracts <= problem.bankrupt().size())) {
      throw new org.deleverage.InvalidInputException("contracts",
          "must be in [0, " + problem.bankrupt().size() + "], was " + contracts);
    }
    double loss =
        problem.bankrupt().side().sign() * (problem.bankrupt().bankruptcyPrice() - problem.mark());
    return allocate(problem, rule, options, contracts, loss, 0.0, 0.0, problem.insuranceFund());
  }

  private static AdlResult allocate(AdlProblem problem, AdlRule rule, AdlOptions options,
      double contracts, double loss, double marketClosed, double fundPaid, double fundAfter) {
    BankruptPosition bankrupt = problem.bankrupt();
    double price = options.pricing() == AdlOptions.Pricing.MARK
        ? problem.mark() : bankrupt.bankruptcyPrice();
    List<AdlResult.QueueEntry> queue = queue(problem, rule);
    List<String> refused = new ArrayList<>();
    List<OpposingPosition> eligible = new ArrayList<>();
    List<Boolean> profitable = new ArrayList<>();
    for (AdlResult.QueueEntry entry : queue) {
      OpposingPosition position = position(problem, entry.account());
      double equityAtPrice = position.margin() + position.unrealisedPnl(price);
      if (options.overlapCheck() && equityAtPrice < 0) {
        refused.add(position.account());
      } else {
        eligible.add(position);
        profitable.add(entry.profitable());
      }
    }
    double[] closed = new double[eligible.size()];
    double left = contracts;
    if (options.allocation() == AdlOptions.Allocation.QUEUE) {
      for (int p = 0; p < eligible.size() && left > 0; p++) {
        closed[p] = Math.min(left, eligible.get(p).size());
        left -= closed[p];
      }
    } else {
      for (boolean group : new boolean[] {true, false}) {
        double total = 0.0;
        for (int p = 0; p < eligible.size(); p++) {
          if (profitable.get(p) == group) {
            total += eligible.get(p).size();
          }
        }
        if (left <= 0 || total <= 0) {
          continue;
        }
        double share = Math.min(1.0, left / total);
        double taken = 0.0;
        for (int p = 0; p < eligible.size(); p++) {
          if (profitable.get(p) == group) {
            closed[p] = share >= 1.0 ? eligible.get(p).size() : share * eligible.get(p).size();
            taken += closed[p];
          }
        }
        left = share >= 1.0 ? left - taken : 0.0;
      }
    }
    if (left <= SIZE_TOLERANCE * bankrupt.size()) {
      left = 0.0;
    }
    List<AdlResult.Allocation> allocations = new ArrayList<>();
    double adlClosed = 0.0;
    for (int p = 0; p < eligible.size(); p++) {
      if (closed[p] <= 0) {
        continue;
      }
      OpposingPosition position = eligible.get(p);
      adlClosed += closed[p];
      allocations.add(
          new AdlResult.Allocation(
              position.account(),
              closed[p],
              price,
              position.side().sign() * closed[p] * (price - position.entryPrice()),
              Math.max(0.0, position.size() - closed[p])));
    }
    double uncovered = options.pricing() == AdlOptions.Pricing.MARK
        ? Math.max(0.0, loss) * adlClosed : 0.0;
    return new AdlResult(rule, loss, marketClosed, fundPaid, fundAfter, queue, allocations, left,
        refused, uncovered);
  }

  /** Every opposing position, ranked. */
  private static List<AdlResult.QueueEntry> queue(AdlProblem problem, AdlRule rule) {
    record Scored(OpposingPosition position, double score, boolean profitable) {}
    List<Scored> scored = new ArrayList<>();
    for (OpposingPosition position : problem.positions()) {
      scored.add(
          new Scored(
              position,
              rule.score(position, problem.mark(), problem.maintenanceMarginRate(),
                  problem.brackets()),
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
