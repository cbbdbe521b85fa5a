package org.deleverage.cli;

import org.deleverage.core.solve.BatchSolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --threads N}: how many accounts {@code stress} and {@code cascade} solve at once, through
 * a {@link BatchSolver}. The report does not depend on it. A mixin.
 */
final class ThreadOptions {

  @Option(names = "--threads", paramLabel = "N",
      description = "Solve up to N accounts at once (default: every core). The report is the"
          + " same for any N.")
  private Integer threads;

  /** The batch solver of {@code --threads}, checked before any work. */
  BatchSolver batch(CommandSpec spec) {
    if (threads == null) {
      return BatchSolver.allCores();
    }
    if (threads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--threads must be >= 1, was " + threads);
    }
    return BatchSolver.of(threads);
  }
}
