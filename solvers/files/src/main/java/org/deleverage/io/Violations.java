package org.deleverage.io;

import java.util.ArrayList;
import java.util.List;
import org.deleverage.InvalidInputException;

/**
 * The errors a reader has found so far in one input, to report them all at once as one {@link
 * InvalidInputException} (one line per error, in the order of the input) rather than stopping at
 * the first. Not thread-safe: one per read.
 */
final class Violations {

  private final List<InvalidInputException.Violation> found = new ArrayList<>();

  /** Adds the error at {@code path} breaking {@code rule}. */
  void add(String path, String rule) {
    found.add(new InvalidInputException.Violation(path, rule));
  }

  /** Adds every error of {@code error}. */
  void add(InvalidInputException error) {
    found.addAll(error.violations());
  }

  /** Whether no error was found. */
  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws every error found, if any, as one exception. */
  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidInputException(found);
    }
  }

  /** One exception with every error found and then those of {@code last}, which ends the read. */
  InvalidInputException and(InvalidInputException last) {
    if (found.isEmpty()) {
      return last;
    }
    List<InvalidInputException.Violation> all = new ArrayList<>(found);
    all.addAll(last.violations());
    InvalidInputException joined = new InvalidInputException(all);
    joined.setStackTrace(last.getStackTrace());
    return joined;
  }
}
