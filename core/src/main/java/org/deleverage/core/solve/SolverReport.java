package org.deleverage.core.solve;

import java.util.OptionalDouble;
import org.deleverage.core.plan.SolveStatus;

/**
 * What a solver knows about its plan beyond the trade table. Immutable and thread-safe.
 *
 * @param solver the solver's name
 * @param status optimal, local or feasible
 * @param maxCoverableShortfall the largest shortfall the solver can cover, if it computed it
 * @param shadowPrice mu, the extra objective per extra unit of money required, if known
 * @param shadowPriceUnbounded whether the shadow price is absent because it is unbounded: the
 *     requirement sits at the largest coverable shortfall, and no more can be covered at any cost
 * @param iterations the solver's iterations
 * @param solveMillis the time spent inside the solver, milliseconds
 */
public record SolverReport(
    String solver,
    SolveStatus status,
    OptionalDouble maxCoverableShortfall,
    OptionalDouble shadowPrice,
    boolean shadowPriceUnbounded,
    long iterations,
    double solveMillis) {

  /**
   * Validates the report: an unbounded shadow price has no value.
   *
   * @param solver the solver's name
   * @param status optimal, local or feasible
   * @param maxCoverableShortfall the largest shortfall the solver can cover, if it computed it
   * @param shadowPrice mu, the extra objective per extra unit of money required, if known
   * @param shadowPriceUnbounded whether the shadow price is absent because it is unbounded
   * @param iterations the solver's iterations
   * @param solveMillis the time spent inside the solver, milliseconds
   */
  public SolverReport {
    if (shadowPriceUnbounded && shadowPrice.isPresent()) {
      throw new IllegalArgumentException(
          "shadowPrice: must be absent when unbounded, was " + shadowPrice.getAsDouble());
    }
  }

  /**
   * A report whose shadow price, if absent, is simply not known.
   *
   * @param solver the solver's name
   * @param status optimal, local or feasible
   * @param maxCoverableShortfall the largest shortfall the solver can cover, if it computed it
   * @param shadowPrice mu, the extra objective per extra unit of money required, if known
   * @param iterations the solver's iterations
   * @param solveMillis the time spent inside the solver, milliseconds
   */
  public SolverReport(
      String solver,
      SolveStatus status,
      OptionalDouble maxCoverableShortfall,
      OptionalDouble shadowPrice,
      long iterations,
      double solveMillis) {
    this(solver, status, maxCoverableShortfall, shadowPrice, false, iterations, solveMillis);
  }

  /**
   * The report of a baseline rule: status feasible, the largest shortfall its rule covers, no
   * shadow price.
   *
   * @param solver the solver's name
   * @param maxCoverableShortfall the largest shortfall the solver can cover, if it computed it
   * @param iterations the solver's iterations
   * @param solveMillis the time spent inside the solver, milliseconds
   * @return the report of a baseline rule: status feasible, the largest shortfall its rule covers,
   *     no shadow price
   */
  public static SolverReport feasible(
      String solver, double maxCoverableShortfall, long iterations, double solveMillis) {
    return new SolverReport(
        solver,
        SolveStatus.FEASIBLE,
        OptionalDouble.of(maxCoverableShortfall),
        OptionalDouble.empty(),
        iterations,
        solveMillis);
  }

  /**
   * The milliseconds since {@code startNanos}, a {@link System#nanoTime()} reading.
   *
   * @param startNanos a {@link System#nanoTime()} reading
   * @return the milliseconds since {@code startNanos}, a {@link System#nanoTime()} reading
   */
  public static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
