package org.deleverage.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.deleverage.solvers.Solvers;

/** Runs the command line in-process for tests, capturing its streams. */
final class CommandRun {

  private CommandRun() {}

  /** What a run printed and returned. */
  record Result(int code, String out, String err) {}

  /** Runs {@code args} with the library's solvers and an empty standard input. */
  static Result run(String... args) {
    return execute("", PlanCommand.SolverChoice.catalog(), args);
  }

  /** Runs {@code args} with {@code stdin} as standard input. */
  static Result runWithStdin(String stdin, String... args) {
    return execute(stdin, PlanCommand.SolverChoice.catalog(), args);
  }

  /** Runs {@code args} with these bytes, whatever their encoding, as standard input. */
  static Result runWithStdinBytes(byte[] stdin, String... args) {
    return execute(stdin, PlanCommand.SolverChoice.catalog(), args);
  }

  /** Runs {@code args} with the given solvers and standard input. */
  static Result execute(String stdin, PlanCommand.SolverChoice solvers, String... args) {
    return execute(stdin.getBytes(StandardCharsets.UTF_8), solvers, args);
  }

  /** Runs {@code args} with the given solvers and the bytes of standard input. */
  static Result execute(byte[] stdin, PlanCommand.SolverChoice solvers, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin);
    int code =
        DeleverageCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            in,
            solvers);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
