package org.deleverage.solvers.exchange;

/** How a position is margined. */
public enum MarginMode {
  /** Its own margin, which it alone can lose. */
  ISOLATED,
  /** The account's wallet, shared by every cross position of the account. */
  CROSS
}
