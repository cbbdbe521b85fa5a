package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.io.StressJson;
import org.deleverage.io.StressReport;
import org.deleverage.solvers.SolverCatalog;
import org.deleverage.solvers.stress.StressOutcome;
import org.deleverage.solvers.stress.StressTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deleverage stress}: runs a set of scenarios ({@link StressJson}) over accounts and
 * reports, for each, the shortfall, whether it can be covered, the plan's cost and the largest
 * coverable shortfall ({@link StressTest}). The solver is {@code --solver}, else the file's,
 * else the optimiser. Output as for {@code plan}.
 */
@Command(
    name = "stress",
    description = {
      "Runs stress scenarios over accounts: shortfall, plan cost, largest coverable shortfall.",
      "Exit codes: 0 success, 2 invalid input, 1 anything else."
    },
    sortOptions = false)
final class StressCommand implements Callable<Integer> {

  /** The example used when no input is given, a resource beside this class. */
  static final String SAMPLE = "sample-stress.json";

  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
      description = {"The stress-test input (JSON); - reads standard input.",
          "Without it, the bundled example is run."})
  private String input;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output (- for standard output).")
  private String out = "-";

  @Option(names = "--format", paramLabel = "FORMAT", converter = PlanCommand.FormatConverter.class,
      description = "table (the default), json or csv.")
  private PlanCommand.Format format = PlanCommand.Format.TABLE;

  @Option(names = "--solver", paramLabel = "NAME",
      description = "The solver of every account: ${COMPLETION-CANDIDATES}; default the file's,"
          + " else " + SolverCatalog.DEFAULT_NAME + ".",
      completionCandidates = PlanCommand.SolverNames.class)
  private DeleveragingSolver solver;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Spec private CommandSpec spec;

  private final PrintStream stdout;
  private final PrintWriter stderr;
  private final InputStream stdin;

  StressCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws IOException {
    Path target = "-".equals(out) ? null : Output.file(spec, out, "--out");
    StressJson.StressInput read =
        Input.read(spec, input, SAMPLE, StressCommand.class, stdin, stderr,
            StressJson::readStress);
    DeleveragingSolver chosen = solver != null
        ? solver
        : SolverCatalog.named(read.solver().orElse(SolverCatalog.DEFAULT_NAME)).orElseThrow();
    List<StressOutcome> outcomes = StressTest.run(read.scenarios(), read.accounts(), chosen);
    String rendered = switch (format) {
      case TABLE -> StressReport.stressTable(outcomes);
      case JSON -> StressJson.writeStress(outcomes);
      case CSV -> StressReport.stressCsv(outcomes);
    };
    Output.write(target, rendered.getBytes(StandardCharsets.UTF_8), stdout, "stress report");
    return DeleverageCommand.SUCCESS;
  }
}
