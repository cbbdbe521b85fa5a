package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deleverage.chart.SystemicChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cascade command with the literature's rules, the liquidity-spiral example and the
 * systemic measures (examples/liquidity-spiral.json and examples/cascade-rules.json).
 */
class CascadeRulesCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /**
   * The liquidity spiral: two funds short of margin after a 3% fall. With margins fixed at their
   * rates ({@code --static-margin}) one round of sales settles the cascade with no default; with
   * the file's margin rule (elasticity 2, RiskMetrics' moving average) the rounds' price moves
   * raise the volatilities, the margin rates follow, new shortfalls force new sales, and the
   * cascade does not settle: it runs until both funds are in default and have nothing left to
   * sell, with a much larger loss.
   */
  @Test
  void theStaticMarginCascadeSettlesAndTheVolatilityDrivenOneDoesNot() throws IOException {
    CommandRun.Result fixed = run("cascade", "liquidity-spiral.json", "--static-margin",
        "--format", "json");
    CommandRun.Result driven = run("cascade", "liquidity-spiral.json", "--format", "json");

    assertThat(fixed.code()).isZero();
    assertThat(driven.code()).isZero();
    JsonNode calm = MAPPER.readTree(fixed.out());
    JsonNode spiral = MAPPER.readTree(driven.out());
    assertThat(calm.get("settled").asBoolean()).isTrue();
    assertThat(calm.get("defaults")).isEmpty();
    assertThat(calm.get("settings").has("marginRule")).isFalse();
    assertThat(spiral.get("settled").asBoolean()).isFalse();
    assertThat(spiral.get("ending").asText()).isNotEqualTo("settled");
    assertThat(spiral.get("defaults")).hasSize(2);
    assertThat(spiral.get("rounds").size()).isGreaterThan(calm.get("rounds").size());
    assertThat(spiral.get("totalLoss").asDouble())
        .isGreaterThan(2 * calm.get("totalLoss").asDouble());
    // The margin rates rise with the spiral: HY's rate in the last round is above its first.
    JsonNode rounds = spiral.get("rounds");
    double first = rounds.get(0).get("marginRates").get("HY").asDouble();
    double last = rounds.get(rounds.size() - 1).get("marginRates").get("HY").asDouble();
    assertThat(last).isGreaterThan(first);

    String table = run("cascade", "liquidity-spiral.json").out();
    assertThat(table).contains("margins          volatility-driven")
        .contains("margin rate").contains("Systemic measures");
    assertThat(run("cascade", "liquidity-spiral.json", "--static-margin").out())
        .contains("settled: no account must sell")
        .contains("margins          fixed at their rates after the shock");
  }

  @Test
  void theRulesExampleRunsEachRuleAndTheSystemicChartIsDrawn() throws IOException {
    Path bars = dir.resolve("systemic.png");
    CommandRun.Result result = run("cascade", "cascade-rules.json", "--systemic-chart",
        bars.toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("pro rata at leverage").contains("optimal")
        .contains("floor (Cont-Schaanning, floor 50.0000% of the price before the shock)")
        .contains("at the round's midpoint price")
        .contains("aggregate vulnerability AV");
    BufferedImage image = ImageIO.read(bars.toFile());
    assertThat(image.getWidth()).isEqualTo(SystemicChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(SystemicChart.HEIGHT);
  }

  @Test
  void aBadRuleIsExitCodeTwoAndNoChartIsWritten() throws IOException {
    Path bars = dir.resolve("s.png");
    String text = Files.readString(Path.of("cascade-rules.json"))
        .replace("\"threshold\": 3.5", "\"threshold\": 2.5");
    CommandRun.Result result = CommandRun.runWithStdin(text, "cascade", "-",
        "--systemic-chart", bars.toString());

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).isEqualTo(
        "deleverage: accounts[2].rule.target: must be <= threshold (2.5), was 3.0\n");
    assertThat(Files.exists(bars)).isFalse();
  }
}
