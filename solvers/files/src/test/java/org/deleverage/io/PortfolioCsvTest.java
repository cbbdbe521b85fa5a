package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ScheduleStep;
import org.junit.jupiter.api.Test;

class PortfolioCsvTest {

  private static final Horizon HORIZON = Horizon.of(5, 1.0);
  private static final Requirement REQUIREMENT =
      Requirement.margin().withDeadline(3).withSchedule(java.util.List.of(ScheduleStep.of(1, 0.5)));
  private static final Objective OBJECTIVE = Objective.of(1.0, 5e-12, 0.0);

  /**
   * The bundled portfolio.csv holds the bundled sample's positions: with the sample's account,
   * horizon, requirement and objective it is the sample problem, but for the correlation, which
   * a CSV portfolio does not carry (identity).
   */
  @Test
  void theBundledPortfolioIsTheSampleWithoutItsCorrelation() throws IOException {
    DeleveragingProblem sample;
    try (InputStream in =
        PortfolioCsvTest.class.getResourceAsStream("/org/deleverage/cli/sample-margin-call.json")) {
      sample = ProblemJson.read(in);
    }

    DeleveragingProblem fromCsv = PortfolioCsv.read(Path.of("portfolio.csv"),
        Account.of(-505_000_000), HORIZON, REQUIREMENT, OBJECTIVE);

    assertThat(fromCsv).isEqualTo(sample.withDependence(Dependence.independent()));
  }

  @Test
  void emptyCellsTakeTheDefaultsAndColumnsMayComeInAnyOrder() {
    DeleveragingProblem problem = PortfolioCsv.read(
        "price,id,adv,quantity,locked\n10,A,1000,50,\n20,\"B, Inc\",2000,-5,true\n", "p.csv",
        Account.of(0), Horizon.ONE_DAY, Requirement.margin(), Objective.EXPECTED_LOSS);

    Asset a = problem.assets().get(0);
    assertThat(a).isEqualTo(Asset.builder("A").quantity(50).price(10).adv(1000).build());
    assertThat(problem.assets().get(1).id()).isEqualTo("B, Inc");
    assertThat(problem.assets().get(1).locked()).isTrue();
    assertThat(problem.assets().get(1).retainMax()).isEqualTo(5.0);
  }

  @Test
  void errorsNameTheRowAndColumnWithTheJsonRule() {
    assertError("id,quantity,price,adv\nA,1,-5,10\n",
        "p.csv row 2, column price: must be > 0, was -5.0");
    assertError("id,quantity,price,adv,retainMin\nA,10,5,10,20\n",
        "p.csv row 2, column retainMin: must be <= retain.max = 10.0, was 20.0");
    assertError("id,quantity,price,adv,prise\nA,1,5,10,3\n",
        "p.csv row 1, column 5: unknown column, did you mean \"price\"?");
    assertError("id,quantity,adv\nA,1,10\n", "p.csv row 1: the header must name the column price");
    assertError("id,quantity,price,adv\nA,1,abc,10\n", "p.csv row 2, column price: not a number:"
        + " \"abc\"");
    assertError("id,quantity,price,adv\nA,1,5\n", "p.csv row 2: has 3 fields, the header has 4");
    assertError("id,quantity,price,adv,locked\nA,1,5,10,yes\n",
        "p.csv row 2, column locked: must be true or false, was \"yes\"");
    assertError("id,quantity,price,adv\n", "p.csv: needs at least one position after the header");
  }

  /** A quoted field may span lines; the rows after it keep their own line numbers. */
  @Test
  void aQuotedFieldSpanningLinesIsReadAndLaterRowsKeepTheirLineNumbers() {
    String csv = "id,quantity,price,adv\n\"Two\r\nline, Inc\",50,10,1000\nB,1,-5,10\n";

    assertError(csv, "p.csv row 4, column price: must be > 0, was -5.0");
    DeleveragingProblem problem = PortfolioCsv.read(csv.replace("-5", "5"), "p.csv",
        Account.of(0), Horizon.ONE_DAY, Requirement.margin(), Objective.EXPECTED_LOSS);
    assertThat(problem.assets().get(0).id()).isEqualTo("Two\r\nline, Inc");
    assertThat(problem.assets().get(1).id()).isEqualTo("B");
  }

  private static void assertError(String csv, String message) {
    assertThatThrownBy(() -> PortfolioCsv.read(csv, "p.csv", Account.of(0), Horizon.ONE_DAY,
            Requirement.margin(), Objective.EXPECTED_LOSS))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }
}
