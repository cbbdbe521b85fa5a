package org.deleverage.solvers.stress;

import org.deleverage.InvalidInputException;
import org.deleverage.models.ImpactStress;
import org.deleverage.models.internal.Checks;

/**
 * A liquidity stress of one asset, of every asset, or of a factor ({@link Scenario}; MODEL.md
 * section 8, "Liquidity stress"): multipliers of the asset's half spread, daily volume, order
 * book sizes and impact coefficients, and cuts of its order book. For an asset with half spread
 * s, daily volume V, linear eta, power-law c, book levels (o_l, z_l) and permanent gamma:
 *
 * <pre>
 *   s' = halfSpreadMultiplier x s          must stay &lt; 1 (an error otherwise)
 *   V' = advMultiplier x V                 the participation cap rho V' tau and the power law's V
 *   eta' = etaMultiplier x eta,  c' = coefficientMultiplier x c,  gamma' = gammaMultiplier x gamma
 *   book: the first bookLevels levels, cheapest first, those with o_l &lt;= bookMaxOffset,
 *         each z_l' = bookSizeMultiplier x z_l
 * </pre>
 *
 * A multiplier above 1 (below 1 for the volume and the book sizes) is a stress; the other way is
 * a relief, allowed too. {@link #NONE} changes nothing. Immutable.
 *
 * @param halfSpreadMultiplier the multiplier of s, finite and {@code >= 0}
 * @param advMultiplier the multiplier of V, finite and {@code > 0}
 * @param bookSizeMultiplier the multiplier of every level's size, finite and {@code > 0}
 * @param bookLevels the most levels kept, the cheapest, {@code >= 1}; {@link
 *     ImpactStress#ALL_LEVELS} keeps them all
 * @param bookMaxOffset the furthest offset a kept level may have, {@code >= 0}; {@code
 *     Double.POSITIVE_INFINITY} keeps them all
 * @param etaMultiplier the multiplier of a linear model's eta, finite and {@code >= 0}
 * @param coefficientMultiplier the multiplier of a power law's c, finite and {@code >= 0}
 * @param gammaMultiplier the multiplier of the permanent impact gamma, finite and {@code >= 0}
 */
