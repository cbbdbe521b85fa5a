package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.run;
import static org.deleverage.cli.CommandRun.runWithStdin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code plan} on a portfolio CSV with the rest of the problem as options. */
class PortfolioCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The sample's account, horizon, requirement and objective as options. */
  private static final String[] OPTIONS = {"--cash", "-505000000", "--periods", "5",
      "--deadline", "3", "--schedule", "1:0.5", "--risk-aversion", "5e-12"};

  /**
   * The bundled portfolio.csv with the sample's options and the sample JSON without its
   * correlation (a CSV portfolio has none) give the same plan, figure for figure.
   */
  @Test
  void csvAndJsonGiveIdenticalPlans() throws IOException {
    JsonNode sample;
    try (InputStream in = DeleverageCommand.class.getResourceAsStream(PlanCommand.SAMPLE)) {
      sample = MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    ((ObjectNode) sample).remove("correlation");

    CommandRun.Result fromJson =
        runWithStdin(MAPPER.writeValueAsString(sample), "plan", "-", "--format", "json");
    CommandRun.Result fromCsv = run(concat("plan", "portfolio.csv", "--format", "json"));

    assertThat(fromCsv.code()).as(fromCsv.err()).isZero();
    assertThat(withoutTime(fromCsv.out())).isEqualTo(withoutTime(fromJson.out()));
  }

  @Test
  void optionsAndErrors() {
    CommandRun.Result noCash = run("plan", "portfolio.csv");
    assertThat(noCash.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(noCash.err()).contains("a portfolio CSV needs --cash");
    CommandRun.Result withJson = run("plan", "--cash", "5");
    assertThat(withJson.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(withJson.err()).contains("--cash applies to a portfolio CSV only");
    CommandRun.Result badSchedule =
        run("plan", "portfolio.csv", "--cash", "0", "--schedule", "1-0.5");
    assertThat(badSchedule.err()).isEqualTo("deleverage: --schedule: must be PERIOD:FRACTION"
        + " pairs separated by commas, was \"1-0.5\"\n");
    CommandRun.Result badPeriods = run("plan", "portfolio.csv", "--cash", "0", "--periods", "0");
    assertThat(badPeriods.err()).startsWith("deleverage: --periods: must be >= 1");
    CommandRun.Result fromStdin = runWithStdin("id,quantity,price,adv\nA,100,10,1000\n",
        "plan", "-", "--csv", "--cash", "-600", "--format", "csv");
    assertThat(fromStdin.code()).as(fromStdin.err()).isZero();
    assertThat(fromStdin.out()).startsWith("period,asset,side");
  }

  private static String[] concat(String... first) {
    String[] all = new String[first.length + OPTIONS.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(OPTIONS, 0, all, first.length, OPTIONS.length);
    return all;
  }

  private static JsonNode withoutTime(String plan) throws IOException {
    ObjectNode json = (ObjectNode) MAPPER.readTree(plan);
    json.remove("solveMillis");
    return json;
  }
}
