package org.deleverage.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deleverage.core.evaluate.CostSplit;
import org.deleverage.core.plan.HierarchyEntry;
import org.deleverage.core.plan.Plan;
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

  /** The hierarchy rank of every asset the hierarchy lists, by asset id. */
  static Map<String, Integer> ranks(Plan plan) {
    Map<String, Integer> ranks = new LinkedHashMap<>();
    for (HierarchyEntry entry : plan.hierarchy()) {
      ranks.put(entry.asset(), entry.rank());
    }
    return ranks;
  }
}
