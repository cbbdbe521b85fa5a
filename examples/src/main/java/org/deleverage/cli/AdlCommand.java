package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deleverage.InvalidInputException;
import org.deleverage.io.AdlJson;
import org.deleverage.io.AdlReport;
import org.deleverage.solvers.adl.AdlEngine;
import org.deleverage.solvers.adl.AdlResult;
import org.deleverage.solvers.adl.AdlRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code deleverage adl}: reads an auto-deleveraging input ({@link AdlJson}), ranks the opposing
 * positions by the chosen exchange rule and prints how the bankrupt position is closed: in the
 * market as far as the insurance fund pays, then against the ADL queue at the bankruptcy price
 * ({@link AdlEngine}). The rule is {@code --rule}, else the file's {@code rule}, else bitmex.
 * Output as for {@code plan}: rendered whole before anything is written, {@code --out} written
 * atomically, nothing written on error.
 */
@Command(
    name = "adl",
    description = {
      "Ranks opposing positions for auto-deleveraging and closes a bankrupt position.",
      "Exit codes: 0 ok, 2 invalid input, 3 infeasible, 4 time limit, 5 numerical limit, 1 other."
    },
    sortOptions = false)
final class AdlCommand extends Subcommand implements Callable<Integer> {

  /** The example used when no input is given, a resource beside this class. */
  static final String SAMPLE = "sample-adl.json";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "INPUT",
      description = {
        "The ADL input (JSON); - reads standard input.",
        "Without it, BitMEX's documented example is run."
      })
  private String input;

  @Mixin private OutputOptions output;

  @Option(
      names = "--rule",
      paramLabel = "RULE",
      converter = RuleConverter.class,
      description = "bitmex, binance or hyperliquid; overrides the file's rule (default bitmex).")
  private AdlRule rule;

  AdlCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    super(stdout, stderr, stdin);
  }

  @Override
  public Integer call() throws IOException {
    Path target = output.target(spec);
    AdlJson.Input read =
        Input.read(spec, input, SAMPLE, AdlCommand.class, stdin, notes(), AdlJson::read);
    AdlRule chosen = rule != null ? rule : read.rule().orElse(AdlRule.BITMEX);
    AdlResult result = AdlEngine.DEFAULT.run(read.problem(), chosen);
    String rendered =
        switch (output.format()) {
          case TABLE -> AdlReport.table(read.problem(), result);
          case JSON -> AdlJson.write(read.problem(), result);
          case CSV -> AdlReport.csv(result);
        };
    OutputOptions.write(target, rendered, stdout, "ADL result");
    return DeleverageCommand.SUCCESS;
  }

  /** {@code --rule}: bitmex, binance or hyperliquid, in any case. */
  static final class RuleConverter implements ITypeConverter<AdlRule> {
    @Override
    public AdlRule convert(String value) {
      try {
        return AdlRule.of(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException(e.rule());
      }
    }
  }
}
