package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.execute;
import static org.deleverage.cli.CommandRun.run;
import static org.deleverage.cli.CommandRun.runWithStdin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.io.PriceHistoryCsv;
import org.deleverage.io.ProblemJson;
import org.deleverage.models.risk.CorrelationRepair;
import org.deleverage.models.risk.NearestCorrelation;
import org.deleverage.models.risk.SampleCovariance;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeleverageCommandTest {

  /** A single long of 100 units at 10 with margin rate 1: selling all frees at most 1,000. */
  private static final String INFEASIBLE =
      """
      { "account": { "cash": 0 },
        "assets": [ { "id": "A", "quantity": 100, "price": 10, "adv": 1000 } ],
        "requirement": { "shortfall": 1e9 } }
      """;

  private static final String BAD_PRICE =
      """
      { "account": { "cash": 0 },
        "assets": [ { "id": "A", "quantity": 100, "price": 10, "adv": 1000 },
                    { "id": "B", "quantity": 100, "price": 10, "adv": 1000 },
                    { "id": "C", "quantity": 100, "price": 10, "adv": 1000 },
                    { "id": "D", "quantity": 100, "price": -5.0, "adv": 1000 } ] }
      """;

  /** Three longs of 1,000 at 100 with margin rate 0.5 and cash -200,000: a shortfall of 50,000. */
  private static final String THREE =
      """
      { "account": { "cash": -200000 },
        "assets": [
          { "id": "A", "quantity": 1000, "price": 100, "volatility": 0.01, "adv": 1e6,
            "marginRate": 0.5, "impact": { "temporary": { "model": "linear", "eta": 1e-4 } } },
          { "id": "B", "quantity": 1000, "price": 100, "volatility": 0.01, "adv": 1e6,
            "marginRate": 0.5, "impact": { "temporary": { "model": "linear", "eta": 1e-4 } } },
          { "id": "C", "quantity": 1000, "price": 100, "volatility": 0.01, "adv": 1e6,
            "marginRate": 0.5, "impact": { "temporary": { "model": "linear", "eta": 1e-4 } } } ],
        "horizon": { "periods": 2 },
        "objective": { "riskAversion": 1e-4 } }
      """;

  /**
   * A history of A, B and C whose pairwise correlation is not semidefinite. Returns (1% moves):
   * A and B move identically on days 1-3 (correlation 1); A and C oppositely on days 4-5 (-1: B
   * has no price on day 4, so no return on days 4 and 5); B and C together on days 6-7 (+1: A
   * has no price on day 6; C none on days 1-2). [[1, 1, -1], [1, 1, 1], [-1, 1, 1]] has
   * determinant 1 - 2 - 3 = -4 < 0.
   */
  private static final String CONTRADICTORY_HISTORY =
      """
      date,A,B,C
      d0,100,100,50
      d1,101,101,
      d2,99.99,99.99,
      d3,100.9899,100.9899,50
      d4,101.9998,,49.5
      d5,100.9798,102,49.995
      d6,,103.02,50.49495
      d7,100,101.9898,49.98999
      """;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void withoutAProblemItPlansTheBundledSampleAsATable() {
    CommandRun.Result result = run("plan");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .startsWith("DELEVERAGING PLAN")
        .containsPattern("Solver +" + Solvers.DEFAULT_NAME + "\n")
        .containsPattern("Shortfall +69,650,000\\.00")
        .contains("AGAINST THE GREEDY BASELINE", "LIQUIDATION SEQUENCE", "DELEVERAGING HIERARCHY");
    assertThat(result.err())
        .isEqualTo(
            "deleverage: no PROBLEM given; planning the bundled sample problem"
                + " sample-margin-call.json\n");
  }

  @Test
  void writesThePlanFileAsJson() throws IOException {
    CommandRun.Result result = run("plan", "--format", "json");

    JsonNode plan = MAPPER.readTree(result.out());
    assertThat(result.code()).isZero();
    assertThat(plan.get("solver").asText()).isEqualTo(Solvers.DEFAULT_NAME);
    assertThat(plan.get("status").asText()).isEqualTo("optimal");
    assertThat(plan.get("shortfall").asDouble()).isCloseTo(69_650_000.0, within(1e-6));
    assertThat(plan.get("trades").size()).isPositive();
  }

  @Test
  void writesTheTradesAsCsvAndTakesTheFormatInAnyCase() {
    CommandRun.Result result = run("plan", "--format", "CSV", "--solver", "pro-rata");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .startsWith(
            "period,asset,side,quantity,expectedPrice,spread,fee,temporaryImpact,"
                + "permanentImpact,notional,");
  }

  @Test
  void readsTheProblemFromStandardInput() {
    String problem = ProblemJson.write(Samples.marginCall());

    CommandRun.Result result = runWithStdin(problem, "plan", "-", "--format", "csv");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo(run("plan", "--format", "csv").out());
    assertThat(result.err()).isEmpty();
  }

  /**
   * The bundled sample shows the point of optimising: the optimal plan costs visibly less than
   * the greedy margin-call rule's, and the report says by how much.
   */
  @Test
  void theSamplesOptimalPlanIsVisiblyCheaperThanGreedy() {
    ResolvedProblem sample = Samples.marginCall().resolve();
    Plan optimal = Solvers.named("optimal").orElseThrow().solve(sample).plan();
    Plan greedy = Solvers.named("greedy").orElseThrow().solve(sample).plan();

    assertThat(optimal.objective().total()).isLessThan(0.9 * greedy.objective().total());
    assertThat(optimal.expectedLoss()).isLessThan(0.9 * greedy.expectedLoss());
    assertThat(run("plan").out())
        .containsPattern("The optimal plan costs [0-9,.]+ less in expected loss than the greedy"
            + " rule \\([0-9.]+%\\)");
  }

  @Test
  void readsTheProblemFromAFile() throws IOException {
    Path problem =
        Files.writeString(dir.resolve("p.json"), ProblemJson.write(Samples.marginCall()));

    CommandRun.Result fromFile = run("plan", problem.toString(), "--format", "csv");
    CommandRun.Result bundled = run("plan", "--format", "csv");

    assertThat(fromFile.code()).isZero();
    assertThat(fromFile.out()).isEqualTo(bundled.out());
    assertThat(fromFile.err()).isEmpty();
  }

  @Test
  void writesTheOutFileOnSuccessAndNothingToStandardOutput() throws IOException {
    Path target = dir.resolve("plan.json");
    Files.writeString(target, "an older plan");

    CommandRun.Result result = run("plan", "--format", "json", "--out", target.toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEmpty();
    // The same plan as on standard output, but for the time the solver took.
    assertThat(withoutTime(Files.readString(target)))
        .isEqualTo(withoutTime(run("plan", "--format", "json").out()));
    assertThat(filesIn(dir)).containsExactly("plan.json");
  }

  @Test
  void outDashMeansStandardOutput() {
    CommandRun.Result result = run("plan", "--format", "csv", "--out", "-");

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("period,asset,side");
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void invalidInputIsExitCodeTwoWithItsPath() throws IOException {
    Path problem = Files.writeString(dir.resolve("bad.json"), BAD_PRICE);

    CommandRun.Result result = runWithOut("plan", problem.toString());

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("deleverage: assets[3].price: must be > 0, was -5.0\n");
    assertNothingWritten(result, "bad.json");
  }

  @Test
  void invalidInputOnStandardInputIsExitCodeTwo() {
    CommandRun.Result result =
        runWithStdin("{\"account\": {\"cash\": 0}, \"assets\": [", "plan", "-");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).startsWith("deleverage: malformed JSON at line 1, column ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void anUnreadableProblemFileIsExitCodeTwo() {
    CommandRun.Result result = runWithOut("plan", dir.resolve("missing.json").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("deleverage: cannot read PROBLEM '" + dir.resolve("missing.json"))
        .contains("no such file");
    assertNothingWritten(result);
  }

  @Test
  void anInfeasibleShortfallIsExitCodeThreeAndStatesTheLargestCoverable() throws IOException {
    Path problem = Files.writeString(dir.resolve("call.json"), INFEASIBLE);

    CommandRun.Result result = runWithOut("plan", problem.toString(), "--format", "json");

    // Selling all 100 units frees the whole requirement 1 * 100 * 10 = 1,000.
    assertThat(result.code()).isEqualTo(DeleverageCommand.INFEASIBLE);
    assertThat(result.err())
        .startsWith("deleverage: infeasible: the shortfall 1000000000.00 is above the largest")
        .contains("largest coverable shortfall 1000.00")
        .endsWith("\n")
        .hasLineCount(1);
    assertNothingWritten(result, "call.json");
  }

  /**
   * A short with gamma = eta breaks the concavity of the excess (MODEL.md section 4: with m = 0.5
   * and k = 1 it needs 2 eta / tau >= 3 gamma): exit code 2 naming the asset and the condition,
   * nothing written; with --local the optimiser solves it and says the plan is local.
   */
  @Test
  void aNonConvexInstanceIsInvalidInputUnlessLocalIsAsked() throws IOException {
    Path problem = Files.writeString(dir.resolve("bent.json"), """
        {"account": {"cash": 0},
         "assets": [{"id": "BENT", "quantity": -10000, "price": 10, "adv": 1e9,
                     "marginRate": 0.5,
                     "impact": {"temporary": {"model": "linear", "eta": 1e-6},
                                "permanent": {"gamma": 1e-6}}}],
         "requirement": {"shortfall": 1000},
         "objective": {"costWeight": 0}}
        """);

    CommandRun.Result rejected = runWithOut("plan", problem.toString(), "--format", "json");
    CommandRun.Result local = run("plan", problem.toString(), "--format", "json", "--local");

    assertThat(rejected.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(rejected.err())
        .startsWith("deleverage: assets[0]: not convex")
        .contains("BENT", "gamma (1 + (1 + 2 m) k)", "local solve")
        .hasLineCount(1);
    assertNothingWritten(rejected, "bent.json");
    assertThat(local.code()).isZero();
    assertThat(MAPPER.readTree(local.out()).get("status").asText()).isEqualTo("local");
  }

  /**
   * The bundled market-impact sample (power-law equities, order-book crypto, linear shorts) solves
   * to a certified optimum from the command line, with its own correlation and with the
   * covariance estimated from the bundled price history.
   */
  @Test
  void theMarketImpactSampleSolvesToACertifiedOptimum() throws IOException {
    Path sample = Path.of("market-impact.json");

    Path history = Path.of("src/main/resources/org/deleverage/cli/sample-history.csv");

    CommandRun.Result result = run("plan", sample.toString(), "--format", "json");
    CommandRun.Result estimated =
        run("plan", sample.toString(), "--history", history.toString(), "--format", "json");

    assertThat(result.code()).isZero();
    assertThat(MAPPER.readTree(result.out()).get("status").asText()).isEqualTo("optimal");
    assertThat(estimated.code()).isZero();
    assertThat(MAPPER.readTree(estimated.out()).get("status").asText()).isEqualTo("optimal");
    assertThat(estimated.out()).isNotEqualTo(result.out());
  }

  /**
   * The transient-impact example (two equities on Obizhaeva-Wang books, a linear short) solves
   * to a certified optimum from the command line, and the written plan reads the same figures:
   * each sale of the slowly refilling SLOW after the first fills below the mark by more than its
   * own half-book walk kappa n / 2 (plus spread and fee), the displacement of the earlier sales.
   */
  @Test
  void theTransientImpactExampleSolvesToACertifiedOptimum() throws IOException {
    CommandRun.Result result = run("plan", "transient-impact.json", "--format", "json");

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode plan = MAPPER.readTree(result.out());
    assertThat(plan.get("status").asText()).isEqualTo("optimal");
    int checked = 0;
    for (JsonNode trade : plan.get("trades")) {
      if (!trade.get("asset").asText().equals("SLOW") || trade.get("period").asInt() == 1
          || trade.get("quantity").asDouble() < 1) {
        continue;
      }
      double units = trade.get("quantity").asDouble();
      double ownWalk = 5e-7 * units / 2 + 50 * (0.0001 + 0.00003);
      assertThat(50 - trade.get("expectedPrice").asDouble()).isGreaterThan(ownWalk);
      checked++;
    }
    assertThat(checked).isPositive();
  }

  @Test
  void aSolverFailureIsANumericalLimitExitCodeFive() {
    CommandRun.Result result = runWithOut(failingSolvers(), "plan", "--solver", "broken");

    assertThat(result.code()).isEqualTo(DeleverageCommand.NUMERICAL_LIMIT);
    assertThat(result.err())
        .endsWith("deleverage: numerical limit: broken: no plan passed the evaluator\n");
    assertNothingWritten(result);
  }

  @Test
  void anUnexpectedErrorIsExitCodeOneOnOneLine() {
    CommandRun.Result result = runWithOut(failingSolvers(), "plan", "--solver", "buggy");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err())
        .endsWith("deleverage: unexpected error: java.lang.IllegalStateException: a bug\n");
    assertNothingWritten(result);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--bogus", "--format=xml", "--solver=nope", "--out"})
  void aBadOptionIsExitCodeTwo(String option) {
    CommandRun.Result result = runWithOut("plan", option);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).startsWith("deleverage: ").hasLineCount(1);
    assertNothingWritten(result);
  }

  @Test
  void anUnknownSolverNamesTheKnownOnes() {
    CommandRun.Result result = run("plan", "--solver", "nope");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "deleverage: Invalid value for option '--solver': unknown solver 'nope'; the solvers"
                + " are " + String.join(", ", Solvers.names())
                + " (see 'deleverage plan --help')\n");
  }

  @Test
  void anUnknownFormatNamesTheKnownOnes() {
    CommandRun.Result result = run("plan", "--format", "xml");

    assertThat(result.err())
        .isEqualTo(
            "deleverage: Invalid value for option '--format': expected table, json or csv,"
                + " was 'xml' (see 'deleverage plan --help')\n");
  }

  @Test
  void anOutFileInAMissingDirectoryIsExitCodeTwoBeforeAnyWork() {
    Path target = dir.resolve("no-such-dir").resolve("plan.json");

    CommandRun.Result result = run("plan", "--out", target.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("does not exist").hasLineCount(1);
    assertThat(result.out()).isEmpty();
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void anOutFileThatIsADirectoryIsExitCodeTwo() {
    CommandRun.Result result = run("plan", "--out", dir.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("is a directory");
  }

  @Test
  void withoutACommandItIsExitCodeTwo() {
    CommandRun.Result result = run();

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("deleverage: Missing required subcommand (see 'deleverage --help')\n");
  }

  @Test
  void helpGoesToStandardOutputWithExitCodeZero() {
    CommandRun.Result top = run("--help");
    CommandRun.Result plan = run("plan", "--help");

    assertThat(top.code()).isZero();
    assertThat(top.out()).contains("Usage: deleverage", "plan");
    assertThat(plan.code()).isZero();
    assertThat(plan.out())
        .contains("Usage: deleverage plan", "--out=FILE", "--format=FORMAT", "--solver=NAME",
            "--history=FILE")
        .contains(Solvers.names().get(0));
    assertThat(plan.err()).isEmpty();
  }

  /**
   * The bundled sample with the bundled history: the estimated covariance replaces the sample's
   * correlation (so the risk terms change), it needs no repair, and the plan is optimal.
   */
  @Test
  void theBundledSampleWithTheBundledHistoryIsOptimal() throws IOException {
    Path history = bundledHistory();

    CommandRun.Result withHistory =
        run("plan", "--history", history.toString(), "--format", "json");
    CommandRun.Result without = run("plan", "--format", "json");

    assertThat(withHistory.code()).isZero();
    assertThat(withHistory.err())
        .isEqualTo(
            "deleverage: no PROBLEM given; planning the bundled sample problem"
                + " sample-margin-call.json\n");
    JsonNode plan = MAPPER.readTree(withHistory.out());
    assertThat(plan.get("status").asText()).isEqualTo("optimal");
    assertThat(plan.get("shortfall").asDouble()).isCloseTo(69_650_000.0, within(1e-6));
    assertThat(plan.get("objective").get("timingVariance").asDouble())
        .isNotCloseTo(
            MAPPER.readTree(without.out()).get("objective").get("timingVariance").asDouble(),
            org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void aHistoryThatNeedsARepairIsUsedRepairedAndSaysByHowMuch() throws IOException {
    Path problem = Files.writeString(dir.resolve("three.json"), THREE);
    Path history = Files.writeString(dir.resolve("history.csv"), CONTRADICTORY_HISTORY);
    CorrelationRepair expected =
        NearestCorrelation.DEFAULT.repair(
            SampleCovariance.ofPrices(
                    PriceHistoryCsv.read(history).prices(List.of("A", "B", "C")))
                .correlation());

    CommandRun.Result result =
        run("plan", problem.toString(), "--history", history.toString(), "--format", "json");

    assertThat(expected.repaired()).isTrue();
    assertThat(result.code()).isZero();
    assertThat(result.err())
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "deleverage: the correlation estimated from %s was not positive semidefinite"
                    + " (smallest eigenvalue %.3g); using the nearest correlation matrix, at"
                    + " Frobenius distance %.3g%n",
                history,
                expected.smallestEigenvalueBefore(),
                expected.distance()))
        .contains("smallest eigenvalue -");
    assertThat(MAPPER.readTree(result.out()).get("status").asText()).isEqualTo("optimal");
  }

  @Test
  void aBadHistoryIsExitCodeTwoNamingRowAndColumnAndNothingIsWritten() throws IOException {
    Path problem = Files.writeString(dir.resolve("three.json"), THREE);
    Path history =
        Files.writeString(
            dir.resolve("history.csv"), CONTRADICTORY_HISTORY.replace("d3,100.9899,100.9899",
                "d3,100.9899,abc"));

    CommandRun.Result result =
        runWithOut("plan", problem.toString(), "--history", history.toString());

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err())
        .isEqualTo("deleverage: " + history + " row 5, column B: not a number: \"abc\"\n");
    assertNothingWritten(result, "three.json", "history.csv");
  }

  @Test
  void aHistoryWithoutAnAssetOfTheProblemIsExitCodeTwoNamingIt() throws IOException {
    Path problem = Files.writeString(dir.resolve("three.json"), THREE);
    Path history =
        Files.writeString(
            dir.resolve("history.csv"), CONTRADICTORY_HISTORY.replace("date,A,B,C", "date,A,B,D"));

    CommandRun.Result result =
        runWithOut("plan", problem.toString(), "--history", history.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("deleverage: " + history
            + " row 1: no price column for the asset C of the problem\n");
    assertNothingWritten(result, "three.json", "history.csv");
  }

  @Test
  void anUnreadableHistoryIsExitCodeTwo() {
    Path missing = dir.resolve("missing.csv");

    CommandRun.Result result = runWithOut("plan", "--history", missing.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("deleverage: cannot read --history '" + missing + "': no such file")
        .hasLineCount(1);
    assertNothingWritten(result);
  }

  /** The bundled history, copied beside the test's files. */
  private Path bundledHistory() throws IOException {
    try (InputStream in = getClass().getResourceAsStream(SampleHistoryGenerator.RESOURCE)) {
      Path copy = dir.resolve("sample-history.csv");
      Files.copy(in, copy);
      return copy;
    }
  }

  /** A failing solver and one with a bug, besides the catalog's. */
  private static PlanCommand.SolverChoice failingSolvers() {
    DeleveragingSolver broken =
        new NamedSolver("broken") {
          @Override
          public SolveResult solve(ResolvedProblem problem) {
            return new SolveResult.Failed("broken", "no plan passed the evaluator", 3, 0.5);
          }
        };
    DeleveragingSolver buggy =
        new NamedSolver("buggy") {
          @Override
          public SolveResult solve(ResolvedProblem problem) {
            throw new IllegalStateException("a bug");
          }
        };
    return new PlanCommand.SolverChoice(
        name ->
            name.equals("broken")
                ? Optional.of(broken)
                : name.equals("buggy") ? Optional.of(buggy) : Solvers.named(name),
        List.of("broken", "buggy"));
  }

  private abstract static class NamedSolver implements DeleveragingSolver {
    private final String name;

    NamedSolver(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }
  }

  /** Runs with {@code --out dir/plan.out} appended. */
  private CommandRun.Result runWithOut(String... args) {
    return runWithOut(PlanCommand.SolverChoice.catalog(), args);
  }

  private CommandRun.Result runWithOut(PlanCommand.SolverChoice solvers, String... args) {
    String[] withOut = Stream.concat(Stream.of(args), Stream.of("--out", outFile().toString()))
        .toArray(String[]::new);
    return execute("", solvers, withOut);
  }

  private Path outFile() {
    return dir.resolve("plan.out");
  }

  private void assertNothingWritten(CommandRun.Result result, String... inputs) {
    assertThat(result.out()).as("standard output").isEmpty();
    assertThat(filesIn(dir)).as("files beside --out").containsExactlyInAnyOrder(inputs);
  }

  private static JsonNode withoutTime(String plan) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(plan);
    json.remove("solveMillis");
    return json;
  }

  private static List<String> filesIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }
}
