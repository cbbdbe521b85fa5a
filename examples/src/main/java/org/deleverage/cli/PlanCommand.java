package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.deleverage.chart.PlanChart;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.io.HistoryCovariance;
import org.deleverage.io.PlanCsv;
import org.deleverage.io.PlanJson;
import org.deleverage.io.PlanTable;
import org.deleverage.io.PriceHistoryCsv;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.baseline.GreedyMarginCallSolver;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.deleverage.solvers.optimal.LotRounding;
import org.deleverage.solvers.optimal.RoundedPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code deleverage plan}: reads a problem, solves it with the chosen solver and prints the plan
 * or writes it to a file. With {@code --history FILE} the daily price covariance is estimated
 * from a price history ({@link PriceHistoryCsv}, {@link HistoryCovariance}) and replaces the
 * problem's own correlation or covariance; when the estimated correlation had to be repaired to
 * the nearest valid one, one line on standard error says so and how far it moved. The plan is
 * rendered in full in memory before anything is written, and a file is written to a temporary
 * sibling that is moved into place atomically only on success, so an error never leaves a
 * partial plan, a stale temporary file, or a plan on standard output.
 */
@Command(
    name = "plan",
    description = {
      "Solves a deleveraging problem and prints the plan.",
      "Files and options: solvers/files/FORMAT.md in the source repository.",
      "Exit codes: 0 ok, 2 invalid input, 3 infeasible, 4 time limit, 5 numerical limit, 1 other."
    },
    sortOptions = false)
final class PlanCommand extends Subcommand implements Callable<Integer> {

  /** The sample problem used when no problem is given, a resource beside this class. */
  static final String SAMPLE = ProblemInput.SAMPLE;

  /** The forms a plan can be written in. */
  enum Format {
    TABLE,
    JSON,
    CSV;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Mixin private ProblemInput input;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the plan to FILE instead of standard output (- for standard output).")
  private String out = "-";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "table (a desk report, the default), json (the plan file) or csv (the trades).")
  private Format format = Format.TABLE;

  @Option(
      names = "--solver",
      paramLabel = "NAME",
      defaultValue = Solvers.DEFAULT_NAME,
      description = "The solver: ${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}.",
      completionCandidates = SolverNames.class)
  private DeleveragingSolver solver;

  @Option(
      names = "--chart",
      paramLabel = "FILE.png",
      description = {
        "Also draw the plan as a PNG: notional sold per period stacked by asset, and the",
        "excess path."
      })
  private String chart;

  @Option(
      names = "--local",
      description = {
        "Solve a non-convex instance locally (status local, not guaranteed optimal)",
        "instead of rejecting it. Only the optimal solver uses it."
      })
  private boolean local;

  @Option(
      names = "--lots",
      description = {
        "Round the plan to whole lots (each asset's lotSize, default 1 unit), keeping every",
        "constraint; reports the rounded and continuous objectives and the difference."
      })
  private boolean lots;

  PlanCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    super(stdout, stderr, stdin);
  }

  @Override
  public Integer call() throws IOException {
    Path target = "-".equals(out) ? null : Output.file(spec, out, "--out");
    Path picture = chart == null ? null : Output.file(spec, chart, "--chart");
    DeleveragingProblem read = input.read(spec, stdin, notes());
    DeleveragingSolver chosen =
        local && solver instanceof InteriorPointSolver optimiser
            ? new InteriorPointSolver(optimiser.options().withAllowLocal(true))
            : solver;
    ResolvedProblem resolved = read.resolve();
    Plan plan = chosen.solve(resolved).plan();
    RoundedPlan rounded = null;
    if (lots) {
      rounded = LotRounding.DEFAULT.round(resolved, plan);
      plan = rounded.plan();
    }
    byte[] rendered = (rounded == null ? render(plan, resolved) : render(rounded, resolved))
        .getBytes(StandardCharsets.UTF_8);
    if (picture != null) {
      Output.writeAtomically(picture, PlanChart.png(plan, resolved), "chart");
    }
    Output.write(target, rendered, stdout, "plan");
    return DeleverageCommand.SUCCESS;
  }

  /**
   * The plan in the chosen format; the table of an optimised plan also says how much it saves
   * against the greedy margin-call rule on the same problem.
   */
  private String render(Plan plan, ResolvedProblem problem) {
    return switch (format) {
      case TABLE -> plan.status() == SolveStatus.FEASIBLE
          ? PlanTable.write(plan)
          : PlanTable.write(plan, GreedyMarginCallSolver.MOST_LIQUID_FIRST.solve(problem));
      case JSON -> PlanJson.write(plan);
      case CSV -> PlanCsv.write(plan);
    };
  }

  /** The plan in whole lots in the chosen format, with the rounding's figures. */
  private String render(RoundedPlan rounded, ResolvedProblem problem) {
    return switch (format) {
      case TABLE -> PlanTable.write(rounded,
          rounded.continuous().status() == SolveStatus.FEASIBLE
              ? null
              : GreedyMarginCallSolver.MOST_LIQUID_FIRST.solve(problem));
      case JSON -> PlanJson.write(rounded);
      case CSV -> PlanCsv.write(rounded.plan());
    };
  }

  /** {@code --format}: table, json or csv, in any case. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format format : Format.values()) {
        if (format.label().equalsIgnoreCase(value)) {
          return format;
        }
      }
      throw new TypeConversionException("expected table, json or csv, was '" + value + "'");
    }
  }

  /**
   * The solvers {@code --solver} can name: those of {@link Solvers}, or others for tests.
   *
   * @param lookup the solver of a name, if there is one
   * @param names every name, for messages
   */
  record SolverChoice(Function<String, Optional<DeleveragingSolver>> lookup, List<String> names)
      implements ITypeConverter<DeleveragingSolver> {

    /** The library's solvers. */
    static SolverChoice catalog() {
      return new SolverChoice(Solvers::named, Solvers.names());
    }

    /** {@code --solver NAME}: the solver, or a conversion error naming every solver. */
    @Override
    public DeleveragingSolver convert(String name) {
      return lookup
          .apply(name)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "unknown solver '" + name + "'; the solvers are "
                          + String.join(", ", names)));
    }
  }

  /** The names of {@link Solvers}, for the help. */
  static final class SolverNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Solvers.names().iterator();
    }
  }
}
