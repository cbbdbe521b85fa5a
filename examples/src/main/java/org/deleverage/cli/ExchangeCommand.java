package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deleverage.InvalidInputException;
import org.deleverage.chart.ExchangeChart;
import org.deleverage.io.ExchangeJson;
import org.deleverage.io.ExchangeReport;
import org.deleverage.solvers.exchange.ExchangeResult;
import org.deleverage.solvers.exchange.ExchangeSimulation;
import org.deleverage.solvers.exchange.VenuePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code deleverage exchange}: runs the exchange simulation ({@link ExchangeSimulation}) on a JSON
 * input ({@link ExchangeJson}) under a venue's policy ({@code --venue}, else the file's {@code
 * venue}, else binance) and reports each step; {@code --chart FILE.png} also draws the fund and
 * the liquidations ({@link ExchangeChart}). Output as for {@code plan}; the chart is written,
 * atomically, only when the report is, and neither is written on error.
 */
@Command(
    name = "exchange",
    description = {
      "Simulates an exchange over a path of marks: margin tiers, liquidations through the book,",
      "the insurance fund, then ADL or a socialised loss, under a venue's documented rules.",
      "Exit codes: 0 ok, 2 invalid input, 4 time limit, 1 other."
    },
    sortOptions = false)
final class ExchangeCommand extends Subcommand implements Callable<Integer> {

  /** The example used when no input is given, a resource beside this class. */
  static final String SAMPLE = "sample-exchange.json";

  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
      description = {"The exchange input (JSON); - reads standard input.",
          "Without it, the bundled cascade example is run."})
  private String input;

  @Mixin private OutputOptions output;

  @Option(names = "--venue", paramLabel = "VENUE", converter = VenueConverter.class,
      description = "binance, bybit, okx, hyperliquid or deribit; overrides the file's venue"
          + " (default binance).")
  private VenuePolicy venue;

  @Option(names = "--chart", paramLabel = "FILE.png",
      description = "Also draw the fund balance and the liquidations per step as a PNG.")
  private String chart;

  ExchangeCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    super(stdout, stderr, stdin);
  }

  @Override
  public Integer call() throws IOException {
    Path target = output.target(spec);
    Path picture = chart == null ? null : Output.file(spec, chart, "--chart");
    ExchangeJson.Input read = Input.read(spec, input, SAMPLE, ExchangeCommand.class, stdin,
        notes(), ExchangeJson::read);
    VenuePolicy chosen = venue != null ? venue : read.venue().orElse(VenuePolicy.BINANCE);
    Progress progress = progress("exchange");
    int steps = read.problem().path().size();
    ExchangeResult result = ExchangeSimulation.run(read.problem(), chosen,
        done -> progress.step(done, steps, "steps of the path"));
    String rendered = switch (output.format()) {
      case TABLE -> ExchangeReport.table(result);
      case JSON -> ExchangeJson.write(result);
      case CSV -> ExchangeReport.csv(result);
    };
    if (picture != null) {
      Output.writeAtomically(picture, ExchangeChart.png(result), "chart");
    }
    OutputOptions.write(target, rendered, stdout, "exchange report");
    return DeleverageCommand.SUCCESS;
  }

  /** {@code --venue}: a preset's name, in any case. */
  static final class VenueConverter implements ITypeConverter<VenuePolicy> {
    @Override
    public VenuePolicy convert(String value) {
      try {
        return VenuePolicy.of(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException(e.rule());
      }
    }
  }
}
