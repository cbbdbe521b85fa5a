package org.deleverage.models.internal;

import java.util.regex.Pattern;
import org.deleverage.InvalidInputException;

/**
 * Validation of single values, each failing with an {@link InvalidInputException} that names the
 * field and the rule. NaN and infinities fail every check that takes a {@code double}.
 */
public final class Checks {
  private Checks() {}

  /**
   * {@code value} is a finite number.
   *
   * @param field the name of the value, for the error message
   * @param value the value to check
   * @return {@code value}
   */
  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException(field, "must be a finite number, was " + value);
    }
    return value;
  }

  /**
   * {@code value > 0}.
   *
   * @param field the name of the value, for the error message
   * @param value the value to check
   * @return {@code value}
   */
  public static double positive(String field, double value) {
    finite(field, value);
    if (!(value > 0)) {
      throw new InvalidInputException(field, "must be > 0, was " + value);
    }
    return value;
  }

  /**
   * {@code value >= 0}.
   *
   * @param field the name of the value, for the error message
   * @param value the value to check
   * @return {@code value}
   */
  public static double nonNegative(String field, double value) {
    finite(field, value);
    if (!(value >= 0)) {
      throw new InvalidInputException(field, "must be >= 0, was " + value);
    }
    return value;
  }

  /**
   * {@code 0 <= value < 1}: a fraction of a price, such as a half spread or a proportional fee,
   * which at 1 or more would take the whole sale.
   *
   * @param field the name of the value, for the error message
   * @param value the value to check
   * @return {@code value}
   */
  public static double fractionOfPrice(String field, double value) {
    nonNegative(field, value);
    if (!(value < 1)) {
      throw new InvalidInputException(field,
          "must be < 1 (a fraction of the price; 1 would take the whole sale), was " + value);
    }
    return value;
  }

  /**
   * {@code low <= value <= high}.
   *
   * @param field the name of the value, for the error message
   * @param value the value to check
   * @param low the smallest allowed value
   * @param high the largest allowed value
   * @return {@code value}
   */
  public static double inClosedRange(String field, double value, double low, double high) {
    finite(field, value);
    if (!(value >= low && value <= high)) {
      throw new InvalidInputException(
          field, "must be in [" + low + ", " + high + "], was " + value);
    }
    return value;
  }

  /**
   * {@code low < value <= high}.
   *
   * @param field the name of the value, for the error message
   * @param value the value to check
   * @param low the smallest allowed value
   * @param high the largest allowed value
   * @return {@code value}
   */
  public static double inHalfOpenRange(String field, double value, double low, double high) {
    finite(field, value);
    if (!(value > low && value <= high)) {
      throw new InvalidInputException(
          field, "must be in (" + low + ", " + high + "], was " + value);
    }
    return value;
  }

  /**
   * {@code value >= 1}.
   *
   * @param field the name of the value, for the error message
   * @param value the value to check
   * @return {@code value}
   */
  public static int atLeastOne(String field, int value) {
    if (value < 1) {
      throw new InvalidInputException(field, "must be >= 1, was " + value);
    }
    return value;
  }

  /**
   * {@code value} is not null.
   *
   * @param field the name of the value, for the error message
   * @param value the value to check
   * @param <T> the value's type
   * @return {@code value}
   */
  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    return value;
  }

  /** A key written as is in a path: a letter or underscore, then letters, digits, underscores. */
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

  /** The most characters of a quoted key a path shows, its opening quote included. */
  private static final int SHOWN_KEY = 40;

  /**
   * The path of a map's member: {@code parent.key} for a plain key ({@code priceShocks.BTC}),
   * {@code parent["key"]} for any other, JSON-quoted and cut after 40 characters ({@code
   * priceShocks["S&P 500"]}; a control character as a JSON escape), as the file readers
   * write the path of a field with such a name.
   *
   * @param parent the path of the map
   * @param key the member's key, as the input wrote it
   * @return the member's path
   */
  public static String member(String parent, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return parent + "." + key;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04X", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    quoted.append('"');
    String text = quoted.length() <= SHOWN_KEY ? quoted.toString()
        : quoted.substring(0, SHOWN_KEY) + "...\"";
    return parent + "[" + text + "]";
  }
}
