package org.deleverage.core.evaluate;

/** The constraints of MODEL.md section 4, as the evaluator checks them. */
public enum Constraint {
  /** n_ik >= 0: trades only go towards flat. */
  NON_NEGATIVE("n >= 0"),
  /** n_ik &lt;= rho_i * V_i * tau (and what the impact model holds). */
  PARTICIPATION("n <= cap"),
  /** n_ik = 0 for a locked asset. */
  LOCKED("n = 0 (locked)"),
  /** c_iN &lt;= Q_i: never more than held, never flip. */
  HOLDING("traded <= held"),
  /** r_iN >= retainMin_i. */
  RETAIN_MIN("remaining >= retain.min"),
  /** r_iN &lt;= retainMax_i. */
  RETAIN_MAX("remaining <= retain.max"),
  /** X_kd >= buffer at the deadline. */
  COVERAGE("excess >= buffer"),
  /** X_k >= -S * (1 - phi_k) for a schedule step. */
  SCHEDULE("excess >= -S * (1 - fraction)");

  private final String rule;

  Constraint(String rule) {
    this.rule = rule;
  }

  /**
   * The rule in words, for messages.
   *
   * @return the rule in words, for messages
   */
  public String rule() {
    return rule;
  }
}
