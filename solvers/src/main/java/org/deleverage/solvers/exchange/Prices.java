package org.deleverage.solvers.exchange;

import java.util.Map;
import org.deleverage.InvalidInputException;
import org.deleverage.models.MarginBracket;
import org.deleverage.models.MarginSchedule;
import org.deleverage.models.internal.Checks;
import org.deleverage.solvers.adl.PositionSide;

/**
 * The prices a trader and a risk team ask for, for linear contracts. With d = +1 for a long and -1
 * for a short, size q, entry e, collateral C behind the position, and the maintenance margin
 * N r_k - cum_k of bracket k at notional N = q P:
 *
 * <pre>
 *   bankruptcy price   b = e - d C / q                         (equity C + d q (b - e) = 0)
 *   liquidation price  P = (d q e - C - cum_k) / (q (d - r_k))  (equity = maintenance margin)
 * </pre>
 *
 * the liquidation price taken in the bracket of its own notional q P, as Binance instructs ("if
 * your position (calculated at the liquidation price) and the current position (calculated at
 * the opening price) are of different levels, then you must substitute ... the maintenance margin
 * rate and the maintenance margin amount of the position level", binance.com/en/support/faq/
 * ceccfcfb4e3a45e3b48b0b1bb1a8ae46). For an isolated position C is its margin. For a cross
 * position C is the wallet plus every other cross position's unrealised PnL at its mark, less
 * their maintenance margins for the liquidation price (Binance's WB - TMM1 + UPNL1, the terms
 * of "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts", binance.com/en/support/
 * faq/b3c689c1f50a44cabb3a84e663b81d93; the page's formula is an image, so the formula above is
 * derived from the terms it defines), and not less them for the bankruptcy price (equity zero).
 * A liquidation price at or below 0 means the position cannot be liquidated. Stateless.
 */
public final class Prices {

  private Prices() {}

  /**
   * The bankruptcy price of an isolated position, e - d C / q.
   *
   * @param side long or short
   * @param size q > 0
   * @param entry e > 0
   * @param margin C >= 0, the position's margin
   * @return b
   */
  public static double bankruptcy(PositionSide side, double size, double entry, double margin) {
    Checks.positive("size", size);
    return entry - side.sign() * margin / size;
  }

  /**
   * The bankruptcy price from the leverage, Bybit's isolated form for USDT contracts: e (1 - d /
   * L) ("Bankruptcy Price (USDT Contract)": Long = Entry Price x (1 - Initial Margin Rate), Short
   * = Entry Price x (1 + Initial Margin Rate), IMR = 1 / Leverage; example 1 BTC long at 10,000
   * USDT, 50x: 9,800 USDT; Bybit help centre, as stored at www.bybitx.global/fil-PH/help-center/
   * search-result?query=trade).
   *
   * @param side long or short
   * @param entry e > 0
   * @param leverage L >= 1
   * @return b
   */
  public static double bankruptcyFromLeverage(PositionSide side, double entry, double leverage) {
    Checks.positive("entry", entry);
    requireLeverage(leverage);
    return entry * (1 - side.sign() / leverage);
  }

  /**
   * The bankruptcy price of an inverse contract (quantity in USD, margin in the coin) from the
   * leverage: e L / (L + d). Bybit's inverse isolated liquidation price is Q / [Q/e + (IM - MM)]
   * for a long and Q / [Q/e - (IM - MM)] for a short, IM = (Q/e) / L (Bybit, "Liquidation Price
   * Calculation under Isolated Mode (Unified Trading Account)", testnet.bybit.com/ar-SA/
   * help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-
   * Account), and its bankruptcy price is the same with the maintenance margin 0 ("How to
   * calculate Bankruptcy Price", help.bybit.com/hc/en-us/articles/360037757474), which gives
   * e L / (L + 1) for a long and e L / (L - 1) for a short.
   *
   * @param side long or short
   * @param entry e > 0
   * @param leverage L >= 1 (> 1 for a short)
   * @return b
   */
  public static double inverseBankruptcyFromLeverage(
      PositionSide side, double entry, double leverage) {
    Checks.positive("entry", entry);
    requireLeverage(leverage);
    if (side == PositionSide.SHORT && leverage <= 1) {
      throw new InvalidInputException(
          "leverage", "must be > 1 for an inverse short, was " + leverage);
    }
    return entry * leverage / (leverage + side.sign());
  }

