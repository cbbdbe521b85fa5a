package org.deleverage;

/**
 * What the library throws: the root of its one exception hierarchy. Three kinds, each with what
 * a caller needs to act on it:
 *
 * <ul>
 *   <li>{@link InvalidInputException}: a value the model cannot take, with the path of the field
 *       and the rule it breaks;
 *   <li>{@link InfeasibleShortfallException}: the shortfall is above the largest coverable one,
 *       S_max, which it carries;
 *   <li>{@link SolverFailedException}: a solver could not produce a plan it can stand behind.
 * </ul>
 *
 * <p>Unchecked, as every kind is a result of the input. Only this package declares kinds, so a
 * {@code catch} of the three covers everything the library throws on purpose.
 */
public abstract class DeleverageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, in one line
   */
  DeleverageException(String message) {
    super(message);
  }
}
