package org.deleverage.solvers.optimal;

/**
 * The options of the {@link InteriorPointSolver}, with documented defaults and {@code with...}
 * copies. Immutable and thread-safe.
 *
 * @param maxIterations the most Newton steps of one interior-point run (a solve makes two runs:
 *     the largest coverable shortfall, then the plan); default {@value #DEFAULT_MAX_ITERATIONS}
 * @param timeLimitMillis the most time one solve may take, milliseconds; default {@value
 *     #DEFAULT_TIME_LIMIT_MILLIS}
 * @param allowLocal whether a non-convex instance is solved locally (status "local", not
 *     guaranteed optimal) instead of rejected; default false
 * @param relativeGap the largest certified optimality gap, relative to max(1, |objective|), for
 *     the status "optimal"; default {@value #DEFAULT_RELATIVE_GAP}
 * @param factorSolve how the Newton systems treat the risk of a factor-model covariance; default
 *     {@link FactorSolve#AUTOMATIC}. It changes the cost of a step, not the plan.
 * @param separable whether a one-period problem whose assets nothing couples is solved by a
 *     search over its coverage multiplier ({@link SeparablePath}) instead of the interior-point
 *     method; default true. It changes the cost of a solve, not the plan.
 * @param concurrentRuns whether a single solve may put part of its work on the common fork-join
 *     pool: the S_max run beside the plan run, or half the assets of a large separable book;
 *     default true. It changes the wall time of a solve, not the plan.
 */
public record InteriorPointOptions(
    int maxIterations,
    long timeLimitMillis,
    boolean allowLocal,
    double relativeGap,
    FactorSolve factorSolve,
    boolean separable,
    boolean concurrentRuns) {

  /**
   * How the Newton systems treat the risk of a factor-model covariance Sigma = G F G' + diag(s),
   * when it couples the movable assets. Both forms solve the same system.
   */
  public enum FactorSolve {
    /**
     * The low-rank form when K' N_r &lt;= f: K' the rank of F, N_r the periods with a risk weight,
     * f the assets that can trade; dense blocks otherwise.
     */
    AUTOMATIC,
    /**
     * Always the low-rank form: diagonal period blocks (the specific risk) and the factor risk as
     * a rank K' N_r correction, by the Sherman-Morrison-Woodbury identity; O(K' f N^2 + K'^2 f N^2
     * + K'^3 N^3) a step.
     */
    LOW_RANK,
    /** Always dense f x f period blocks, as for any covariance; O(f^3 N) a step. */
    DENSE
  }

  /** Default of {@link #maxIterations()}. */
  public static final int DEFAULT_MAX_ITERATIONS = 200;

  /** Default of {@link #timeLimitMillis()}. */
  public static final long DEFAULT_TIME_LIMIT_MILLIS = 300_000;

  /** Default of {@link #relativeGap()}. */
  public static final double DEFAULT_RELATIVE_GAP = 1e-8;

  /** The defaults. */
  public static final InteriorPointOptions DEFAULTS =
      new InteriorPointOptions(
          DEFAULT_MAX_ITERATIONS, DEFAULT_TIME_LIMIT_MILLIS, false, DEFAULT_RELATIVE_GAP,
          FactorSolve.AUTOMATIC, true, true);

  /**
   * Validates the options.
   *
   * @param maxIterations the most Newton steps of one interior-point run (a solve makes two runs:
   *     the largest coverable shortfall, then the plan); default {@value #DEFAULT_MAX_ITERATIONS}
   * @param timeLimitMillis the most time one solve may take, milliseconds; default {@value
   *     #DEFAULT_TIME_LIMIT_MILLIS}
   * @param allowLocal whether a non-convex instance is solved locally (status "local", not
   *     guaranteed optimal) instead of rejected; default false
   * @param relativeGap the largest certified optimality gap, relative to max(1, |objective|), for
   *     the status "optimal"; default {@value #DEFAULT_RELATIVE_GAP}
   * @param factorSolve how the Newton systems treat the risk of a factor-model covariance; default
   *     {@link FactorSolve#AUTOMATIC}. It changes the cost of a step, not the plan.
   * @param separable whether a one-period problem whose assets nothing couples is solved by a
   *     search over its coverage multiplier instead of the interior-point method; default true
   * @param concurrentRuns whether a single solve may put part of its work on the common
   *     fork-join pool; default true
   */
  public InteriorPointOptions {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations: must be >= 1, was " + maxIterations);
    }
    if (timeLimitMillis < 1) {
      throw new IllegalArgumentException("timeLimitMillis: must be >= 1, was " + timeLimitMillis);
    }
    if (!(relativeGap > 0 && relativeGap < 1)) {
      throw new IllegalArgumentException("relativeGap: must be in (0, 1), was " + relativeGap);
    }
    if (factorSolve == null) {
      throw new IllegalArgumentException("factorSolve: is required");
    }
  }

  /**
   * These options with another iteration limit.
   *
   * @param value the most Newton steps of a run
   * @return the copy
   */
  public InteriorPointOptions withMaxIterations(int value) {
    return new InteriorPointOptions(
        value, timeLimitMillis, allowLocal, relativeGap, factorSolve, separable, concurrentRuns);
  }

  /**
   * These options with another time limit.
   *
   * @param value the time limit of a solve, milliseconds
   * @return the copy
   */
  public InteriorPointOptions withTimeLimitMillis(long value) {
    return new InteriorPointOptions(
        maxIterations, value, allowLocal, relativeGap, factorSolve, separable, concurrentRuns);
  }

  /**
   * These options, allowing or not a local solve of a non-convex instance.
   *
   * @param value whether a non-convex instance may be solved locally
   * @return the copy
   */
  public InteriorPointOptions withAllowLocal(boolean value) {
    return new InteriorPointOptions(
        maxIterations, timeLimitMillis, value, relativeGap, factorSolve, separable, concurrentRuns);
  }

  /**
   * These options with another gap tolerance.
   *
   * @param value the certificate's relative tolerance
   * @return the copy
   */
  public InteriorPointOptions withRelativeGap(double value) {
    return new InteriorPointOptions(
        maxIterations, timeLimitMillis, allowLocal, value, factorSolve, separable, concurrentRuns);
  }

  /**
   * These options with another treatment of a factor model's risk.
   *
   * @param value the form of the Newton system for a factor model
   * @return the copy
   */
  public InteriorPointOptions withFactorSolve(FactorSolve value) {
    return new InteriorPointOptions(
        maxIterations, timeLimitMillis, allowLocal, relativeGap, value, separable, concurrentRuns);
  }

  /**
   * These options, with the separable path of one-period problems on or off (off runs the
   * interior-point method on every problem, as a cross-check does).
   *
   * @param value whether the separable path may be used
   * @return the copy
   */
  public InteriorPointOptions withSeparable(boolean value) {
    return new InteriorPointOptions(
        maxIterations, timeLimitMillis, allowLocal, relativeGap, factorSolve, value,
        concurrentRuns);
  }

  /**
   * These options, with part of a solve's work on the common fork-join pool or all of it on the
   * calling thread (which suits a caller that already keeps every core busy, such as a batch of
   * solves).
   *
   * @param value whether a solve may put part of its work on the common fork-join pool
   * @return the copy
   */
  public InteriorPointOptions withConcurrentRuns(boolean value) {
    return new InteriorPointOptions(
        maxIterations, timeLimitMillis, allowLocal, relativeGap, factorSolve, separable, value);
  }
}
