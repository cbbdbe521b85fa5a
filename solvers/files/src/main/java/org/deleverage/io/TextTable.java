package org.deleverage.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with fixed-width columns: a header, a rule under it, rows, and optional
 * rules between rows (before a total, say). A table whose headers are all empty is a list of
 * key-value lines and has no header line or rule. Each column is as wide as its widest cell; text
 * columns align left, number columns right; columns are two spaces apart. Not thread-safe: build
 * it, render it, drop it.
 */
final class TextTable {

  /** How the cells of a column align. */
  enum Align {
    LEFT,
    RIGHT
  }

  /** A column: its header and alignment. */
  record Column(String header, Align align) {
    static Column left(String header) {
      return new Column(header, Align.LEFT);
    }

    static Column right(String header) {
      return new Column(header, Align.RIGHT);
    }
  }

  private static final String GAP = "  ";

  private final List<Column> columns;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(Column... columns) {
    this.columns = List.of(columns);
  }

  /** Adds a row; it must have one cell per column. */
  TextTable row(String... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(
          "a row needs " + columns.size() + " cells, had " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  /** Adds a rule across the table. */
  TextTable rule() {
    rows.add(null);
    return this;
  }

  /** The table, each line starting with {@code indent} and ending with a line feed. */
  String render(String indent) {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = columns.get(c).header().length();
    }
    for (List<String> row : rows) {
      if (row != null) {
        for (int c = 0; c < widths.length; c++) {
          widths[c] = Math.max(widths[c], row.get(c).length());
        }
      }
    }
    StringBuilder text = new StringBuilder();
    List<String> headers = columns.stream().map(Column::header).toList();
    if (headers.stream().anyMatch(header -> !header.isEmpty())) {
      line(text, indent, headers, widths);
      ruleLine(text, indent, widths);
    }
    for (List<String> row : rows) {
      if (row == null) {
        ruleLine(text, indent, widths);
      } else {
        line(text, indent, row, widths);
      }
    }
    return text.toString();
  }

  private void line(StringBuilder text, String indent, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < widths.length; c++) {
      if (c > 0) {
        line.append(GAP);
      }
      String cell = cells.get(c);
      String padding = " ".repeat(widths[c] - cell.length());
      if (columns.get(c).align() == Align.RIGHT) {
        line.append(padding).append(cell);
      } else {
        line.append(cell).append(padding);
      }
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private static void ruleLine(StringBuilder text, String indent, int[] widths) {
    int total = 0;
    for (int width : widths) {
      total += width;
    }
    total += GAP.length() * (widths.length - 1);
    text.append(indent).append("-".repeat(total)).append('\n');
  }
}
