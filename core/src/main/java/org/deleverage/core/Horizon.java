package org.deleverage.core;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * The trading horizon: N periods of tau days each, T = N * tau. Immutable and thread-safe.
 *
 * @param periods N, the number of trading periods, in [1, {@value #MAX_PERIODS}]
 * @param periodLength tau, the length of one period in trading days, {@code > 0}
 */
public record Horizon(int periods, double periodLength) {

  /** The most periods a horizon may have; it bounds the size of every plan. */
  public static final int MAX_PERIODS = 10_000;

  /** One period of one day, the default. */
  public static final Horizon ONE_DAY = new Horizon(1, 1.0);

  /**
   * The shortest period, in trading days: one minute of a 24-hour trading day, 1/1440. A market
   * that trades around the clock (the crypto assets of the samples) has 1,440 minutes a day; an
   * equity day of 390 minutes has longer minutes (1/390), so every market's minute is allowed.
   * Volatility and volume are daily figures scaled by the period length, and below a minute
   * neither the square-root-of-time scaling nor a participation cap on daily volume means
   * anything.
   */
  public static final double MIN_PERIOD_LENGTH = 1.0 / 1440;

  /**
   * Validates both fields.
   *
   * @param periods N, the number of trading periods, in [1, {@value #MAX_PERIODS}]
   * @param periodLength tau, the length of one period in trading days, at least {@link
   *     #MIN_PERIOD_LENGTH} (a minute)
   */
  public Horizon {
    Checks.atLeastOne("periods", periods);
    if (periods > MAX_PERIODS) {
      throw new InvalidInputException(
          "periods", "must be <= " + MAX_PERIODS + ", was " + periods);
    }
    Checks.positive("periodLength", periodLength);
    if (!(periodLength >= MIN_PERIOD_LENGTH)) {
      throw new InvalidInputException("periodLength", "must be at least one minute of a"
          + " 24-hour trading day, 1/1440 = " + MIN_PERIOD_LENGTH + " days, was " + periodLength);
    }
  }

  /**
   * N periods of tau days.
   *
   * @param periods N, the number of trading periods, in [1, {@value #MAX_PERIODS}]
   * @param periodLength tau, the length of one period in trading days, {@code > 0}
   * @return N periods of tau days
   */
  public static Horizon of(int periods, double periodLength) {
    return new Horizon(periods, periodLength);
  }

  /**
   * This horizon with another periods, everything else the same; validated like any other.
   *
   * @param value N, the number of trading periods, in [1, {@value #MAX_PERIODS}]
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Horizon withPeriods(int value) {
    return new Horizon(value, periodLength);
  }

  /**
   * This horizon with another periodLength, everything else the same; validated like any other.
   *
   * @param value tau, the length of one period in trading days, {@code > 0}
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Horizon withPeriodLength(double value) {
    return new Horizon(periods, value);
  }

  /**
   * T = N * tau, the horizon in days.
   *
   * @return T = N * tau, the horizon in days
   */
  public double length() {
    return periods * periodLength;
  }
}
