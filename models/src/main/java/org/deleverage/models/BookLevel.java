package org.deleverage.models;

import org.deleverage.models.internal.Checks;


/**
 * One level of an order-book ladder: {@code size} units resting {@code offset} away from the mid,
 * below it for a sale, above it for a purchase (MODEL.md section 1).
 *
 * @param offset the distance from the mid as a fraction of the price, {@code >= 0}
 * @param size the units available at this level, {@code > 0}
 */
public record BookLevel(double offset, double size) {

  /**
   * Validates {@code offset >= 0} and {@code size > 0}.
   *
   * @param offset the distance from the mid as a fraction of the price, {@code >= 0}
   * @param size the units available at this level, {@code > 0}
   */
  public BookLevel {
    Checks.nonNegative("offset", offset);
    Checks.positive("size", size);
  }

  /**
   * A level of {@code size} units at {@code offset} from the mid.
   *
   * @param offset the distance from the mid as a fraction of the price, {@code >= 0}
   * @param size the units available at this level, {@code > 0}
   * @return a level of {@code size} units at {@code offset} from the mid
   */
  public static BookLevel of(double offset, double size) {
    return new BookLevel(offset, size);
  }
}
