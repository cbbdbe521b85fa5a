package org.deleverage.solvers.exchange;

import java.util.List;
import java.util.Locale;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;
import org.deleverage.solvers.adl.AdlOptions;
import org.deleverage.solvers.adl.AdlRule;

/**
 * A venue's liquidation waterfall, assembled from parts a user can also combine freely: how a
 * position that breaches maintenance is closed ({@link Style}), whether the margin left at
 * liquidation goes to the fund, what happens to a loss the fund cannot pay ({@link Shortfall}),
 * how ADL ranks, prices and allocates, and when the fund is treated as exhausted. The presets
 * follow the venues' own documentation (see the README's "Venue policies" for each source):
 *
 * <ul>
 *   <li>{@link #BINANCE}: whole liquidation, the remaining margin to the insurance fund, ADL by
 *       Binance's ranking at the bankruptcy price (Binance FAQ 360033525471, "What Is
 *       Auto-Deleveraging").
 *   <li>{@link #BYBIT}: as Binance with Bybit's ranking (PnL% x leverage, as BitMEX), and ADL
 *       also once the fund has drawn down 30% within 8 hours (8 steps, one step standing for an
 *       hour): the drawdown rule of Bybit's insurance fund pools announced in December 2025, as
 *       reported at coincu.com/news/bybit-launches-8m-fund ("a sharp 8-hour drawdown of 30% or
 *       more"); Bybit's own announcement is not in the stored pages.
 *   <li>{@link #OKX}: tiered partial liquidation: a position in tier 3 or above is reduced by two
 *       tiers at a time, a position in tier 1 or 2 is closed whole (OKX, "Tiered maintenance
 *       margin ratio rules", okx.com/help/v-tiered-maintenance-margin-ratio-rules, as paraphrased
 *       at 365shuku.com/10258.html: "the system computes the number of contracts needed to reduce
 *       the position by two tiers"). OKX's ADL ranking is not in the stored pages; the preset
 *       uses the BitMEX ranking, which is this library's choice, not OKX's.
 *   <li>{@link #HYPERLIQUID}: positions above 100,000 USDC are liquidated 20% at a time, then
 *       whole during a 30-second cooldown (one step here); the trader keeps the margin left; the
 *       fund is the backstop liquidator vault (HLP) rather than an insurance fund; ADL ranks by
 *       Hyperliquid's rule and closes at the mark (hyperliquid.gitbook.io/hyperliquid-docs/
 *       trading/liquidations and .../trading/auto-deleveraging, as quoted at
 *       docs.tings.xyz/core-mechanics/liquidations).
 *   <li>{@link #DERIBIT}: whole liquidation; the insurance fund pays; once it is depleted the
 *       loss is "socialized among the winning traders for that day" (Deribit, "Insurance Fund",
 *       support.deribit.com/hc/en-us/articles/25944777576477): here pro rata to the unrealised
 *       profit of every account in profit at the step's marks. Deribit's incremental liquidation
 *       sizes are not documented in the stored pages, so the preset closes whole.
 * </ul>
 *
 * @param name the policy's name
 * @param style whole, tiered or chunked liquidation
 * @param tierSteps tiers dropped per tiered liquidation, >= 1
 * @param chunkFraction the share of a position a chunked liquidation closes, in (0, 1]
 * @param chunkThreshold the notional above which a chunked liquidation is partial, >= 0
 * @param cooldownSteps steps after a partial liquidation during which the account is liquidated
 *     whole, >= 0
 * @param surplusToFund whether the margin left when a whole liquidation fills better than the
 *     bankruptcy price goes to the fund (true) or stays with the trader (false)
 * @param shortfall what happens to the loss the fund cannot pay
 * @param adlRule the ADL ranking
 * @param adlOptions ADL pricing, allocation and overlap check
 * @param drawdownLimit the fund's largest drawdown from its high over the window before ADL
 *     takes over, in (0, 1]; 1 lets the fund run to zero
 * @param drawdownWindow the window of that high, in steps, >= 1
 */
