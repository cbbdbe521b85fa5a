package org.deleverage.core.evaluate;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * Everything MODEL.md sections 3 and 4 say about one trade table, recomputed by the {@link
 * Evaluator}: per period the loss, excess and cash raised; per trade and per asset the cost split
 * and the expected execution price; every objective term; every constraint with its slack.
 * Periods are 0-based here. Immutable and thread-safe.
 */
public final class Evaluation {

  private final TradeTable table;
  private final double[] loss;
  private final double[] excess;
  private final double[] cashRaised;
  private final CostSplit[][] tradeCosts;
  private final double[][] executionPrices;
  private final ObjectiveValue objective;
  private final List<ConstraintCheck> constraints;

  Evaluation(
      TradeTable table,
      double[] loss,
      double[] excess,
      double[] cashRaised,
      CostSplit[][] tradeCosts,
      double[][] executionPrices,
      ObjectiveValue objective,
      List<ConstraintCheck> constraints) {
    this.table = table;
    this.loss = loss;
    this.excess = excess;
    this.cashRaised = cashRaised;
    this.tradeCosts = tradeCosts;
    this.executionPrices = executionPrices;
    this.objective = objective;
    this.constraints = ImmutableList.copyOf(constraints);
  }

  /**
   * The trade table evaluated.
   *
   * @return the trade table evaluated
   */
  public TradeTable table() {
    return table;
  }

  /**
   * N, the number of periods.
   *
   * @return N, the number of periods
   */
  public int periods() {
    return loss.length;
  }

  /**
   * L_k, the expected loss through 0-based period {@code k}, money.
   *
   * @param k the 0-based period
   * @return L_k, money
   */
  public double loss(int k) {
    return loss[k];
  }

  /**
   * X_k, the excess after 0-based period {@code k}: equity less requirement in margin mode, the
   * cash raised less the amount called (K_k - S) in cash mode.
   *
   * @param k the 0-based period
   * @return X_k (K_k - S in cash mode), money
   */
  public double excess(int k) {
    return excess[k];
  }

  /**
   * K_k, the net cash raised through 0-based period {@code k}, money.
   *
   * @param k the 0-based period
   * @return K_k, money
   */
  public double cashRaised(int k) {
    return cashRaised[k];
  }

  /**
   * The cost split of the trade of asset {@code i} in 0-based period {@code k}.
   *
   * @param i the asset's index in the problem
   * @param k the 0-based period
   * @return the cost split of the trade of asset {@code i} in 0-based period {@code k}
   */
  public CostSplit tradeCost(int i, int k) {
    return tradeCosts[i][k];
  }

  /**
   * The cost split of all trades of asset {@code i}; the parts add up to its share of L_N.
   *
   * @param i the asset's index in the problem
   * @return the cost split of all trades of asset {@code i}; the parts add up to its share of L_N
   */
  public CostSplit assetCost(int i) {
    CostSplit total = CostSplit.ZERO;
    for (CostSplit cost : tradeCosts[i]) {
      total = total.plus(cost);
    }
    return total;
  }

  /**
   * The expected execution price of the trade of asset {@code i} in 0-based period {@code k}:
   * p - gamma c_{k-1} - e - h(n) for a sale, p + gamma c_{k-1} + e + h(n) for a buy-back.
   *
   * @param i the asset's index in the problem
   * @param k the 0-based period
   * @return the expected execution price of the trade of asset {@code i} in 0-based period {@code
   *     k}: p - gamma c_{k-1} - e - h(n) for a sale, p + gamma c_{k-1} + e + h(n) for a buy-back
   */
  public double executionPrice(int i, int k) {
    return executionPrices[i][k];
  }

  /**
   * The objective and its terms.
   *
   * @return the objective and its terms
   */
  public ObjectiveValue objective() {
    return objective;
  }

  /**
   * Every constraint of MODEL.md section 4 with its slack.
   *
   * @return every constraint of MODEL.md section 4 with its slack
   */
  public List<ConstraintCheck> constraints() {
    return constraints;
  }

  /**
   * Whether every constraint holds to its tolerance.
   *
   * @return whether every constraint holds to its tolerance
   */
  public boolean feasible() {
    return constraints.stream().allMatch(ConstraintCheck::satisfied);
  }

  /**
   * The constraints that do not hold.
   *
   * @return the constraints that do not hold
   */
  public List<ConstraintCheck> violations() {
    return constraints.stream().filter(c -> !c.satisfied()).collect(ImmutableList.toImmutableList());
  }

  /**
   * The constraint broken by most relative to its tolerance, if any is broken.
   *
   * @return the constraint broken by most relative to its tolerance, if any is broken
   */
  public Optional<ConstraintCheck> worstViolation() {
    return violations().stream()
        .min((a, b) -> Double.compare(a.slack() / a.tolerance(), b.slack() / b.tolerance()));
  }
}
