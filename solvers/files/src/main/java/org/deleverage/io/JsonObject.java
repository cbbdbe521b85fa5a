package org.deleverage.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deleverage.InvalidInputException;

/**
 * One JSON object of an input file at a known path (for example {@code assets[3].retain}), read
 * field by field. Every error is an {@link InvalidInputException} whose path is the JSON path of
 * the field and whose rule names what was expected and what was found: {@code
 * assets[1].price: must be a number, was "abc"}.
 *
 * <p>A field that is left out takes its default; a field given as {@code null} is an error unless
 * the file format says that {@code null} means something (then the caller reads it with a {@code
 * nullable...} method). Numbers must be finite: JSON has no NaN or infinity, and a literal too
 * large for a double ({@code 1e400}) is rejected rather than read as infinity.
 */
final class JsonObject {

  private static final int SHOWN_TEXT = 40;

  private final JsonNode node;
  private final String path;

  private JsonObject(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The object {@code node} found at {@code path}; an error if it is not an object. */
  static JsonObject of(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new InvalidInputException(path, "must be an object, was " + describe(node));
    }
    return new JsonObject(node, path);
  }

  /** The path of this object. */
  String path() {
    return path;
  }

  /**
   * Checks that every field of this object is one of {@code known}: a misspelt field must not be
   * silently ignored.
   */
  JsonObject onlyFields(List<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidInputException(child(path, name), unknown("field", name, known));
      }
    }
    return this;
  }

  /**
   * The value {@code factory} builds from this object's fields, with its validation errors
   * placed under this object's path ({@code assets[2].price: must be > 0, was -5.0}).
   */
  <T> T built(java.util.function.Supplier<T> factory) {
    try {
      return factory.get();
    } catch (InvalidInputException e) {
      throw e.under(path);
    }
  }

  /** The names of this object's fields, in file order. */
  Iterator<String> fieldNames() {
    return node.fieldNames();
  }

  /** Whether the field is given and not {@code null}. */
  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** The path of field {@code name} of this object. */
  String pathOf(String name) {
    return child(path, name);
  }

  /** The field, which must be given and not be {@code null}. */
  JsonNode required(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new InvalidInputException(pathOf(name), "is required");
    }
    return value;
  }

  /** A required number. */
  double requiredNumber(String name) {
    return number(required(name), pathOf(name));
  }

  /** A required integer. */
  int requiredInteger(String name) {
    return integer(required(name), pathOf(name));
  }

  /** A number, or {@code fallback} when the field is left out. */
  double number(String name, double fallback) {
    JsonNode value = node.get(name);
    return value == null ? fallback : number(value, pathOf(name));
  }

  /** A number, or empty when the field is left out or {@code null}. */
  OptionalDouble nullableNumber(String name) {
    return has(name)
        ? OptionalDouble.of(number(node.get(name), pathOf(name)))
        : OptionalDouble.empty();
  }

  /** An integer, or {@code fallback} when the field is left out. */
  int integer(String name, int fallback) {
    JsonNode value = node.get(name);
    return value == null ? fallback : integer(value, pathOf(name));
  }

  /** An integer, or empty when the field is left out or {@code null}. */
  OptionalInt nullableInteger(String name) {
    return has(name) ? OptionalInt.of(integer(node.get(name), pathOf(name))) : OptionalInt.empty();
  }

  /** {@code true} or {@code false}, or {@code fallback} when the field is left out. */
  boolean bool(String name, boolean fallback) {
    JsonNode value = node.get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidInputException(
          pathOf(name), "must be true or false, was " + describe(value));
    }
    return value.booleanValue();
  }

  /** A required string. */
  String requiredString(String name) {
    JsonNode value = required(name);
    if (!value.isTextual()) {
      throw new InvalidInputException(pathOf(name), "must be a string, was " + describe(value));
    }
    return value.textValue();
  }

  /** A string, or {@code fallback} when the field is left out. */
  String string(String name, String fallback) {
    return node.get(name) == null ? fallback : requiredString(name);
  }

  /** The object in field {@code name}, or empty when the field is left out. */
  Optional<JsonObject> object(String name) {
    JsonNode value = node.get(name);
    return value == null ? Optional.empty() : Optional.of(of(value, pathOf(name)));
  }

  /** The required object in field {@code name}. */
  JsonObject requiredObject(String name) {
    return of(required(name), pathOf(name));
  }

  /** The array in field {@code name}, or empty when the field is left out or {@code null}. */
  Optional<JsonNode> nullableArray(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    return Optional.of(array(node.get(name), pathOf(name)));
  }

  /** The array in field {@code name}, or empty when the field is left out. */
  Optional<JsonNode> array(String name) {
    JsonNode value = node.get(name);
    return value == null ? Optional.empty() : Optional.of(array(value, pathOf(name)));
  }

  /** {@code node}, which must be an array. */
  static JsonNode array(JsonNode value, String path) {
    if (!value.isArray()) {
      throw new InvalidInputException(path, "must be an array, was " + describe(value));
    }
    return value;
  }

  /** The finite number {@code value} at {@code path}. */
  static double number(JsonNode value, String path) {
    if (!value.isNumber()) {
      throw new InvalidInputException(path, "must be a number, was " + describe(value));
    }
    double number = value.doubleValue();
    if (!Double.isFinite(number)) {
      throw new InvalidInputException(
          path, "must be a finite number, was " + value.asText() + " (too large for a double)");
    }
    return number;
  }

  /** The whole number {@code value} at {@code path}, within the range of an int. */
  static int integer(JsonNode value, String path) {
    if (!value.isNumber()) {
      throw new InvalidInputException(path, "must be an integer, was " + describe(value));
    }
    BigDecimal exact = value.decimalValue();
    try {
      return exact.intValueExact();
    } catch (ArithmeticException e) {
      String why = exact.stripTrailingZeros().scale() > 0 ? "" : " (out of range)";
      throw new InvalidInputException(path, "must be an integer, was " + value.asText() + why);
    }
  }

  /** The path of field {@code name} under {@code parent}. */
  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The path of element {@code index} under {@code parent}. */
  static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** How a value looks in an error message: its JSON text, or "an object" / "an array". */
  static String describe(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isTextual()) {
      String text = value.toString();
      return text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT) + "...\"";
    }
    return value.asText();
  }

  /**
   * The rule for an unknown {@code what} (field, column) called {@code name}: the closest known
   * name when it is close, else every known name.
   */
  static String unknown(String what, String name, List<String> known) {
    String closest = null;
    int best = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance =
          editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < best) {
        best = distance;
        closest = candidate;
      }
    }
    if (closest != null && best <= Math.max(1, Math.min(3, name.length() / 3))) {
      return "unknown " + what + ", did you mean \"" + closest + "\"?";
    }
    return "unknown " + what + " (the " + what + "s here are " + String.join(", ", known) + ")";
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
