package org.deleverage.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Rows to JSON trees and back, by a schema: the one translation between the Spark rows and the
 * file format the library reads and writes. A struct's null field is left out of its JSON object
 * (so the file's default applies); a null inside an array stays a JSON null (so the reader names
 * it). Rows hold Scala sequences and maps (views of Java ones), as {@link Row#getList} and {@link
 * Row#getJavaMap} expect; the Scala 2.13 converters tie this module to Spark's Scala 2.13 builds.
 */
final class JsonRows {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonRows() {}

  /** The JSON text of a tree. */
  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /** The tree of a JSON text the library wrote. */
  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the library wrote JSON it cannot read back", e);
    }
  }

  /**
   * A row of the schema from a JSON object; a field the object lacks (or has as null) is null.
   *
   * @throws IllegalStateException if the object has a field the schema lacks, or a value of
   *     another type: the schema and the library's writer disagree
   */
  static Row toRow(JsonNode node, StructType schema) {
    StructField[] fields = schema.fields();
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (schema.getFieldIndex(name).isEmpty()) {
        throw new IllegalStateException("the row schema has no field " + name);
      }
    }
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = toValue(node.get(fields[i].name()), fields[i].dataType());
    }
    return new GenericRowWithSchema(values, schema);
  }

  private static Object toValue(JsonNode node, DataType type) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (type instanceof StructType struct) {
      return toRow(node, struct);
    }
    if (type instanceof ArrayType array) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode element : node) {
        list.add(toValue(element, array.elementType()));
      }
      return CollectionConverters.asScala(list);
    }
    if (type instanceof MapType map) {
      Map<String, Object> values = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> values.put(e.getKey(),
          toValue(e.getValue(), map.valueType())));
      return CollectionConverters.asScala(values);
    }
    if (type.equals(DataTypes.StringType) && node.isTextual()) {
      return node.textValue();
    }
    if (type.equals(DataTypes.DoubleType) && node.isNumber()) {
      return node.doubleValue();
    }
    if (type.equals(DataTypes.IntegerType) && node.canConvertToInt() && node.isIntegralNumber()) {
      return node.intValue();
    }
    if (type.equals(DataTypes.LongType) && node.canConvertToLong() && node.isIntegralNumber()) {
      return node.longValue();
    }
    if (type.equals(DataTypes.BooleanType) && node.isBoolean()) {
      return node.booleanValue();
    }
    throw new IllegalStateException("a " + node.getNodeType() + " does not fit " + type);
  }

  /**
   * The JSON object of a row, by the row's own schema where it carries one (rows out of a
   * Dataset do), else by the given one. Null fields are left out, or written as nulls.
   */
  static ObjectNode toJson(Row row, StructType schema, boolean keepNulls) {
    StructType own = row.schema() != null ? row.schema() : schema;
    ObjectNode node = NODES.objectNode();
    StructField[] fields = own.fields();
    for (int i = 0; i < fields.length; i++) {
      if (row.isNullAt(i)) {
        if (keepNulls) {
          node.putNull(fields[i].name());
        }
        continue;
      }
      DataType type = fields[i].dataType();
      Object value;
      if (type instanceof ArrayType) {
        value = row.getList(i);
      } else if (type instanceof MapType) {
        value = row.getJavaMap(i);
      } else {
        value = row.get(i);
      }
      node.set(fields[i].name(), toJson(value, type, keepNulls));
    }
    return node;
  }

  private static JsonNode toJson(Object value, DataType type, boolean keepNulls) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (type instanceof StructType struct) {
      return toJson((Row) value, struct, keepNulls);
    }
    if (type instanceof ArrayType array) {
      ArrayNode node = NODES.arrayNode();
      for (Object element : asList(value)) {
        node.add(toJson(element, array.elementType(), keepNulls));
      }
      return node;
    }
    if (type instanceof MapType map) {
      ObjectNode node = NODES.objectNode();
      ((Map<?, ?>) value).forEach((k, v) -> node.set(String.valueOf(k),
          toJson(v, map.valueType(), keepNulls)));
      return node;
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return NODES.numberNode((double) f);
    }
    if (value instanceof Integer n) {
      return NODES.numberNode(n);
    }
    if (value instanceof Long n) {
      return NODES.numberNode(n);
    }
    if (value instanceof Short n) {
      return NODES.numberNode(n.intValue());
    }
    if (value instanceof Byte n) {
      return NODES.numberNode(n.intValue());
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof java.math.BigDecimal d) {
      return NODES.numberNode(d);
    }
    return NODES.textNode(String.valueOf(value));
  }

  /** A Java list, a Scala sequence (inside a row out of Spark) or an array, as a Java list. */
  private static List<?> asList(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<Object> list = new ArrayList<>(seq.length());
      for (int i = 0; i < seq.length(); i++) {
        list.add(seq.apply(i));
      }
      return list;
    }
    if (value instanceof Object[] array) {
      return Arrays.asList(array);
    }
    throw new IllegalStateException("not a list: " + value.getClass().getName());
  }
}
