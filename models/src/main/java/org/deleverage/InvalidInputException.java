package org.deleverage;

import java.util.List;
import java.util.Objects;

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

  /** The most errors the message lists; a last line counts the others. */
  public static final int SHOWN = 20;

  /** Every error, the first one first; never empty. */
  private final List<Violation> violations;

  /**
   * One broken rule: where the bad value sits and the rule it breaks.
   *
   * @param path where the bad value sits, e.g. {@code assets[3].price}; empty for the input as a
   *     whole
   * @param rule the rule it breaks, with the value, e.g. {@code must be > 0, was -5.0}
   */
  public record Violation(String path, String rule) {

    /**
     * Checks that both parts are given.
     *
     * @param path where the bad value sits
     * @param rule the rule it breaks
     */
    public Violation {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(rule, "rule");
    }

    /**
     * The violation as a message line: {@code path: rule}, or the rule alone when the path is
     * empty.
     *
     * @return the violation as a message line
     */
    @Override
    public String toString() {
      return path.isEmpty() ? rule : path + ": " + rule;
    }

    /**
     * The same violation seen from an enclosing value, joined as {@link
     * InvalidInputException#under(String)} says.
     *
     * @param parent the path of the enclosing value
     * @return the violation with the joined path
     */
    public Violation under(String parent) {
      if (parent.isEmpty()) {
        return this;
      }
      if (path.isEmpty()) {
        return new Violation(parent, rule);
      }
      return new Violation(path.startsWith("[") ? parent + path : parent + "." + path, rule);
    }
  }

  /**
   * Creates the exception.
   *
   * @param path the field, as a JSON-like path ({@code price}, {@code retain.max},
   *     {@code correlation[0][1]}); empty for the input as a whole
   * @param rule the rule that was broken, with the offending value
   */
  public InvalidInputException(String path, String rule) {
    this(List.of(new Violation(path, rule)));
  }

  /**
   * Creates the exception for several errors of one input, in the order of the input.
   *
   * @param violations the errors, at least one
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public InvalidInputException(List<Violation> violations) {
    super(message(violations));
    this.violations = List.copyOf(violations);
  }

  /** One line per violation, the first {@value #SHOWN}, then a count of the others. */
  private static String message(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid input has at least one violation");
    }
    StringBuilder message = new StringBuilder();
    int shown = Math.min(SHOWN, violations.size());
    for (int i = 0; i < shown; i++) {
      message.append(i == 0 ? "" : "\n").append(violations.get(i));
    }
    if (violations.size() > shown) {
      message.append("\nand ").append(violations.size() - shown).append(" more error")
          .append(violations.size() - shown == 1 ? "" : "s");
    }
    return message.toString();
  }

  /**
   * Every error of the input, in its order: one for most errors, several when a reader reports
   * all the errors of a file at once.
   *
   * @return the violations, at least one, unmodifiable
   */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * The path of the (first) offending field, for example {@code assets[3].price}.
   *
   * @return the path of the offending field, for example {@code assets[3].price}
   */
  public String path() {
    return violations.get(0).path();
  }

  /**
   * The (first) rule that was broken, without the path, for example {@code must be > 0, was
   * -5.0}.
   *
   * @return the rule that was broken, without the path, for example {@code must be > 0, was -5.0}
   */
  public String rule() {
    return violations.get(0).rule();
  }

  /**
   * The same error (every violation) seen from an enclosing value: {@code price} under {@code
   * assets[3]} becomes {@code assets[3].price}; an index segment such as {@code [1]} is joined
   * without a dot, and an empty parent (the top of a file) leaves the path as it is.
   *
   * @param parent the path of the enclosing value
   * @return the same error seen from an enclosing value: {@code price} under {@code assets[3]}
   *     becomes {@code assets[3].price}; an index segment such as {@code [1]} is joined without a
   *     dot
   */
  public InvalidInputException under(String parent) {
    InvalidInputException moved =
        new InvalidInputException(violations.stream().map(v -> v.under(parent)).toList());
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
