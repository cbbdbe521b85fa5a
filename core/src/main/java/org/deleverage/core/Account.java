package org.deleverage.core;

import org.deleverage.models.internal.Checks;

/**
 * The account that holds the positions. Immutable and thread-safe.
 *
 * @param cash the cash balance, money, signed: negative means borrowed money
 */
public record Account(double cash) {
  /**
   * Validates that the cash is a finite number.
   *
   * @param cash the cash balance, money, signed: negative means borrowed money
   */
  public Account {
    Checks.finite("cash", cash);
  }

  /**
   * An account with the given cash balance.
   *
   * @param cash the cash balance, money, signed: negative means borrowed money
   * @return an account with the given cash balance
   */
  public static Account of(double cash) {
    return new Account(cash);
  }
}
