package org.deleverage.solvers.exchange;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import org.deleverage.solvers.adl.PositionSide;

/**
 * What the exchange simulation did, step by step, and the accounts it left (by id). Immutable.
 *
 * @param policy the policy's name
 * @param openingFund the fund before the first step
 * @param steps one report per step of the path
 * @param accounts the accounts after the last step, by id
 */
public record ExchangeResult(
    String policy, double openingFund, List<Step> steps, List<TraderAccount> accounts) {

  /**
   * Copies the lists.
   *
   * @param policy the policy's name
   * @param openingFund the fund before the first step
   * @param steps one report per step of the path
   * @param accounts the accounts after the last step, by id
   */
  public ExchangeResult {
    steps = ImmutableList.copyOf(steps);
    accounts = ImmutableList.copyOf(accounts);
  }

  /**
   * The fund after the last step.
   *
   * @return the closing balance
   */
  public double closingFund() {
    return steps.isEmpty() ? openingFund : steps.get(steps.size() - 1).fundAfter();
  }

  /**
   * One step of the path.
   *
   * @param index 0 for the first step
   * @param marks the marks of the step
   * @param liquidations the liquidations, by account then contract
   * @param adl the ADL fills
   * @param fundBefore the fund at the start of the step
   * @param fundReceived what liquidations closing better than bankruptcy paid in
   * @param fundPaid what the fund paid for liquidations closing worse than bankruptcy
   * @param fundAfter the fund at the end of the step, >= 0
   * @param socialisedLoss the loss shared among the winners
   * @param uncovered the loss nobody paid (no eligible counterparty, or ADL at the mark)
   */
  public record Step(int index, Map<String, Double> marks, List<Liquidation> liquidations,
      List<AdlFill> adl, double fundBefore, double fundReceived, double fundPaid,
      double fundAfter, double socialisedLoss, double uncovered) {

    /**
     * Copies the collections.
     *
     * @param index 0 for the first step
     * @param marks the marks of the step
     * @param liquidations the liquidations, by account then contract
     * @param adl the ADL fills
     * @param fundBefore the fund at the start of the step
     * @param fundReceived what liquidations closing better than bankruptcy paid in
     * @param fundPaid what the fund paid for liquidations closing worse than bankruptcy
     * @param fundAfter the fund at the end of the step, >= 0
     * @param socialisedLoss the loss shared among the winners
     * @param uncovered the loss nobody paid
     */
    public Step {
      marks = ImmutableMap.copyOf(marks);
      liquidations = ImmutableList.copyOf(liquidations);
      adl = ImmutableList.copyOf(adl);
    }

    /**
     * The bad debt of the step: the loss beyond bankruptcy prices that the fund, the winners or
     * nobody paid (ADL at the bankruptcy price leaves none).
     *
     * @return fundPaid + socialisedLoss + uncovered
     */
    public double badDebt() {
      return fundPaid + socialisedLoss + uncovered;
    }

    /**
     * The contracts ADL closed in the step.
     *
     * @return the sum of the ADL fills
     */
    public double adlClosed() {
      return adl.stream().mapToDouble(AdlFill::closed).sum();
    }
  }

  /**
   * One liquidation order. {@code quantity = marketClosed + adlClosed}.
   *
   * @param account the liquidated account
   * @param contract the contract
   * @param side the position's side
   * @param quantity the contracts closed
   * @param partial whether the order closed part of the position (tiered or chunked)
   * @param fillPrice the average price of the order book walk of the step's liquidations
   * @param bankruptcyPrice the price at which the margin unit's equity is zero
   * @param marketClosed contracts closed in the book
   * @param adlClosed contracts closed against ADL counterparties
   * @param fundReceived what the fund received from this order
   * @param fundPaid what the fund paid for this order
   */
  public record Liquidation(String account, String contract, PositionSide side, double quantity,
      boolean partial, double fillPrice, double bankruptcyPrice, double marketClosed,
      double adlClosed, double fundReceived, double fundPaid) {}

  /**
   * One counterparty closed by ADL.
   *
   * @param bankrupt the liquidated account
   * @param contract the contract
   * @param counterparty the account deleveraged
   * @param closed contracts closed
   * @param price the price
   * @param realisedPnl the counterparty's realised PnL on them
   */
  public record AdlFill(String bankrupt, String contract, String counterparty, double closed,
      double price, double realisedPnl) {}
}
