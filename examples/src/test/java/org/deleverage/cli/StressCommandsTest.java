package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.run;
import static org.deleverage.cli.CommandRun.runWithStdin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.deleverage.chart.CascadeChart;
import org.deleverage.io.StressJson;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.stress.Cascade;
import org.deleverage.solvers.stress.CascadeAccount;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StressCommandsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /** The files in examples/ are the bundled resources, so the README's commands match. */
  @Test
  void theExampleFilesAreTheBundledOnes() throws IOException {
    assertThat(Files.readString(Path.of("stress.json"))).isEqualTo(resource(StressCommand.SAMPLE));
    assertThat(Files.readString(Path.of("cascade.json")))
        .isEqualTo(resource(CascadeCommand.SAMPLE));
  }

  /**
   * The bundled stress test: three funds under three scenarios; under the severe sell-off (-20%,
   * correlations halfway to 1, margin rates + 0.1) funds a and b cannot cover.
   */
  @Test
  void theBundledStressTestReportsWhoCannotCover() throws IOException {
    CommandRun.Result result = run("stress", "--format", "json");

    assertThat(result.code()).isZero();
    JsonNode json = MAPPER.readTree(result.out());
    assertThat(json.get("outcomes")).hasSize(9);
    assertThat(MAPPER.convertValue(json.get("cannotCover").get("severe sell-off"), List.class))
        .containsExactly("fund-a", "fund-b");
    assertThat(json.get("cannotCover").get("mild sell-off")).isEmpty();
    CommandRun.Result table = run("stress", "stress.json");
    assertThat(table.out()).contains("Cannot cover:", "severe sell-off: fund-a");
    assertThat(run("stress", "--format", "csv").out()).startsWith(
        "scenario,account,equity,shortfall,status,maxCoverableShortfall,expectedLoss,objective,"
            + "message,marginRequirement\n");
  }

  /**
   * The liquidity example (examples/liquidity-stress.json): two funds holding LIQ (linear
   * impact), MID (a power law) and BOOK (an order book), 5, 4.5 and 2.4 million for fund-a at
   * margin rates 0.25, 0.3 and 0.4, under six scenarios. The liquidity stresses (spread
   * widening, depth collapse, a small-cap dry-up through the second factor) leave fund-a's
   * margin at 0.25 x 5M + 0.3 x 4.5M + 0.4 x 2.4M = 3.56M and its shortfall at 660,000, and
   * each raises its expected loss above the base's. Volatility x 2 under the rule m0 max(1, k)
   * doubles every rate (0.5, 0.6, 0.8): 7.12M. The liquidity crisis leaves fund-b short by more
   * than its thinned book lets it cover; it is the one account that cannot cover.
   */
  @Test
  void theLiquidityExampleShowsWhatEachStressChanges() throws IOException {
    CommandRun.Result result = run("stress", "liquidity-stress.json", "--format", "json");

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode json = MAPPER.readTree(result.out());
    double base = outcome(json, "base", "fund-a").get("expectedLoss").asDouble();
    for (String liquidity : List.of("spread widening", "depth collapse", "small-cap dry-up")) {
      JsonNode stressed = outcome(json, liquidity, "fund-a");
      assertThat(stressed.get("marginRequirement").asDouble()).isEqualTo(3_560_000.0);
      assertThat(stressed.get("shortfall").asDouble()).isEqualTo(660_000.0);
      assertThat(stressed.get("expectedLoss").asDouble()).as(liquidity).isGreaterThan(base);
    }
    assertThat(outcome(json, "volatility margin", "fund-a").get("marginRequirement").asDouble())
        .isCloseTo(7_120_000.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(MAPPER.convertValue(json.get("cannotCover").get("liquidity crisis"), List.class))
        .containsExactly("fund-b");
    for (String name : List.of("base", "spread widening", "depth collapse", "small-cap dry-up",
        "volatility margin")) {
      assertThat(json.get("cannotCover").get(name)).as(name).isEmpty();
    }
    String table = run("stress", "liquidity-stress.json").out();
    assertThat(table)
        .contains("margin", "liquidity crisis: fund-b (the largest coverable shortfall is");
    // The README shows this table as it is.
    assertThat(Files.readString(Path.of("../README.md"))).contains(table);
  }

  private static JsonNode outcome(JsonNode json, String scenario, String account) {
    for (JsonNode outcome : json.get("outcomes")) {
      if (outcome.get("scenario").asText().equals(scenario)
          && outcome.get("account").asText().equals(account)) {
        return outcome;
      }
    }
    throw new AssertionError("no outcome for " + scenario + " / " + account);
  }

  /**
   * The worked example of issue 6: the bundled cascade (three funds holding a liquid and an
   * illiquid asset, a 10% fall) run with every fund optimising and again with every fund
   * selling pro rata. Pro rata sells the illiquid asset as much as the liquid one, its price
   * falls further, and the mark-downs spread: the total loss over the shock's loss is higher.
   */
  @Test
  void optimisedDeleveragingAmplifiesLessThanProRata() throws IOException {
    StressJson.CascadeInput input;
    try (InputStream in = Files.newInputStream(Path.of("cascade.json"))) {
      input = StressJson.readCascade(in);
    }
    List<CascadeAccount> proRata =
        input.accounts().stream()
            .map(a -> new CascadeAccount(a.name(), a.problem(),
                Solvers.named("pro-rata").orElseThrow()))
            .toList();

    CascadeResult optimal =
        Cascade.run(input.accounts(), input.shock(), input.depth(), input.rounds());
    CascadeResult baseline = Cascade.run(proRata, input.shock(), input.depth(), input.rounds());

    assertThat(optimal.shockLoss()).isEqualTo(baseline.shockLoss());
    assertThat(optimal.amplification()).isLessThan(baseline.amplification());
    assertThat(optimal.settled()).isTrue();
    assertThat(optimal.amplification()).isGreaterThan(1.0);
    // Why pro rata runs longer (README): fund-b cannot cover in round 1 and has nothing left to
    // sell after it, so it stays short; fund-a and fund-c are short again each round by a
    // shrinking amount (their own sales' price moves), until their shortfalls are dust (at most
    // Cascade.DUST of their size) and the only short account sells nothing: the cascade stops
    // there on dust, well before the limit of 20 rounds, with fund-b still short.
    assertThat(baseline.ending()).isEqualTo(CascadeResult.Ending.DUST);
    assertThat(baseline.settled()).isFalse();
    assertThat(baseline.rounds().size()).isLessThan(input.rounds());
    CascadeRound last = baseline.rounds().get(baseline.rounds().size() - 1);
    assertThat(last.deleveraged()).containsOnlyKeys("fund-b");
    assertThat(last.deleveraged().get("fund-b")).isEqualTo("nothing to sell");
    assertThat(last.sales().values()).allMatch(units -> units == 0.0);
    for (int r = 1; r < baseline.rounds().size(); r++) {
      assertThat(baseline.rounds().get(r).deleveraged().get("fund-b"))
          .isEqualTo("nothing to sell");
    }
  }

  @Test
  void theCascadeCommandWritesItsReportAndAChart() throws IOException {
    Path chart = dir.resolve("cascade.png");
    Path report = dir.resolve("cascade.json");

    CommandRun.Result result = run("cascade", "--format", "json", "--out", report.toString(),
        "--chart", chart.toString());

    assertThat(result.code()).isZero();
    JsonNode json = MAPPER.readTree(Files.readString(report));
    assertThat(json.get("settled").asBoolean()).isTrue();
    assertThat(json.get("rounds").size()).isGreaterThanOrEqualTo(1);
    BufferedImage image = ImageIO.read(chart.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(CascadeChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(CascadeChart.HEIGHT);
    assertThat(run("cascade", "--format", "csv", "--rounds", "1").out())
        .startsWith("round,asset,sold,price,priceMove,lossToDate\n");
  }

  @Test
  void invalidInputIsExitCodeTwoAndNothingIsWritten() throws IOException {
    Path chart = dir.resolve("c.png");
    String input = resource(CascadeCommand.SAMPLE).replace("\"priceShock\": -0.1",
        "\"priceShock\": -1.5");

    CommandRun.Result result = runWithStdin(input, "cascade", "-", "--chart", chart.toString());

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err())
        .isEqualTo("deleverage: shock.priceShock: must be > -1 (a return), was -1.5\n");
    assertThat(Files.exists(chart)).isFalse();
    String badSolver = resource(CascadeCommand.SAMPLE).replaceFirst("\"optimal\"", "\"magic\"");
    assertThat(runWithStdin(badSolver, "cascade", "-").err())
        .startsWith("deleverage: accounts[0].solver: must name a solver (");
    String badAsset = resource(StressCommand.SAMPLE).replace("\"ILL\": -0.3", "\"XYZ\": -0.3");
    assertThat(runWithStdin(badAsset, "stress", "-").err())
        .isEqualTo("deleverage: scenarios[2].priceShocks.XYZ: names no asset of the problem"
            + " (account fund-a)\n");
    assertThat(run("cascade", "--rounds", "0").code())
        .isEqualTo(DeleverageCommand.INVALID_INPUT);
  }

  /**
   * {@code --threads} changes how many accounts are solved at once, never the report: the
   * bundled stress test and cascade (with a baseline solver too) print the same bytes in every
   * format on one thread, on three, and by default on every core; 0 threads is invalid input and
   * writes nothing.
   */
  @Test
  void theReportsDoNotDependOnTheThreads() throws IOException {
    for (String format : List.of("table", "json", "csv")) {
      for (List<String> command : List.of(List.of("stress"),
          List.of("stress", "--solver", "pro-rata"), List.of("cascade"))) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--format", format));
        CommandRun.Result byDefault = run(args.toArray(String[]::new));
        assertThat(byDefault.code()).isZero();
        for (String threads : List.of("1", "3")) {
          List<String> withThreads = new ArrayList<>(args);
          withThreads.addAll(List.of("--threads", threads));
          assertThat(run(withThreads.toArray(String[]::new)).out()).isEqualTo(byDefault.out());
        }
      }
    }
    Path report = dir.resolve("stress.json");
    CommandRun.Result zero = run("stress", "--threads", "0", "--out", report.toString());
    assertThat(zero.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(zero.err()).startsWith("deleverage: --threads must be >= 1, was 0");
    assertThat(Files.exists(report)).isFalse();
    assertThat(run("cascade", "--threads", "-1").code())
        .isEqualTo(DeleverageCommand.INVALID_INPUT);
  }

  /**
   * An account the optimiser rejects as not convex no longer stops the stress test: its rows are
   * {@code failed}, with the reason under "Cannot cover", and the other accounts are reported.
   */
  @Test
  void anAccountThatCannotBeSolvedIsAFailedRow() throws IOException {
    // fund-a's LIQ (its first asset): gamma 2e-06 -> 1.0, far above eta / tau = 4e-06.
    String input =
        resource(StressCommand.SAMPLE).replaceFirst("\"gamma\": 2e-06", "\"gamma\": 1.0");
    assertThat(input).isNotEqualTo(resource(StressCommand.SAMPLE));

    CommandRun.Result result = runWithStdin(input, "stress", "-", "--format", "json");

    assertThat(result.code()).isZero();
    JsonNode outcomes = MAPPER.readTree(result.out()).get("outcomes");
    assertThat(outcomes).hasSize(9);
    int failed = 0;
    for (JsonNode outcome : outcomes) {
      if (outcome.get("account").asText().equals("fund-a")) {
        assertThat(outcome.get("status").asText()).isEqualTo("failed");
        failed++;
      } else {
        assertThat(outcome.get("status").asText()).isNotEqualTo("failed");
      }
    }
    assertThat(failed).isEqualTo(3);
    assertThat(runWithStdin(input, "stress", "-").out())
        .contains("fund-a (invalid input: assets[0]: not convex");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DeleverageCommand.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
