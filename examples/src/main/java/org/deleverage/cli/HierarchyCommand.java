package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.io.AnalysisReport;
import org.deleverage.solvers.analysis.HierarchyReport;
import org.deleverage.solvers.analysis.HierarchyRow;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deleverage hierarchy}: the optimal plan's hierarchy report ({@link HierarchyReport}):
 * for each asset its marginal cost per unit of excess freed, days to liquidate at its cap, risk
 * share, margin rate and what binds it. Output as for {@code plan}.
 */
@Command(
    name = "hierarchy",
    description = {
      "Why each asset is where it is in the liquidation sequence of the optimal plan.",
      "Exit codes: 0 success, 2 invalid input, 3 infeasible, 1 anything else."
    },
    sortOptions = false)
final class HierarchyCommand implements Callable<Integer> {

  @Mixin private ProblemInput input;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output (- for standard output).")
  private String out = "-";

  @Option(names = "--format", paramLabel = "FORMAT", converter = PlanCommand.FormatConverter.class,
      description = "table (the default), json or csv.")
  private PlanCommand.Format format = PlanCommand.Format.TABLE;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Spec private CommandSpec spec;

  private final PrintStream stdout;
  private final PrintWriter stderr;
  private final InputStream stdin;

  HierarchyCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws IOException {
    Path target = "-".equals(out) ? null : Output.file(spec, out, "--out");
    ResolvedProblem problem = input.read(spec, stdin, stderr).resolve();
    Plan plan = InteriorPointSolver.DEFAULT.solve(problem).plan();
    List<HierarchyRow> rows = HierarchyReport.of(problem, plan);
    String rendered = switch (format) {
      case TABLE -> AnalysisReport.hierarchyTable(rows);
      case JSON -> AnalysisReport.hierarchyJson(rows);
      case CSV -> AnalysisReport.hierarchyCsv(rows);
    };
    Output.write(target, rendered.getBytes(StandardCharsets.UTF_8), stdout, "hierarchy");
    return DeleverageCommand.SUCCESS;
  }
}
