package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.io.StressJson;
import org.deleverage.io.StressReport;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.stress.StressOutcome;
import org.deleverage.solvers.stress.StressRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deleverage stress}: runs a set of scenarios ({@link StressJson}) over accounts and
 * reports, for each, the shortfall, whether it can be covered, the plan's cost and the largest
 * coverable shortfall ({@link StressRunner}). The solver is {@code --solver}, else the file's,
 * else the optimiser; {@code --threads} sets how many pairs are solved at once. Output as for
 * {@code plan}; progress (pairs solved) on standard error as {@link Subcommand} says.
 */
@Command(
    name = "stress",
    description = {
      "Runs stress scenarios over accounts: shortfall, plan cost, largest coverable shortfall.",
      "Exit codes: 0 ok, 2 invalid input, 3 infeasible, 4 time limit, 5 numerical limit, 1 other."
    },
    sortOptions = false)
final class StressCommand extends Subcommand implements Callable<Integer> {

  /** The example used when no input is given, a resource beside this class. */
  static final String SAMPLE = "sample-stress.json";

  @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
      description = {"The stress-test input (JSON); - reads standard input.",
          "Without it, the bundled example is run."})
  private String input;

  @Mixin private OutputOptions output;

  @Mixin private ThreadOptions threads;

  @Option(names = "--solver", paramLabel = "NAME",
      description = "The solver of every account: ${COMPLETION-CANDIDATES}; default the file's,"
          + " else " + Solvers.DEFAULT_NAME + ".",
      completionCandidates = PlanCommand.SolverNames.class)
  private DeleveragingSolver solver;

  StressCommand(PrintStream stdout, PrintWriter stderr, InputStream stdin) {
    super(stdout, stderr, stdin);
  }

  @Override
  public Integer call() throws IOException {
    Path target = output.target(spec);
    BatchSolver batch = threads.batch(spec);
    Progress progress = progress("stress");
    StressJson.StressInput read =
        Input.read(spec, input, SAMPLE, StressCommand.class, stdin, notes(),
            StressJson::readStress);
    DeleveragingSolver chosen = solver != null
        ? solver
        : Solvers.named(read.solver().orElse(Solvers.DEFAULT_NAME)).orElseThrow();
    int pairs = read.scenarios().size() * read.accounts().size();
    List<StressOutcome> outcomes =
        StressRunner.run(read.scenarios(), read.accounts(), chosen, batch,
            solved -> progress.step(solved, pairs, "scenario-account pairs solved"));
    String rendered = switch (output.format()) {
      case TABLE -> StressReport.stressTable(outcomes);
      case JSON -> StressJson.writeStress(outcomes);
      case CSV -> StressReport.stressCsv(outcomes);
    };
    OutputOptions.write(target, rendered, stdout, "stress report");
    return DeleverageCommand.SUCCESS;
  }
}
