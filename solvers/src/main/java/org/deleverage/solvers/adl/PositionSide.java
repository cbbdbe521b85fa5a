package org.deleverage.solvers.adl;

/** The side of a futures position. */
public enum PositionSide {
  /** Long: gains when the price rises. */
  LONG,
  /** Short: gains when the price falls. */
  SHORT;

  /**
   * +1 for a long, -1 for a short.
   *
   * @return +1 or -1
   */
  public int sign() {
    return this == LONG ? 1 : -1;
  }

  /**
   * The other side.
   *
   * @return the other side
   */
  public PositionSide opposite() {
    return this == LONG ? SHORT : LONG;
  }
}
