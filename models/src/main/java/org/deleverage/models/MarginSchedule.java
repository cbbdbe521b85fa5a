package org.deleverage.models;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * A tiered margin schedule: notional brackets, each with a maintenance rate, a maintenance amount
 * and a highest leverage. For a position of notional N in bracket k,
 *
 * <pre>
 *   maintenance margin MM(N) = N r_k - cum_k
 *   initial margin     IM(N, L) = N / min(L, L_k)      (L the leverage the trader chose)
 * </pre>
 *
 * as Binance states it ("Maintenance Margin = Notional Position Value * Maintenance Margin Rate -
 * Maintenance Amount", binance.com/en/futures/trading-rules/perpetual/portfolio-margin/notional-
 * limit). The maintenance amount makes MM continuous at every floor: Binance's rule ("How to
 * Calculate Liquidation Price of COIN-M Futures Contracts", binance.com/en/support/faq/
 * ceccfcfb4e3a45e3b48b0b1bb1a8ae46) is cum_n = floor_n (r_n - r_(n-1)) + cum_(n-1), which {@link
 * #continuous} applies. The brackets must be given by increasing floor, the first at 0.
 * Immutable and thread-safe.
 */
public final class MarginSchedule {

  private final ImmutableList<MarginBracket> brackets;

  private MarginSchedule(List<MarginBracket> brackets) {
    this.brackets = ImmutableList.copyOf(brackets);
  }

  /**
   * A schedule of the given brackets.
   *
   * @param brackets the brackets by increasing floor, the first with floor 0
   * @return the schedule
   * @throws InvalidInputException naming {@code brackets[k]} when a floor is out of order
   */
  public static MarginSchedule of(List<MarginBracket> brackets) {
    Checks.present("brackets", brackets);
    if (brackets.isEmpty()) {
      throw new InvalidInputException("brackets", "must hold at least one bracket");
    }
    for (int k = 0; k < brackets.size(); k++) {
      Checks.present("brackets[" + k + "]", brackets.get(k));
      if (k == 0 && brackets.get(0).floor() != 0) {
        throw new InvalidInputException(
            "brackets[0].floor", "must be 0, was " + brackets.get(0).floor());
      }
      if (k > 0 && !(brackets.get(k).floor() > brackets.get(k - 1).floor())) {
        throw new InvalidInputException("brackets[" + k + "].floor",
            "must be > the previous floor " + brackets.get(k - 1).floor() + ", was "
                + brackets.get(k).floor());
      }
    }
    return new MarginSchedule(brackets);
  }

  /**
   * One bracket for every notional: MM(N) = N r, at most {@code maxLeverage}.
   *
   * @param maintenanceRate r in [0, 1)
   * @param maxLeverage the highest leverage, >= 1
   * @return the schedule
   */
  public static MarginSchedule flat(double maintenanceRate, double maxLeverage) {
    return of(List.of(new MarginBracket(0, maintenanceRate, 0, maxLeverage)));
  }

  /**
   * The schedule whose maintenance amounts follow from the floors and rates by Binance's rule
   * cum_n = floor_n (r_n - r_(n-1)) + cum_(n-1), cum_0 = 0, so that MM is continuous.
   *
   * @param floors the floors, increasing, the first 0
   * @param rates the maintenance rates, one per floor
   * @param maxLeverages the highest leverages, one per floor
   * @return the schedule
   * @throws InvalidInputException when the lists differ in length or a value is out of range
   */
  public static MarginSchedule continuous(
      List<Double> floors, List<Double> rates, List<Double> maxLeverages) {
    if (floors.size() != rates.size() || floors.size() != maxLeverages.size()) {
      throw new InvalidInputException(
          "rates", "must have one rate and one leverage per floor (" + floors.size() + ")");
    }
    List<MarginBracket> brackets = new ArrayList<>();
    double cum = 0.0;
    for (int k = 0; k < floors.size(); k++) {
      if (k > 0) {
        cum = nextMaintenanceAmount(cum, rates.get(k - 1), floors.get(k), rates.get(k));
      }
      brackets.add(new MarginBracket(floors.get(k), rates.get(k), cum, maxLeverages.get(k)));
    }
    return of(brackets);
  }

  /**
   * Binance's maintenance amount of a bracket from the one below: floor (r - previousRate) +
   * previousAmount.
   *
   * @param previousAmount cum_(n-1)
   * @param previousRate r_(n-1)
   * @param floor floor_n, the notional where bracket n starts
   * @param rate r_n
   * @return cum_n
   */
  public static double nextMaintenanceAmount(
      double previousAmount, double previousRate, double floor, double rate) {
    return floor * (rate - previousRate) + previousAmount;
  }

  /**
   * The brackets, by increasing floor.
   *
   * @return the brackets
   */
  public List<MarginBracket> brackets() {
    return brackets;
  }

  /**
   * The index of the bracket of notional {@code notional}: the last whose floor is at most it.
   *
   * @param notional N >= 0
   * @return the index, 0-based
   */
  public int index(double notional) {
    int k = 0;
    while (k + 1 < brackets.size() && brackets.get(k + 1).floor() <= notional) {
      k++;
    }
    return k;
  }

  /**
   * The bracket of notional {@code notional}.
   *
   * @param notional N >= 0
   * @return the bracket
   */
  public MarginBracket bracket(double notional) {
    return brackets.get(index(notional));
  }

  /**
   * The maintenance margin N r_k - cum_k, never below 0.
   *
   * @param notional N >= 0, money
   * @return the maintenance margin, money
   */
  public double maintenanceMargin(double notional) {
    MarginBracket b = bracket(notional);
    return Math.max(0.0, notional * b.maintenanceRate() - b.maintenanceAmount());
  }

  /**
   * The initial margin N / min(leverage, L_k).
   *
   * @param notional N >= 0, money
   * @param leverage the leverage chosen, >= 1
   * @return the initial margin, money
   */
  public double initialMargin(double notional, double leverage) {
    return notional / Math.min(leverage, bracket(notional).maxLeverage());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MarginSchedule that && brackets.equals(that.brackets);
  }

  @Override
  public int hashCode() {
    return brackets.hashCode();
  }

  @Override
  public String toString() {
    return "MarginSchedule" + brackets;
  }
}
