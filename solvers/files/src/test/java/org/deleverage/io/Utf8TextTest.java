package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Input text is UTF-8, strictly: a UTF-8 byte order mark is dropped, and anything else that is
 * not UTF-8 is invalid input naming the byte, its line and column, never a replacement character.
 */
class Utf8TextTest {

  private static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int b = 0; b < values.length; b++) {
      result[b] = (byte) values[b];
    }
    return result;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void utf8WithAndWithoutItsByteOrderMarkReadsTheSame() {
    String text = "{\"id\": \"Caf\u00e9 \u65e5\u672c \ud83d\ude00\"}\n";
    byte[] plain = utf8(text);
    byte[] marked = new byte[plain.length + 3];
    marked[0] = (byte) 0xEF;
    marked[1] = (byte) 0xBB;
    marked[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, marked, 3, plain.length);

    assertThat(Utf8Text.decode(plain, "input")).isEqualTo(text);
    assertThat(Utf8Text.decode(marked, "input")).isEqualTo(text);
    assertThat(Utf8Text.decode(new byte[0], "input")).isEmpty();
  }

  @Test
  void utf16AndUtf32MarksAreNamed() {
    assertThatThrownBy(() -> Utf8Text.decode(bytes(0xFF, 0xFE, '{', 0), "input"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input: must be UTF-8, but byte 0 (line 1, column 1) starts the byte order"
            + " mark of UTF-16 (little-endian)");
    assertThatThrownBy(() -> Utf8Text.decode(bytes(0xFE, 0xFF, 0, '{'), "input"))
        .hasMessageEndingWith("UTF-16 (big-endian)");
    assertThatThrownBy(() -> Utf8Text.decode(bytes(0xFF, 0xFE, 0, 0, '{', 0, 0, 0), "input"))
        .hasMessageEndingWith("UTF-32 (little-endian)");
    assertThatThrownBy(() -> Utf8Text.decode(bytes(0, 0, 0xFE, 0xFF, 0, 0, 0, '{'), "input"))
        .hasMessageEndingWith("UTF-32 (big-endian)");
  }

  /** UTF-16 without a mark: '{' then a NUL byte, at byte 1 of line 1. */
  @Test
  void aNulByteIsNamedWhereItIs() {
    assertThatThrownBy(() -> Utf8Text.decode(bytes('{', 0, '}', 0), "input"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input: must be UTF-8 text, but byte 1 (line 1, column 2) is a NUL byte"
            + " (UTF-16 or UTF-32 text has them)");
  }

  /**
   * "a,b\nCaf" then Latin-1's 0xE9 for the e-acute: bytes 0-3 are "a,b\n", line 2 starts at byte
   * 4, and 0xE9 (which would start a three-byte UTF-8 character, but "0," does not continue one)
   * is byte 7, column 4.
   */
  @Test
  void aByteThatIsNotUtf8IsNamedByOffsetLineAndColumn() {
    byte[] latin1 = "a,b\nCaf\u00e90,1\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> Utf8Text.decode(latin1, "book.csv"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("book.csv: must be UTF-8, but byte 7 (line 2, column 4) is 0xE9, which is"
            + " not part of a UTF-8 character (save the file as UTF-8)");
  }

  /** A two-byte character cut after its first byte, at the end: reported at that byte. */
  @Test
  void aCharacterCutShortAtTheEndIsNamed() {
    assertThatThrownBy(() -> Utf8Text.decode(bytes('x', 0xC3), "input"))
        .hasMessageContaining("byte 1 (line 1, column 2) is 0xC3");
  }

  /** An invalid byte inside a key is an error, not silently dropped from the key. */
  @Test
  void anInvalidByteInAJsonKeyIsNotReadAsTheKey() {
    byte[] json = bytes('{', '"', 0xFF, 'i', 'd', '"', ':', '1', '}');

    assertThatThrownBy(() -> ProblemJson.read(new java.io.ByteArrayInputStream(json)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("byte 2 (line 1, column 3) is 0xFF");
  }
}
