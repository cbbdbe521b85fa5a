package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.io.PriceHistory;
import org.deleverage.io.PriceHistoryCsv;
import org.deleverage.io.ProblemJson;
import org.deleverage.models.risk.CorrelationRepair;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The problem a command works on, as {@code plan} and the analysis commands read it: {@code
 * PROBLEM} (a JSON problem file, {@code -} for standard input, none for the bundled sample) and
 * {@code --history FILE}, whose estimated covariance replaces the problem's dependence (a repair
 * of the estimated correlation is reported on standard error). A picocli mixin.
 */
final class ProblemInput {

  /** The sample problem used when no problem is given, a resource beside {@link PlanCommand}. */
  static final String SAMPLE = "sample-margin-call.json";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PROBLEM",
      description = {
        "The problem file (JSON, FORMAT.md); - reads standard input.",
        "Without it, the bundled sample margin call is planned."
      })
  private String problem;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = {
        "Estimate the daily price covariance from the price history in FILE (CSV: a date",
        "column, then a column of prices per asset id) and use it in place of the problem's",
        "correlation or covariance."
      })
  private String history;

  /**
   * The problem: read, and with the history's covariance when {@code --history} is given (the
   * history is read first, so that its errors come before the problem's).
   */
  DeleveragingProblem read(CommandSpec spec, InputStream stdin, PrintWriter stderr)
      throws IOException {
    PriceHistory prices = history == null ? null : readHistory(spec);
    DeleveragingProblem read = readProblem(spec, stdin, stderr);
    return prices == null ? read : withHistory(read, prices, stderr);
  }

  private DeleveragingProblem readProblem(CommandSpec spec, InputStream stdin,
      PrintWriter stderr) throws IOException {
    if (problem == null) {
      stderr.println("deleverage: no PROBLEM given; planning the bundled sample problem " + SAMPLE);
      try (InputStream sample = PlanCommand.class.getResourceAsStream(SAMPLE)) {
        if (sample == null) {
          throw new IllegalStateException("the bundled sample " + SAMPLE + " is missing");
        }
        return ProblemJson.read(sample);
      }
    }
    if ("-".equals(problem)) {
      return ProblemJson.read(stdin);
    }
    Path file = Output.path(spec, problem, "PROBLEM");
    try {
      return ProblemJson.read(file);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read PROBLEM '" + problem + "': " + Output.reason(e));
    }
  }

  /** The price history of {@code --history}, read before the problem. */
  private PriceHistory readHistory(CommandSpec spec) {
    try {
      return PriceHistoryCsv.read(Output.path(spec, history, "--history"));
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read --history '" + history + "': " + Output.reason(e));
    }
  }

  /**
   * {@code problem} with the covariance estimated from the price history in place of its
   * dependence; a repair of the estimated correlation is reported on standard error.
   */
  private DeleveragingProblem withHistory(DeleveragingProblem problem, PriceHistory prices,
      PrintWriter stderr) {
    HistoryCovariance estimate = HistoryCovariance.estimate(prices, problem);
    CorrelationRepair repair = estimate.repair();
    if (repair.repaired()) {
      stderr.println(
          String.format(
              Locale.ROOT,
              "deleverage: the correlation estimated from %s was not positive semidefinite"
                  + " (smallest eigenvalue %.3g); using the nearest correlation matrix, at"
                  + " Frobenius distance %.3g%s",
              history,
              repair.smallestEigenvalueBefore(),
              repair.distance(),
              repair.converged()
                  ? ""
                  : " (the repair stopped at its bound of " + repair.iterations()
                      + " iterations, near but not certified nearest)"));
    }
    return problem.withDependence(estimate.covariance());
  }

}
