package org.deleverage.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deleverage.core.evaluate.CostSplit;
import org.deleverage.core.plan.HierarchyEntry;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Side;
import org.deleverage.core.plan.Trade;

/**
 * Figures the plan file and the desk report derive from a {@link Plan}'s own lists, so that both
 * show the same numbers: per-asset totals of the liquidation sequence, and each asset's rank in
 * the hierarchy. Stateless.
 */
final class PlanSummary {

  private PlanSummary() {}

  /**
   * The trades of one asset added up.
   *
   * @param asset the asset id
   * @param quantity the units traded over the horizon
   * @param notional the money traded at the expected prices
   * @param cost the cost split summed over the trades
   */
  record AssetTotal(String asset, double quantity, double notional, CostSplit cost) {}

  /**
   * Every asset of the hierarchy, in hierarchy order, with its trades added up (zero for an asset
   * the plan does not trade).
   */
  static List<AssetTotal> assetTotals(Plan plan) {
    Map<String, AssetTotal> totals = new LinkedHashMap<>();
    for (HierarchyEntry entry : plan.hierarchy()) {
      totals.put(entry.asset(), new AssetTotal(entry.asset(), 0.0, 0.0, CostSplit.ZERO));
    }
    for (Trade trade : plan.trades()) {
      AssetTotal before =
          totals.getOrDefault(
              trade.asset(), new AssetTotal(trade.asset(), 0.0, 0.0, CostSplit.ZERO));
      totals.put(
          trade.asset(),
          new AssetTotal(
              trade.asset(),
              before.quantity() + trade.quantity(),
              before.notional() + trade.notional(),
              before.cost().plus(trade.cost())));
    }
    return List.copyOf(totals.values());
  }

  /**
   * The cash of the trades up to the end of a period, both signs apart: {@code fromSales}, what
   * the sales of longs brought in, and {@code paid}, what the buy-backs of shorts cost, both >= 0
   * and at the expected prices; {@code fromSales - paid} is the period's net cash raised K_k.
   *
   * @param fromSales cash brought in by sales so far, money
   * @param paid cash paid for buy-backs so far, money
   */
  record PeriodCash(double fromSales, double paid) {}

  /** The cash of each period of {@code plan}, in period order, summed over the trades so far. */
  static List<PeriodCash> periodCash(Plan plan) {
    int periods = plan.periods().size();
    double[] sales = new double[periods + 1];
    double[] paid = new double[periods + 1];
    for (Trade trade : plan.trades()) {
      if (trade.side() == Side.SELL) {
        sales[trade.period()] += trade.notional();
      } else {
        paid[trade.period()] += trade.notional();
      }
    }
    List<PeriodCash> cash = new java.util.ArrayList<>();
    double fromSales = 0.0;
    double buyBacks = 0.0;
    for (int k = 1; k <= periods; k++) {
      fromSales += sales[k];
      buyBacks += paid[k];
      cash.add(new PeriodCash(fromSales, buyBacks));
    }
    return List.copyOf(cash);
  }

  /** The hierarchy rank of every asset the hierarchy lists, by asset id. */
  static Map<String, Integer> ranks(Plan plan) {
    Map<String, Integer> ranks = new LinkedHashMap<>();
    for (HierarchyEntry entry : plan.hierarchy()) {
      ranks.put(entry.asset(), entry.rank());
    }
    return ranks;
  }
}
