package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.runWithStdin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Cases {@link FuzzTest} found, each a mutation of the bundled sample margin call (seed in the
 * name's comment), kept as named tests: each once ended with exit code 1 or a non-finite output.
 */
class HostileInputRegressionTest {

  private static String sample() throws IOException {
    try (InputStream in = DeleverageCommand.class.getResourceAsStream(PlanCommand.SAMPLE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Seed 20241619: {@code correlation[1][2]} null was a NullPointerException (exit 1). */
  @Test
  void aNullCorrelationEntryIsInvalidInputAtItsPath() throws IOException {
    String input = sample().replace(
        "[0.65, 1.00, 0.60, 0.40", "[0.65, 1.00, null, 0.40");

    CommandRun.Result result = runWithStdin(input, "plan", "-");

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).isEqualTo(
        "deleverage: correlation[1][2]: must be a number, was null\n");
    assertThat(result.out()).isEmpty();
  }

  /** Seed 20242218: a whole correlation row null was a NullPointerException (exit 1). */
  @Test
  void aNullCorrelationRowIsInvalidInputAtItsPath() throws IOException {
    String input = sample().replace(
        "[0.65, 1.00, 0.60, 0.40, 0.30, 0.40, 0.70, 0.20, 0.20, 0.20]", "null");

    CommandRun.Result result = runWithStdin(input, "plan", "-");

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("deleverage: correlation[1]: is required\n");
  }

  /** The half spread of 1.0000001 (exit 1 then): a spread is a fraction below 1. */
  @Test
  void aHalfSpreadOfOneOrMoreIsInvalidInput() throws IOException {
    String input = sample().replaceFirst("\"halfSpread\": 0.00005", "\"halfSpread\": 1.0000001");

    CommandRun.Result result = runWithStdin(input, "plan", "-");

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).startsWith("deleverage: assets[0].halfSpread: must be < 1");
  }

  /** The period length of 1e-300 (exit 1 then): a period is at least a minute. */
  @Test
  void aPeriodShorterThanAMinuteIsInvalidInput() throws IOException {
    String input = sample().replace("\"periodLength\": 1.0", "\"periodLength\": 1e-300");

    CommandRun.Result result = runWithStdin(input, "plan", "-");

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).startsWith(
        "deleverage: horizon.periodLength: must be at least one minute");
  }

  /**
   * Seed 20242374 (stress): a quantity of Double.MAX_VALUE gave an infinite position value and
   * non-finite figures in the output; a position's value is at most 1e18.
   */
  @Test
  void aPositionWorthMoreThanTheLimitIsInvalidInput() throws IOException {
    String input =
        sample().replace("\"quantity\": 1200000", "\"quantity\": 1.7976931348623157e308");

    CommandRun.Result result = runWithStdin(input, "plan", "-", "--format", "json");

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).startsWith("deleverage: assets[0].quantity: the position's value");
  }

  /**
   * Seeds 20240873 and 20241984: a feePerUnit or an eta of 1e300 left the interior-point method
   * without one finite iterate, a NullPointerException (exit 1). Now a plan or a numerical limit.
   */
  @Test
  void anEnormousImpactCoefficientIsAPlanOrANumericalLimit() throws IOException {
    String input = sample().replace("\"eta\": 5.3e-8", "\"eta\": 1e300");

    CommandRun.Result result = runWithStdin(input, "plan", "-", "--format", "json");

    assertThat(result.code()).isIn(DeleverageCommand.SUCCESS, DeleverageCommand.INFEASIBLE,
        DeleverageCommand.NUMERICAL_LIMIT);
    assertThat(result.err()).doesNotContain("NullPointerException");
  }

  /** Seed 20240538: a key with a bidirectional override was echoed raw into the terminal. */
  @Test
  void anOddKeyIsQuotedInThePathAndItsControlCharactersEscaped() throws IOException {
    String input =
        sample().replaceFirst("\"id\": \"AAPL\",", "\"id\": \"AAPL\", \"\u202eevil\": 1,");

    CommandRun.Result result = runWithStdin(input, "plan", "-");

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).startsWith("deleverage: assets[0][\"\\u202eevil\"]: unknown field");
  }

  /** A time limit that is not a positive number of seconds is an error naming the option. */
  @Test
  void aBadTimeLimitIsInvalidInputNamingTheOption() {
    CommandRun.Result result = CommandRun.run("plan", "--time-limit", "NaN");

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).startsWith("deleverage: --time-limit: must be a number of seconds");
  }
}
