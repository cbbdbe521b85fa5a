package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deleverage.chart.CurveChart;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.io.AnalysisReport;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.analysis.CostCurve;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deleverage curve}: the cost curve of a problem ({@link CostCurve}): the optimum from no
 * shortfall to the largest coverable one, with the shadow price and the breakpoints; {@code
 * --chart FILE.png} draws it ({@link CurveChart}). Progress goes to standard error as {@link
 * Subcommand} says. Output as for {@code plan}.
 */
@Command(
    name = "curve",
    description = {
      "The cost curve of covering the shortfall, from none to the largest coverable.",
      "Optimal objective, expected loss and shadow price on a grid, and the breakpoints where",
      "an asset enters or hits a limit.",
      "Exit codes: 0 ok, 2 invalid input, 3 infeasible, 4 time limit, 5 numerical limit, 1 other."
    },
    sortOptions = false)
final class CurveCommand extends Subcommand implements Callable<Integer> {

  @Mixin private ProblemInput input;

  @Option(names = "--points", paramLabel = "N", description = "Grid points, >= 2 (default 21).")
  private int points = 21;

  @Mixin private OutputOptions output;

  @Option(names = "--chart", paramLabel = "FILE.png", description = "Also draw the curve as a PNG.")
  private String chart;

  CurveCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    super(stdout, stderr, stdin);
  }

  @Override
  public Integer call() throws IOException {
    Path target = output.target(spec);
    Path picture = chart == null ? null : Output.file(spec, chart, "--chart");
    Progress progress = progress("curve");
    DeleveragingProblem problem = input.read(spec, stdin, notes());
    CostCurve.Result curve = CostCurve.of(problem, Solvers.optimal(), points,
        (solved, sweep) -> progress.note(solved + " solves (sweep " + sweep + " of at most "
            + (1 + CostCurve.BISECTIONS) + ")"));
    progress.finished(curve.solves() + " solves, done");
    String rendered = switch (output.format()) {
      case TABLE -> AnalysisReport.curveTable(curve, problem.resolve().shortfall());
      case JSON -> AnalysisReport.curveJson(curve,
          problem.assets().stream().map(a -> a.id()).toList());
      case CSV -> AnalysisReport.curveCsv(curve);
    };
    if (picture != null) {
      Output.writeAtomically(picture, CurveChart.png(curve, problem.resolve().shortfall()), "chart");
    }
    OutputOptions.write(target, rendered, stdout, "cost curve");
    return DeleverageCommand.SUCCESS;
  }
}
