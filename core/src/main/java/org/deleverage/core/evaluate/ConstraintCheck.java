package org.deleverage.core.evaluate;

/**
 * One constraint checked against a trade table. The constraint reads {@code value >= bound} or
 * {@code value <= bound}; the slack is the distance to the bound on the allowed side (negative
 * when broken), and the constraint holds when {@code slack >= -tolerance}, the tolerance being
 * MODEL.md section 6: 1e-9 relative, or 1e-6 money, whichever is larger. Immutable and
 * thread-safe.
 *
 * @param constraint which constraint
 * @param asset the asset id, or empty for the account-wide ones
 * @param period the 1-based period, or 0 when it is about the whole horizon
 * @param value the value the plan gives
 * @param bound the bound it must respect
 * @param slack how far inside the bound the value is; negative when broken
 * @param tolerance how far outside still counts as satisfied
 */
public record ConstraintCheck(
    Constraint constraint,
    String asset,
    int period,
    double value,
    double bound,
    double slack,
    double tolerance) {

  /**
   * Whether the constraint holds to its tolerance.
   *
   * @return whether the constraint holds to its tolerance
   */
  public boolean satisfied() {
    return slack >= -tolerance;
  }

  /**
   * A sentence for messages, for example {@code ACME, period 2, n <= cap: 41000.0 against 40000.0
   * (slack -1000.0)}.
   *
   * @return a sentence for messages, for example {@code ACME, period 2, n <= cap: 41000.0 against
   *     40000.0 (slack -1000.0)}
   */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (!asset.isEmpty()) {
      text.append(asset).append(", ");
    }
    if (period > 0) {
      text.append("period ").append(period).append(", ");
    }
    return text.append(constraint.rule())
        .append(": ")
        .append(value)
        .append(" against ")
        .append(bound)
        .append(" (slack ")
        .append(slack)
        .append(')')
        .toString();
  }
}
