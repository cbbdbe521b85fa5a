package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /**
   * The bundled cascade: some step leaves the fund at 0 having started above it, ADL closes
   * contracts in that step, and the table says so.
   */
  @Test
  void theBundledExampleExhaustsTheFundAndTriggersAdl() throws IOException {
    CommandRun.Result result = run("exchange", "--format", "json");
    assertThat(result.code()).isZero();
    assertThat(result.err()).contains("running the bundled example sample-exchange.json");
    JsonNode json = MAPPER.readTree(result.out());
    boolean exhaustedWithAdl = false;
    for (JsonNode step : json.get("steps")) {
      assertThat(step.get("fundAfter").asDouble()).isGreaterThanOrEqualTo(0.0);
      if (step.get("fundBefore").asDouble() > 0 && step.get("fundAfter").asDouble() == 0
          && step.get("adlClosed").asDouble() > 0) {
        exhaustedWithAdl = true;
      }
    }
    assertThat(exhaustedWithAdl).isTrue();
    String table = run("exchange").out();
    assertThat(table).contains("(exhausted at step", "(ADL triggered)", "ADL fills");
  }

  /** The file in examples/ is the bundled resource; CSV has a row per step; the chart is a PNG. */
  @Test
  void theExampleFileCsvAndChart() throws IOException {
    Path chart = dir.resolve("fund.png");
    CommandRun.Result csv = run("exchange", Path.of("exchange.json").toString(), "--format",
        "csv", "--chart", chart.toString());
    assertThat(csv.code()).isZero();
    assertThat(csv.out().lines().toList()).hasSize(8);
    assertThat(csv.out()).startsWith("step,liquidations,partial,closed,badDebt,");
    assertThat(csv.out()).isEqualTo(run("exchange", "--format", "csv").out());
    byte[] png = Files.readAllBytes(chart);
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  /** An unknown venue is invalid input (exit 2), and so is a bad field, named by its path. */
  @Test
  void invalidInputNamesTheProblem() throws IOException {
    assertThat(run("exchange", "--venue", "ftx").code()).isEqualTo(2);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"contracts\": [], \"accounts\": [], \"path\": [{}],"
        + " \"insuranceFund\": -1}");
    CommandRun.Result result = run("exchange", bad.toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("insuranceFund");
  }
}
