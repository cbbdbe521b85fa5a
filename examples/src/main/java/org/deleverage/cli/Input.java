package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The input file of a command: a path, {@code -} for standard input, or none for the command's
 * bundled example (a resource beside its class, announced on standard error).
 */
final class Input {

  private Input() {}

  /**
   * How a command reads its input stream.
   *
   * @param <T> what it reads
   */
  @FunctionalInterface
  interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  /**
   * Reads the input named on the command line with {@code reader}.
   *
   * @param spec the command, for errors
   * @param name the INPUT argument, {@code -}, or null
   * @param sample the bundled example's resource name
   * @param owner the class beside which the example lies
   * @param stdin standard input
   * @param stderr standard error, for the note that the example is used
   * @param reader how to read it
   */
  static <T> T read(CommandSpec spec, String name, String sample, Class<?> owner,
      InputStream stdin, PrintWriter stderr, Reader<T> reader) throws IOException {
    T read = readNamed(spec, name, sample, owner, stdin, stderr, reader);
    computing(spec);
    return read;
  }

  /** Notes on the command of {@code spec} that its input is read and it now computes. */
  static void computing(CommandSpec spec) {
    if (spec.userObject() instanceof Subcommand command) {
      command.step = "computing (the input was read and validated)";
    }
  }

  private static <T> T readNamed(CommandSpec spec, String name, String sample, Class<?> owner,
      InputStream stdin, PrintWriter stderr, Reader<T> reader) throws IOException {
    if (name == null) {
      stderr.println("deleverage: no INPUT given; running the bundled example " + sample);
      try (InputStream in = owner.getResourceAsStream(sample)) {
        if (in == null) {
          throw new IllegalStateException("the bundled example " + sample + " is missing");
        }
        return reader.read(in);
      }
    }
    if ("-".equals(name)) {
      return reader.read(stdin);
    }
    Path file = Output.path(spec, name, "INPUT");
    try (InputStream in = Files.newInputStream(file)) {
      return reader.read(in);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read INPUT '" + name + "': " + Output.reason(e));
    }
  }
}
