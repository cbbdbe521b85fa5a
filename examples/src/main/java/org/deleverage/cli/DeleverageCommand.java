package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.deleverage.InfeasibleShortfallException;
import org.deleverage.InvalidInputException;
import org.deleverage.SolverFailedException;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.solvers.Solvers;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * The {@code deleverage} command line of FORMAT.md. Its subcommand {@code plan} reads a problem
 * file, solves it and prints or writes the plan; {@code adl} ranks opposing positions for
 * auto-deleveraging and closes a bankrupt position ({@link AdlCommand}):
 *
 * <pre>
 *   deleverage plan [PROBLEM] [--out FILE] [--format table|json|csv] [--solver NAME]
 *                   [--history FILE] [--local]
 *   deleverage adl [INPUT] [--out FILE] [--format table|json|csv] [--rule RULE]
 *   deleverage exchange [INPUT] [--out FILE] [--format table|json|csv] [--chart FILE.png]
 *                       [--venue VENUE]
 * </pre>
 *
 * Exit codes: {@value #SUCCESS} success; {@value #INVALID_INPUT} invalid input (a problem that
 * breaks a rule, an unreadable file, a bad option or option value); {@value #INFEASIBLE} the
 * shortfall cannot be covered (the message states the largest coverable shortfall); {@value
 * #TIME_LIMIT} the run reached its {@code --time-limit}; {@value #NUMERICAL_LIMIT} the solver
 * reached a numerical limit of double precision; {@value #FAILED} anything else (an output that
 * cannot be written, a bug). An error is one line on standard error,
 * {@code deleverage: <what went wrong>}, or one such line per error when a reader reports several
 * errors of one file (at most {@value org.deleverage.InvalidInputException#SHOWN}, then {@code
 * deleverage: and N more errors}); on any error standard output carries no plan and nothing is
 * written to {@code --out}. An input too large or too deeply nested for the memory or the stack
 * while it is read and validated is invalid input, one line naming INPUT; running out of memory
 * while computing is exit {@value #FAILED}, one line, no stack trace.
 *
 * <p>This package is the only place of the library that prints or exits, and only {@link
 * #main(String[])} exits: {@link #run(String[], PrintStream, PrintStream, InputStream)} runs the
 * command in-process against the given streams and returns the exit code.
 */
@Command(
    name = "deleverage",
    description = "Plans how to liquidate positions to cover a margin or cash shortfall.",
    synopsisSubcommandLabel = "COMMAND",
    versionProvider = DeleverageCommand.Version.class,
    footer = {
      "",
      "Files, commands, options and exit codes: solvers/files/FORMAT.md in the source",
      "repository (https://github.com/deleverage/deleverage); what every number means:",
      "core/MODEL.md there.",
      "Exit codes: 0 success, 2 invalid input, 3 infeasible, 4 time limit reached,",
      "5 numerical limit of the solver, 1 anything else."
    })
public final class DeleverageCommand {

  /** Exit code of success. */
  public static final int SUCCESS = 0;

  /** Exit code of anything else: a solver failure, an output that cannot be written, a bug. */
  public static final int FAILED = 1;

  /** Exit code of invalid input: the problem, a file that cannot be read, or an option. */
  public static final int INVALID_INPUT = 2;

  /** Exit code of a shortfall above the largest coverable shortfall. */
  public static final int INFEASIBLE = 3;

  /**
   * Exit code of a run stopped by its time limit ({@code --time-limit}, default 300 s): nothing
   * is written, and the message says what the command was doing.
   */
  public static final int TIME_LIMIT = 4;

  /**
   * Exit code of a numerical limit: the solver could not produce a plan it can certify at double
   * precision ({@link SolverFailedException}: a stalled or singular Newton system, or a plan
   * certified only above the tolerance). The input was valid; no plan is given.
   */
  public static final int NUMERICAL_LIMIT = 5;

  /** The exit code of an error raised while the command runs. */
  private static final IExitCodeExceptionMapper EXIT_CODES =
      error -> {
        if (error instanceof InvalidInputException) {
          return INVALID_INPUT;
        }
        if (error instanceof InfeasibleShortfallException) {
          return INFEASIBLE;
        }
        if (error instanceof SolverFailedException) {
          return NUMERICAL_LIMIT;
        }
        return FAILED;
      };

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print the version of this build and exit.")
  private boolean version;

  private DeleverageCommand() {}

  /**
   * The build's version, {@code project.version} of the Maven build written into the resource
   * {@code version.properties} beside this class when the jar is built (a fixed string, so the
   * build stays reproducible).
   */
  static final class Version implements IVersionProvider {

    /** The resource that holds the version, beside this class. */
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() throws IOException {
      return new String[] {"deleverage " + version()};
    }

    /** The version of this build, such as {@code 0.1.0-SNAPSHOT}. */
    static String version() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = DeleverageCommand.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IOException("the resource " + RESOURCE + " is missing from the build");
        }
        properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
      String version = properties.getProperty("version");
      if (version == null || version.isBlank() || version.startsWith("${")) {
        throw new IOException("the resource " + RESOURCE + " holds no version");
      }
      return version;
    }
  }

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments, without the program name
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.in));
  }

  /**
   * Runs the command line in-process.
   *
   * @param args the arguments, without the program name
   * @param out standard output: the plan, or help when asked for
   * @param err standard error: one line per error
   * @param in standard input, read when the problem is {@code -}
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
    return run(args, out, err, in, PlanCommand.SolverChoice.catalog());
  }

  /** Runs the command line in-process with the given solvers. */
  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      InputStream in,
      PlanCommand.SolverChoice solvers) {
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
    CommandLine cli =
        new CommandLine(new DeleverageCommand())
            .addSubcommand(new PlanCommand(out, errWriter, in))
            .addSubcommand(new CurveCommand(out, errWriter, in))
            .addSubcommand(new FrontierCommand(out, errWriter, in))
            .addSubcommand(new HierarchyCommand(out, errWriter, in))
            .addSubcommand(new StressCommand(out, errWriter, in))
            .addSubcommand(new CascadeCommand(out, errWriter, in))
            .addSubcommand(new AdlCommand(out, errWriter, in))
            .addSubcommand(new ExchangeCommand(out, errWriter, in))
            .registerConverter(DeleveragingSolver.class, solvers)
            .setOut(outWriter)
            .setErr(errWriter)
            .setParameterExceptionHandler(parameterErrors())
            .setExitCodeExceptionMapper(EXIT_CODES)
            .setExecutionExceptionHandler(executionErrors())
            .setExecutionStrategy(parsed -> timed(parsed, errWriter));
    // Progress is on by default only when this run's standard error is the process's and a
    // terminal, whatever standard output is (FORMAT.md, "Progress and notes").
    boolean terminal = err == System.err && Terminal.stderrIsTerminal();
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommand() instanceof Subcommand command) {
        command.stderrIsTerminal = terminal;
      }
    }
    try {
      return cli.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * Runs the chosen subcommand on a thread of its own and waits for it at most its {@code
   * --time-limit}; a run that reaches the limit is interrupted, nothing is written, and one line
   * says what it was doing.
   */
  private static int timed(CommandLine.ParseResult parsed, PrintWriter err) {
    CommandLine.ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    Object command = last.commandSpec().userObject();
    if (!(command instanceof Subcommand subcommand)) {
      return new CommandLine.RunLast().execute(parsed);
    }
    long limit = subcommand.timeLimitMillis();
    FutureTask<Integer> task = new FutureTask<>(() -> new CommandLine.RunLast().execute(parsed));
    Thread worker =
        new Thread(null, task, "deleverage-" + last.commandSpec().name(), WORKER_STACK_BYTES);
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(limit, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      String step = subcommand.step;
      worker.interrupt();
      err.println(Messages.escape("deleverage: --time-limit: stopped after "
          + seconds(limit) + " s while " + step + "; nothing was written"));
      return TIME_LIMIT;
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
      err.println("deleverage: interrupted while " + subcommand.step + "; nothing was written");
      return FAILED;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof OutOfMemoryError || cause instanceof StackOverflowError) {
        return outOfResources(cause, subcommand.step, err);
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The stack of the thread a command runs on: deep enough for the deepest input read. */
  private static final long WORKER_STACK_BYTES = 16L << 20;

  /**
   * One line for a run that ran out of memory or stack: while the input was read and validated
   * it is too large (or too deep) for this JVM, invalid input naming INPUT; while computing, a
   * failure of the run ({@value #FAILED}). Either way no stack trace.
   */
  static int outOfResources(Throwable error, String step, PrintWriter err) {
    boolean memory = error instanceof OutOfMemoryError;
    String resource = memory
        ? "ran out of memory (the JVM's heap is at most "
            + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; -Xmx sets it)"
        : "ran out of stack (nested too deeply)";
    if (step.startsWith("reading")) {
      err.println("deleverage: INPUT: too " + (memory ? "large" : "deeply nested")
          + " to read and validate: " + resource);
      return INVALID_INPUT;
    }
    err.println(Messages.escape("deleverage: " + resource + " while " + step
        + "; nothing was written"));
    return FAILED;
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
  }

  /** A bad argument or option: one line naming it, and where help is; exit code 2. */
  private static IParameterExceptionHandler parameterErrors() {
    return (ParameterException e, String[] args) -> {
      CommandLine command = e.getCommandLine();
      command
          .getErr()
          .println(
              Messages.escape("deleverage: " + e.getMessage() + " (see '"
                  + command.getCommandSpec().qualifiedName() + " --help')"));
      return command.getCommandSpec().exitCodeOnInvalidInput();
    };
  }


  /**
   * An error raised while the command runs: one line (one per error of an invalid input that
   * lists several), and the mapped exit code.
   */
  private static IExecutionExceptionHandler executionErrors() {
    return (error, command, parseResult) -> {
      if (error instanceof InvalidInputException invalid) {
        List<InvalidInputException.Violation> all = invalid.violations();
        int shown = Math.min(all.size(), InvalidInputException.SHOWN);
        for (InvalidInputException.Violation violation : all.subList(0, shown)) {
          command.getErr().println(Messages.escape("deleverage: " + violation));
        }
        if (all.size() > shown) {
          int more = all.size() - shown;
          command.getErr().println(
              "deleverage: and " + more + " more error" + (more == 1 ? "" : "s"));
        }
      } else {
        command.getErr().println(Messages.escape("deleverage: " + describe(error)));
      }
      return EXIT_CODES.getExitCode(error);
    };
  }

  private static String describe(Exception error) {
    if (error instanceof SolverFailedException) {
      return "numerical limit: " + error.getMessage();
    }
    if (error instanceof InvalidInputException
        || error instanceof InfeasibleShortfallException
        || error instanceof UncheckedIOException) {
      return error.getMessage();
    }
    if (error instanceof IOException) {
      return Output.reason((IOException) error);
    }
    String message = error.getMessage();
    return "unexpected error: " + error.getClass().getName()
        + (message == null ? "" : ": " + message);
  }
}
