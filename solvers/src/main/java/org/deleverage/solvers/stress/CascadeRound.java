package org.deleverage.solvers.stress;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * One round of a fire-sale cascade. Immutable.
 *
 * @param round the 1-based round
 * @param shortfalls each account's shortfall at the start of the round, money, by account
 * @param equities each account's equity at the start of the round, money, by account
 * @param deleveraged the accounts that sold this round, with what they did: under the threshold
 *     rule the status of their plan (optimal, feasible, local), "could not cover, sold for its
 *     largest coverable shortfall: " and the status, "nothing to sell", or "failed: " and the
 *     solver's reason; under a leverage rule the fraction sold pro rata and the leverage
 * @param sales net units sold per asset (sales of longs less buy-backs of shorts), by asset id
 * @param prices the prices after the round's sales, by asset id
 * @param priceMoves the relative price change of the round, p' / p - 1, by asset id
 * @param defaults the accounts whose equity is below zero after the round
 * @param lossToDate the fall in aggregate equity since before the shock, after the round
 * @param volatilities each asset's volatility during the round (empty without a margin rule)
 * @param marginRates each asset's margin rate during the round (empty without a margin rule)
 */
public record CascadeRound(
    int round,
    Map<String, Double> shortfalls,
    Map<String, Double> equities,
    Map<String, String> deleveraged,
    Map<String, Double> sales,
    Map<String, Double> prices,
    Map<String, Double> priceMoves,
    List<String> defaults,
    double lossToDate,
    Map<String, Double> volatilities,
    Map<String, Double> marginRates) {

  /**
   * A round without a margin rule (no volatilities or margin rates reported).
   *
   * @param round the 1-based round
   * @param shortfalls each account's shortfall at the start of the round, money, by account
   * @param equities each account's equity at the start of the round, money, by account
   * @param deleveraged the accounts that were short this round, with what they did
   * @param sales net units sold per asset, by asset id
   * @param prices the prices after the round's sales, by asset id
   * @param priceMoves the relative price change of the round, p' / p - 1, by asset id
   * @param defaults the accounts in default after the round
   * @param lossToDate the fall in aggregate equity since before the shock, after the round
   */
  public CascadeRound(int round, Map<String, Double> shortfalls, Map<String, Double> equities,
      Map<String, String> deleveraged, Map<String, Double> sales, Map<String, Double> prices,
      Map<String, Double> priceMoves, List<String> defaults, double lossToDate) {
    this(round, shortfalls, equities, deleveraged, sales, prices, priceMoves, defaults,
        lossToDate, Map.of(), Map.of());
  }

  /**
   * Copies the collections.
   *
   * @param round the 1-based round
   * @param shortfalls each account's shortfall at the start of the round, money, by account
   * @param equities each account's equity at the start of the round, money, by account
   * @param deleveraged the accounts that were short this round, with what they did: the status of
   *     their plan (optimal, feasible, local), "could not cover, sold for its largest coverable
   *     shortfall" and the status, "nothing to sell", or "failed: " and the solver's reason
   * @param sales net units sold per asset (sales of longs less buy-backs of shorts), by asset id
   * @param prices the prices after the round's sales, by asset id
   * @param priceMoves the relative price change of the round, p' / p - 1, by asset id
   * @param defaults the accounts whose equity is below zero after the round
   * @param lossToDate the fall in aggregate equity since before the shock, after the round
   * @param volatilities each asset's volatility during the round (empty without a margin rule)
   * @param marginRates each asset's margin rate during the round (empty without a margin rule)
   */
  public CascadeRound {
    shortfalls = ImmutableMap.copyOf(shortfalls);
    equities = ImmutableMap.copyOf(equities);
    deleveraged = ImmutableMap.copyOf(deleveraged);
    sales = ImmutableMap.copyOf(sales);
    prices = ImmutableMap.copyOf(prices);
    priceMoves = ImmutableMap.copyOf(priceMoves);
    defaults = ImmutableList.copyOf(defaults);
    volatilities = ImmutableMap.copyOf(volatilities);
    marginRates = ImmutableMap.copyOf(marginRates);
  }
}
