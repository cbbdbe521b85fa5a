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
 * @param iterations the solver's iterations
 * @param solveMillis the time spent inside the solver, milliseconds
 */
public record SolverReport(
    String solver,
    SolveStatus status,
    OptionalDouble maxCoverableShortfall,
    OptionalDouble shadowPrice,
    long iterations,
    double solveMillis) {

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
