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
import org.deleverage.chart.CurveChart;
import org.deleverage.chart.FrontierChart;
import org.deleverage.chart.PlanChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis commands on the bundled sample, and the done-means of issue 5: the plan, the cost
 * curve and the frontier of the sample drawn as PNG files with one command each.
 */
class AnalysisCommandsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void eachChartIsAValidPngOfItsSize() throws IOException {
    Path plan = dir.resolve("plan.png");
    Path curve = dir.resolve("curve.png");
    Path frontier = dir.resolve("frontier.png");

    assertThat(run("plan", "--chart", plan.toString()).code()).isZero();
    assertThat(run("curve", "--points", "5", "--chart", curve.toString()).code()).isZero();
    assertThat(run("frontier", "--points", "4", "--chart", frontier.toString()).code()).isZero();

    assertSize(plan, PlanChart.WIDTH, PlanChart.HEIGHT);
    assertSize(curve, CurveChart.WIDTH, CurveChart.HEIGHT);
    assertSize(frontier, FrontierChart.WIDTH, FrontierChart.HEIGHT);
  }

  @Test
  void curveInEveryFormat() throws IOException {
    JsonNode json = MAPPER.readTree(run("curve", "--points", "3", "--format", "json").out());
    assertThat(json.get("points")).hasSize(3);
    assertThat(json.get("points").get(0).get("shortfall").asDouble()).isZero();
    assertThat(json.get("points").get(2).get("shortfall").asDouble())
        .isEqualTo(json.get("maxCoverableShortfall").asDouble());
    assertThat(json.get("points").get(1).get("states").has("BTC")).isTrue();
    assertThat(run("curve", "--points", "3", "--format", "csv").out())
        .startsWith("shortfall,objective,expectedLoss,shadowPrice,status,shadowPriceBp\n");
    assertThat(run("curve", "--points", "3").out()).contains("Cost curve", "Breakpoints:");
  }

  @Test
  void frontierAndHierarchyInEveryFormat() throws IOException {
    JsonNode frontier = MAPPER.readTree(
        run("frontier", "--points", "3", "--max-risk-aversion", "1e-8", "--format", "json").out());
    assertThat(frontier.get("points")).hasSize(3);
    assertThat(frontier.get("sellNow").get("strategy").asText()).isEqualTo("sell everything now");
    assertThat(run("frontier", "--points", "3", "--format", "csv").out())
        .startsWith("strategy,riskAversion,expectedLoss,timingRisk,objective\n");
    JsonNode hierarchy = MAPPER.readTree(run("hierarchy", "--format", "json").out());
    assertThat(hierarchy.get("hierarchy")).hasSize(10);
    assertThat(hierarchy.get("hierarchy").get(0).get("binding").asText()).isNotEmpty();
    assertThat(run("hierarchy", "--format", "csv").out()).startsWith("rank,asset,");
    assertThat(run("hierarchy").out()).contains("days at cap", "binding");
  }

  @Test
  void badOptionsAreExitCodeTwoAndNoChartIsWritten() {
    Path chart = dir.resolve("c.png");
    CommandRun.Result result = run("curve", "--points", "1", "--chart", chart.toString());
    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).contains("points: must be >= 2, was 1");
    assertThat(Files.exists(chart)).isFalse();
    assertThat(run("frontier", "--min-risk-aversion", "1", "--max-risk-aversion", "0.5").code())
        .isEqualTo(DeleverageCommand.INVALID_INPUT);
  }

  private static void assertSize(Path file, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as(file.toString()).isNotNull();
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }
}
