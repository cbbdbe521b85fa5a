package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.deleverage.solvers.adl.AdlEngine;
import org.deleverage.solvers.adl.AdlProblem;
import org.deleverage.solvers.adl.AdlResult;
import org.deleverage.solvers.adl.AdlRule;
import org.deleverage.solvers.adl.BankruptPosition;
import org.deleverage.solvers.adl.OpposingPosition;
import org.deleverage.solvers.adl.PositionSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdlJsonTest {

  /** The bundled example, examples/adl.json (the tests run in the examples module). */
  private static final Path EXAMPLE = Path.of("adl.json");

  /** The bankrupt short and the six longs of BitMEX's example, as the file gives them. */
  @Test
  void readsTheBundledExample() throws IOException {
    AdlJson.Input input = AdlJson.read(EXAMPLE);

    AdlProblem problem = input.problem();
    assertThat(input.rule()).contains(AdlRule.BITMEX);
    assertThat(problem.mark()).isEqualTo(660.0);
    assertThat(problem.insuranceFund()).isZero();
    assertThat(problem.maintenanceMarginRate()).isEqualTo(OptionalDouble.of(0.01));
    assertThat(problem.bankrupt()).isEqualTo(new BankruptPosition(PositionSide.SHORT, 20, 650.0));
    assertThat(problem.positions())
        .extracting(OpposingPosition::account)
        .containsExactly("1", "2", "3", "4", "5", "6");
    assertThat(problem.positions().get(1))
        .isEqualTo(new OpposingPosition("2", PositionSide.LONG, 10, 600.0, 100.0));
  }

  /** An input written and read back is the same input, with and without the optional fields. */
  @Test
  void anInputReadsBackAsWritten() throws IOException {
    AdlJson.Input example = AdlJson.read(EXAMPLE);
    AdlJson.Input bare =
        new AdlJson.Input(
            new AdlProblem(
                new BankruptPosition(PositionSide.LONG, 2.5, 0.1 + 0.2), 0.3, 1e-7,
                OptionalDouble.empty(),
                List.of(new OpposingPosition("z \"q\"", PositionSide.SHORT, 1.0 / 3, 0.7, 0.0))),
            Optional.empty());

    assertThat(AdlJson.read(AdlJson.writeInput(example))).isEqualTo(example);
    String written = AdlJson.writeInput(bare);
    assertThat(written).doesNotContain("\"rule\"", "maintenanceMarginRate");
    assertThat(AdlJson.read(written)).isEqualTo(bare);
  }

  /**
   * A result written and read back is the same result, to the last bit, under every rule, and
   * with an infinite score (written null), a partly used fund and a remainder left unclosed.
   */
  @Test
  void aResultReadsBackAsWritten() throws IOException {
    AdlProblem example = AdlJson.read(EXAMPLE).problem();
    for (AdlRule rule : AdlRule.values()) {
      AdlResult result = AdlEngine.DEFAULT.run(example, rule);
      assertThat(AdlJson.readResult(AdlJson.write(example, result))).isEqualTo(result);
    }
    AdlProblem edge = AdlReportTest.hyperliquidWithAnUnderwaterShort();
    AdlResult result = AdlEngine.DEFAULT.run(edge, AdlRule.HYPERLIQUID);
    String written = AdlJson.write(edge, result);

    assertThat(result.queue().get(1).score()).isInfinite();
    assertThat(result.unclosed()).isPositive();
    assertThat(written).contains("\"score\": null");
    assertThat(AdlJson.readResult(written)).isEqualTo(result);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"mark\": -1'           | mark: must be > 0, was -1.0",
        "'\"mark\": \"660\"'      | mark: must be a number, was \"660\"",
        "'\"rule\": \"ftx\"'      | rule: must be one of bitmex, binance, hyperliquid, was \"ftx\"",
        "'\"insuranceFund\": -5'  | insuranceFund: must be >= 0, was -5.0",
        "'\"maintenanceMarginRate\": 2' | maintenanceMarginRate: must be in [0.0, 1.0], was 2.0",
      })
  void topLevelErrorsNameTheFieldWithoutAPrefix(String field, String message) {
    String json =
        "{" + field + ", \"mark\": 660, \"bankrupt\": {\"side\": \"short\", \"size\": 1,"
            + " \"bankruptcyPrice\": 650}, \"positions\": []}";
    // A field given twice is an error of its own; give the bad one only once.
    String once = field.startsWith("\"mark\"") ? json.replace(", \"mark\": 660", "") : json;

    assertThatThrownBy(() -> AdlJson.read(once))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @Test
  void nestedErrorsNameTheirPath() {
    String good =
        "{\"mark\": 660, \"bankrupt\": {\"side\": \"short\", \"size\": 1, \"bankruptcyPrice\":"
            + " 650}, \"positions\": [{\"account\": \"a\", \"side\": \"long\", \"size\": 1,"
            + " \"entryPrice\": 600, \"margin\": 5}, %s]}";
    String second =
        "{\"account\": \"b\", \"side\": \"long\", \"size\": 1, \"entryPrice\": 600, \"margin\": 5}";
    String file = good.formatted(second);

    assertThat(AdlJson.read(file).problem().positions()).hasSize(2);
    assertThatThrownBy(
            () -> readWith(file, "\"entryPrice\": 600, \"margin\": 5}]", "\"entry\": 1}]"))
        .hasMessageStartingWith("positions[1].entry: unknown field");
    assertThatThrownBy(() -> readWith(file, "\"size\": 1, \"entryPrice\": 600, \"margin\": 5}]",
            "\"size\": 0, \"entryPrice\": 600, \"margin\": 5}]"))
        .hasMessage("positions[1].size: must be > 0, was 0.0");
    assertThatThrownBy(() -> readWith(file, "\"b\"", "\"a\""))
        .hasMessage("positions[1].account: must be unique, \"a\" appears twice");
    assertThatThrownBy(() -> AdlJson.read(good.formatted("3")))
        .hasMessage("positions[1]: must be a JSON object, was 3");
    assertThatThrownBy(() -> readWith(file, "\"short\"", "\"flat\""))
        .hasMessage("bankrupt.side: must be long or short, was \"flat\"");
    assertThatThrownBy(
            () -> readWith(file, "\"size\": 1, \"bankruptcyPrice\"", "\"bankruptcyPrice\""))
        .hasMessage("bankrupt.size: is required");
    assertThatThrownBy(() -> AdlJson.read("{\"mark\": 1,"))
        .hasMessageStartingWith("malformed JSON at line 1");
    assertThatThrownBy(() -> AdlJson.read("[]"))
        .hasMessage("the ADL input must be a JSON object, was an array");
  }

  /** The input in {@code file} with every {@code from} replaced by {@code to}. */
  private static AdlJson.Input readWith(String file, String from, String to) {
    assertThat(file).contains(from);
    return AdlJson.read(file.replace(from, to));
  }

  /** A result file that does not hold together is rejected, naming where. */
  @Test
  void resultErrorsNameTheirPath() throws IOException {
    AdlProblem example = AdlJson.read(EXAMPLE).problem();
    String written = AdlJson.write(example, AdlEngine.DEFAULT.run(example, AdlRule.BITMEX));

    assertThatThrownBy(
            () -> readResultWith(written, "\"adlClosed\": 20.0", "\"adlClosed\": 19.0"))
        .hasMessage("adlClosed: must be the sum of allocations[].closed, 20.0, was 19.0");
    assertThatThrownBy(
            () -> readResultWith(written, "\"percentile\": 40", "\"percentile\": 30"))
        .hasMessage("queue[1].percentile: must be 20, 40, 60, 80 or 100, was 30");
    assertThatThrownBy(() -> readResultWith(written, "\"rank\": 2,", "\"rank\": 3,"))
        .hasMessage("queue[1].rank: must be 2, was 3");
    assertThatThrownBy(
            () -> readResultWith(written, "\"remaining\": 10.0", "\"remaining\": -1"))
        .hasMessage("allocations[1].remaining: must be >= 0, was -1.0");
    // Every queue entry loses its "profitable": each is reported, one line per entry.
    assertThatThrownBy(() -> readResultWith(written, "\"profitable\": true,", ""))
        .hasMessageStartingWith(
            "queue[0].profitable: is required\nqueue[1].profitable: is required\n")
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.path()).isEqualTo("queue[0].profitable");
          assertThat(e.violations()).hasSizeGreaterThan(1);
        });
    assertThatThrownBy(() -> AdlJson.readResult(AdlJson.writeInput(AdlJson.read(EXAMPLE))))
        .hasMessageStartingWith("maintenanceMarginRate: unknown field");
    assertThatThrownBy(() -> AdlJson.readResult("")).hasMessage("the ADL result is empty");
  }

  /** The result in {@code written} with every {@code from} replaced by {@code to}. */
  private static AdlResult readResultWith(String written, String from, String to) {
    assertThat(written).contains(from);
    return AdlJson.readResult(written.replace(from, to));
  }
}
