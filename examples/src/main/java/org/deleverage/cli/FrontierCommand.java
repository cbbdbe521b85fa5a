package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deleverage.chart.FrontierChart;
import org.deleverage.core.plan.Plan;
import org.deleverage.solvers.analysis.FrontierPoint;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.io.AnalysisReport;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.analysis.EfficientFrontier;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deleverage frontier}: the efficient frontier of a problem ({@link EfficientFrontier}):
 * expected loss against timing risk over a sweep of the risk aversion, with the Almgren-Chriss
 * "sell everything now" and "sell evenly" strategies; {@code --chart FILE.png} draws it ({@link
 * FrontierChart}). Progress goes to standard error as {@link Subcommand}
 * says. Output as for {@code
 * plan}.
 */
@Command(
    name = "frontier",
    description = {
      "The efficient frontier: expected loss against timing risk.",
      "The optimum as the risk aversion grows, with the sell-everything-now and sell-evenly",
      "strategies.",
      "Exit codes: 0 ok, 2 invalid input, 3 infeasible, 4 time limit, 5 numerical limit, 1 other."
    },
    sortOptions = false)
final class FrontierCommand extends Subcommand implements Callable<Integer> {

  @Mixin private ProblemInput input;

  @Option(names = "--points", paramLabel = "N", description = "Points of the sweep (default 13).")
  private int points = 13;

  @Option(names = "--min-risk-aversion", paramLabel = "L",
      description = "The smallest risk aversion (default 0).")
  private double low = 0.0;

  @Option(names = "--max-risk-aversion", paramLabel = "L",
      description = {"The largest risk aversion (default 1e5 L0 / V0, the expected loss over the",
          "timing variance of the plan without risk aversion)."})
  private Double high;

  @Mixin private OutputOptions output;

  @Option(names = "--chart", paramLabel = "FILE.png",
      description = "Also draw the frontier as a PNG.")
  private String chart;

  FrontierCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    super(stdout, stderr, stdin);
  }

  @Override
  public Integer call() throws IOException {
    Path target = output.target(spec);
    Path picture = chart == null ? null : Output.file(spec, chart, "--chart");
    Progress progress = progress("frontier");
    DeleveragingProblem problem = input.read(spec, stdin, notes());
    EfficientFrontier.Result frontier =
        EfficientFrontier.of(problem, Solvers.optimal(), points, low,
            high != null ? high : EfficientFrontier.suggestedHigh(problem,
                Solvers.optimal()), done -> progress.step(done, points, "points"));
    String rendered = switch (output.format()) {
      case TABLE -> AnalysisReport.frontierTable(frontier);
      case JSON -> AnalysisReport.frontierJson(frontier);
      case CSV -> AnalysisReport.frontierCsv(frontier);
    };
    if (picture != null) {
      Plan own = Solvers.optimal().plan(problem);
      FrontierPoint current = new FrontierPoint(
          "this problem's plan (risk aversion " + problem.objective().riskAversion() + ")",
          problem.objective().riskAversion(), own.expectedLoss(),
          Math.sqrt(own.objective().timingVariance()), own.objective().total());
      Output.writeAtomically(picture, FrontierChart.png(frontier, current), "chart");
    }
    OutputOptions.write(target, rendered, stdout, "frontier");
    return DeleverageCommand.SUCCESS;
  }
}
