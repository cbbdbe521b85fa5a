package org.deleverage.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * What the plan must achieve and by when (MODEL.md sections 3 and 4):
 *
 * <pre>
 *   X_kd >= buffer                          at the deadline period kd
 *   X_k  >= -S * (1 - phi_k)                for every schedule step (k, phi_k)
 * </pre>
 *
 * In margin mode X is the margin excess, with X_0 = -S when the shortfall S is given and computed
 * from the account otherwise; in cash mode S is required and X_k reads K_k - S, the net cash
 * raised less the amount called. Immutable and thread-safe; build with {@link #margin()} or
 * {@link #cash(double)} and the {@code with...} copies.
 *
 * @param mode margin or cash
 * @param shortfall S in money, {@code >= 0}; empty to compute it from the account (margin mode
 *     only)
 * @param deadline kd, the 1-based period by which the shortfall is covered; empty for the last
 * @param buffer the excess required at the deadline, money, {@code >= 0}
 * @param schedule partial-coverage steps, strictly increasing in period
 */
public record Requirement(
    CoverageMode mode,
    OptionalDouble shortfall,
    OptionalInt deadline,
    double buffer,
    List<ScheduleStep> schedule) {

  /**
   * Validates every field and the rules that join them.
   *
   * @param mode margin or cash
   * @param shortfall S in money, {@code >= 0}; empty to compute it from the account (margin mode
   *     only)
   * @param deadline kd, the 1-based period by which the shortfall is covered; empty for the last
   * @param buffer the excess required at the deadline, money, {@code >= 0}
   * @param schedule partial-coverage steps, strictly increasing in period
   */
  public Requirement {
    Checks.present("mode", mode);
    Checks.present("shortfall", shortfall);
    Checks.present("deadline", deadline);
    if (shortfall.isPresent()) {
      Checks.nonNegative("shortfall", shortfall.getAsDouble());
    } else if (mode == CoverageMode.CASH) {
      throw new InvalidInputException("shortfall", "is required in cash mode");
    }
    if (deadline.isPresent()) {
      Checks.atLeastOne("deadline", deadline.getAsInt());
    }
    Checks.nonNegative("buffer", buffer);
    Checks.present("schedule", schedule);
    for (int s = 0; s < schedule.size(); s++) {
      Checks.present("schedule[" + s + "]", schedule.get(s));
    }
    schedule = ImmutableList.copyOf(schedule);
    for (int s = 1; s < schedule.size(); s++) {
      if (schedule.get(s).period() <= schedule.get(s - 1).period()) {
        throw new InvalidInputException(
            "schedule[" + s + "].period",
            "must be > schedule[" + (s - 1) + "].period = " + schedule.get(s - 1).period()
                + " (steps in increasing period), was " + schedule.get(s).period());
      }
    }
  }

  /**
   * A margin call whose shortfall is computed from the account, due by the last period.
   *
   * @return a margin call whose shortfall is computed from the account, due by the last period
   */
  public static Requirement margin() {
    return new Requirement(
        CoverageMode.MARGIN, OptionalDouble.empty(), OptionalInt.empty(), 0.0, List.of());
  }

  /**
   * A cash call of {@code amount}, due by the last period.
   *
   * @param amount the amount, money
   * @return a cash call of {@code amount}, due by the last period
   */
  public static Requirement cash(double amount) {
    return new Requirement(
        CoverageMode.CASH, OptionalDouble.of(amount), OptionalInt.empty(), 0.0, List.of());
  }

  /**
   * This requirement with the shortfall S given explicitly.
   *
   * @param amount the amount, money
   * @return the copy
   */
  public Requirement withShortfall(double amount) {
    return new Requirement(mode, OptionalDouble.of(amount), deadline, buffer, schedule);
  }

  /**
   * This requirement due by the end of 1-based {@code period}.
   *
   * @param period the 1-based period
   * @return the copy
   */
  public Requirement withDeadline(int period) {
    return new Requirement(mode, shortfall, OptionalInt.of(period), buffer, schedule);
  }

  /**
   * This requirement with an excess of {@code amount} required at the deadline.
   *
   * @param amount the amount, money
   * @return the copy
   */
  public Requirement withBuffer(double amount) {
    return new Requirement(mode, shortfall, deadline, amount, schedule);
  }

  /**
   * This requirement with a partial-coverage schedule.
   *
   * @param steps the schedule steps, in increasing period
   * @return the copy
   */
  public Requirement withSchedule(List<ScheduleStep> steps) {
    return new Requirement(mode, shortfall, deadline, buffer, steps);
  }
}
