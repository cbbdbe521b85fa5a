package org.deleverage.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every subcommand has: the streams it runs against, its picocli spec, {@code --help}, and
 * what goes to standard error besides errors: notes (the bundled example, a repaired
 * correlation) and progress. Progress is printed when {@code --progress} is given, or when
 * standard error is a terminal (whatever standard output is) and {@code --quiet} is not; {@code
 * --quiet} also drops the notes. Errors are printed whatever is given.
 */
abstract class Subcommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  /** Default of {@code --time-limit}, seconds. */
  static final double DEFAULT_TIME_LIMIT_SECONDS = 300;

  /** The largest {@code --time-limit}, seconds: a day. */
  static final double MAX_TIME_LIMIT_SECONDS = 86_400;

  @Option(
      names = "--time-limit",
      paramLabel = "SECONDS",
      description = {
        "Stop the command after SECONDS of wall time (default 300, at most 86400) with exit",
        "code 4 and nothing written."
      })
  private String timeLimit;

  /** What the command is doing, for the message of a run stopped by its time limit. */
  volatile String step = "reading the input";

  @Option(names = {"-q", "--quiet"},
      description = "Nothing on standard error but errors: no progress, no notes.")
  private boolean quiet;

  @Option(names = "--progress",
      description = "Report progress on standard error even when it is not a terminal"
          + " (default: only when it is).")
  private boolean forceProgress;

  /** The command's picocli model, for parameter errors. */
  @Spec CommandSpec spec;

  /** Standard output: the result, unless written to a file. */
  final PrintStream stdout;

  /** Standard error: notes and errors. */
  final PrintWriter stderr;

  /** Standard input, read when an input is {@code -}. */
  final InputStream stdin;

  /**
   * The time limit of {@code --time-limit} in milliseconds, or a parameter error naming the
   * option when it is not a number of seconds in (0, {@value #MAX_TIME_LIMIT_SECONDS}].
   */
  long timeLimitMillis() {
    if (timeLimit == null) {
      return (long) (DEFAULT_TIME_LIMIT_SECONDS * 1000);
    }
    double seconds;
    try {
      seconds = Double.parseDouble(timeLimit.strip());
    } catch (NumberFormatException e) {
      seconds = Double.NaN;
    }
    if (!(seconds > 0 && seconds <= MAX_TIME_LIMIT_SECONDS)) {
      throw new ParameterException(spec.commandLine(),
          "--time-limit: must be a number of seconds in (0, 86400], was '"
              + Messages.echo(timeLimit) + "'");
    }
    return Math.max(1, Math.round(seconds * 1000));
  }

  /** Whether standard error is this process's and a terminal; set by {@link DeleverageCommand}. */
  boolean stderrIsTerminal;

  Subcommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdin = stdin;
  }

  /** Where notes go: standard error, or nowhere under {@code --quiet}. */
  PrintWriter notes() {
    checkStderrOptions();
    return quiet ? new PrintWriter(Writer.nullWriter()) : stderr;
  }

  /** The progress of {@code command} (its name), printed or silent as the options say. */
  Progress progress(String command) {
    checkStderrOptions();
    boolean on = forceProgress || (stderrIsTerminal && !quiet);
    return on ? Progress.to(stderr, command) : Progress.SILENT;
  }

  private void checkStderrOptions() {
    if (quiet && forceProgress) {
      throw new ParameterException(
          spec.commandLine(), "--quiet and --progress cannot be given together");
    }
  }
}
