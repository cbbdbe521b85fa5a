package org.deleverage.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.deleverage.InvalidInputException;

/**
 * Lines and fields of the CSV files the library reads (RFC 4180 fields on one line each): a
 * field is unquoted (trimmed) or quoted with doubled inner quotes; errors name the source, row
 * and column.
 */
final class CsvLines {

  /** A decimal number, optionally signed, with an optional exponent. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private CsvLines() {}

  /**
   * The header row: the first line that is not blank.
   *
   * @param row its 1-based row
   * @param fields its fields
   */
  record Header(int row, List<String> fields) {}

  /** The header of {@code lines}, or an error naming {@code source} when every line is blank. */
  static Header header(String[] lines, String source) {
    for (int row = 1; row <= lines.length; row++) {
      if (!lines[row - 1].isBlank()) {
        return new Header(row, fields(lines[row - 1], source, row));
      }
    }
    throw new InvalidInputException(source, "the file is empty; expected a header row");
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

  /** The lines of {@code text}, a leading byte-order mark dropped, split at LF or CRLF. */
  static String[] lines(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return body.split("\r?\n", -1);
  }

  /** The fields of one line: unquoted (trimmed) or quoted with doubled inner quotes. */
  static List<String> fields(String line, String source, int row) {
    List<String> fields = new ArrayList<>();
    int at = 0;
    while (true) {
      while (at < line.length() && line.charAt(at) == ' ') {
        at++;
      }
      StringBuilder field = new StringBuilder();
      if (at < line.length() && line.charAt(at) == '"') {
        at++;
        while (true) {
          if (at >= line.length()) {
            throw new InvalidInputException(
                source + " row " + row + ", column " + (fields.size() + 1),
                "a quoted field is not closed on its line");
          }
          char c = line.charAt(at++);
          if (c != '"') {
            field.append(c);
          } else if (at < line.length() && line.charAt(at) == '"') {
            field.append('"');
            at++;
          } else {
            break;
          }
        }
        while (at < line.length() && line.charAt(at) == ' ') {
          at++;
        }
        if (at < line.length() && line.charAt(at) != ',') {
          throw new InvalidInputException(
              source + " row " + row + ", column " + (fields.size() + 1),
              "text between the closing quote and the comma");
        }
      } else {
        int end = line.indexOf(',', at);
        String raw = line.substring(at, end < 0 ? line.length() : end);
        if (raw.indexOf('"') >= 0) {
          throw new InvalidInputException(
              source + " row " + row + ", column " + (fields.size() + 1),
              "a quote inside an unquoted field; quote the whole field");
        }
        field.append(raw.strip());
        at += raw.length();
      }
      fields.add(field.toString());
      if (at >= line.length()) {
        return fields;
      }
      at++; // the comma
    }
  }
}
