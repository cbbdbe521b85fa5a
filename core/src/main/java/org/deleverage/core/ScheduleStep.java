package org.deleverage.core;

import org.deleverage.models.internal.Checks;

/**
 * One step of a partial-coverage schedule: by the end of {@code period}, at least the fraction
 * phi of the shortfall must be covered, X_k >= -S * (1 - phi) (MODEL.md section 4). Immutable and
 * thread-safe.
 *
 * @param period k, 1-based, at most the number of periods of the horizon
 * @param fraction phi, in [0, 1]
 */
public record ScheduleStep(int period, double fraction) {
  /**
   * Validates both fields.
   *
   * @param period k, 1-based, at most the number of periods of the horizon
   * @param fraction phi, in [0, 1]
   */
  public ScheduleStep {
    Checks.atLeastOne("period", period);
    Checks.inClosedRange("fraction", fraction, 0.0, 1.0);
  }

  /**
   * Cover {@code fraction} of the shortfall by the end of {@code period}.
   *
   * @param period k, 1-based, at most the number of periods of the horizon
   * @param fraction phi, in [0, 1]
   * @return the step
   */
  public static ScheduleStep of(int period, double fraction) {
    return new ScheduleStep(period, fraction);
  }
}
