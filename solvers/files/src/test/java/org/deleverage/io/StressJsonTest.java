package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deleverage.InvalidInputException;
import org.deleverage.models.ImpactStress;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.solvers.stress.LiquidityShock;
import org.deleverage.solvers.stress.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The liquidity-stress and margin-rule fields of a stress file: reading, writing, errors. */
class StressJsonTest {

  /** The bundled liquidity example, examples/liquidity-stress.json (tests run in examples/). */
  private static final Path EXAMPLE = Path.of("liquidity-stress.json");

  /**
   * Every new field is read as written: a shock of every asset, an asset's own (which replaces
   * it whole: its fields left out are 1, not the every-asset values), one per factor and the
   * margin rule with its cap left out (1).
   */
  @Test
  void readsTheLiquidityFieldsAndTheRule() throws IOException {
    StressJson.StressInput input = read(stress("""
        { "name": "crunch",
          "liquidityShock": { "halfSpreadMultiplier": 3, "advMultiplier": 0.5,
            "bookSizeMultiplier": 0.25, "bookLevels": 2, "bookMaxOffset": 0.01,
            "etaMultiplier": 2, "coefficientMultiplier": 1.5, "gammaMultiplier": 4 },
          "liquidityShocks": { "A": { "halfSpreadMultiplier": 10 } },
          "marginRule": { "elasticity": 1.5 } }"""));

    Scenario scenario = input.scenarios().get(0);
    assertThat(scenario.liquidityShock())
        .isEqualTo(new LiquidityShock(3, 0.5, 0.25, 2, 0.01, 2, 1.5, 4));
    assertThat(scenario.liquidityShocks())
        .containsExactly(Map.entry("A", LiquidityShock.NONE.withHalfSpreadMultiplier(10)));
    assertThat(scenario.factorLiquidityShocks()).isEmpty();
    assertThat(scenario.marginRule()).isEqualTo(new VolatilityMarginRule(1.5, 1));
    Scenario plain = read(stress("{ \"name\": \"plain\" }")).scenarios().get(0);
    assertThat(plain.liquidityShock()).isEqualTo(LiquidityShock.NONE);
    assertThat(plain.marginRule()).isEqualTo(VolatilityMarginRule.STATIC);
  }

  /**
   * Written and read back, an input is equal to the one written: the scenarios field by field
   * (a shock without cuts too, whose no-cut values have no JSON number and are left out), the
   * problems as the problem writer writes them, the solver.
   */
  @Test
  void aStressInputRoundTrips() throws IOException {
    StressJson.StressInput input = read(Files.readString(EXAMPLE));
    Scenario everything = Scenario.named("everything").withPriceShock(-0.1)
        .withPriceShock("LIQ", -0.2).withVolatilityMultiplier(1.5)
        .withVolatilityMultiplier("MID", 2).withCorrelationSpike(0.3)
        .withMarginRateIncrease(0.02).withMarginRateIncrease("BOOK", 0.05)
        .withFactorShocks(List.of(-0.01, -0.02))
        .withLiquidityShock(new LiquidityShock(2, 0.5, 0.5, 3, 0.008, 1.5, 1.25, 2))
        .withLiquidityShock("BOOK", LiquidityShock.NONE.withBookMaxOffset(0.006))
        .withLiquidityShock("MID", LiquidityShock.NONE.withAdvMultiplier(0.1))
        .withFactorLiquidityShocks(List.of(LiquidityShock.NONE,
            LiquidityShock.NONE.withHalfSpreadMultiplier(4).withGammaMultiplier(0.5)))
        .withMarginRule(new VolatilityMarginRule(2, 0.75));
    List<Scenario> scenarios = new java.util.ArrayList<>(input.scenarios());
    scenarios.add(everything);
    StressJson.StressInput whole =
        new StressJson.StressInput(scenarios, input.accounts(), input.solver());

    String written = StressJson.writeStressInput(whole);
    StressJson.StressInput back = read(written);

    assertThat(back.scenarios()).isEqualTo(whole.scenarios());
    assertThat(back.solver()).isEqualTo(whole.solver());
    assertThat(back.accounts().keySet()).containsExactlyElementsOf(whole.accounts().keySet());
    whole.accounts().forEach((name, problem) -> assertThat(ProblemJson.write(back.accounts()
        .get(name))).isEqualTo(ProblemJson.write(problem)));
    assertThat(StressJson.writeStressInput(back)).isEqualTo(written);
    assertThat(back.scenarios().get(back.scenarios().size() - 1).liquidityShocks().get("MID")
        .bookLevels()).isEqualTo(ImpactStress.ALL_LEVELS);
  }

  /** Each bad value is named by its path in the file and its rule. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"liquidityShocks\": { \"A\": { \"advMultiplier\": 0 } }"
          + "|scenarios[0].liquidityShocks.A.advMultiplier: must be > 0, was 0.0",
      "\"liquidityShock\": { \"halfSpreadMultiplier\": -1 }"
          + "|scenarios[0].liquidityShock.halfSpreadMultiplier: must be >= 0, was -1.0",
      "\"liquidityShock\": { \"bookLevels\": 2.5 }"
          + "|scenarios[0].liquidityShock.bookLevels: must be an integer, was 2.5",
      "\"liquidityShock\": { \"bookLevels\": 0 }"
          + "|scenarios[0].liquidityShock.bookLevels: must be >= 1, was 0",
      "\"liquidityShock\": { \"bookMaxOffset\": -0.5 }"
          + "|scenarios[0].liquidityShock.bookMaxOffset: must be >= 0, was -0.5",
      "\"liquidityShocks\": { \"A\": null }"
          + "|scenarios[0].liquidityShocks.A: must be an object, was null",
      "\"factorLiquidityShocks\": [ { \"bookMaxOffset\": 0.01 } ]"
          + "|scenarios[0].factorLiquidityShocks[0].bookMaxOffset: a factor's liquidity shock"
          + " only multiplies; cut the books of every asset (liquidityShock) or of one"
          + " (liquidityShocks)",
      "\"marginRule\": { \"cap\": 0.5 }|scenarios[0].marginRule.elasticity: is required",
      "\"marginRule\": { \"elasticity\": 1, \"cap\": 1.5 }"
          + "|scenarios[0].marginRule.cap: must be <= 1, was 1.5",
      "\"marginRule\": { \"elasticity\": -1 }"
          + "|scenarios[0].marginRule.elasticity: must be >= 0, was -1.0",
  })
  void aBadFieldIsNamedByItsPath(String field, String message) {
    String json = stress("{ \"name\": \"bad\", " + field + " }");
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @Test
  void anUnknownLiquidityFieldIsRejectedWithASuggestion() {
    String json = stress(
        "{ \"name\": \"bad\", \"liquidityShock\": { \"halfSpreadMultiplyer\": 2 } }");
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("scenarios[0].liquidityShock.halfSpreadMultiplyer: unknown field")
        .hasMessageContaining("halfSpreadMultiplier");
  }

  /** A stress input of one scenario over one account holding asset A. */
  private static String stress(String scenario) {
    return """
        { "scenarios": [ %s ],
          "accounts": [ { "name": "fund",
            "problem": { "account": { "cash": -50000 },
              "assets": [ { "id": "A", "quantity": 1000, "price": 100, "adv": 100000,
                            "marginRate": 0.2 } ] } } ] }""".formatted(scenario);
  }

  private static StressJson.StressInput read(String json) throws IOException {
    try (InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
      return StressJson.readStress(in);
    }
  }
}
