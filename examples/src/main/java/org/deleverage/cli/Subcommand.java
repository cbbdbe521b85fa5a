package org.deleverage.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every subcommand has: the streams it runs against, its picocli spec, and --help. */
abstract class Subcommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  /** The command's picocli model, for parameter errors. */
  @Spec CommandSpec spec;

  /** Standard output: the result, unless written to a file. */
  final PrintStream stdout;

  /** Standard error: notes and errors. */
  final PrintWriter stderr;

  /** Standard input, read when an input is {@code -}. */
  final InputStream stdin;

  Subcommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdin = stdin;
  }
}
