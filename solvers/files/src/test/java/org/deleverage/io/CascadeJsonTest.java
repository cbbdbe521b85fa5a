package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.solvers.stress.Cascade;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRule;
import org.deleverage.solvers.stress.CascadeSettings;
import org.deleverage.solvers.stress.DepthFunction;
import org.junit.jupiter.api.Test;

/** The cascade file's rules and settings: reading, writing them back, and bad input. */
class CascadeJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String PROBLEM = "{ \"account\": { \"cash\": -180000 }, \"assets\": ["
      + "{ \"id\": \"A\", \"quantity\": 1000, \"price\": 100, \"volatility\": 0.02,"
      + " \"adv\": 1e9, \"marginRate\": 0.1 },"
      + "{ \"id\": \"B\", \"quantity\": 2000, \"price\": 50, \"volatility\": 0.01,"
      + " \"adv\": 1e9, \"marginRate\": 0.1 } ] }";

  private static final String FULL = "{ \"rounds\": 3, \"shock\": { \"name\": \"s\","
      + " \"priceShocks\": { \"A\": -0.1 } }, \"depth\": { \"A\": 1e5, \"B\": 1e5 },"
      + " \"depthFunction\": { \"model\": \"floor\", \"floor\": 0.5, \"floors\": { \"B\": 0.3 } },"
      + " \"executionPrice\": \"midpoint\","
      + " \"default\": { \"rule\": \"leverage\", \"maxLeverage\": 25 },"
      + " \"marginRule\": { \"elasticity\": 2, \"cap\": 0.5 },"
      + " \"volatility\": { \"model\": \"ewma\", \"lambda\": 0.9 },"
      + " \"accounts\": ["
      + " { \"name\": \"t\", \"problem\": " + PROBLEM + " },"
      + " { \"name\": \"g\", \"rule\": { \"name\": \"leverage-targeting\" }, \"problem\": "
      + PROBLEM + " },"
      + " { \"name\": \"g12\", \"rule\": { \"name\": \"leverage-targeting\", \"target\": 12 },"
      + " \"problem\": " + PROBLEM + " },"
      + " { \"name\": \"cs\", \"rule\": { \"name\": \"cont-schaanning\", \"threshold\": 20,"
      + " \"target\": 15 }, \"problem\": " + PROBLEM + " } ] }";

  @Test
  void readsEveryRuleAndSetting() throws IOException {
    StressJson.CascadeInput input = read(FULL);

    assertThat(input.accounts()).extracting(a -> a.rule()).containsExactly(
        CascadeRule.THRESHOLD, new CascadeRule.LeverageTargeting(OptionalDouble.empty()),
        new CascadeRule.LeverageTargeting(OptionalDouble.of(12)),
        new CascadeRule.ContSchaanning(20, 15));
    CascadeSettings settings = input.settings();
    assertThat(settings.depthFunction())
        .isEqualTo(new DepthFunction.PriceFloor(0.5, Map.of("B", 0.3)));
    assertThat(settings.executionPrice()).isEqualTo(CascadeSettings.ExecutionPrice.MIDPOINT);
    assertThat(settings.defaultRule()).isEqualTo(CascadeSettings.DefaultRule.leverage(25));
    assertThat(settings.marginRule()).contains(new VolatilityMarginRule(2, 0.5));
    assertThat(settings.ewmaLambda()).isEqualTo(0.9);
  }

  @Test
  void aFileWithoutTheNewFieldsIsTodaysCascade() throws IOException {
    String plain = "{ \"shock\": { \"name\": \"s\", \"priceShock\": -0.1 }, \"accounts\": ["
        + " { \"name\": \"t\", \"problem\": " + PROBLEM + " } ] }";
    StressJson.CascadeInput input = read(plain);
    assertThat(input.settings()).isEqualTo(CascadeSettings.DEFAULT);
    assertThat(input.accounts().get(0).rule()).isEqualTo(CascadeRule.THRESHOLD);
    // A marginRule without volatility uses RiskMetrics' lambda and a cap of 1 when left out.
    String margin = plain.replace("\"accounts\"",
        "\"marginRule\": { \"elasticity\": 1 }, \"accounts\"");
    assertThat(read(margin).settings().marginRule()).contains(VolatilityMarginRule.proportional());
    assertThat(read(margin).settings().ewmaLambda()).isEqualTo(0.94);
  }

  /**
   * The result's {@code settings} block is in the file's syntax: put back into the input file in
   * place of the given settings, it reads as the same settings.
   */
  @Test
  void theWrittenSettingsReadBackAsTheSame() throws IOException {
    StressJson.CascadeInput input = read(FULL);
    CascadeResult result = Cascade.run(input.accounts(), input.shock(), input.depth(),
        input.rounds(), input.settings(), org.deleverage.core.solve.BatchSolver.of(1), r -> { });
    JsonNode written = MAPPER.readTree(StressJson.writeCascade(result));
    assertThat(written.get("systemic").get("accounts").size()).isEqualTo(4);

    ObjectNode file = (ObjectNode) MAPPER.readTree(FULL);
    for (String field : new String[] {"depthFunction", "executionPrice", "default",
        "marginRule", "volatility"}) {
      file.set(field, written.get("settings").get(field));
    }
    assertThat(read(MAPPER.writeValueAsString(file)).settings()).isEqualTo(input.settings());
    assertThat(written.get("rounds").get(0).has("marginRates")).isTrue();
  }

  @Test
  void badRulesAndSettingsNameTheFieldAndTheRule() {
    assertError(FULL.replace("\"name\": \"cont-schaanning\"", "\"name\": \"glt\""),
        "accounts[3].rule.name: must be threshold, leverage-targeting or cont-schaanning,"
            + " was \"glt\"");
    assertError(FULL.replace("\"threshold\": 20,", ""),
        "accounts[3].rule.threshold: is required");
    assertError(FULL.replace("\"threshold\": 20,", "\"threshold\": 10,"),
        "accounts[3].rule.target: must be <= threshold (10.0), was 15.0");
    assertError(FULL.replace("{ \"name\": \"leverage-targeting\" }",
            "{ \"name\": \"threshold\", \"target\": 3 }"),
        "accounts[1].rule.target: is not used by threshold");
    assertError(FULL.replace("\"floor\": 0.5,", "\"floor\": 1.5,"),
        "depthFunction.floor: must be in [0, 1), was 1.5");
    assertError(FULL.replace("\"model\": \"floor\", \"floor\": 0.5,",
            "\"model\": \"linear\", \"floor\": 0.5,"),
        "depthFunction.floor: is not used by linear");
    assertError(FULL.replace("\"midpoint\"", "\"vwap\""),
        "executionPrice: must be end or midpoint, was \"vwap\"");
    assertError(FULL.replace("\"rule\": \"leverage\", \"maxLeverage\": 25",
            "\"rule\": \"leverage\""),
        "default.maxLeverage: is required");
    assertError(FULL.replace("\"cap\": 0.5", "\"cap\": 2"),
        "marginRule.cap: must be <= 1, was 2.0");
    assertError(FULL.replace("\"lambda\": 0.9", "\"lambda\": 1.5"),
        "volatility.lambda: must be in (0, 1), was 1.5");
    assertError(FULL.replace("\"model\": \"ewma\"", "\"model\": \"garch\""),
        "volatility.model: must be ewma, was \"garch\"");
    assertError(FULL.replace("\"marginRule\": { \"elasticity\": 2, \"cap\": 0.5 },", ""),
        "volatility: is used only with a marginRule; give one, or leave volatility out");
    assertThatThrownBy(() -> read(FULL.replace("\"default\":", "\"defualt\":")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("defualt").hasMessageContaining("did you mean \"default\"");
  }

  private static void assertError(String file, String message) {
    assertThatThrownBy(() -> read(file)).isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  private static StressJson.CascadeInput read(String text) throws IOException {
    return StressJson.readCascade(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
