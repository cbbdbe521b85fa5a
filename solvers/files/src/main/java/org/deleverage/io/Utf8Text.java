package org.deleverage.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deleverage.InvalidInputException;

/**
 * The text of an input file, which must be UTF-8 (FORMAT.md), decoded strictly: a UTF-8 byte
 * order mark is dropped; a UTF-16 or UTF-32 one, a NUL byte (UTF-16 and UTF-32 text without a
 * mark is full of them) and any byte sequence that is not UTF-8 are rejected as invalid input,
 * naming the byte offset (from 0), the line and column (from 1) and the byte, rather than read
 * as a replacement character or left to the JSON parser's own guess at the encoding. Linear in
 * the input's length. Stateless.
 */
final class Utf8Text {

  /** The path errors give a JSON input as a whole (its fields have JSON paths). */
  static final String WHOLE_INPUT = "input";

  private Utf8Text() {}

  /**
   * The UTF-8 text of {@code file}.
   *
   * @param file the file
   * @param source the name errors give the input
   * @return the text, without a byte order mark
   * @throws InvalidInputException naming {@code source} if the file is not UTF-8
   * @throws IOException if the file cannot be read
   */
  static String read(Path file, String source) throws IOException {
    return decode(Files.readAllBytes(file), source);
  }

  /**
   * The UTF-8 text of {@code in}, read to its end (not closed).
   *
   * @param in the stream
   * @param source the name errors give the input
   * @return the text, without a byte order mark
   * @throws InvalidInputException naming {@code source} if the stream is not UTF-8
   * @throws IOException if the stream cannot be read
   */
  static String read(InputStream in, String source) throws IOException {
    return decode(in.readAllBytes(), source);
  }

  /**
   * The UTF-8 text of {@code bytes}.
   *
   * @param bytes the bytes
   * @param source the name errors give the input
   * @return the text, without a byte order mark
   * @throws InvalidInputException naming {@code source} if the bytes are not UTF-8
   */
  static String decode(byte[] bytes, String source) {
    String mark = otherByteOrderMark(bytes);
    if (mark != null) {
      throw new InvalidInputException(source,
          "must be UTF-8, but byte 0 (line 1, column 1) starts the byte order mark of " + mark);
    }
    int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    for (int b = start; b < bytes.length; b++) {
      if (bytes[b] == 0) {
        throw new InvalidInputException(source, "must be UTF-8 text, but " + where(bytes, b)
            + " is a NUL byte (UTF-16 or UTF-32 text has them)");
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      throw new InvalidInputException(source, String.format(Locale.ROOT,
          "must be UTF-8, but %s is 0x%02X, which is not part of a UTF-8 character (save the"
              + " file as UTF-8)", where(bytes, at), bytes[at] & 0xFF));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** The name of a UTF-16 or UTF-32 byte order mark at the start of {@code bytes}, or null. */
  private static String otherByteOrderMark(byte[] bytes) {
    if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
      return "UTF-32 (big-endian)";
    }
    if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
      return "UTF-32 (little-endian)";
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return "UTF-16 (big-endian)";
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return "UTF-16 (little-endian)";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int b = 0; b < prefix.length; b++) {
      if ((bytes[b] & 0xFF) != prefix[b]) {
        return false;
      }
    }
    return true;
  }

  /** "byte B (line L, column C)": the offset from 0, the line and the byte's column from 1. */
  private static String where(byte[] bytes, int at) {
    int line = 1;
    int lineStart = 0;
    for (int b = 0; b < at; b++) {
      if (bytes[b] == '\n') {
        line++;
        lineStart = b + 1;
      }
    }
    return "byte " + at + " (line " + line + ", column " + (at - lineStart + 1) + ")";
  }
}
