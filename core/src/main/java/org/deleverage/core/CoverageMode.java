package org.deleverage.core;

/** What the plan must cover (MODEL.md section 3). */
public enum CoverageMode {
  /**
   * A margin call: the excess X = equity - requirement must be back above the buffer by the
   * deadline.
   */
  MARGIN("margin"),
  /**
   * A debt or cash call of S: the net cash K raised by the trades must reach S plus the buffer by
   * the deadline; every constraint reads X_k as K_k - S.
   */
  CASH("cash");

  private final String label;

  CoverageMode(String label) {
    this.label = label;
  }

  /**
   * The name used in the problem file: {@code margin} or {@code cash}.
   *
   * @return the name used in the problem file: {@code margin} or {@code cash}
   */
  public String label() {
    return label;
  }

  /**
   * The mode whose file name is {@code label}, or empty.
   *
   * @param label margin or cash
   * @return the mode whose file name is {@code label}, or empty
   */
  public static java.util.Optional<CoverageMode> fromLabel(String label) {
    for (CoverageMode mode : values()) {
      if (mode.label.equals(label)) {
        return java.util.Optional.of(mode);
      }
    }
    return java.util.Optional.empty();
  }
}
