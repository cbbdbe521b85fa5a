package org.deleverage.models;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * How a liquidity stress changes a temporary impact model ({@link
 * TemporaryImpactModel#stressed}; MODEL.md section 8, "Liquidity stress"). Each model takes the
 * parts that apply to it:
 *
 * <ul>
 *   <li>linear: eta' = {@code etaMultiplier} x eta;
 *   <li>power law: c' = {@code coefficientMultiplier} x c (the exponent is kept; a fall in the
 *       daily volume V moves the cost through V itself);
 *   <li>order book: the levels, cheapest first, are cut to the first {@code bookLevels}, then
 *       every level further from the mid than {@code bookMaxOffset} is dropped, and each size
 *       left is multiplied by {@code bookSizeMultiplier}. A cut that leaves no level is an error.
 *   <li>transient: kappa' = {@code etaMultiplier} x kappa / {@code bookSizeMultiplier} (kappa is
 *       an impact coefficient and the inverse of the book's depth; the half-life is kept, and a
 *       level cut does not apply).
 * </ul>
 *
 * {@link #NONE} changes nothing. Immutable.
 *
 * @param etaMultiplier the multiplier of a linear model's eta, finite and {@code >= 0}
 * @param coefficientMultiplier the multiplier of a power-law model's c, finite and {@code >= 0}
 * @param bookSizeMultiplier the multiplier of every size of an order book, finite and {@code > 0}
 * @param bookLevels the most levels of an order book kept, the cheapest: {@code >= 1}, {@link
 *     #ALL_LEVELS} for no cut
 * @param bookMaxOffset the furthest offset from the mid (a fraction of the price) a kept level
 *     may have: {@code >= 0}, {@code Double.POSITIVE_INFINITY} for no cut
 */
public record ImpactStress(
    double etaMultiplier,
    double coefficientMultiplier,
    double bookSizeMultiplier,
    int bookLevels,
    double bookMaxOffset) {

  /** The number of book levels kept when nothing is cut: every level. */
  public static final int ALL_LEVELS = Integer.MAX_VALUE;

  /** The stress that changes nothing. */
  public static final ImpactStress NONE =
      new ImpactStress(1.0, 1.0, 1.0, ALL_LEVELS, Double.POSITIVE_INFINITY);

  /**
   * Validates every field.
   *
   * @param etaMultiplier the multiplier of a linear model's eta, finite and {@code >= 0}
   * @param coefficientMultiplier the multiplier of a power-law model's c, finite and {@code >= 0}
   * @param bookSizeMultiplier the multiplier of every size of an order book, finite and {@code
   *     > 0}
   * @param bookLevels the most levels of an order book kept, {@code >= 1}
   * @param bookMaxOffset the furthest offset a kept level may have, {@code >= 0} (infinity for
   *     no cut)
   * @throws InvalidInputException naming the field that breaks its rule
   */
  public ImpactStress {
    Checks.nonNegative("etaMultiplier", etaMultiplier);
    Checks.nonNegative("coefficientMultiplier", coefficientMultiplier);
    Checks.positive("bookSizeMultiplier", bookSizeMultiplier);
    Checks.atLeastOne("bookLevels", bookLevels);
    if (!(bookMaxOffset >= 0)) {
      throw new InvalidInputException("bookMaxOffset", "must be >= 0, was " + bookMaxOffset);
    }
  }

  /**
   * Whether the stress removes levels of an order book (a level limit or an offset limit).
   *
   * @return whether {@code bookLevels} or {@code bookMaxOffset} is set
   */
  public boolean cutsBook() {
    return bookLevels != ALL_LEVELS || bookMaxOffset != Double.POSITIVE_INFINITY;
  }
}
