package org.deleverage.core.plan;

/** The side of a trade towards flat: a long sells, a short buys back. */
public enum Side {
  /** Selling units of a long position. */
  SELL,
  /** Buying back units of a short position. */
  BUY
}
