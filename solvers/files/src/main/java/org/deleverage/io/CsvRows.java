package org.deleverage.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.deleverage.InvalidInputException;

/**
 * The rows of the CSV files the library reads, as Jackson's CSV parser reads them (RFC 4180): a
 * field is unquoted (spaces around it dropped) or quoted with doubled inner quotes, and a quoted
 * field may span lines; blank lines are skipped; lines end in LF, CRLF or CR. A row is numbered
 * by the line it starts on, so that errors name the row as an editor shows it; they name the
 * source, row and column.
 */
final class CsvRows {

  /** Rows as arrays of strings; the header is the first row, interpreted by the readers. */
  private static final CsvMapper MAPPER =
      CsvMapper.builder()
          .enable(CsvParser.Feature.WRAP_AS_ARRAY)
          .enable(CsvParser.Feature.TRIM_SPACES)
          .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
          .build();

  /** A decimal number, optionally signed, with an optional exponent. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private CsvRows() {}

  /**
   * One row.
   *
   * @param row the 1-based line it starts on
   * @param cells its fields
   */
  record Row(int row, List<String> cells) {}

  /**
   * The rows of {@code text}, a leading byte-order mark dropped, the header first: at least one.
   *
   * @throws InvalidInputException naming {@code source}, row and column of a malformed field, or
   *     {@code source} when there is no row
   */
  static List<Row> read(String text, String source) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    int row = 0;
    long rowEnd = 0;
    try (JsonParser parser = MAPPER.reader().with(CsvSchema.emptySchema()).createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING) {
          JsonLocation at = parser.currentTokenLocation();
          if (cells.isEmpty()) {
            row = at.getLineNr();
          }
          String cell = parser.getText();
          if (cell.indexOf('"') >= 0 && body.charAt((int) at.getCharOffset()) != '"') {
            throw new InvalidInputException(where(source, row, cells.size() + 1),
                "a quote inside an unquoted field; quote the whole field");
          }
          cells.add(cell);
        } else if (token == JsonToken.END_ARRAY && parser.getParsingContext().inArray()) {
          // the end of a row (the end of the whole array leaves the root context)
          rows.add(new Row(row, List.copyOf(cells)));
          cells.clear();
          rowEnd = parser.currentLocation().getCharOffset();
        }
      }
    } catch (JsonProcessingException e) {
      int at = cells.isEmpty() ? lineOfNextField(body, rowEnd) : row;
      throw new InvalidInputException(where(source, at, cells.size() + 1), rule(e));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(source, "the file is empty; expected a header row");
    }
    return rows;
  }

  /**
   * The finite decimal number in a non-empty cell.
   *
   * @param cell the cell's text
   * @param where the source, row and column, for errors
   * @return the number
   * @throws InvalidInputException naming {@code where} when the cell is not a decimal number or
   *     is too large for a double
   */
  static double decimal(String cell, String where) {
    if (!NUMBER.matcher(cell).matches()) {
      throw new InvalidInputException(where, "not a number: \"" + cell + "\"");
    }
    double value = Double.parseDouble(cell);
    if (Double.isInfinite(value)) {
      throw new InvalidInputException(where, "must be a finite number, was \"" + cell + "\"");
    }
    return value;
  }

  /** "{@code source} row R, column C", the column by number. */
  static String where(String source, int row, int column) {
    return source + " row " + row + ", column " + column;
  }

  /** The rule a parse error breaks, in the words of the file format rather than the parser's. */
  private static String rule(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message.startsWith("Missing closing quote")) {
      return "a quoted field is not closed on its line";
    }
    if (message.contains("Expected column separator")) {
      return "text between the closing quote and the comma";
    }
    return message;
  }

  /** The 1-based line of the first character after {@code from} that is not white space. */
  private static int lineOfNextField(String body, long from) {
    int line = 1;
    for (int c = 0; c < body.length(); c++) {
      char ch = body.charAt(c);
      if (c >= from && !Character.isWhitespace(ch)) {
        break;
      }
      if (ch == '\n' || ch == '\r' && (c + 1 == body.length() || body.charAt(c + 1) != '\n')) {
        line++;
      }
    }
    return line;
  }
}
