package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.io.AnalysisReport;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.analysis.HierarchyReport;
import org.deleverage.solvers.analysis.HierarchyRow;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code deleverage hierarchy}: the optimal plan's hierarchy report ({@link HierarchyReport}):
 * for each asset its marginal cost per unit of excess freed, days to liquidate at its cap, risk
 * share, margin rate and what binds it. Output as for {@code plan}.
 */
@Command(
    name = "hierarchy",
    description = {
      "Why each asset is where it is in the liquidation sequence of the optimal plan.",
      "Exit codes: 0 ok, 2 invalid input, 3 infeasible, 4 time limit, 5 numerical limit, 1 other."
    },
    sortOptions = false)
final class HierarchyCommand extends Subcommand implements Callable<Integer> {

  @Mixin private ProblemInput input;

  @Mixin private OutputOptions output;

  HierarchyCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    super(stdout, stderr, stdin);
  }

  @Override
  public Integer call() throws IOException {
    Path target = output.target(spec);
    ResolvedProblem problem = input.read(spec, stdin, notes()).resolve();
    Plan plan = Solvers.optimal().solve(problem).plan();
    List<HierarchyRow> rows = HierarchyReport.of(problem, plan);
    String rendered = switch (output.format()) {
      case TABLE -> AnalysisReport.hierarchyTable(rows);
      case JSON -> AnalysisReport.hierarchyJson(rows);
      case CSV -> AnalysisReport.hierarchyCsv(rows);
    };
    OutputOptions.write(target, rendered, stdout, "hierarchy");
    return DeleverageCommand.SUCCESS;
  }
}
