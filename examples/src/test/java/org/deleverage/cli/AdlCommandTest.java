package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.run;
import static org.deleverage.cli.CommandRun.runWithStdin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdlCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /** The bundled example is BitMEX's: account 2 closed fully, 10 of account 5's 20. */
  @Test
  void theBundledExampleReproducesBitmexDocumentation() throws IOException {
    CommandRun.Result result = run("adl", "--format", "json");

    assertThat(result.code()).isZero();
    assertThat(result.err()).contains("running the bundled example sample-adl.json");
    JsonNode json = MAPPER.readTree(result.out());
    assertThat(json.get("rule").asText()).isEqualTo("bitmex");
    assertThat(json.get("queue").findValuesAsText("account"))
        .containsExactly("2", "5", "4", "1", "6", "3");
    JsonNode allocations = json.get("allocations");
    assertThat(allocations).hasSize(2);
    assertThat(allocations.get(0).get("account").asText()).isEqualTo("2");
    assertThat(allocations.get(0).get("closed").asDouble()).isEqualTo(10.0);
    assertThat(allocations.get(0).get("remaining").asDouble()).isZero();
    assertThat(allocations.get(1).get("account").asText()).isEqualTo("5");
    assertThat(allocations.get(1).get("remaining").asDouble()).isEqualTo(10.0);
  }

  /** The file in examples/ is the bundled resource, so the README's command shows the same. */
  @Test
  void theExampleFileIsTheBundledOne() throws IOException {
    Path file = Path.of("adl.json");
    String bundled;
    try (var in = AdlCommand.class.getResourceAsStream(AdlCommand.SAMPLE)) {
      bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(file)).isEqualTo(bundled);
    assertThat(run("adl", file.toString(), "--format", "csv").out())
        .isEqualTo(run("adl", "--format", "csv").out());
  }

  @Test
  void csvAndTableAndTheRuleOption() {
    CommandRun.Result csv = run("adl", "--format", "csv", "--rule", "hyperliquid");
    CommandRun.Result table = run("adl", "--rule", "BINANCE");

    assertThat(csv.code()).isZero();
    assertThat(csv.out()).startsWith(
        "rank,account,size,score,profitable,percentile,closed,price,realisedPnl,remaining\n");
    assertThat(csv.out().lines()).hasSize(7);
    assertThat(table.code()).isZero();
    assertThat(table.out()).contains("Auto-deleveraging (binance rule)", "realised PnL");
  }

  @Test
  void standardInputAndAnOutFile() throws IOException {
    String input =
        "{\"mark\": 104, \"insuranceFund\": 7, \"bankrupt\": {\"side\": \"LONG\", \"size\": 5,"
            + " \"bankruptcyPrice\": 100}, \"positions\": [{\"account\": \"a\", \"side\":"
            + " \"short\", \"size\": 5, \"entryPrice\": 110, \"margin\": 50}]}";
    Path target = dir.resolve("adl.json");

    CommandRun.Result result =
        runWithStdin(input, "adl", "-", "--format", "json", "--out", target.toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEmpty();
    JsonNode json = MAPPER.readTree(Files.readString(target));
    assertThat(json.get("marketClosed").asDouble()).isEqualTo(5.0);
    assertThat(json.get("fundAfter").asDouble()).isEqualTo(27.0);
    assertThat(json.get("allocations")).isEmpty();
  }

  /** {@code --out FILE} holds what standard output shows, and a JSON result reads back. */
  @Test
  void theOutFileHoldsWhatStandardOutputShows() throws IOException {
    Path csv = dir.resolve("adl.csv");
    Path json = dir.resolve("adl-result.json");

    CommandRun.Result toFile = run("adl", "--format", "csv", "--out", csv.toString());
    CommandRun.Result toJson = run("adl", "--format", "json", "--out", json.toString());

    assertThat(toFile.code()).isZero();
    assertThat(toFile.out()).isEmpty();
    assertThat(Files.readString(csv)).isEqualTo(run("adl", "--format", "csv").out());
    assertThat(toJson.code()).isZero();
    assertThat(org.deleverage.io.AdlJson.readResult(Files.readString(json)).adlClosed())
        .isEqualTo(20.0);
  }

  @Test
  void invalidInputIsExitCodeTwoWithItsPathAndNothingWritten() throws IOException {
    String input =
        "{\"mark\": 660, \"bankrupt\": {\"side\": \"short\", \"size\": 20, \"bankruptcyPrice\":"
            + " 650}, \"positions\": [{\"account\": \"a\", \"side\": \"long\", \"size\": 1,"
            + " \"entryPrice\": 0, \"margin\": 5}]}";
    Path target = dir.resolve("out.json");

    CommandRun.Result result = runWithStdin(input, "adl", "-", "--out", target.toString());

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err())
        .isEqualTo("deleverage: positions[0].entryPrice: must be > 0, was 0.0\n");
    assertThat(result.out()).isEmpty();
    assertThat(Files.exists(target)).isFalse();
    assertThat(runWithStdin("{\"mark\": 1, \"bankrupt\": {}, \"positions\": [], \"fund\": 1}",
        "adl", "-").err())
        .startsWith("deleverage: fund: unknown field");
    assertThat(run("adl", "--rule", "ftx").code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    CommandRun.Result topLevel = runWithStdin(
        input.replace("\"entryPrice\": 0", "\"entryPrice\": 600").replace("660", "-660"),
        "adl", "-");
    assertThat(topLevel.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(topLevel.err()).isEqualTo("deleverage: mark: must be > 0, was -660.0\n");
    assertThat(runWithStdin(input.replace("\"long\"", "\"sideways\""), "adl", "-").err())
        .isEqualTo("deleverage: positions[0].side: must be long or short, was \"sideways\"\n");
  }
}