  /**
   * The liquidation price of a position backed by collateral C (the formula of the class
   * comment, in the bracket of its own notional).
   *
   * @param side long or short
   * @param size q > 0
   * @param entry e > 0
   * @param collateral C, money
   * @param schedule the contract's brackets
   * @return P (at or below 0 when the position cannot be liquidated)
   */
  public static double liquidation(PositionSide side, double size, double entry,
      double collateral, MarginSchedule schedule) {
    Checks.positive("size", size);
    Checks.present("schedule", schedule);
    int d = side.sign();
    double fallback = Double.NaN;
    for (int k = 0; k < schedule.brackets().size(); k++) {
      MarginBracket bracket = schedule.brackets().get(k);
      double price = (d * size * entry - collateral - bracket.maintenanceAmount())
          / (size * (d - bracket.maintenanceRate()));
      if (k == 0) {
        fallback = price;
      }
      if (price > 0 && schedule.index(size * price) == k) {
        return price;
      }
    }
    return fallback;
  }

  /**
   * The liquidation price of an isolated position.
   *
   * @param position the position, isolated, size > 0
   * @param schedule its contract's brackets
   * @return P
   */
  public static double isolatedLiquidation(Position position, MarginSchedule schedule) {
    return liquidation(position.side(), position.size(), position.entryPrice(),
        position.isolatedMargin(), schedule);
  }

  /**
   * The bankruptcy price of an isolated position.
   *
   * @param position the position, isolated, size > 0
   * @return b
   */
  public static double isolatedBankruptcy(Position position) {
    return bankruptcy(position.side(), position.size(), position.entryPrice(),
        position.isolatedMargin());
  }

  /**
   * The liquidation price of the cross position in {@code contract}, the account's other cross
   * positions held at their marks.
   *
   * @param account the account
   * @param contract the contract of the position
   * @param marks the mark of every contract the account holds
   * @param schedules the brackets of every contract the account holds
   * @return P
   * @throws InvalidInputException naming {@code contract} when the account has no cross position
   *     in it
   */
  public static double crossLiquidation(TraderAccount account, String contract,
      Map<String, Double> marks, Map<String, MarginSchedule> schedules) {
    Position position = crossPosition(account, contract);
    double collateral = crossCollateral(account, contract, marks, schedules, true);
    return liquidation(position.side(), position.size(), position.entryPrice(), collateral,
        schedules.get(contract));
  }

  /**
   * The bankruptcy price of the cross position in {@code contract}, the account's other cross
   * positions held at their marks.
   *
   * @param account the account
   * @param contract the contract of the position
   * @param marks the mark of every contract the account holds
   * @return b
   * @throws InvalidInputException naming {@code contract} when the account has no cross position
   *     in it
   */
  public static double crossBankruptcy(TraderAccount account, String contract,
      Map<String, Double> marks) {
    Position position = crossPosition(account, contract);
    double collateral = crossCollateral(account, contract, marks, Map.of(), false);
    return bankruptcy(position.side(), position.size(), position.entryPrice(), collateral);
  }

  private static Position crossPosition(TraderAccount account, String contract) {
    for (Position position : account.positions()) {
      if (position.contract().equals(contract) && position.mode() == MarginMode.CROSS
          && position.size() > 0) {
        return position;
      }
    }
    throw new InvalidInputException(
        "contract", "account " + account.id() + " has no open cross position in " + contract);
  }

  private static double crossCollateral(TraderAccount account, String contract,
      Map<String, Double> marks, Map<String, MarginSchedule> schedules, boolean lessMaintenance) {
    double collateral = account.wallet();
    for (Position other : account.positions()) {
      if (other.mode() != MarginMode.CROSS || other.contract().equals(contract)
          || other.size() == 0) {
        continue;
      }
      Double mark = marks.get(other.contract());
      if (mark == null) {
        throw new InvalidInputException("marks", "has no mark for " + other.contract());
      }
      collateral += other.pnl(mark);
      if (lessMaintenance) {
        MarginSchedule schedule = schedules.get(other.contract());
        if (schedule == null) {
          throw new InvalidInputException("schedules", "has no brackets for " + other.contract());
        }
        collateral -= schedule.maintenanceMargin(other.size() * mark);
      }
    }
    return collateral;
  }

  private static void requireLeverage(double leverage) {
    Checks.finite("leverage", leverage);
    if (leverage < 1) {
      throw new InvalidInputException("leverage", "must be >= 1, was " + leverage);
    }
  }
}
