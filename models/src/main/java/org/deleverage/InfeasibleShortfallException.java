package org.deleverage;

/**
 * The shortfall cannot be covered under the constraints: the message states the largest
 * coverable shortfall and what could be relaxed. No plan comes with it.
 */
public final class InfeasibleShortfallException extends DeleverageException {
  private static final long serialVersionUID = 1L;

  /** The solver that found the shortfall infeasible. */
  private final String solver;

  /** The shortfall asked for. */
  private final double shortfall;

  /** The largest shortfall the solver can cover. */
  private final double maxCoverableShortfall;

  /**
   * Creates the exception for {@code solver}, asked to cover {@code shortfall}.
   *
   * @param solver the solver's name
   * @param shortfall S, the shortfall, money
   * @param maxCoverableShortfall S_max, the largest coverable shortfall, money
   */
  public InfeasibleShortfallException(
      String solver, double shortfall, double maxCoverableShortfall) {
    super(message(solver, shortfall, maxCoverableShortfall));
    this.solver = solver;
    this.shortfall = shortfall;
    this.maxCoverableShortfall = maxCoverableShortfall;
  }

  /**
   * The solver's name.
   *
   * @return the solver's name
   */
  public String solver() {
    return solver;
  }

  /**
   * S, the shortfall asked for.
   *
   * @return S, the shortfall asked for
   */
  public double shortfall() {
    return shortfall;
  }

  /**
   * The largest shortfall the solver can cover.
   *
   * @return the largest shortfall the solver can cover
   */
  public double maxCoverableShortfall() {
    return maxCoverableShortfall;
  }

  private static String message(String solver, double shortfall, double maxCoverable) {
    return String.format(
        java.util.Locale.ROOT,
        "infeasible: the shortfall %.2f is above the largest coverable shortfall %.2f (solver %s);"
            + " lengthen the horizon or move the deadline later, raise maxParticipation,"
            + " unlock assets or lower retain.min, or lower the buffer",
        shortfall,
        maxCoverable,
        solver);
  }
}
