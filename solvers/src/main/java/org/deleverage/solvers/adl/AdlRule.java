package org.deleverage.solvers.adl;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.deleverage.models.MarginSchedule;

/**
 * The rule by which an exchange ranks opposing positions for auto-deleveraging: a score per
 * position, the highest closed first. Every rule ranks profitable positions (unrealised PnL > 0
 * at the mark) ahead of the others; {@link AdlEngine} breaks ties by the larger position, then
 * by the account id. With d = +1 for a long and -1 for a short, size q, entry price e, margin M
 * and mark m:
 *
 * <ul>
 *   <li>{@link #BITMEX}: the score is PnL% x L if PnL% > 0, and PnL% / L otherwise, with PnL% =
 *       d (m - e) / e and the effective leverage L = |V_m| / (V_m - V_b) = m / (d (m - b)), V
 *       the signed position value at the mark and at the position's own bankruptcy price b = e -
 *       d M / q (L = +infinity when the position is at or past b). BitMEX, "What is
 *       Auto-Deleveraging" (support.bitmex.com, article 18589621443357) and
 *       bitmex.com/app/autoDeleveraging.
 *   <li>{@link #BINANCE}: "LeveragePnL" = PnL% x margin ratio, with PnL% = max(0, u) / max(1, W),
 *       u the unrealised PnL and W the wallet balance (here the margin M), and margin ratio =
 *       maintenance margin / (W + u) when W + u > 0, else 0; the maintenance margin is r q m for
 *       the maintenance margin rate r given in the problem or, when the problem gives the
 *       contract's notional brackets, N r_k - cum_k for the bracket k of the position's own
 *       notional N = q m (Binance publishes brackets, each with a rate and a maintenance amount:
 *       with one flat rate for everyone the rate cancels out of the ranking). Binance,
 *       "What Is Auto-Deleveraging (ADL) and How Does It Work" (FAQ 360033525471), with the
 *       formula as quoted on the Binance developer forum (dev.binance.vision, topic 17801).
 *   <li>{@link #HYPERLIQUID}: (m / e) x (notional / account value), notional = q m and account
 *       value = M + u (Hyperliquid docs, "Auto-deleveraging"). The documentation gives m / e
 *       without naming a side; for a short this library uses e / m, so that a larger profit ranks
 *       higher on both sides. A position whose account value is not positive scores +infinity.
 *       The page says the ranked positions are closed at the previous oracle price; {@link
 *       AdlEngine} closes them at the bankruptcy price b, as BitMEX and Binance document, unless
 *       {@link AdlOptions.Pricing#MARK} is chosen (then the loss beyond b is reported uncovered).
 * </ul>
 *
 * Immutable and thread-safe.
 */
public enum AdlRule {
  /** PnL% times effective leverage for profitable positions (BitMEX). */
  BITMEX,
  /** PnL% of the wallet times the margin ratio (Binance). */
  BINANCE,
  /** Mark over entry times notional over account value (Hyperliquid). */
  HYPERLIQUID;

  /**
   * The name used in files and on the command line: bitmex, binance or hyperliquid.
   *
   * @return the name used in files and on the command line: bitmex, binance or hyperliquid
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The rule of a label, in any case.
   *
   * @param label bitmex, binance or hyperliquid
   * @return the rule
   * @throws InvalidInputException naming {@code rule} when the label is none of them
   */
  public static AdlRule of(String label) {
    for (AdlRule rule : values()) {
      if (rule.label().equalsIgnoreCase(label)) {
        return rule;
      }
    }
    throw new InvalidInputException(
        "rule", "must be one of bitmex, binance, hyperliquid, was \"" + label + "\"");
  }

  /**
   * The score of a position at the mark; higher is closed first.
   *
   * @param position the opposing position
   * @param mark the mark price m, > 0
   * @param maintenanceMarginRate r, needed by {@link #BINANCE} only
   * @return the score (possibly infinite, never NaN)
   * @throws InvalidInputException naming {@code maintenanceMarginRate} when {@link #BINANCE} has
   *     none
   */
  public double score(
      OpposingPosition position, double mark, OptionalDouble maintenanceMarginRate) {
    return score(position, mark, maintenanceMarginRate, Optional.empty());
  }

  /**
   * The score of a position at the mark, the Binance rule taking the maintenance margin from the
   * brackets when they are given.
   *
   * @param position the opposing position
   * @param mark the mark price m, > 0
   * @param maintenanceMarginRate r, used by {@link #BINANCE} when there are no brackets
   * @param brackets the contract's brackets, used by {@link #BINANCE}; may be empty
   * @return the score (possibly infinite, never NaN)
   * @throws InvalidInputException naming {@code maintenanceMarginRate} when {@link #BINANCE} has
   *     neither
   */
  public double score(OpposingPosition position, double mark,
      OptionalDouble maintenanceMarginRate, Optional<MarginSchedule> brackets) {
    int d = position.side().sign();
    double entry = position.entryPrice();
    double pnl = position.unrealisedPnl(mark);
    return switch (this) {
      case BITMEX -> {
        double percent = d * (mark - entry) / entry;
        double distance = d * (mark - position.bankruptcyPrice());
        double leverage = distance > 0 ? mark / distance : Double.POSITIVE_INFINITY;
        // + 0.0 turns the -0.0 of a loss over an infinite leverage into 0.0.
        yield percent > 0 ? percent * leverage : percent / leverage + 0.0;
      }
      case BINANCE -> {
        if (maintenanceMarginRate.isEmpty() && brackets.isEmpty()) {
          throw new InvalidInputException(
              "maintenanceMarginRate", "is required by the binance rule (its margin ratio)");
        }
        double wallet = position.margin();
        double percent = Math.max(0.0, pnl) / Math.max(1.0, wallet);
        double balance = wallet + pnl;
        double notional = position.size() * mark;
        double maintenance = brackets.isPresent()
            ? brackets.get().maintenanceMargin(notional)
            : maintenanceMarginRate.getAsDouble() * notional;
        yield balance > 0 ? percent * maintenance / balance : 0.0;
      }
      case HYPERLIQUID -> {
        double accountValue = position.margin() + pnl;
        if (!(accountValue > 0)) {
          yield Double.POSITIVE_INFINITY;
        }
        double ratio = d > 0 ? mark / entry : entry / mark;
        yield ratio * position.size() * mark / accountValue;
      }
    };
  }
}
