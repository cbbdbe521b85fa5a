package org.deleverage.core.evaluate;

/**
 * The expected loss of trades split by its cause (MODEL.md section 3), all in money:
 *
 * <pre>
 *   spread          = s * p * n
 *   fee             = f * p * n + u * n
 *   temporaryImpact = n * h(n)
 *   permanentImpact = gamma * n * (Q - c)     the mark-down a trade causes on the units kept
 * </pre>
 *
 * Summed over the trades of an asset the permanent parts give gamma * (Q c - c^2/2 - sum n^2/2),
 * so the four parts add up to the loss L_N. Immutable and thread-safe.
 *
 * @param spread the cost of crossing half the spread
 * @param fee proportional and per-unit fees
 * @param temporaryImpact the temporary price concession
 * @param permanentImpact the loss from the lasting price move
 */
public record CostSplit(double spread, double fee, double temporaryImpact, double permanentImpact) {

  /** No cost. */
  public static final CostSplit ZERO = new CostSplit(0.0, 0.0, 0.0, 0.0);

  /**
   * The sum of the four parts.
   *
   * @return the sum of the four parts
   */
  public double total() {
    return spread + fee + temporaryImpact + permanentImpact;
  }

  /**
   * The part-by-part sum of this and {@code other}.
   *
   * @param other the other split
   * @return the part-by-part sum of this and {@code other}
   */
  public CostSplit plus(CostSplit other) {
    return new CostSplit(
        spread + other.spread,
        fee + other.fee,
        temporaryImpact + other.temporaryImpact,
        permanentImpact + other.permanentImpact);
  }
}
