package org.deleverage;

/** A solver could not produce a plan that passes the evaluator. */
public final class SolverFailedException extends DeleverageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message
   */
  public SolverFailedException(String message) {
    super(message);
  }
}
