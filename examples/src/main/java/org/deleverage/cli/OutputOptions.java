package org.deleverage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --out FILE} and {@code --format table|json|csv}, shared by the commands. A mixin. */
final class OutputOptions {

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the result to FILE instead of standard output (- for standard output).")
  private String out = "-";

  @Option(names = "--format", paramLabel = "FORMAT", converter = PlanCommand.FormatConverter.class,
      description = "table (the default), json or csv.")
  private PlanCommand.Format format = PlanCommand.Format.TABLE;

  /** The chosen format. */
  PlanCommand.Format format() {
    return format;
  }

  /** The file of {@code --out}, checked before any work; null for standard output. */
  Path target(CommandSpec spec) {
    return "-".equals(out) ? null : Output.file(spec, out, "--out");
  }

  /** Writes {@code text}, the whole of {@code what}, to {@code target} or standard output. */
  static void write(Path target, String text, PrintStream stdout, String what)
      throws IOException {
    Output.write(target, text.getBytes(StandardCharsets.UTF_8), stdout, what);
  }
}
