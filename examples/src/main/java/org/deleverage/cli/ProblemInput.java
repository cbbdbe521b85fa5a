package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Account;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ScheduleStep;
import org.deleverage.io.HistoryCovariance;
import org.deleverage.io.PortfolioCsv;
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
        "The problem file (JSON, or a portfolio CSV); - reads standard input.",
        "Without it, the bundled sample margin call is planned.",
        "Formats: solvers/files/FORMAT.md in the source repository."
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

  @Option(names = "--csv",
      description = "Read PROBLEM as a portfolio CSV even if its name does not end in .csv.")
  private boolean csv;

  @Option(names = "--cash", paramLabel = "MONEY",
      description = "Portfolio CSV: the account's cash (required; negative when borrowed).")
  private Double cash;

  @Option(names = "--periods", paramLabel = "N",
      description = "Portfolio CSV: the number of periods (default 1).")
  private Integer periods;

  @Option(names = "--period-length", paramLabel = "DAYS",
      description = "Portfolio CSV: the length of a period in days (default 1).")
  private Double periodLength;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "Portfolio CSV: margin (default) or cash.")
  private String mode;

  @Option(names = "--shortfall", paramLabel = "MONEY",
      description = "Portfolio CSV: the shortfall (required in cash mode).")
  private Double shortfall;

  @Option(names = "--deadline", paramLabel = "PERIOD",
      description = "Portfolio CSV: the period by which to cover (default the last).")
  private Integer deadline;

  @Option(names = "--buffer", paramLabel = "MONEY",
      description = "Portfolio CSV: the excess to restore above zero (default 0).")
  private Double buffer;

  @Option(names = "--schedule", paramLabel = "K:F,...",
      description = "Portfolio CSV: partial coverage steps, e.g. 1:0.5,2:0.8.")
  private String schedule;

  @Option(names = "--cost-weight", paramLabel = "W",
      description = "Portfolio CSV: the weight of the expected loss (default 1).")
  private Double costWeight;

  @Option(names = "--risk-aversion", paramLabel = "L",
      description = "Portfolio CSV: the timing risk aversion lambda (default 0).")
  private Double riskAversion;

  @Option(names = "--residual-risk-aversion", paramLabel = "L",
      description = "Portfolio CSV: the residual risk aversion (default 0).")
  private Double residualRiskAversion;

  /**
   * The problem: read, and with the history's covariance when {@code --history} is given (the
   * history is read first, so that its errors come before the problem's).
   */
  DeleveragingProblem read(CommandSpec spec, InputStream stdin, PrintWriter stderr)
      throws IOException {
    PriceHistory prices = history == null ? null : readHistory(spec);
    boolean portfolio =
        csv || (problem != null && problem.toLowerCase(Locale.ROOT).endsWith(".csv"));
    DeleveragingProblem read = portfolio
        ? readPortfolio(spec, stdin)
        : readProblem(spec, stdin, stderr);
    DeleveragingProblem problem = prices == null ? read : withHistory(read, prices, stderr);
    Input.computing(spec);
    return problem;
  }

  private DeleveragingProblem readProblem(CommandSpec spec, InputStream stdin,
      PrintWriter stderr) throws IOException {
    List<String> given = portfolioOptions();
    if (!given.isEmpty()) {
      throw new ParameterException(spec.commandLine(), given.get(0)
          + " applies to a portfolio CSV only; a JSON problem carries its own account, horizon,"
          + " requirement and objective");
    }
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


  /** The names of the portfolio options given, for the rule that a JSON problem takes none. */
  private List<String> portfolioOptions() {
    List<String> given = new ArrayList<>();
    Object[] values = {cash, periods, periodLength, mode, shortfall, deadline, buffer, schedule,
        costWeight, riskAversion, residualRiskAversion};
    String[] names = {"--cash", "--periods", "--period-length", "--mode", "--shortfall",
        "--deadline", "--buffer", "--schedule", "--cost-weight", "--risk-aversion",
        "--residual-risk-aversion"};
    for (int o = 0; o < names.length; o++) {
      if (values[o] != null) {
        given.add(names[o]);
      }
    }
    return given;
  }

  /** The portfolio CSV with the problem's other parts from the options. */
  private DeleveragingProblem readPortfolio(CommandSpec spec, InputStream stdin)
      throws IOException {
    if (problem == null) {
      throw new ParameterException(spec.commandLine(), "--csv needs PROBLEM (a file or -)");
    }
    if (cash == null) {
      throw new ParameterException(spec.commandLine(),
          "a portfolio CSV needs --cash (the account's cash)");
    }
    Account account = built(() -> Account.of(cash));
    Horizon horizon = built(() -> Horizon.of(periods == null ? 1 : periods,
        periodLength == null ? 1.0 : periodLength));
    Requirement requirement = built(this::requirement);
    Objective objective = built(() -> Objective.of(
        costWeight == null ? 1.0 : costWeight, riskAversion == null ? 0.0 : riskAversion,
        residualRiskAversion == null ? 0.0 : residualRiskAversion));
    if ("-".equals(problem)) {
      return PortfolioCsv.read(stdin, "standard input", account, horizon, requirement, objective);
    }
    Path file = Output.path(spec, problem, "PROBLEM");
    try {
      return PortfolioCsv.read(file, account, horizon, requirement, objective);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read PROBLEM '" + problem + "': " + Output.reason(e));
    }
  }

  private Requirement requirement() {
    Requirement requirement;
    if (mode == null || "margin".equalsIgnoreCase(mode)) {
      requirement = Requirement.margin();
      if (shortfall != null) {
        requirement = requirement.withShortfall(shortfall);
      }
    } else if ("cash".equalsIgnoreCase(mode)) {
      if (shortfall == null) {
        throw new InvalidInputException("--shortfall", "is required in cash mode");
      }
      requirement = Requirement.cash(shortfall);
    } else {
      throw new InvalidInputException("--mode", "must be margin or cash, was \"" + mode + "\"");
    }
    if (deadline != null) {
      requirement = requirement.withDeadline(deadline);
    }
    if (buffer != null) {
      requirement = requirement.withBuffer(buffer);
    }
    if (schedule != null) {
      List<ScheduleStep> steps = new ArrayList<>();
      for (String step : schedule.split(",")) {
        String[] parts = step.split(":");
        if (parts.length != 2) {
          throw new InvalidInputException("--schedule",
              "must be PERIOD:FRACTION pairs separated by commas, was \"" + schedule + "\"");
        }
        try {
          steps.add(ScheduleStep.of(Integer.parseInt(parts[0].strip()),
              Double.parseDouble(parts[1].strip())));
        } catch (NumberFormatException e) {
          throw new InvalidInputException("--schedule", "not a number in \"" + step + "\"");
        }
      }
      requirement = requirement.withSchedule(steps);
    }
    return requirement;
  }

  /**
   * What {@code factory} builds from the options, a validation error named by its option:
   * periodLength is {@code --period-length}, a schedule step's field {@code --schedule}.
   */
  private static <T> T built(java.util.function.Supplier<T> factory) {
    try {
      return factory.get();
    } catch (InvalidInputException e) {
      String path = e.path();
      String option = path.startsWith("--") ? path
          : path.startsWith("schedule") ? "--schedule" : "--" + kebab(path);
      throw new InvalidInputException(option, e.rule());
    }
  }

  private static String kebab(String name) {
    return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }
}
