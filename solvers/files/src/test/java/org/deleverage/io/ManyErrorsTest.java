package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Account;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.junit.jupiter.api.Test;

/**
 * Readers report every error of a file they can, as one {@link InvalidInputException} listing
 * each (path, rule) in the order of the file; the reader's own limits come out in the file
 * format's words; and writers never write a non-finite number.
 */
class ManyErrorsTest {

  private static List<String> paths(InvalidInputException e) {
    return e.violations().stream().map(InvalidInputException.Violation::path).toList();
  }

  @Test
  void everyUnknownFieldAndWrongTypeOfAJsonFileIsReportedInItsOrder() {
    String json = """
        {"account": {"cash": -100},
         "assets": [
          {"id": "A", "quantity": 10, "price": "ten", "adv": 1000},
          {"id": "B", "quantity": 10, "price": 5, "adv": 1000, "colour": "red"},
          {"id": "C", "quantity": [1, 2], "price": 5, "adv": null, "retain": 7}],
         "horizn": {"periods": 2}}
        """;

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> ProblemJson.read(json));

    assertThat(paths(e)).containsExactly("assets[0].price", "assets[1].colour",
        "assets[2].quantity", "assets[2].adv", "assets[2].retain", "horizn");
    assertThat(e.violations().get(0).rule()).isEqualTo("must be a number, was \"ten\"");
    assertThat(e.violations().get(1).rule()).startsWith("unknown field");
    assertThat(e.violations().get(2).rule()).isEqualTo("must be a number, was an array");
    assertThat(e.violations().get(3).rule()).isEqualTo("must be a number, was null");
    assertThat(e.violations().get(4).rule()).isEqualTo("must be an object, was 7");
    assertThat(e.violations().get(5).rule()).isEqualTo("unknown field, did you mean \"horizon\"?");
    // The first error is the exception's path and rule, as when only one is reported.
    assertThat(e.path()).isEqualTo("assets[0].price");
    assertThat(e.getMessage().lines()).hasSize(6)
        .first().isEqualTo("assets[0].price: must be a number, was \"ten\"");
  }

  @Test
  void aFileWithoutBindingErrorsReportsTheRuleOfEveryAsset() {
    // Both prices break "> 0"; each asset's first error is reported.
    String json = """
        {"account": {"cash": -100},
         "assets": [
          {"id": "A", "quantity": 10, "price": -1, "adv": 1000},
          {"id": "B", "quantity": 10, "price": 0, "adv": 1000}]}
        """;

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> ProblemJson.read(json));

    assertThat(e.getMessage()).isEqualTo(
        "assets[0].price: must be > 0, was -1.0\nassets[1].price: must be > 0, was 0.0");
  }

  @Test
  void theMessageListsTwentyErrorsAndCountsTheRest() {
    // 25 prices that are strings: 20 lines and "and 5 more errors".
    StringBuilder assets = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      assets.append(i == 0 ? "" : ",")
          .append("{\"id\": \"A").append(i).append("\", \"quantity\": 1, \"price\": \"x\","
              + " \"adv\": 1}");
    }
    String json = "{\"account\": {\"cash\": -1}, \"assets\": [" + assets + "]}";

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> ProblemJson.read(json));

    assertThat(e.violations()).hasSize(25);
    List<String> lines = e.getMessage().lines().toList();
    assertThat(lines).hasSize(InvalidInputException.SHOWN + 1);
    assertThat(lines.get(19)).isEqualTo("assets[19].price: must be a number, was \"x\"");
    assertThat(lines.get(20)).isEqualTo("and 5 more errors");
  }

  @Test
  void anErrorThatStopsTheParserEndsTheListAfterTheErrorsBeforeIt() {
    String json = "{\"account\": {\"cash\": \"c\"}, \"assets\": [}";

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> ProblemJson.read(json));

    assertThat(paths(e)).containsExactly("account.cash", "");
    // The '}' is character 39; the '[' it fails to close is character 38.
    assertThat(e.violations().get(1).rule()).isEqualTo("malformed JSON at line 1, column 39:"
        + " Unexpected close marker '}': expected ']' (for Array starting at line 1, column 38)");
  }

  @Test
  void theReadersLimitsAreNamedWithTheirLineColumnAndPath() {
    // The prefix {"account": {"cash": 1}, "extra": is 34 characters; the root object is level
    // 1, so the 1000th '[' (column 34 + 1000 = 1034) is level 1001, one past the limit, and
    // the parser reports the column after it.
    String deep = "{\"account\": {\"cash\": 1}, \"extra\": " + "[".repeat(1200)
        + "]".repeat(1200) + "}";
    assertThatThrownBy(() -> ProblemJson.read(deep))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith("extra[0][0][0]...: too large at line 1, column 1035: arrays and"
            + " objects nested more than 1000 deep (the limit of the reader)");

    // {"account": {"cash": is 21 characters, the number ends at column 21 + 1001 = 1022, and the
    // parser, as for the nesting, reports the column after it.
    String digits = "{\"account\": {\"cash\": " + "9".repeat(1001) + "}}";
    assertThatThrownBy(() -> ProblemJson.read(digits))
        .hasMessage("account.cash: too large at line 1, column 1023: a number of 1001"
            + " characters, at most 1000 are read");
  }

  @Test
  void everyBadRowOfAPortfolioIsReported() {
    String csv = "id,quantity,price,adv\nA,10,-1,100\nB,10,5,100\nC,x,5,100\nD,1,2\n";

    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> PortfolioCsv.read(csv, "p.csv", Account.of(-10), Horizon.ONE_DAY,
            Requirement.margin(), Objective.EXPECTED_LOSS));

    assertThat(e.getMessage()).isEqualTo("""
        p.csv row 2, column price: must be > 0, was -1.0
        p.csv row 4, column quantity: not a number: "x"
        p.csv row 5: has 3 fields, the header has 4""".strip());
  }

  @Test
  void everyErrorOfAPortfolioHeaderIsReportedBeforeTheRows() {
    String csv = "id,qty,price,price\nA,10,-1,1\n";

    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> PortfolioCsv.read(csv, "p.csv", Account.of(-10), Horizon.ONE_DAY,
            Requirement.margin(), Objective.EXPECTED_LOSS));

    assertThat(paths(e)).containsExactly("p.csv row 1, column 2", "p.csv row 1, column 4",
        "p.csv row 1", "p.csv row 1");
    assertThat(e.violations().get(2).rule()).isEqualTo("the header must name the column quantity");
    assertThat(e.violations().get(3).rule()).isEqualTo("the header must name the column adv");
  }

  @Test
  void everyBadCellOfAPriceHistoryIsReported() {
    String csv = "date,A,B\nd1,1,x\nd2,-2,3\nd3,4\nd4,5,6\n";

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> PriceHistoryCsv.read(csv, "h.csv"));

    assertThat(e.getMessage()).isEqualTo("""
        h.csv row 2, column B: not a number: "x"
        h.csv row 3, column A: must be > 0, was -2.0
        h.csv row 4: has 2 fields, the header has 3""".strip());
  }

  @Test
  void jsonNeverHoldsANonFiniteNumber() {
    // A writer that puts NaN or an infinity by mistake still writes null.
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("nan", Double.NaN);
    tree.put("inf", Double.NEGATIVE_INFINITY);
    tree.put("floatInf", Float.POSITIVE_INFINITY);
    tree.put("one", 1.5);
    FiniteNumbers.put(tree, "helper", Double.POSITIVE_INFINITY);

    assertThat(Json.write(tree)).isEqualTo("""
        {
          "nan": null,
          "inf": null,
          "floatInf": null,
          "one": 1.5,
          "helper": null
        }
        """);
  }
}
