package org.deleverage.io;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
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
 * <p>Writing indents with two spaces and writes each double as {@link Double#toString} does,
 * which reads back to the same value. Immutable and thread-safe.
 */
final class Json {

  private static final int SHOWN_TEXT = 40;

  /** The strict mapper. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .addModule(strictValues())
          .build();

  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private static final Pattern NON_FINITE =
      Pattern.compile("^Non-standard token '([-+]?(?:NaN|Infinity|INF))'");

  /** Where a limit message names the Jackson setting that sets it. */
  private static final Pattern LIMIT_SOURCE = Pattern.compile(", from `[^`]*`");

  private Json() {}

  /**
   * The document in {@code text} bound to {@code type}, which must be a JSON object.
   *
   * @param empty the rule when there is no document
   * @param notObject the rule when it is not an object, before ", was ..."
   */
  static <T> T read(String text, Class<T> type, String empty, String notObject) {
    try (JsonParser parser = MAPPER.createParser(text)) {
      try {
        JsonToken first = parser.nextToken();
        if (first == null) {
          throw new InvalidInputException("", empty);
        }
        if (first != JsonToken.START_OBJECT) {
          throw new InvalidInputException("", notObject + ", was " + describe(parser));
        }
        T value = MAPPER.readValue(parser, type);
        if (parser.nextToken() != null) {
          throw new InvalidInputException("", "malformed JSON" + at(parser.currentTokenLocation())
              + ": content after the end of the document");
        }
        return value;
      } catch (JsonProcessingException e) {
        throw invalid(e, parser);
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

  /** Each of {@code items} converted, the errors of item {@code i} under {@code path[i]}. */
  static <T, R> List<R> each(List<T> items, String path, Function<T, R> convert) {
    List<R> converted = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      converted.add(under(path + "[" + i + "]", () -> convert.apply(item)));
    }
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
        // The nesting limit names the whole input, not a path a thousand levels deep.
        String rule = LIMIT_SOURCE.matcher(limit.getOriginalMessage()).replaceAll("");
        boolean nesting = rule.startsWith("Document nesting depth");
        return new InvalidInputException(nesting ? "" : path(parser.getParsingContext()),
            "too large" + at(parser.currentLocation()) + ": " + rule);
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
    return new InvalidInputException("", "malformed JSON" + at + ": " + message);
  }

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
      Arrays.stream(type.getRecordComponents()).forEach(c -> names.add(c.getName()));
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
      T value = reader.read(parser);
      if (value == null) {
        throw new InvalidInputException("", "must be " + what + ", was " + describe(parser));
      }
      return value;
    }

    @Override
    public T getNullValue(DeserializationContext context) {
      if (ifNull == null && !nullable) {
        throw new InvalidInputException("", "must be " + what + ", was null");
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
    public Object getNullValue(DeserializationContext context) {
      if (nullable) {
        return null;
      }
      throw new InvalidInputException("", "must be " + what + ", was null");
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
