package org.deleverage.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * How the writers write a figure that may not be finite: never as NaN or an infinity, which JSON
 * cannot hold and a spreadsheet or script would misread. JSON writes {@code null} and CSV an
 * empty cell, and FORMAT.md ("How missing and undefined figures are written") says, figure by
 * figure, why it can be undefined (a shadow price at S_max, the score of a position with no
 * equity left, an amplification of a cascade that lost nothing). {@link Json#write} applies the
 * JSON rule to every number it writes, so a figure a writer did not expect to be undefined still
 * comes out as {@code null}. Stateless.
 */
final class FiniteNumbers {

  private FiniteNumbers() {}

  /** Puts {@code value} as {@code name} in a JSON object, or {@code null} if not finite. */
  static void put(ObjectNode parent, String name, double value) {
    if (Double.isFinite(value)) {
      parent.put(name, value);
    } else {
      parent.putNull(name);
    }
  }

  /**
   * {@code value} as a CSV cell: plain decimal notation (no exponent) with the digits of {@link
   * Double#toString}, which read back to the same double (12345000, 0.0000001, 2.5), or an empty
   * cell when it is not finite.
   */
  static String csv(double value) {
    if (!Double.isFinite(value)) {
      return "";
    }
    if (value == 0.0) {
      return "0";
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
