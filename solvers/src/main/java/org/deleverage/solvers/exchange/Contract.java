package org.deleverage.solvers.exchange;

import org.deleverage.InvalidInputException;
import org.deleverage.models.MarginSchedule;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.internal.Checks;

/**
 * A linear perpetual contract: its margin brackets and the order book that liquidations walk
 * (offsets as fractions of the mark, the book refilling before the next step).
 *
 * @param id the contract's id, not blank
 * @param schedule the margin brackets
 * @param book the liquidity on each side of the mark
 */
public record Contract(String id, MarginSchedule schedule, OrderBookTemporaryImpact book) {

  /**
   * Validates every field.
   *
   * @param id the contract's id, not blank
   * @param schedule the margin brackets
   * @param book the liquidity on each side of the mark
   */
  public Contract {
    Checks.present("id", id);
    if (id.isBlank()) {
      throw new InvalidInputException("id", "must not be blank");
    }
    Checks.present("schedule", schedule);
    Checks.present("book", book);
  }
}
