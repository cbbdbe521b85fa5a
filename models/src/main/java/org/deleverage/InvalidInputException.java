package org.deleverage;

/**
 * A value of the input breaks a rule of the model: the message names the field by its path and
 * states the rule, for example {@code assets[3].price: must be > 0, was -5.0}.
 *
 * <p>Validation happens where a value is built, with the field's own name; an enclosing value that
 * knows where the field sits re-raises it with {@link #under(String)} so the final path reads like
 * the JSON path of the problem file.
 */
public final class InvalidInputException extends DeleverageException {
  private static final long serialVersionUID = 1L;

  /** Where the bad value sits, e.g. {@code assets[3].price}. */
  private final String path;

  /** The rule it breaks, with the value, e.g. {@code must be > 0, was -5.0}. */
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param path the field, as a JSON-like path ({@code price}, {@code retain.max},
   *     {@code correlation[0][1]}); empty for the input as a whole
   * @param rule the rule that was broken, with the offending value
   */
  public InvalidInputException(String path, String rule) {
    super(path.isEmpty() ? rule : path + ": " + rule);
    this.path = path;
    this.rule = rule;
  }

  /**
   * The path of the offending field, for example {@code assets[3].price}.
   *
   * @return the path of the offending field, for example {@code assets[3].price}
   */
  public String path() {
    return path;
  }

  /**
   * The rule that was broken, without the path, for example {@code must be > 0, was -5.0}.
   *
   * @return the rule that was broken, without the path, for example {@code must be > 0, was -5.0}
   */
  public String rule() {
    return rule;
  }

  /**
   * The same error seen from an enclosing value: {@code price} under {@code assets[3]} becomes
   * {@code assets[3].price}; an index segment such as {@code [1]} is joined without a dot, and
   * an empty parent (the top of a file) leaves the path as it is.
   *
   * @param parent the path of the enclosing value
   * @return the same error seen from an enclosing value: {@code price} under {@code assets[3]}
   *     becomes {@code assets[3].price}; an index segment such as {@code [1]} is joined without a
   *     dot
   */
  public InvalidInputException under(String parent) {
    String joined;
    if (parent.isEmpty()) {
      joined = path;
    } else if (path.isEmpty()) {
      joined = parent;
    } else if (path.startsWith("[")) {
      joined = parent + path;
    } else {
      joined = parent + "." + path;
    }
    InvalidInputException moved = new InvalidInputException(joined, rule);
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
