package org.deleverage.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deleverage.InvalidInputException;

/**
 * The Jackson set-up shared by the readers and writers of this package, the only place where
 * Jackson is configured. Reading is strict: duplicate fields, content after the document and the
 * non-standard literals NaN and Infinity are errors, and decimals are read exactly (as {@link
 * java.math.BigDecimal}, trailing zeros kept) so that a bad number is reported as written.
 * Writing indents with two spaces and writes each double as {@link Double#toString} does, which
 * reads back to the same value. Immutable and thread-safe.
 */
final class Json {

  /** The strict mapper. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** The tree reader of {@link #MAPPER}. */
  static final ObjectReader READER = MAPPER.reader();

  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private static final Pattern NON_FINITE =
      Pattern.compile("^Non-standard token '([-+]?(?:NaN|Infinity|INF))'");

  private Json() {}

  /**
   * The error for input that is not JSON, with its line and column. A NaN or Infinity literal is
   * reported at its JSON path, like every other bad number.
   */
  static InvalidInputException malformed(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String at =
        where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    String message = e.getOriginalMessage();
    Matcher token = NON_FINITE.matcher(message);
    if (token.find() && e.getProcessor() instanceof JsonParser parser) {
      return new InvalidInputException(
          path(parser.getParsingContext()),
          "must be a finite number, was " + token.group(1) + " (not a JSON number" + at + ")");
    }
    return new InvalidInputException("", "malformed JSON" + at + ": " + message);
  }

  /** The path of the value a parser is at, in the form {@code assets[3].price}. */
  private static String path(JsonStreamContext context) {
    ArrayDeque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        segments.push("." + c.getCurrentName());
      }
    }
    String joined = String.join("", segments);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  /** {@code tree} as indented JSON ending in a newline. */
  static String write(JsonNode tree) {
    try {
      return WRITER.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree built in memory could not be written", e);
    }
  }

  /** Writes {@code tree} as indented UTF-8 JSON to {@code out}, which is not closed. */
  static void write(JsonNode tree, OutputStream out) throws IOException {
    out.write(write(tree).getBytes(StandardCharsets.UTF_8));
  }

  /** Puts {@code value} as {@code name}, or null when it is empty. */
  static void putOptional(ObjectNode parent, String name, OptionalDouble value) {
    if (value.isPresent()) {
      parent.put(name, value.getAsDouble());
    } else {
      parent.putNull(name);
    }
  }

  /** Puts {@code value} as {@code name}, or null when it is not finite (JSON has no infinity). */
  static void putFinite(ObjectNode parent, String name, double value) {
    if (Double.isFinite(value)) {
      parent.put(name, value);
    } else {
      parent.putNull(name);
    }
  }
}
