package org.deleverage.io;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deleverage.InvalidInputException;

/**
 * The Jackson set-up shared by the readers and writers of this package, the only place where
 * Jackson is configured.
 *
 * <p>Reading binds a file to records that mirror it (each reader's {@code ...File} records):
 * Jackson does the field-by-field work, strictly. A value is never coerced ({@code "5"} is not a
 * number, {@code 1.5} not an integer, a number too large for a double is not infinity); an
 * unknown field, a duplicate field, content after the document and NaN or Infinity are errors;
 * {@code null} is an error except for the types that say it means something ({@link
 * OptionalDouble}, {@link OptionalInt}, or a field marked {@code @JsonSetter(nulls = SET)}); a
 * field left out is {@code null} in the record, for the reader to default or require. Every
 * Jackson exception becomes an {@link InvalidInputException} naming the JSON path of the value at
 * fault and the rule, in the file format's words: {@code assets[1].price: must be a number, was
 * "abc"}, {@code assets[0].maxParticipaton: unknown field, did you mean "maxParticipation"?},
 * {@code malformed JSON at line 3, column 15: ...}.
 *
 * <p>Every unknown field and every value of the wrong type (or null where null is not allowed)
 * is reported, not only the first: binding goes on past them, and the read ends with one {@link
 * InvalidInputException} listing them all in the order of the file. An error that stops the
 * parser (malformed JSON, a duplicate field, a missing type id, a limit of the reader) ends the
 * list. Only a file that binds without error goes on to the readers' checks of the values.
 *
 * <p>The reader's limits ({@link StreamReadConstraints}' defaults): nesting at most {@value
 * #MAX_DEPTH} deep, numbers of at most {@value #MAX_NUMBER} characters, strings of at most
 * {@value #MAX_STRING} characters; beyond one, the error names the line and column (and the path
 * where it is known) and the limit.
 *
 * <p>Writing indents with two spaces and writes each double as {@link Double#toString} does,
 * which reads back to the same value. Immutable and thread-safe.
 */
final class Json {

  private static final int SHOWN_TEXT = 40;

  /** The deepest nesting of arrays and objects read. */
  static final int MAX_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

  /** The most characters of a number read. */
  static final int MAX_NUMBER = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

  /** The most characters of a string read. */
  static final int MAX_STRING = StreamReadConstraints.DEFAULT_MAX_STRING_LEN;

  /** The strict mapper. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .addModule(strictValues())
          .addHandler(new UnknownFields())
          .build();

  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private static final Pattern NON_FINITE =
      Pattern.compile("^Non-standard token '([-+]?(?:NaN|Infinity|INF))'");

  /** The length or depth a limit message of Jackson's states first. */
  private static final Pattern LIMIT_VALUE = Pattern.compile("\\((\\d+)\\)");

  private Json() {}

