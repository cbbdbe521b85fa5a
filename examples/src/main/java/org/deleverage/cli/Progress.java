package org.deleverage.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress of long work, one line on standard error per report: {@code deleverage: curve: 42
 * solves (sweep 2 of at most 13)}. A command asks its {@link Subcommand#progress(String)} for
 * one, which is silent unless progress is on ({@code --progress}, or standard error is a terminal
 * and {@code --quiet} is not given); the library computes and calls back, this class prints.
 *
 * <p>Reports are rate-limited so that a fast loop does not flood the terminal: the first report
 * and every report of finished work ({@code done == total}) are printed, others only when at
 * least {@link #INTERVAL_MILLIS} ms have passed since the last printed one. Safe to call from
 * the threads of a batch (reports are serialised).
 *
 * <p>To plug a new command in: {@code Progress progress = progress("exchange");} then {@code
 * progress.step(done, total, "accounts")} from the library's callback, or {@code
 * progress.note(text)} for free text.
 */
final class Progress {

  /** The least time between two printed reports of unfinished work, in milliseconds. */
  static final long INTERVAL_MILLIS = 500;

  /** A progress that prints nothing. */
  static final Progress SILENT = new Progress(null, "", System::nanoTime);

  private final PrintWriter stderr;
  private final String command;
  private final LongSupplier clock;
  private long lastPrinted = Long.MIN_VALUE;

  private Progress(PrintWriter stderr, String command, LongSupplier clock) {
    this.stderr = stderr;
    this.command = command;
    this.clock = clock;
  }

  /** A progress of {@code command} printed to {@code stderr}. */
  static Progress to(PrintWriter stderr, String command) {
    return to(stderr, command, System::nanoTime);
  }

  /** As {@link #to(PrintWriter, String)} with a clock in nanoseconds, for tests. */
  static Progress to(PrintWriter stderr, String command, LongSupplier clock) {
    return new Progress(stderr, command, clock);
  }

  /** Whether this progress prints anything. */
  boolean enabled() {
    return stderr != null;
  }

  /** Reports {@code done} of {@code total} {@code units} (for example "accounts") done. */
  void step(long done, long total, String units) {
    report(done + " of " + total + " " + units, done >= total);
  }

  /** Reports free text, such as "42 solves (sweep 2 of at most 13)"; rate-limited. */
  void note(String text) {
    report(text, false);
  }

  /** Reports free text that says the work is finished; always printed. */
  void finished(String text) {
    report(text, true);
  }

  private synchronized void report(String text, boolean finished) {
    if (stderr == null) {
      return;
    }
    long now = clock.getAsLong();
    if (!finished && lastPrinted != Long.MIN_VALUE
        && now - lastPrinted < INTERVAL_MILLIS * 1_000_000L) {
      return;
    }
    lastPrinted = now;
    stderr.println("deleverage: " + command + ": " + text);
    stderr.flush();
  }
}
