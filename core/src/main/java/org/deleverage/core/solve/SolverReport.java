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
    double solveMillis) {}