  /**
   * The document in {@code text} bound to {@code type}, which must be a JSON object.
   *
   * @param empty the rule when there is no document
   * @param notObject the rule when it is not an object, before ", was ..."
   */
  static <T> T read(String text, Class<T> type, String empty, String notObject) {
    Violations found = new Violations();
    try (JsonParser parser = MAPPER.createParser(text)) {
      try {
        JsonToken first = parser.nextToken();
        if (first == null) {
          throw new InvalidInputException("", empty);
        }
        if (first != JsonToken.START_OBJECT) {
          throw new InvalidInputException("", notObject + ", was " + describe(parser));
        }
        T value = MAPPER.readerFor(type).withAttribute(Violations.class, found)
            .readValue(parser);
        if (parser.nextToken() != null) {
          throw found.and(new InvalidInputException("", "malformed JSON"
              + at(parser.currentTokenLocation()) + ": content after the end of the document"));
        }
        found.throwIfAny();
        return value;
      } catch (JsonProcessingException e) {
        throw found.and(invalid(e, parser));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /** The value {@code make} returns, its errors placed under {@code path}. */
  static <T> T under(String path, Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidInputException e) {
      throw e.under(path);
    }
  }

  /**
   * Each of {@code items} converted, the errors of item {@code i} under {@code path[i]}: every
   * item is tried, and the errors of all of them are thrown together.
   */
  static <T, R> List<R> each(List<T> items, String path, Function<T, R> convert) {
    List<R> converted = new ArrayList<>(items.size());
    Violations found = new Violations();
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      try {
        converted.add(under(path + "[" + i + "]", () -> convert.apply(item)));
      } catch (InvalidInputException e) {
        found.add(e);
      }
    }
    found.throwIfAny();
    return converted;
  }

  /** {@code value}, which must have been given: an error naming {@code path} if it is not. */
  static <T> T required(T value, String path) {
    if (value == null) {
      throw new InvalidInputException(path, "is required");
    }
    return value;
  }

  /** {@code rows} as a matrix; a null row or entry is an error at its path under {@code path}. */
  static double[][] matrix(List<List<Double>> rows, String path) {
    double[][] matrix = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      matrix[i] = vector(required(rows.get(i), path + "[" + i + "]"), path + "[" + i + "]");
    }
    return matrix;
  }

  /** {@code values} as an array; a null entry is an error at its path under {@code path}. */
  static double[] vector(List<Double> values, String path) {
    double[] vector = new double[values.size()];
    for (int j = 0; j < values.size(); j++) {
      Double value = values.get(j);
      if (value == null) {
        throw new InvalidInputException(path + "[" + j + "]", "must be a number, was null");
      }
      vector[j] = value;
    }
    return vector;
  }

  /** {@code text} as it looks in an error message: JSON-quoted, cut after 40 characters. */
  static String quoted(String text) {
    String json = '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    return json.length() <= SHOWN_TEXT ? json : json.substring(0, SHOWN_TEXT) + "...\"";
  }

  // ---- translating Jackson's exceptions -------------------------------------------------------

