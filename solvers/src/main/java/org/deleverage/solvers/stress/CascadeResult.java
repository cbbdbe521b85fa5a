package org.deleverage.solvers.stress;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * What a fire-sale cascade did. Losses are falls in aggregate equity (cash plus positions at the
 * marks, summed over the accounts): the shock loss is the fall from before the shock to just
 * after it, the total loss the fall from before the shock to the end of the last round, and the
 * amplification their ratio (NaN when the shock lost nothing). Immutable.
 *
 * @param initialPrices the prices before the shock, by asset id
 * @param shockedPrices the prices just after the shock
 * @param shockLoss the loss of the shock alone, money
 * @param rounds the rounds, in order
 * @param totalLoss the loss at the end, money
 * @param amplification totalLoss / shockLoss
 * @param settled whether no account must sell (beyond dust, {@link Cascade#DUST}) at the end
 * @param finalShortfalls each account's shortfall at the end
 * @param finalEquities each account's equity at the end
 * @param defaults the accounts in default (by the settings' default rule) at the end
 * @param ending why the rounds stopped
 * @param settings how the cascade ran (depth function, execution price, default and margin rule)
 * @param systemic the published fire-sale measures of the accounts ({@link SystemicMeasures})
 */
public record CascadeResult(
    Map<String, Double> initialPrices,
    Map<String, Double> shockedPrices,
    double shockLoss,
    List<CascadeRound> rounds,
    double totalLoss,
    double amplification,
    boolean settled,
    Map<String, Double> finalShortfalls,
    Map<String, Double> finalEquities,
    List<String> defaults,
    Ending ending,
    CascadeSettings settings,
    SystemicMeasures systemic) {

  /** Why a cascade's rounds stopped (see {@link Cascade}). */
  public enum Ending {
    /** No account must sell beyond dust: {@code settled} is true. */
    SETTLED("settled"),
    /**
     * In the last round every account sold at most dust ({@link Cascade#DUST} of its size), so
     * what is left to sell is dust and another round would repeat it; an account may still be
     * short.
     */
    DUST("dust"),
    /** The round limit was reached with an account that must still sell. */
    ROUND_LIMIT("round limit");

    private final String label;

    Ending(String label) {
      this.label = label;
    }

    /**
     * The name in files and reports: {@code settled}, {@code dust} or {@code round limit}.
     *
     * @return the name in files and reports
     */
    public String label() {
      return label;
    }
  }

  /**
   * Copies the collections.
   *
   * @param initialPrices the prices before the shock, by asset id
   * @param shockedPrices the prices just after the shock
   * @param shockLoss the loss of the shock alone, money
   * @param rounds the rounds, in order
   * @param totalLoss the loss at the end, money
   * @param amplification totalLoss / shockLoss
   * @param settled whether no account must sell (beyond dust, {@link Cascade#DUST}) at the end
   * @param finalShortfalls each account's shortfall at the end
   * @param finalEquities each account's equity at the end
   * @param defaults the accounts in default (by the settings' default rule) at the end
   * @param ending why the rounds stopped
   * @param settings how the cascade ran
   * @param systemic the published fire-sale measures of the accounts
   */
  public CascadeResult {
    initialPrices = ImmutableMap.copyOf(initialPrices);
    shockedPrices = ImmutableMap.copyOf(shockedPrices);
    rounds = ImmutableList.copyOf(rounds);
    finalShortfalls = ImmutableMap.copyOf(finalShortfalls);
    finalEquities = ImmutableMap.copyOf(finalEquities);
    defaults = ImmutableList.copyOf(defaults);
    org.deleverage.models.internal.Checks.present("ending", ending);
    org.deleverage.models.internal.Checks.present("settings", settings);
    org.deleverage.models.internal.Checks.present("systemic", systemic);
  }

  /**
   * The units sold of each asset over all rounds (net of buy-backs), by asset id.
   *
   * @return the units sold of each asset over all rounds (net of buy-backs), by asset id
   */
  public Map<String, Double> totalSales() {
    Map<String, Double> total = new java.util.LinkedHashMap<>();
    for (CascadeRound round : rounds) {
      round.sales().forEach((id, units) -> total.merge(id, units, Double::sum));
    }
    return total;
  }
}
