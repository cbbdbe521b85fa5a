package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceHistoryCsvTest {

  private static final double NA = Double.NaN;

  private static final String WEEK =
      """
      date,AAPL,BTC
      2025-01-03,243.36,96886.88
      2025-01-04,,98107.43
      2025-01-05, ,98236.23
      2025-01-06,245.00,1.02e5
      """;

  @TempDir Path dir;

  @Test
  void readsLabelsIdsAndPricesWithEmptyCellsMissing() {
    PriceHistory history = PriceHistoryCsv.read(WEEK, "week.csv");

    assertThat(history.source()).isEqualTo("week.csv");
    assertThat(history.assets()).containsExactly("AAPL", "BTC");
    assertThat(history.days())
        .containsExactly("2025-01-03", "2025-01-04", "2025-01-05", "2025-01-06");
    assertThat(history.prices())
        .isEqualTo(
            new double[][] {
              {243.36, 96886.88}, {NA, 98107.43}, {NA, 98236.23}, {245.00, 102000.0}
            });
  }

  @Test
  void selectsColumnsByIdInTheOrderAskedAndIgnoresTheOthers() {
    PriceHistory history = PriceHistoryCsv.read(WEEK, "week.csv");

    assertThat(history.prices(List.of("BTC")))
        .isEqualTo(new double[][] {{96886.88}, {98107.43}, {98236.23}, {102000.0}});
    assertThatThrownBy(() -> history.prices(List.of("BTC", "MSFT", "AAPL", "XOM")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("week.csv row 1: no price column for the assets MSFT, XOM of the problem");
    assertThatThrownBy(() -> history.prices(List.of("ETH")))
        .hasMessage("week.csv row 1: no price column for the asset ETH of the problem");
  }

  @Test
  void toleratesQuotesCrlfByteOrderMarkBlankLinesAndSpaces() {
    String text =
        "\uFEFFday , \"A, Inc.\",\"say \"\"B\"\"\"\r\n"
            + "\r\n"
            + "\"Mon, 1\", 10 ,\"20\"\r\n"
            + "Tue,11,\r\n"
            + "\n";

    PriceHistory history = PriceHistoryCsv.read(text, "q.csv");

    assertThat(history.assets()).containsExactly("A, Inc.", "say \"B\"");
    assertThat(history.days()).containsExactly("Mon, 1", "Tue");
    assertThat(history.prices()).isEqualTo(new double[][] {{10, 20}, {11, NA}});
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          abc    | h.csv row 3, column BTC: not a number: "abc"
          NaN    | h.csv row 3, column BTC: not a number: "NaN"
          0x10   | h.csv row 3, column BTC: not a number: "0x10"
          1,5    | h.csv row 3: has 4 fields, the header has 3
          -3     | h.csv row 3, column BTC: must be > 0, was -3.0
          0      | h.csv row 3, column BTC: must be > 0, was 0.0
          1e999  | h.csv row 3, column BTC: must be a finite number, was "1e999"
          "7     | h.csv row 3, column 3: a quoted field is not closed on its line
          "7"x   | h.csv row 3, column 3: text between the closing quote and the comma
          7"     | h.csv row 3, column 3: a quote inside an unquoted field; quote the whole field
          """)
  void aBadCellIsNamedByRowAndColumn(String cell, String message) {
    String text = "date,AAPL,BTC\n2025-01-03,243.36,96886.88\n2025-01-04,244.1," + cell + "\n";

    assertThatThrownBy(() -> PriceHistoryCsv.read(text, "h.csv"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @Test
  void theRowNumberIsTheLineNumberCountingBlankLines() {
    String text = "date,MSFT\n\n2025-01-03,420\n\n\n2025-01-06,421\n2025-01-07,abc\n";

    assertThatThrownBy(() -> PriceHistoryCsv.read(text, "history.csv"))
        .hasMessage("history.csv row 7, column MSFT: not a number: \"abc\"");
  }

  @Test
  void rejectsABadHeaderOrTooFewRows() {
    assertThatThrownBy(() -> PriceHistoryCsv.read("", "h.csv"))
        .hasMessage("h.csv: the file is empty; expected a header row");
    assertThatThrownBy(() -> PriceHistoryCsv.read("\n \n", "h.csv"))
        .hasMessage("h.csv: the file is empty; expected a header row");
    assertThatThrownBy(() -> PriceHistoryCsv.read("date\n2025-01-03\n", "h.csv"))
        .hasMessage(
            "h.csv row 1: the header must name a date column and at least one asset, had 1"
                + " column");
    assertThatThrownBy(() -> PriceHistoryCsv.read("date,A,,B\n", "h.csv"))
        .hasMessage("h.csv row 1, column 3: an asset id is required");
    assertThatThrownBy(() -> PriceHistoryCsv.read("date,A,B,A\n", "h.csv"))
        .hasMessage("h.csv row 1, column 4: duplicate asset id \"A\" (also column 2)");
    assertThatThrownBy(() -> PriceHistoryCsv.read("date,A\nd1,10\n", "h.csv"))
        .hasMessage("h.csv: needs at least 2 rows of prices after the header, had 1");
  }

  @Test
  void readsAFileOrAStreamAndNamesIt() throws IOException {
    Path file = Files.writeString(dir.resolve("history.csv"), WEEK);
    PriceHistory fromFile = PriceHistoryCsv.read(file);
    PriceHistory fromStream =
        PriceHistoryCsv.read(new ByteArrayInputStream(WEEK.getBytes(StandardCharsets.UTF_8)), "in");

    assertThat(fromFile.source()).isEqualTo(file.toString());
    assertThat(fromFile.prices()).isEqualTo(fromStream.prices());
    Path bad = Files.writeString(dir.resolve("bad.csv"), "date,A\nd1,1\nd2,x\n");
    assertThatThrownBy(() -> PriceHistoryCsv.read(bad))
        .hasMessage(bad + " row 3, column A: not a number: \"x\"");
  }

  /** A quoted field may span lines, in the header or a day's label; rows keep their lines. */
  @Test
  void aQuotedFieldSpanningLinesIsReadAndLaterRowsKeepTheirLineNumbers() {
    String text = "date,\"A\nclass\",B\n\"Mon\n3 Jan\",10,20\nTue,11,21\nWed,12,x\n";

    assertThatThrownBy(() -> PriceHistoryCsv.read(text, "m.csv"))
        .hasMessage("m.csv row 6, column B: not a number: \"x\"");
    PriceHistory history = PriceHistoryCsv.read(text.replace(",x", ",22"), "m.csv");
    assertThat(history.assets()).containsExactly("A\nclass", "B");
    assertThat(history.days()).containsExactly("Mon\n3 Jan", "Tue", "Wed");
    assertThat(history.prices()).isEqualTo(new double[][] {{10, 20}, {11, 21}, {12, 22}});
  }

  /** A quote left open runs to the end of the file: named at the row and column it opens. */
  @Test
  void aQuoteLeftOpenIsNamedWhereItOpens() {
    assertThatThrownBy(() -> PriceHistoryCsv.read("date,A\nd1,1\n\"d2,2\nd3,3\n", "o.csv"))
        .hasMessage("o.csv row 3, column 1: a quoted field is not closed on its line");
  }

  @Test
  void pricesAreCopies() {
    PriceHistory history = PriceHistoryCsv.read(WEEK, "week.csv");
    history.prices()[0][0] = -1;
    history.prices(List.of("AAPL"))[0][0] = -1;
    assertThat(history.prices()[0][0]).isEqualTo(243.36);
  }
}