public record LiquidityShock(
    double halfSpreadMultiplier,
    double advMultiplier,
    double bookSizeMultiplier,
    int bookLevels,
    double bookMaxOffset,
    double etaMultiplier,
    double coefficientMultiplier,
    double gammaMultiplier) {

  /** The shock that changes nothing. */
  public static final LiquidityShock NONE = new LiquidityShock(
      1.0, 1.0, 1.0, ImpactStress.ALL_LEVELS, Double.POSITIVE_INFINITY, 1.0, 1.0, 1.0);

  /**
   * Validates every field.
   *
   * @param halfSpreadMultiplier the multiplier of s, finite and {@code >= 0}
   * @param advMultiplier the multiplier of V, finite and {@code > 0}
   * @param bookSizeMultiplier the multiplier of every level's size, finite and {@code > 0}
   * @param bookLevels the most levels kept, the cheapest, {@code >= 1}
   * @param bookMaxOffset the furthest offset a kept level may have, {@code >= 0}
   * @param etaMultiplier the multiplier of a linear model's eta, finite and {@code >= 0}
   * @param coefficientMultiplier the multiplier of a power law's c, finite and {@code >= 0}
   * @param gammaMultiplier the multiplier of the permanent impact gamma, finite and {@code >= 0}
   * @throws InvalidInputException naming the field that breaks its rule
   */
  public LiquidityShock {
    Checks.nonNegative("halfSpreadMultiplier", halfSpreadMultiplier);
    Checks.positive("advMultiplier", advMultiplier);
    Checks.nonNegative("gammaMultiplier", gammaMultiplier);
    new ImpactStress(etaMultiplier, coefficientMultiplier, bookSizeMultiplier, bookLevels,
        bookMaxOffset);
  }

  /**
   * A copy with the half spread's multiplier.
   *
   * @param value the multiplier of s, {@code >= 0}
   * @return the copy
   */
  public LiquidityShock withHalfSpreadMultiplier(double value) {
    return new LiquidityShock(value, advMultiplier, bookSizeMultiplier, bookLevels, bookMaxOffset,
        etaMultiplier, coefficientMultiplier, gammaMultiplier);
  }

  /**
   * A copy with the daily volume's multiplier.
   *
   * @param value the multiplier of V, {@code > 0}
   * @return the copy
   */
  public LiquidityShock withAdvMultiplier(double value) {
    return new LiquidityShock(halfSpreadMultiplier, value, bookSizeMultiplier, bookLevels,
        bookMaxOffset, etaMultiplier, coefficientMultiplier, gammaMultiplier);
  }

  /**
   * A copy with the book sizes' multiplier.
   *
   * @param value the multiplier of every level's size, {@code > 0}
   * @return the copy
   */
  public LiquidityShock withBookSizeMultiplier(double value) {
    return new LiquidityShock(halfSpreadMultiplier, advMultiplier, value, bookLevels,
        bookMaxOffset, etaMultiplier, coefficientMultiplier, gammaMultiplier);
  }

  /**
   * A copy that keeps at most {@code value} levels of a book, the cheapest.
   *
   * @param value the most levels kept, {@code >= 1}
   * @return the copy
   */
  public LiquidityShock withBookLevels(int value) {
    return new LiquidityShock(halfSpreadMultiplier, advMultiplier, bookSizeMultiplier, value,
        bookMaxOffset, etaMultiplier, coefficientMultiplier, gammaMultiplier);
  }

  /**
   * A copy that drops every level of a book further from the mid than {@code value}.
   *
   * @param value the furthest offset kept, a fraction of the price, {@code >= 0}
   * @return the copy
   */
  public LiquidityShock withBookMaxOffset(double value) {
    return new LiquidityShock(halfSpreadMultiplier, advMultiplier, bookSizeMultiplier,
        bookLevels, value, etaMultiplier, coefficientMultiplier, gammaMultiplier);
  }

  /**
   * A copy with the linear eta's multiplier.
   *
   * @param value the multiplier of eta, {@code >= 0}
   * @return the copy
   */
  public LiquidityShock withEtaMultiplier(double value) {
    return new LiquidityShock(halfSpreadMultiplier, advMultiplier, bookSizeMultiplier,
        bookLevels, bookMaxOffset, value, coefficientMultiplier, gammaMultiplier);
  }

  /**
   * A copy with the power law's c multiplier.
   *
   * @param value the multiplier of c, {@code >= 0}
   * @return the copy
   */
  public LiquidityShock withCoefficientMultiplier(double value) {
    return new LiquidityShock(halfSpreadMultiplier, advMultiplier, bookSizeMultiplier,
        bookLevels, bookMaxOffset, etaMultiplier, value, gammaMultiplier);
  }

  /**
   * A copy with the permanent gamma's multiplier.
   *
   * @param value the multiplier of gamma, {@code >= 0}
   * @return the copy
   */
  public LiquidityShock withGammaMultiplier(double value) {
    return new LiquidityShock(halfSpreadMultiplier, advMultiplier, bookSizeMultiplier,
        bookLevels, bookMaxOffset, etaMultiplier, coefficientMultiplier, value);
  }

  /**
   * Whether the shock removes levels of an order book.
   *
   * @return whether {@code bookLevels} or {@code bookMaxOffset} is set
   */
  public boolean cutsBook() {
    return impactStress().cutsBook();
  }

  /**
   * The part of this shock that changes a temporary impact model.
   *
   * @return the eta, c and book-size multipliers and the book cuts
   */
  public ImpactStress impactStress() {
    return new ImpactStress(etaMultiplier, coefficientMultiplier, bookSizeMultiplier, bookLevels,
        bookMaxOffset);
  }

  /**
   * This shock with every multiplier times the factor's raised to {@code exposure}: M x
   * M_k^exposure (the cuts are this shock's). The per-factor rule of MODEL.md section 8.
   */
  LiquidityShock times(LiquidityShock factor, double exposure) {
    return new LiquidityShock(
        halfSpreadMultiplier * Math.pow(factor.halfSpreadMultiplier, exposure),
        advMultiplier * Math.pow(factor.advMultiplier, exposure),
        bookSizeMultiplier * Math.pow(factor.bookSizeMultiplier, exposure),
        bookLevels, bookMaxOffset,
        etaMultiplier * Math.pow(factor.etaMultiplier, exposure),
        coefficientMultiplier * Math.pow(factor.coefficientMultiplier, exposure),
        gammaMultiplier * Math.pow(factor.gammaMultiplier, exposure));
  }
}