public record VenuePolicy(String name, Style style, int tierSteps, double chunkFraction,
    double chunkThreshold, int cooldownSteps, boolean surplusToFund, Shortfall shortfall,
    AdlRule adlRule, AdlOptions adlOptions, double drawdownLimit, int drawdownWindow) {

  /** Binance USDⓈ-M: whole liquidation, surplus to the fund, ADL by Binance's ranking. */
  public static final VenuePolicy BINANCE = new VenuePolicy("binance", Style.WHOLE, 1, 1.0, 0.0,
      0, true, Shortfall.ADL, AdlRule.BINANCE, AdlOptions.SAFE, 1.0, 1);

  /** Bybit: as Binance with PnL% x leverage ranking and the 30% / 8 h drawdown trigger. */
  public static final VenuePolicy BYBIT = new VenuePolicy("bybit", Style.WHOLE, 1, 1.0, 0.0, 0,
      true, Shortfall.ADL, AdlRule.BITMEX, AdlOptions.SAFE, 0.30, 8);

  /** OKX: two tiers down per partial liquidation, surplus to the fund, then ADL. */
  public static final VenuePolicy OKX = new VenuePolicy("okx", Style.TIERED, 2, 1.0, 0.0, 0,
      true, Shortfall.ADL, AdlRule.BITMEX, AdlOptions.SAFE, 1.0, 1);

  /** Hyperliquid: 20% chunks above 100,000, one-step cooldown, backstop vault, ADL at mark. */
  public static final VenuePolicy HYPERLIQUID = new VenuePolicy("hyperliquid", Style.CHUNKED, 1,
      0.2, 100_000.0, 1, false, Shortfall.ADL, AdlRule.HYPERLIQUID,
      new AdlOptions(AdlOptions.Pricing.MARK, AdlOptions.Allocation.QUEUE, true), 1.0, 1);

  /** Deribit: whole liquidation, the fund, then a loss socialised among the winners. */
  public static final VenuePolicy DERIBIT = new VenuePolicy("deribit", Style.WHOLE, 1, 1.0, 0.0,
      0, false, Shortfall.SOCIALISED_LOSS, AdlRule.BITMEX, AdlOptions.SAFE, 1.0, 1);

  /**
   * Validates every field.
   *
   * @param name the policy's name, not blank
   * @param style whole, tiered or chunked liquidation
   * @param tierSteps tiers dropped per tiered liquidation, >= 1
   * @param chunkFraction the share of a position a chunked liquidation closes, in (0, 1]
   * @param chunkThreshold the notional above which a chunked liquidation is partial, >= 0
   * @param cooldownSteps steps of whole liquidation after a partial one, >= 0
   * @param surplusToFund whether the margin left at a whole liquidation goes to the fund
   * @param shortfall what happens to the loss the fund cannot pay
   * @param adlRule the ADL ranking
   * @param adlOptions ADL pricing, allocation and overlap check
   * @param drawdownLimit the fund's largest drawdown before ADL takes over, in (0, 1]
   * @param drawdownWindow the window of the fund's high, in steps, >= 1
   */
  public VenuePolicy {
    Checks.present("name", name);
    if (name.isBlank()) {
      throw new InvalidInputException("name", "must not be blank");
    }
    Checks.present("style", style);
    Checks.atLeastOne("tierSteps", tierSteps);
    Checks.inClosedRange("chunkFraction", chunkFraction, 0, 1);
    if (chunkFraction == 0) {
      throw new InvalidInputException("chunkFraction", "must be > 0, was 0.0");
    }
    Checks.nonNegative("chunkThreshold", chunkThreshold);
    if (cooldownSteps < 0) {
      throw new InvalidInputException("cooldownSteps", "must be >= 0, was " + cooldownSteps);
    }
    Checks.present("shortfall", shortfall);
    Checks.present("adlRule", adlRule);
    Checks.present("adlOptions", adlOptions);
    Checks.inClosedRange("drawdownLimit", drawdownLimit, 0, 1);
    if (drawdownLimit == 0) {
      throw new InvalidInputException("drawdownLimit", "must be > 0, was 0.0");
    }
    Checks.atLeastOne("drawdownWindow", drawdownWindow);
  }

  /**
   * The presets, in the order binance, bybit, okx, hyperliquid, deribit.
   *
   * @return the presets
   */
  public static List<VenuePolicy> presets() {
    return List.of(BINANCE, BYBIT, OKX, HYPERLIQUID, DERIBIT);
  }

  /**
   * The preset of a name, in any case.
   *
   * @param name binance, bybit, okx, hyperliquid or deribit
   * @return the preset
   * @throws InvalidInputException naming {@code venue} when there is none of that name
   */
  public static VenuePolicy of(String name) {
    for (VenuePolicy policy : presets()) {
      if (policy.name().equalsIgnoreCase(name)) {
        return policy;
      }
    }
    throw new InvalidInputException("venue",
        "must be one of binance, bybit, okx, hyperliquid, deribit, was \"" + name + "\"");
  }

  /** How a position that breaches maintenance is closed. */
  public enum Style {
    /** All of it at once. */
    WHOLE,
    /** Reduced by {@code tierSteps} margin tiers at a time while above tier {@code tierSteps}. */
    TIERED,
    /** {@code chunkFraction} of it at a time while its notional exceeds the threshold. */
    CHUNKED;

    /**
     * The name used in files, lower case.
     *
     * @return the name used in files
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What happens to a loss beyond the bankruptcy price that the fund cannot pay. */
  public enum Shortfall {
    /** Auto-deleveraging of opposing positions. */
    ADL,
    /** A loss shared among the accounts in profit (Deribit). */
    SOCIALISED_LOSS;

    /**
     * The name used in files, lower case.
     *
     * @return the name used in files
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
