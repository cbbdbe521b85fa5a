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
