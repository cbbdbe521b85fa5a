package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.CoverageMode;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ScheduleStep;
import org.deleverage.models.BookLevel;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.PowerLawTemporaryImpact;
import org.deleverage.models.TransientImpact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemJsonTest {

  /** The example problem of FORMAT.md, verbatim. */
  private static final String FORMAT_EXAMPLE =
      """
      {
        "account":   { "cash": -1650000.0 },
        "assets": [
          { "id": "ACME", "quantity": 20000, "price": 50.0, "volatility": 0.02, "adv": 400000,
            "halfSpread": 0.0005, "fee": 0.0001, "feePerUnit": 0.0, "marginRate": 0.25,
            "impact": { "temporary": { "model": "linear", "eta": 2.5e-6 },
                        "permanent": { "gamma": 2.5e-7 } },
            "maxParticipation": 0.1, "locked": false,
            "retain": { "min": 0, "max": 20000 }, "reluctance": 0.0 }
        ],
        "correlation": [[1.0]],
        "horizon":     { "periods": 5, "periodLength": 1.0 },
        "requirement": { "mode": "margin", "shortfall": null, "deadline": 5, "buffer": 0.0,
                         "schedule": [ { "period": 1, "fraction": 0.5 } ] },
        "objective":   { "costWeight": 1.0, "riskAversion": 1e-6, "residualRiskAversion": 0.0 }
      }
      """;

  @Test
  void readsTheExampleOfFormatMd() {
    DeleveragingProblem problem = ProblemJson.read(FORMAT_EXAMPLE);

    Asset acme = problem.assets().get(0);
    assertThat(acme.id()).isEqualTo("ACME");
    assertThat(acme.quantity()).isEqualTo(20_000.0);
    assertThat(acme.price()).isEqualTo(50.0);
    assertThat(acme.volatility()).isEqualTo(0.02);
    assertThat(acme.adv()).isEqualTo(400_000.0);
    assertThat(acme.costs().halfSpread()).isEqualTo(0.0005);
    assertThat(acme.costs().fee()).isEqualTo(0.0001);
    assertThat(acme.marginRate()).isEqualTo(0.25);
    assertThat(acme.temporaryImpact()).isEqualTo(LinearTemporaryImpact.of(2.5e-6));
    assertThat(acme.permanentImpact().gamma()).isEqualTo(2.5e-7);
    assertThat(acme.maxParticipation()).isEqualTo(0.1);
    assertThat(acme.retainMax()).isEqualTo(20_000.0);
    assertThat(problem.account().cash()).isEqualTo(-1_650_000.0);
    assertThat(problem.dependence()).isEqualTo(Dependence.correlation(new double[][] {{1.0}}));
    assertThat(problem.horizon()).isEqualTo(Horizon.of(5, 1.0));
    assertThat(problem.requirement())
        .isEqualTo(
            Requirement.margin().withDeadline(5).withSchedule(List.of(ScheduleStep.of(1, 0.5))));
    assertThat(problem.objective()).isEqualTo(Objective.of(1.0, 1e-6, 0.0));
  }

  @Test
  void leftOutFieldsTakeTheDefaultsOfFormatMd() {
    DeleveragingProblem problem =
        ProblemJson.read(
            """
            { "account": { "cash": -10.0 },
              "assets": [ { "id": "A", "quantity": -300, "price": 2.0, "adv": 1000 } ] }
            """);

    Asset expected = Asset.builder("A").quantity(-300).price(2.0).adv(1000).build();
    assertThat(problem.assets()).containsExactly(expected);
    assertThat(expected.marginRate()).isEqualTo(1.0);
    assertThat(expected.maxParticipation()).isEqualTo(1.0);
    assertThat(expected.retainMax()).isEqualTo(300.0);
    assertThat(expected.temporaryImpact()).isEqualTo(LinearTemporaryImpact.NONE);
    assertThat(problem.dependence()).isEqualTo(Dependence.independent());
    assertThat(problem.horizon()).isEqualTo(Horizon.ONE_DAY);
    assertThat(problem.requirement()).isEqualTo(Requirement.margin());
    assertThat(problem.objective()).isEqualTo(Objective.EXPECTED_LOSS);
  }

  @Test
  void retainTakesTheDefaultOfTheBoundLeftOut() {
    DeleveragingProblem problem =
        ProblemJson.read(
            """
            { "account": { "cash": 0 },
              "assets": [ { "id": "A", "quantity": 300, "price": 2.0, "adv": 1000,
                            "retain": { "min": 100 } } ] }
            """);

    assertThat(problem.assets().get(0).retainMin()).isEqualTo(100.0);
    assertThat(problem.assets().get(0).retainMax()).isEqualTo(300.0);
  }

  @Test
  void theBundledSampleRoundTrips() {
    DeleveragingProblem sample = PlanFixtures.bundledSample();

    assertThat(ProblemJson.read(ProblemJson.write(sample))).isEqualTo(sample);
  }

  @Test
  void theBundledSampleIsAMarginCallOfTensOfMillionsOnATenAssetBook() {
    DeleveragingProblem sample = PlanFixtures.bundledSample();
    double gross = sample.assets().stream().mapToDouble(a -> a.held() * a.price()).sum();

    // cash -505,000,000 + net 1,087,000,000 - requirement 651,650,000 = -69,650,000.
    assertThat(sample.assets()).hasSize(10);
    assertThat(gross).isEqualTo(1_723_000_000.0);
    assertThat(sample.resolve().shortfall()).isCloseTo(69_650_000.0, within(1e-6));
    assertThat(sample.assets().stream().filter(a -> a.quantity() < 0)).hasSize(2);
  }

  @Test
  void theBundledSampleSatisfiesTheConvexityConditionWithMargin() {
    DeleveragingProblem sample = PlanFixtures.bundledSample();
    int periods = sample.horizon().periods();
    double tau = sample.horizon().periodLength();
    for (Asset asset : sample.assets()) {
      double eta = ((LinearTemporaryImpact) asset.temporaryImpact()).eta();
      double gamma = asset.permanentImpact().gamma();
      // MODEL.md section 4: eta / tau >= gamma (N + 1) / 2; a short's requirement term adds
      // m gamma c^2, which asks eta / tau >= gamma (N (1 + 2m) + 1) / 2. Ask for 1.5 times that.
      double m = asset.quantity() < 0 ? asset.marginRate() : 0.0;
      double needed = gamma * (periods * (1 + 2 * m) + 1) / 2;
      assertThat(eta / tau).as(asset.id()).isGreaterThanOrEqualTo(1.5 * needed);
      // 10% of ADV in one day costs 10 to 50 bp of temporary impact.
      double impactBp = 1e4 * eta * 0.1 * asset.adv() / tau / asset.price();
      assertThat(impactBp).as(asset.id()).isBetween(9.9, 50.1);
    }
  }

  @Test
  void aProblemUsingEveryFieldRoundTrips() {
    DeleveragingProblem problem = PlanFixtures.twoAssets();

    String written = ProblemJson.write(problem);

    assertThat(ProblemJson.read(written)).isEqualTo(problem);
    assertThat(ProblemJson.write(ProblemJson.read(written))).isEqualTo(written);
  }

  @Test
  void aCashCallWithACovarianceAndALockedAssetRoundTrips() {
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(1_000)
            .asset(
                Asset.builder("L").quantity(0.1).price(65_000.5).adv(20_000).locked(true).build())
            .asset(Asset.builder("M").quantity(3).price(0.1 + 0.2).adv(1e-3).eta(1e-300).build())
            .dependence(Dependence.covariance(new double[][] {{4.0, 1.0 / 3}, {1.0 / 3, 1.0}}))
            .horizon(Horizon.of(3, 0.25))
            .requirement(
                Requirement.cash(1.0 / 7)
                    .withSchedule(List.of(ScheduleStep.of(1, 0.1), ScheduleStep.of(2, 0.7))))
            .objective(Objective.of(0.5, 0.0, 2e-9))
            .build();

    assertThat(ProblemJson.read(ProblemJson.write(problem))).isEqualTo(problem);
  }

  @Test
  void powerLawAndOrderBookModelsRoundTrip() {
    String text =
        "{\"account\":{\"cash\":-1000},\"assets\":["
            + "{\"id\":\"P\",\"quantity\":500,\"price\":20,\"adv\":1e4,\"volatility\":0.02,"
            + "\"impact\":{\"temporary\":{\"model\":\"power\",\"coefficient\":0.142,"
            + "\"exponent\":0.6}}},"
            + "{\"id\":\"B\",\"quantity\":300,\"price\":10,\"adv\":1e4,"
            + "\"impact\":{\"temporary\":{\"model\":\"book\",\"levels\":["
            + "{\"offset\":0.002,\"size\":200},{\"offset\":0.001,\"size\":100}]}}}]}";

    DeleveragingProblem problem = ProblemJson.read(text);

    assertThat(problem.assets().get(0).temporaryImpact())
        .isEqualTo(PowerLawTemporaryImpact.of(0.142, 0.6));
    assertThat(problem.assets().get(1).temporaryImpact())
        .isEqualTo(
            OrderBookTemporaryImpact.of(BookLevel.of(0.001, 100), BookLevel.of(0.002, 200)));
    String written = ProblemJson.write(problem);
    assertThat(written).contains("\"model\": \"power\"", "\"exponent\": 0.6", "\"levels\"");
    assertThat(ProblemJson.read(written)).isEqualTo(problem);
  }

  @Test
  void aTransientModelRoundTrips() {
    String text =
        "{\"account\":{\"cash\":-1000},\"assets\":["
            + "{\"id\":\"T\",\"quantity\":500,\"price\":20,\"adv\":1e4,"
            + "\"impact\":{\"temporary\":{\"model\":\"transient\",\"kappa\":0.001,"
            + "\"halfLife\":0.25}}}]}";

    DeleveragingProblem problem = ProblemJson.read(text);

    assertThat(problem.assets().get(0).temporaryImpact())
        .isEqualTo(TransientImpact.of(0.001, 0.25));
    String written = ProblemJson.write(problem);
    assertThat(written).contains("\"model\": \"transient\"", "\"kappa\": 0.001",
        "\"halfLife\": 0.25");
    assertThat(ProblemJson.read(written)).isEqualTo(problem);
  }

  @Test
  void aFactorModelRoundTrips() {
    // Two factors with a singular F (rank 1) and an asset without specific risk.
    DeleveragingProblem problem =
        DeleveragingProblem.builder()
            .cash(-5_000)
            .asset(Asset.builder("A").quantity(100).price(10).adv(1_000).eta(1e-3).build())
            .asset(Asset.builder("B").quantity(-40).price(25).adv(500).eta(2e-3).build())
            .asset(Asset.builder("C").quantity(70).price(0.1 + 0.2).adv(900).build())
            .dependence(
                Dependence.factor(
                    new double[][] {{0.01, 1.0 / 3}, {-0.02, 0.0}, {0.0, 0.015}},
                    new double[][] {{1e-4, 1e-4}, {1e-4, 1e-4}},
                    new double[] {2e-4, 0.0, 1.0 / 7}))
            .objective(Objective.of(1.0, 1e-6, 0.0))
            .build();

    String written = ProblemJson.write(problem);

    assertThat(written).contains("\"factors\"", "\"loadings\"", "\"specificVariance\"")
        .doesNotContain("\"correlation\"");
    assertThat(ProblemJson.read(written)).isEqualTo(problem);
    assertThat(ProblemJson.write(ProblemJson.read(written))).isEqualTo(written);
  }

  @Test
  void aFactorErrorNamesTheEntryByItsPath() {
    String assets =
        "\"assets\":[{\"id\":\"A\",\"quantity\":1,\"price\":1,\"adv\":1},"
            + "{\"id\":\"B\",\"quantity\":1,\"price\":1,\"adv\":1},"
            + "{\"id\":\"C\",\"quantity\":1,\"price\":1,\"adv\":1}]";
    assertError(
        "{\"account\":{\"cash\":0}," + assets + ",\"factors\":{\"loadings\":[[0.1, 0.2],"
            + " [0.3, 0.4], [0.5, 1e400]], \"covariance\": [[1, 0], [0, 1]],"
            + " \"specificVariance\": [0, 0, 0]}}",
        "factors.loadings[2][1]: must be a finite number, was 1E+400 (too large for a double)");
    InvalidInputException notSemidefinite =
        catchInvalid(
            "{\"account\":{\"cash\":0}," + assets + ",\"factors\":{\"loadings\":[[1, 0],"
                + " [0, 1], [1, 1]], \"covariance\": [[1, 2], [2, 1]],"
                + " \"specificVariance\": [0, 0, 0]}}");
    assertThat(notSemidefinite.path()).isEqualTo("factors.covariance");
    // [[1, 2], [2, 1]] has eigenvalues 3 and -1.
    String rule = notSemidefinite.rule();
    assertThat(rule).startsWith("must be positive semidefinite, smallest eigenvalue was ");
    assertThat(Double.parseDouble(rule.substring(rule.lastIndexOf(' ') + 1)))
        .isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void aNullFactorModelMeansIndependentReturns() {
    DeleveragingProblem problem =
        ProblemJson.read(
            "{\"account\":{\"cash\":0},\"factors\":null,\"assets\":[{\"id\":\"A\","
                + "\"quantity\":1,\"price\":1,\"adv\":1}]}");

    assertThat(problem.dependence()).isEqualTo(Dependence.independent());
  }

  @Test
  void writesEveryFieldWithNullForTheAbsentOnes() {
    DeleveragingProblem problem =
        ProblemJson.read(
            "{\"account\":{\"cash\":0},\"assets\":[{\"id\":\"A\",\"quantity\":1,\"price\":1,"
                + "\"adv\":1}]}");

    String written = ProblemJson.write(problem);

    assertThat(written)
        .contains("\"correlation\": null", "\"shortfall\": null", "\"deadline\": null")
        .contains("\"model\": \"linear\"", "\"eta\": 0.0", "\"gamma\": 0.0")
        .contains("\"volatility\"", "\"halfSpread\"", "\"fee\"", "\"feePerUnit\"")
        .contains("\"marginRate\": 1.0", "\"maxParticipation\": 1.0", "\"locked\": false")
        .contains("\"retain\"", "\"reluctance\"", "\"buffer\"", "\"schedule\": [ ]")
        .contains("\"costWeight\": 1.0", "\"riskAversion\"", "\"residualRiskAversion\"")
        .contains("\"periods\": 1", "\"periodLength\": 1.0", "\"mode\": \"margin\"");
  }

  @Test
  void readsFromAStreamAndAFileAndWritesToAStream(@TempDir Path dir) throws IOException {
    DeleveragingProblem problem = PlanFixtures.twoAssets();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProblemJson.write(problem, bytes);
    Path file = Files.write(dir.resolve("problem.json"), bytes.toByteArray());

    assertThat(ProblemJson.read(new ByteArrayInputStream(bytes.toByteArray()))).isEqualTo(problem);
    assertThat(ProblemJson.read(file)).isEqualTo(problem);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(ProblemJson.write(problem));
  }

  @Test
  void anIntegralDecimalIsAnInteger() {
    DeleveragingProblem problem =
        ProblemJson.read(minimal("\"horizon\": { \"periods\": 3.0 }"));

    assertThat(problem.horizon().periods()).isEqualTo(3);
  }

  @Test
  void aNullDeadlineMeansTheLastPeriod() {
    DeleveragingProblem problem =
        ProblemJson.read(minimal("\"requirement\": { \"deadline\": null, \"shortfall\": 5 }"));

    assertThat(problem.requirement().deadline()).isEqualTo(OptionalInt.empty());
    assertThat(problem.requirement().shortfall()).isEqualTo(OptionalDouble.of(5.0));
    assertThat(problem.requirement().mode()).isEqualTo(CoverageMode.MARGIN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a price below zero          | "price": -5.0             | assets[0].price: must be > 0, was -5.0
          a price that is a string    | "price": "abc"            | assets[0].price: must be a number, was "abc"
          a null optional number      | "volatility": null        | assets[0].volatility: must be a number, was null
          a misspelt field            | "maxParticipaton": 0.1    | assets[0].maxParticipaton: unknown field, did you mean "maxParticipation"?
          a field that is nothing like another | "colour": 1      | assets[0].colour: unknown field (the fields here are id, quantity, price, volatility, adv, halfSpread, fee, feePerUnit, marginRate, impact, maxParticipation, locked, retain, reluctance, lotSize)
          locked not a boolean        | "locked": "no"            | assets[0].locked: must be true or false, was "no"
          a margin rate above one     | "marginRate": 1.5         | assets[0].marginRate: must be in [0.0, 1.0], was 1.5
          a participation of zero     | "maxParticipation": 0     | assets[0].maxParticipation: must be in (0.0, 1.0], was 0.0
          retain max above the position | "retain": {"max": 150}  | assets[0].retain.max: must be <= abs(quantity) = 100.0, was 150.0
          retain not an object        | "retain": 5               | assets[0].retain: must be an object, was 5
          an unknown retain field     | "retain": {"mx": 5}       | assets[0].retain.mx: unknown field, did you mean "max"?
          a retain field like no other | "retain": {"maximum": 5} | assets[0].retain.maximum: unknown field (the fields here are min, max)
          a negative eta              | "impact": {"temporary": {"model": "linear", "eta": -1}} | assets[0].impact.temporary.eta: must be >= 0, was -1.0
          a linear model without eta  | "impact": {"temporary": {"model": "linear"}} | assets[0].impact.temporary.eta: is required
          a temporary model without a name | "impact": {"temporary": {"eta": 1}} | assets[0].impact.temporary.model: is required
          a power exponent above one  | "impact": {"temporary": {"model": "power", "coefficient": 0.14, "exponent": 1.6}} | assets[0].impact.temporary.exponent: must be in (0.0, 1.0], was 1.6
          a power model without c     | "impact": {"temporary": {"model": "power", "exponent": 0.6}} | assets[0].impact.temporary.coefficient: is required
          an empty book               | "impact": {"temporary": {"model": "book", "levels": []}} | assets[0].impact.temporary.levels: must hold at least one level
          a book level of no size     | "impact": {"temporary": {"model": "book", "levels": [{"offset": 0.001, "size": 5}, {"offset": 0.002, "size": 0}]}} | assets[0].impact.temporary.levels[1].size: must be > 0, was 0.0
          a transient model without kappa | "impact": {"temporary": {"model": "transient", "halfLife": 0.5}} | assets[0].impact.temporary.kappa: is required
          a transient model without halfLife | "impact": {"temporary": {"model": "transient", "kappa": 0.01}} | assets[0].impact.temporary.halfLife: is required
          a negative kappa            | "impact": {"temporary": {"model": "transient", "kappa": -1, "halfLife": 0.5}} | assets[0].impact.temporary.kappa: must be >= 0, was -1.0
          a half-life of zero         | "impact": {"temporary": {"model": "transient", "kappa": 0.01, "halfLife": 0}} | assets[0].impact.temporary.halfLife: must be > 0, was 0.0
          a misspelt half-life        | "impact": {"temporary": {"model": "transient", "kappa": 0.01, "halflife": 1}} | assets[0].impact.temporary.halflife: unknown field, did you mean "halfLife"?
          an unknown model            | "impact": {"temporary": {"model": "cubic"}} | assets[0].impact.temporary.model: must be "linear", "power", "book" or "transient", was "cubic"
          a negative gamma            | "impact": {"permanent": {"gamma": -1}} | assets[0].impact.permanent.gamma: must be >= 0, was -1.0
          an unknown impact field     | "impact": {"permanant": {"gamma": 1}} | assets[0].impact.permanant: unknown field, did you mean "permanent"?
          an id that is a number      | "id": 7                   | assets[0].id: must be a string, was 7
          a blank id                  | "id": " "                 | assets[0].id: must not be blank
          a number too large for a double | "adv": 1e400          | assets[0].adv: must be a finite number, was 1E+400 (too large for a double)
          """)
  void anAssetErrorNamesItsPathAndRule(String why, String field, String message) {
    String json =
        "{\"account\":{\"cash\":0},\"assets\":[{"
            + field
            + (field.startsWith("\"id\"") ? "" : ",\"id\":\"A\"")
            + (field.startsWith("\"price\"") ? "" : ",\"price\":10")
            + ",\"quantity\":100"
            + (field.startsWith("\"adv\"") ? "" : ",\"adv\":1000")
            + "}]}";

    assertError(json, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a bad mode                   | "requirement": {"mode": "foo"}          | requirement.mode: must be "margin" or "cash", was "foo"
          a mode that is not a string  | "requirement": {"mode": 1}              | requirement.mode: must be a string, was 1
          a negative shortfall         | "requirement": {"shortfall": -1}        | requirement.shortfall: must be >= 0, was -1.0
          cash mode without shortfall  | "requirement": {"mode": "cash"}         | requirement.shortfall: is required in cash mode
          a deadline after the horizon | "requirement": {"deadline": 3}          | requirement.deadline: must be <= horizon.periods = 1, was 3
          a fractional deadline        | "requirement": {"deadline": 1.5}        | requirement.deadline: must be an integer, was 1.5
          a schedule fraction above one | "requirement": {"schedule": [{"period": 1, "fraction": 1.5}]} | requirement.schedule[0].fraction: must be in [0.0, 1.0], was 1.5
          a schedule step without period | "requirement": {"schedule": [{"fraction": 0.5}]} | requirement.schedule[0].period: is required
          a schedule that is not an array | "requirement": {"schedule": {"period": 1}} | requirement.schedule: must be an array, was an object
          periods of zero              | "horizon": {"periods": 0}               | horizon.periods: must be >= 1, was 0
          periods out of range         | "horizon": {"periods": 1e12}            | horizon.periods: must be an integer, was 1E+12 (out of range)
          a negative period length     | "horizon": {"periodLength": -1}         | horizon.periodLength: must be > 0, was -1.0
          a negative risk aversion     | "objective": {"riskAversion": -1}       | objective.riskAversion: must be >= 0, was -1.0
          an unknown objective field   | "objective": {"riskAverson": 1}         | objective.riskAverson: unknown field, did you mean "riskAversion"?
          an unknown top-level field   | "horizn": {}                            | horizn: unknown field, did you mean "horizon"?
          a correlation entry that is a string | "correlation": [["x"]]          | correlation[0][0]: must be a number, was "x"
          a correlation row that is a number | "correlation": [1.0]              | correlation[0]: must be an array, was 1.0
          a correlation of the wrong size | "correlation": [[1, 0], [0, 1]]      | correlation: must be 1 x 1 (a row per asset), was 2 x 2
          a correlation off the unit diagonal | "correlation": [[0.5]]           | correlation[0][0]: must be 1 (unit diagonal), was 0.5
          both correlation and covariance | "correlation": [[1]], "covariance": [[1]] | covariance: must not be given together with correlation; give one of correlation, covariance and factors
          both covariance and factors  | "covariance": [[1]], "factors": {}      | factors: must not be given together with covariance; give one of correlation, covariance and factors
          factors that are an array    | "factors": [1]                          | factors: must be an object, was an array
          factors without loadings     | "factors": {"covariance": [[1]], "specificVariance": [0]} | factors.loadings: is required
          factors without specific variances | "factors": {"loadings": [[1]], "covariance": [[1]]} | factors.specificVariance: is required
          factor loadings of null      | "factors": {"loadings": null, "covariance": [[1]], "specificVariance": [0]} | factors.loadings: must be an array, was null
          an unknown factor field      | "factors": {"loading": [[1]]}           | factors.loading: unknown field, did you mean "loadings"?
          a factor loading that is a string | "factors": {"loadings": [["x"]], "covariance": [[1]], "specificVariance": [0]} | factors.loadings[0][0]: must be a number, was "x"
          a specific variance row of arrays | "factors": {"loadings": [[1]], "covariance": [[1]], "specificVariance": [[0]]} | factors.specificVariance[0]: must be a number, was an array
          factor loadings for two assets | "factors": {"loadings": [[1], [1]], "covariance": [[1]], "specificVariance": [0, 0]} | factors.loadings: must have 1 rows (a row per asset), had 2
          a loadings row of the wrong length | "factors": {"loadings": [[1, 2]], "covariance": [[1]], "specificVariance": [0]} | factors.loadings[0]: must have 1 entries (one per factor of factors.covariance), had 2
          an asymmetric factor covariance | "factors": {"loadings": [[1, 0]], "covariance": [[1, 0.5], [0.4, 1]], "specificVariance": [0]} | factors.covariance[0][1]: must equal factors.covariance[1][0] = 0.4 (symmetric), was 0.5
          a negative specific variance | "factors": {"loadings": [[1]], "covariance": [[1]], "specificVariance": [-1]} | factors.specificVariance[0]: must be >= 0, was -1.0
          an account that is a number  | "account": 5                            | account: must be an object, was 5
          """)
  void aProblemErrorNamesItsPathAndRule(String why, String fields, String message) {
    String account = fields.startsWith("\"account\"") ? "" : "\"account\":{\"cash\":0},";
    String json =
        "{" + account + fields
            + ",\"assets\":[{\"id\":\"A\",\"quantity\":100,\"price\":10,\"adv\":1000}]}";

    assertError(json, message);
  }

  @Test
  void anAssetErrorNamesTheAssetByItsIndex() {
    String json =
        "{\"account\":{\"cash\":0},\"assets\":["
            + "{\"id\":\"A\",\"quantity\":1,\"price\":1,\"adv\":1},"
            + "{\"id\":\"B\",\"quantity\":1,\"price\":1,\"adv\":1},"
            + "{\"id\":\"C\",\"quantity\":1,\"price\":1,\"adv\":1},"
            + "{\"id\":\"D\",\"quantity\":1,\"price\":-5.0,\"adv\":1}]}";

    assertError(json, "assets[3].price: must be > 0, was -5.0");
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    assertError("{\"assets\":[]}", "account: is required");
    assertError("{\"account\":{}}", "account.cash: is required");
    assertError("{\"account\":{\"cash\":0}}", "assets: is required");
    assertError(minimalWithAsset("\"id\":\"A\",\"price\":1,\"adv\":1"),
        "assets[0].quantity: is required");
    assertError(minimalWithAsset("\"quantity\":1,\"price\":1,\"adv\":1"),
        "assets[0].id: is required");
    assertError(minimalWithAsset("\"id\":\"A\",\"quantity\":1,\"adv\":1"),
        "assets[0].price: is required");
    assertError(minimalWithAsset("\"id\":\"A\",\"quantity\":1,\"price\":1"),
        "assets[0].adv: is required");
    assertError(minimalWithAsset("\"id\":\"A\",\"quantity\":1,\"price\":null,\"adv\":1"),
        "assets[0].price: must be a number, was null");
  }

  @Test
  void wrongShapesAreNamed() {
    assertError(
        "{\"account\":{\"cash\":0},\"assets\":{}}", "assets: must be an array, was an object");
    assertError("{\"account\":{\"cash\":0},\"assets\":[5]}", "assets[0]: must be an object, was 5");
    assertError("{\"account\":{\"cash\":0},\"assets\":[]}", "assets: must hold at least one asset");
    assertError("[1, 2]", "the problem must be a JSON object, was an array");
    assertError("", "the problem file is empty");
    assertError("  \n ", "the problem file is empty");
  }

  @Test
  void duplicateIdsAreNamed() {
    String asset = "{\"id\":\"A\",\"quantity\":1,\"price\":1,\"adv\":1}";

    assertError(
        "{\"account\":{\"cash\":0},\"assets\":[" + asset + "," + asset + "]}",
        "assets[1].id: must be unique, was \"A\" as assets[0].id");
  }

  @Test
  void aNanLiteralIsNamedAtItsPath() {
    assertError(
        minimalWithAsset("\"id\":\"A\",\"quantity\":1,\"price\":NaN,\"adv\":1"),
        "assets[0].price: must be a finite number, was NaN (not a JSON number at line 1,"
            + " column 67)");
    assertError(
        "{\"account\":{\"cash\":0},\"correlation\":[[1.0, -Infinity]]}",
        "correlation[0][1]: must be a finite number, was -Infinity (not a JSON number at line 1,"
            + " column 53)");
  }

  @Test
  void malformedJsonGivesItsLineAndColumn() {
    InvalidInputException error =
        catchInvalid("{\n  \"account\": { \"cash\": 0 },\n  \"assets\": [ }\n}");

    assertThat(error.path()).isEmpty();
    assertThat(error.getMessage()).startsWith("malformed JSON at line 3, column 15: Unexpected");
  }

  @Test
  void duplicateFieldsAndTrailingContentAreMalformed() {
    assertThat(catchInvalid("{\"account\":{\"cash\":0,\"cash\":1}}").getMessage())
        .startsWith("malformed JSON at line 1, column 28: Duplicate field 'cash'");
    assertThat(catchInvalid(minimal("") + " {}").getMessage())
        .startsWith("malformed JSON at line 1");
  }

  private static String minimal(String fields) {
    return "{\"account\":{\"cash\":0},\"assets\":[{\"id\":\"A\",\"quantity\":1,\"price\":1,"
        + "\"adv\":1}]" + (fields.isEmpty() ? "" : "," + fields) + "}";
  }

  private static String minimalWithAsset(String assetFields) {
    return "{\"account\":{\"cash\":0},\"assets\":[{" + assetFields + "}]}";
  }

  private static void assertError(String json, String message) {
    assertThatThrownBy(() -> ProblemJson.read(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  private static InvalidInputException catchInvalid(String json) {
    try {
      ProblemJson.read(json);
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("no error for " + json);
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }
}