  /** The invalid input {@code e} reports, read from {@code parser}. */
  private static InvalidInputException invalid(JsonProcessingException e, JsonParser parser)
      throws IOException {
    String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException invalid) {
        return invalid.under(path);
      }
      if (cause instanceof StreamConstraintsException limit) {
        return limit(limit, parser);
      }
      if (cause instanceof JsonParseException malformed) {
        return malformed(malformed);
      }
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new InvalidInputException(
          path, unknown("field", unknown.getPropertyName(), fields(unknown.getReferringClass())));
    }
    if (e instanceof InvalidTypeIdException typeId) {
      return unknownType(path, typeId);
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new InvalidInputException(path, "must be "
          + what(MAPPER.constructType(mismatch.getTargetType())) + ", was " + describe(parser));
    }
    return new InvalidInputException(path, e.getOriginalMessage());
  }

  /**
   * The error for a value beyond a limit of the reader, in the file format's words: what it is,
   * how large, the limit, its line and column, and its path where known (the nesting limit names
   * the first {@value #SHOWN_DEPTH} levels of its path, not a path a thousand levels deep).
   */
  private static InvalidInputException limit(StreamConstraintsException e, JsonParser parser) {
    String message = e.getOriginalMessage();
    Matcher value = LIMIT_VALUE.matcher(message);
    String size = value.find() ? value.group(1) + " " : "";
    String at = at(parser.currentLocation());
    if (message.startsWith("Document nesting depth")) {
      String path = path(parser.getParsingContext());
      String[] cut = path.split("(?=[.\\[])", SHOWN_DEPTH + 1);
      String shown = cut.length > SHOWN_DEPTH
          ? path.substring(0, path.length() - cut[SHOWN_DEPTH].length()) + "..."
          : path;
      return new InvalidInputException(shown.startsWith("[") || shown.isEmpty() ? "" : shown,
          "too large" + at + ": arrays and objects nested more than " + MAX_DEPTH
              + " deep (the limit of the reader)");
    }
    String what;
    int max;
    if (message.startsWith("Number value length")) {
      what = "a number of " + size + "characters";
      max = MAX_NUMBER;
    } else if (message.startsWith("String value length")) {
      what = "a string of " + size + "characters";
      max = MAX_STRING;
    } else if (message.startsWith("Name length")) {
      what = "a field name of " + size + "characters";
      max = StreamReadConstraints.DEFAULT_MAX_NAME_LEN;
    } else {
      return new InvalidInputException("", "too large" + at + ": beyond a limit of the reader");
    }
    return new InvalidInputException(path(parser.getParsingContext()),
        "too large" + at + ": " + what + ", at most " + max + " are read");
  }

  /** The levels of its path the nesting-limit error names. */
  private static final int SHOWN_DEPTH = 4;

  /**
   * The error for input that is not JSON, with its line and column. A NaN or Infinity literal is
   * reported at its JSON path, like every other bad number.
   */
  private static InvalidInputException malformed(JsonParseException e) {
    String at = at(e.getLocation());
    String message = e.getOriginalMessage();
    Matcher token = NON_FINITE.matcher(message);
    if (token.find() && e.getProcessor() != null) {
      JsonParser parser = e.getProcessor();
      return new InvalidInputException(
          path(parser.getParsingContext()),
          "must be a finite number, was " + token.group(1) + " (not a JSON number" + at + ")");
    }
    return new InvalidInputException("", "malformed JSON" + at + ": "
        + SOURCE.matcher(message).replaceAll("line $1, column $2"));
  }

  /** Where Jackson's message names a location in the source, with its internals. */
  private static final Pattern SOURCE =
      Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

  /** A type id ({@code "model": "cubic"}) missing or not one of the subtypes' names. */
  private static InvalidInputException unknownType(String path, InvalidTypeIdException e) {
    Class<?> base = e.getBaseType().getRawClass();
    String property = base.getAnnotation(JsonTypeInfo.class).property();
    String where = path.isEmpty() ? property : path + "." + property;
    if (e.getTypeId() == null) {
      return new InvalidInputException(where, "is required");
    }
    List<String> names = Arrays.stream(base.getAnnotation(JsonSubTypes.class).value())
        .map(type -> '"' + type.name() + '"')
        .toList();
    String choices = String.join(", ", names.subList(0, names.size() - 1))
        + " or " + names.get(names.size() - 1);
    return new InvalidInputException(
        where, "must be " + choices + ", was " + quoted(e.getTypeId()));
  }

  /** The fields of a file record, in its order: its type id first when it is a subtype. */
  private static List<String> fields(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Class<?> parent : type.getInterfaces()) {
      JsonTypeInfo typeInfo = parent.getAnnotation(JsonTypeInfo.class);
      if (typeInfo != null) {
        names.add(typeInfo.property());
      }
    }
    if (type.isRecord()) {
      // A component renamed with @JsonProperty (the annotation lands on the record's field) is
      // known by its name in the file.
      Arrays.stream(type.getRecordComponents()).forEach(c -> {
        JsonProperty renamed = null;
        try {
          renamed = type.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
          renamed = null;
        }
        names.add(renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName());
      });
    }
    return names;
  }

  /** The path of a mapping error, in the form {@code assets[3].price}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : e.getPath()) {
      if (step.getFieldName() != null) {
        path.append(field(step.getFieldName(), path.length() == 0));
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The path of the value a parser is at, in the form {@code assets[3].price}. */
  private static String path(JsonStreamContext context) {
    ArrayDeque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        segments.push(field(c.getCurrentName(), false));
      }
    }
    String joined = String.join("", segments);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  /**
   * The path of the value the parser is at: for the start of an object or array, the path of
   * that value, not of its first element.
   */
  private static String pathAt(JsonParser parser) {
    JsonStreamContext context = parser.getParsingContext();
    JsonToken token = parser.currentToken();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
        && context.getParent() != null) {
      context = context.getParent();
    }
    return path(context);
  }

  /**
   * Records the error {@code rule} at the value the parser is at when the read collects its
   * errors, and skips that value; throws it otherwise, and inside an object that Jackson has
   * buffered to find its type id first (the {@code model} of an impact given after other
   * fields), whose parser does not know the path: the thrown error gets its path from Jackson.
   *
   * @return null, the placeholder of the value in the bound record (which is never used, as
   *     the read ends with the errors)
   */
  private static <T> T wrong(DeserializationContext context, JsonParser parser, String rule)
      throws IOException {
    Object found = context.getAttribute(Violations.class);
    if (!(found instanceof Violations violations) || parser != context.getParser()) {
      throw new InvalidInputException("", rule);
    }
    violations.add(pathAt(parser), rule);
    parser.skipChildren();
    return null;
  }

  /**
   * Records or throws the error of a null where null is not allowed ({@link #wrong}). Jackson
   * also asks for the null value of a field whose value was already found wrong and skipped
   * (the parser is then not at a null): that error is not recorded twice. A null the parser is
   * not at, before any error, is one in a buffered object: thrown, with Jackson's path.
   */
  private static <T> T wrongNull(DeserializationContext context, String rule)
      throws IOException {
    JsonParser parser = context.getParser();
    if (context.getAttribute(Violations.class) instanceof Violations violations
        && parser != null && parser.currentToken() != JsonToken.VALUE_NULL) {
      if (violations.isEmpty()) {
        throw new InvalidInputException("", rule);
      }
      return null;
    }
    return wrong(context, parser, rule);
  }

  /**
   * An unknown field: its error recorded (the closest known name, or every name) and its value
   * skipped, so that binding goes on.
   */
  private static final class UnknownFields extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
        JsonDeserializer<?> deserializer, Object beanOrClass, String name) throws IOException {
      Object found = context.getAttribute(Violations.class);
      if (!(found instanceof Violations violations)) {
        return false;
      }
      String path;
      JsonParser read = context.getParser();
      if (parser == read) {
        path = pathAt(parser);
      } else if (read != null && read.currentToken() == JsonToken.END_OBJECT) {
        // A record keeps its unknown fields until it is built, at the end of its object, and
        // then replays them from a buffer whose parser does not know the path: the path is
        // the object's, where the file's parser now is, and the field's name.
        path = path(read.getParsingContext());
        path = path + field(name, path.isEmpty());
      } else {
        return false;
      }
      Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
      violations.add(path, unknown("field", name, fields(type)));
      parser.skipChildren();
      return true;
    }
  }

  /**
   * A field's segment of a path: {@code .name} ({@code name} first) for a plain name, {@code
   * ["name"]}, quoted and cut like {@link #quoted(String)}, for any other (a key with spaces,
   * punctuation or control characters).
   */
  private static String field(String name, boolean first) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return first ? name : "." + name;
    }
    return "[" + quoted(name) + "]";
  }

  /** A field name written as is in a path. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

  /** " at line L, column C", or nothing when the location is unknown. */
  private static String at(JsonLocation where) {
    return where == null || where.getLineNr() < 0
        ? ""
        : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }

  /** What a value of {@code type} must be: "an array", "an object" or its own description. */
  private static String what(JavaType type) {
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return "an array";
    }
    JsonClassDescription own = type.getRawClass().getAnnotation(JsonClassDescription.class);
    return own == null ? "an object" : own.value();
  }

  /** How the value a parser is at looks in an error message: its JSON text, or "an object". */
  private static String describe(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT, FIELD_NAME, END_OBJECT -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> quoted(parser.getText());
      case VALUE_NUMBER_INT -> parser.getBigIntegerValue().toString();
      case VALUE_NUMBER_FLOAT -> parser.getDecimalValue().toString();
      default -> parser.getText();
    };
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

  // ---- strict values --------------------------------------------------------------------------

  /**
   * The module that reads numbers, integers, booleans and strings strictly, and makes {@code
   * null} an error for every object and array (a field left out stays {@code null}).
   */
  private static SimpleModule strictValues() {
    SimpleModule module = new SimpleModule("deleverage-strict-values");
    module.addDeserializer(Double.class, new Strict<>(Double.class, "a number", Json::number));
    module.addDeserializer(Integer.class, new Strict<>(Integer.class, "an integer", Json::integer));
    module.addDeserializer(Boolean.class, new Strict<>(Boolean.class, "true or false",
        parser -> parser.currentToken().isBoolean() ? parser.getBooleanValue() : null));
    module.addDeserializer(String.class, new Strict<>(String.class, "a string",
        parser -> parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null));
    module.addDeserializer(OptionalDouble.class, new Strict<>(OptionalDouble.class, "a number",
        parser -> OptionalDouble.of(number(parser)), OptionalDouble.empty()));
    module.addDeserializer(OptionalInt.class, new Strict<>(OptionalInt.class, "an integer",
        parser -> OptionalInt.of(integer(parser)), OptionalInt.empty()));
    module.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(
          DeserializationConfig config, BeanDescription bean, JsonDeserializer<?> deserializer) {
        return deserializer instanceof Strict<?>
            ? deserializer
            : new NotNull(deserializer, what(bean.getType()));
      }

      @Override
      public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config,
          CollectionType type, BeanDescription bean, JsonDeserializer<?> deserializer) {
        return new NotNull(deserializer, "an array");
      }

      @Override
      public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config,
          MapType type, BeanDescription bean, JsonDeserializer<?> deserializer) {
        return new NotNull(deserializer, "an object");
      }
    });
    return module;
  }

  /** The finite number the parser is at, or null when it is at something else. */
  private static Double number(JsonParser parser) throws IOException {
    if (!parser.currentToken().isNumeric()) {
      return null;
    }
    double value = parser.getDoubleValue();
    if (!Double.isFinite(value)) {
      throw new InvalidInputException("", "must be a finite number, was " + describe(parser)
          + " (too large for a double)");
    }
    return value;
  }

  /** The integer the parser is at, within the range of an int, or null when not a number. */
  private static Integer integer(JsonParser parser) throws IOException {
    if (!parser.currentToken().isNumeric()) {
      return null;
    }
    BigDecimal exact = parser.getDecimalValue();
    try {
      return exact.intValueExact();
    } catch (ArithmeticException e) {
      String why = exact.stripTrailingZeros().scale() > 0 ? "" : " (out of range)";
      throw new InvalidInputException(
          "", "must be an integer, was " + describe(parser) + why);
    }
  }

  /** Reads the value at a parser, or returns null when it is of another JSON type. */
  @FunctionalInterface
  private interface ValueReader<T> {
    T read(JsonParser parser) throws IOException;
  }

  /**
   * A value of one JSON type, never coerced from another; null is {@code ifNull}, or null for a
   * field marked {@code @JsonSetter(nulls = SET)}, else an error.
   */
  private static final class Strict<T> extends StdScalarDeserializer<T>
      implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final transient ValueReader<T> reader;
    private final transient T ifNull;
    private final boolean nullable;

    Strict(Class<T> type, String what, ValueReader<T> reader) {
      this(type, what, reader, null, false);
    }

    Strict(Class<T> type, String what, ValueReader<T> reader, T ifNull) {
      this(type, what, reader, ifNull, false);
    }

    @SuppressWarnings("unchecked")
    private Strict(Class<?> type, String what, ValueReader<T> reader, T ifNull,
        boolean nullable) {
      super((Class<T>) type);
      this.what = what;
      this.reader = reader;
      this.ifNull = ifNull;
      this.nullable = nullable;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) {
      return nullable(property) ? new Strict<>(handledType(), what, reader, ifNull, true) : this;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      T value;
      try {
        value = reader.read(parser);
      } catch (InvalidInputException e) {
        return wrong(context, parser, e.rule());
      }
      if (value == null) {
        return wrong(context, parser, "must be " + what + ", was " + describe(parser));
      }
      return value;
    }

    @Override
    public T getNullValue(DeserializationContext context) throws JsonMappingException {
      if (ifNull == null && !nullable) {
        try {
          return wrongNull(context, "must be " + what + ", was null");
        } catch (IOException e) {
          throw JsonMappingException.from(context, "skipping a null", e);
        }
      }
      return ifNull;
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return null;
    }
  }

  /**
   * An object or array that is null when left out, and whose {@code null} is an error unless the
   * field is marked {@code @JsonSetter(nulls = SET)}.
   */
  private static final class NotNull extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final boolean nullable;

    NotNull(JsonDeserializer<?> delegate, String what) {
      this(delegate, what, false);
    }

    private NotNull(JsonDeserializer<?> delegate, String what, boolean nullable) {
      super(delegate);
      this.what = what;
      this.nullable = nullable;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new NotNull(delegate, what, nullable);
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) throws JsonMappingException {
      NotNull contextual = (NotNull) super.createContextual(context, property);
      return nullable(property)
          ? new NotNull(contextual.getDelegatee(), what, true)
          : contextual;
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonToken token = parser.currentToken();
      boolean array = "an array".equals(what);
      boolean fits = array
          ? token == JsonToken.START_ARRAY
          : token == JsonToken.START_OBJECT || token == JsonToken.FIELD_NAME
              || token == JsonToken.END_OBJECT;
      if (!fits) {
        return wrong(context, parser, "must be " + what + ", was " + describe(parser));
      }
      return super.deserialize(parser, context);
    }

    @Override
    public Object getNullValue(DeserializationContext context) throws JsonMappingException {
      if (nullable) {
        return null;
      }
      try {
        return wrongNull(context, "must be " + what + ", was null");
      } catch (IOException e) {
        throw JsonMappingException.from(context, "skipping a null", e);
      }
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return null;
    }
  }

  /** Whether {@code property} is marked {@code @JsonSetter(nulls = SET)}: null means left out. */
  private static boolean nullable(BeanProperty property) {
    JsonSetter setter = property == null ? null : property.getAnnotation(JsonSetter.class);
    return setter != null && setter.nulls() == Nulls.SET;
  }

  // ---- writing --------------------------------------------------------------------------------

  /**
   * The version of the layout of every JSON output (plan, curve, frontier, hierarchy, stress,
   * cascade, ADL), written first as {@code schemaVersion}. It changes only when a name is
   * removed or renamed or a figure changes its meaning or unit; added fields leave it as it is.
   */
  static final int SCHEMA_VERSION = 1;

  /** A new root object of a JSON output, with {@code schemaVersion} first. */
  static ObjectNode output() {
    return MAPPER.createObjectNode().put("schemaVersion", SCHEMA_VERSION);
  }

  /**
   * {@code tree} as indented JSON ending in a newline; a number that is not finite is written
   * {@code null} ({@link FiniteNumbers}).
   */
  static String write(JsonNode tree) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = new FiniteOnly(WRITER.createGenerator(text))) {
      WRITER.writeValue(generator, tree);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree built in memory could not be written", e);
    }
    return text + "\n";
  }

  /** A generator that writes {@code null} for a number that is not finite. */
  private static final class FiniteOnly extends JsonGeneratorDelegate {
    FiniteOnly(JsonGenerator delegate) {
      super(delegate, false);
    }

    @Override
    public void writeNumber(double value) throws IOException {
      if (Double.isFinite(value)) {
        super.writeNumber(value);
      } else {
        writeNull();
      }
    }

    @Override
    public void writeNumber(float value) throws IOException {
      if (Float.isFinite(value)) {
        super.writeNumber(value);
      } else {
        writeNull();
      }
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
    FiniteNumbers.put(parent, name, value);
  }
}
