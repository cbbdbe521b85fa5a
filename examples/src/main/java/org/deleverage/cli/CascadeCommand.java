package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deleverage.chart.CascadeChart;
import org.deleverage.chart.SystemicChart;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.io.StressJson;
import org.deleverage.io.StressReport;
import org.deleverage.solvers.stress.Cascade;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deleverage cascade}: runs a fire-sale cascade ({@link Cascade}) from a JSON input
 * ({@link StressJson}) and reports each round; {@code --chart FILE.png} also draws the price
 * path per asset and the loss per round ({@link CascadeChart}), {@code --systemic-chart
 * FILE.png} the accounts' systemicness and indirect vulnerability as bars ({@link
 * SystemicChart}); {@code --static-margin} runs the file without its volatility-driven margin
 * rule; {@code --threads} sets how many accounts of a round are solved at once. Output as for
 * {@code plan}; the chart is written, atomically, only when the report is, and neither is
 * written on error. Progress (rounds done) goes to standard error as {@link Subcommand} says.
 */
@Command(
    name = "cascade",
    description = {
      "Runs a fire-sale cascade: forced sales, price moves and new shortfalls, round by round.",
      "Exit codes: 0 ok, 2 invalid input, 3 infeasible, 4 time limit, 5 numerical limit, 1 other."
    },
    sortOptions = false)
final class CascadeCommand extends Subcommand implements Callable<Integer> {

  /** The example used when no input is given, a resource beside this class. */
  static final String SAMPLE = "sample-cascade.json";

  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
      description = {"The cascade input (JSON); - reads standard input.",
          "Without it, the bundled example is run."})
  private String input;

  @Mixin private OutputOptions output;

  @Mixin private ThreadOptions threads;

  @Option(names = "--chart", paramLabel = "FILE.png",
      description = "Also draw the price path per asset and the loss per round as a PNG.")
  private String chart;

  @Option(names = "--systemic-chart", paramLabel = "FILE.png",
      description = "Also draw the accounts' systemicness and indirect vulnerability as bars.")
  private String systemicChart;

  @Option(names = "--static-margin",
      description = {"Ignore the file's marginRule: margin rates stay as the shock left them",
          "(run with and without it to see the liquidity spiral)."})
  private boolean staticMargin;

  @Option(names = "--rounds", paramLabel = "N",
      description = "The round limit (overrides the file's; default " + StressJson.DEFAULT_ROUNDS
          + ").")
  private Integer rounds;

  CascadeCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    super(stdout, stderr, stdin);
  }

  @Override
  public Integer call() throws IOException {
    Path target = output.target(spec);
    Path picture = chart == null ? null : Output.file(spec, chart, "--chart");
    Path bars = systemicChart == null
        ? null : Output.file(spec, systemicChart, "--systemic-chart");
    if (rounds != null && rounds < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--rounds must be >= 1, was " + rounds);
    }
    BatchSolver batch = threads.batch(spec);
    Progress progress = progress("cascade");
    StressJson.CascadeInput read =
        Input.read(spec, input, SAMPLE, CascadeCommand.class, stdin, notes(),
            StressJson::readCascade);
    int limit = rounds != null ? rounds : read.rounds();
    CascadeSettings settings =
        staticMargin ? read.settings().withStaticMargins() : read.settings();
    CascadeResult result = Cascade.run(read.accounts(), read.shock(), read.depth(), limit,
        settings, batch,
        round -> progress.note("round " + round + " of at most " + limit + " done"));
    progress.finished(result.rounds().size() + " round" + (result.rounds().size() == 1 ? "" : "s")
        + ", ended: " + result.ending().label());
    String rendered = switch (output.format()) {
      case TABLE -> StressReport.cascadeTable(result);
      case JSON -> StressJson.writeCascade(result);
      case CSV -> StressReport.cascadeCsv(result);
    };
    byte[] png = picture == null ? null : CascadeChart.png(result);
    byte[] systemic = bars == null ? null : SystemicChart.png(result.systemic());
    if (picture != null) {
      Output.writeAtomically(picture, png, "chart");
    }
    if (bars != null) {
      Output.writeAtomically(bars, systemic, "systemic chart");
    }
    OutputOptions.write(target, rendered, stdout, "cascade report");
    return DeleverageCommand.SUCCESS;
  }
}
