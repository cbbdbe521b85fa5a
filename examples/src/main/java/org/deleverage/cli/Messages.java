package org.deleverage.cli;

/**
 * Error messages made safe for a terminal: control characters escaped, and strings echoed from
 * the input cut to {@value #MAX_ECHO} characters.
 */
final class Messages {

  /** The most characters of an input string an error message echoes. */
  static final int MAX_ECHO = 80;

  /** The most characters of a whole error line. */
  static final int MAX_LINE = 2000;

  private Messages() {}

  /** {@code text}, cut to {@value #MAX_ECHO} characters, its control characters escaped. */
  static String echo(String text) {
    String cut = text.length() > MAX_ECHO
        ? text.substring(0, MAX_ECHO) + "...(" + text.length() + " characters)"
        : text;
    return escape(cut);
  }

  /**
   * {@code line} with every control character (C0, DEL, C1, and the bidirectional overrides that
   * reorder what a terminal shows) written as {@code \\uXXXX}, and cut to {@value #MAX_LINE}
   * characters.
   */
  static String escape(String line) {
    StringBuilder safe = new StringBuilder(Math.min(line.length(), MAX_LINE) + 16);
    for (int i = 0; i < line.length(); i++) {
      if (safe.length() >= MAX_LINE) {
        safe.append("...(cut at ").append(MAX_LINE).append(" characters)");
        break;
      }
      char c = line.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069)) {
        safe.append(String.format("\\u%04x", (int) c));
      } else {
        safe.append(c);
      }
    }
    return safe.toString();
  }
}
