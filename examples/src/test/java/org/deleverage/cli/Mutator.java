package org.deleverage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded mutations of an input file for {@link FuzzTest}: a value replaced by an extreme number,
 * a wrong type or a hostile string; a field removed or added; an array element duplicated or
 * removed; the bytes truncated, flipped, or given another encoding's prefix; a CSV cell changed.
 * The same seed gives the same mutation.
 */
final class Mutator {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Numbers at the edges of what a double holds, and just past the model's edges. */
  static final String[] EXTREME_NUMBERS = {
    "0", "-0.0", "-1", "1", "2", "0.5", "1e-9", "1e-300", "4.9e-324", "1e10", "1e300",
    "-1e300", "1.7976931348623157e308", "1.0000001", "0.9999999", "1e-12", "1e15", "-1e-300",
    "2147483648", "-2147483649", "9223372036854775808", "1e400", "3.5", "100", "1e6", "1e-6",
  };

  /** Strings a user or an attacker might type where a value belongs. */
  static final String[] HOSTILE_STRINGS = {
    "", " ", "NaN", "Infinity", "-Infinity", "null", "true", "1e999", "0x10", "\u0000",
    "\u001b[31mred\u001b[0m", "line\nbreak", "tab\tthere", "\u202eevil", "\ud83d\udca5",
    "x".repeat(5000), "\"quoted\"", "a,b", "../../etc/passwd", "%s%n", "margin", "cash",
    "linear", "power", "orderBook", "bitmex", "short", "long",
  };

  private final Random random;

  Mutator(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  /** One to three mutations of a JSON file's bytes. */
  byte[] json(byte[] original) {
    int kind = random.nextInt(20);
    if (kind == 0) {
      return bytes(original);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(original);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      root = mutateTree(root);
    }
    String text = random.nextBoolean() ? root.toPrettyString() : root.toString();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One to three mutations of a CSV file's cells, or of its bytes. */
  byte[] csv(byte[] original) {
    if (random.nextInt(8) == 0) {
      return bytes(original);
    }
    List<List<String>> rows = new ArrayList<>();
    for (String line : new String(original, StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        rows.add(new ArrayList<>(Arrays.asList(line.split(",", -1))));
      }
    }
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      int row = random.nextInt(rows.size());
      List<String> cells = rows.get(row);
      int column = random.nextInt(cells.size());
      switch (random.nextInt(7)) {
        case 0, 1, 2 -> cells.set(column, pick(EXTREME_NUMBERS));
        case 3 -> cells.set(column, csvSafe(pick(HOSTILE_STRINGS)));
        case 4 -> cells.remove(column);
        case 5 -> cells.add(column, pick(EXTREME_NUMBERS));
        default -> {
          if (rows.size() > 1 && random.nextBoolean()) {
            rows.remove(row);
          } else {
            rows.add(row, new ArrayList<>(cells));
          }
        }
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> cells : rows) {
      text.append(String.join(",", cells)).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String csvSafe(String value) {
    return value.contains(",") || value.contains("\n") || value.contains("\"")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  /** A byte-level mutation: truncation, a flipped byte, an encoding prefix, junk. */
  byte[] bytes(byte[] original) {
    switch (random.nextInt(7)) {
      case 0:
        return Arrays.copyOf(original, random.nextInt(original.length));
      case 1: {
        byte[] copy = original.clone();
        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        return copy;
      }
      case 2: {
        byte[][] prefixes = {
          {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE},
          {0, 0, (byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE, 0, 0},
          {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xC0, (byte) 0x80}
        };
        byte[] prefix = prefixes[random.nextInt(prefixes.length)];
        byte[] out = Arrays.copyOf(prefix, prefix.length + original.length);
        System.arraycopy(original, 0, out, prefix.length, original.length);
        return out;
      }
      case 3: {
        String charset = random.nextBoolean() ? "UTF-16LE" : "UTF-32";
        return new String(original, StandardCharsets.UTF_8)
            .getBytes(java.nio.charset.Charset.forName(charset));
      }
      case 4: {
        byte[] copy = original.clone();
        int at = random.nextInt(copy.length);
        copy[at] = (byte) (0x80 + random.nextInt(0x80));
        return copy;
      }
      case 5: {
        StringBuilder deep = new StringBuilder();
        int depth = 500 + random.nextInt(2000);
        deep.append("[".repeat(depth)).append("]".repeat(depth));
        return deep.toString().getBytes(StandardCharsets.UTF_8);
      }
      default: {
        byte[] junk = new byte[1 + random.nextInt(64)];
        random.nextBytes(junk);
        return junk;
      }
    }
  }

  private JsonNode mutateTree(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return root;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    int kind = random.nextInt(12);
    if (kind < 4 || (kind < 6 && !slot.value.isNumber())) {
      slot.set.accept(extremeNumber());
    } else if (kind < 6) {
      slot.set.accept(numberNear(slot.value.asDouble()));
    } else if (kind == 6) {
      slot.set.accept(NODES.textNode(pick(HOSTILE_STRINGS)));
    } else if (kind == 7) {
      slot.set.accept(wrongType());
    } else if (kind == 8 && slot.parent instanceof ObjectNode object) {
      object.remove(slot.name);
    } else if (kind == 8 && slot.parent instanceof ArrayNode array && array.size() > 0) {
      array.remove(slot.index);
    } else if (kind == 9 && slot.parent instanceof ObjectNode object) {
      object.set(random.nextBoolean() ? slot.name + "x" : pick(HOSTILE_STRINGS), wrongType());
    } else if (kind == 9 && slot.parent instanceof ArrayNode array) {
      array.insert(slot.index, slot.value.deepCopy());
    } else if (kind == 10) {
      ArrayNode big = NODES.arrayNode();
      int size = random.nextInt(4) == 0 ? 100_000 : 1 + random.nextInt(50);
      for (int i = 0; i < size; i++) {
        big.add(slot.value.deepCopy());
      }
      slot.set.accept(big);
    } else {
      slot.set.accept(NODES.nullNode());
    }
    return root;
  }

  private JsonNode extremeNumber() {
    String text = pick(EXTREME_NUMBERS);
    if (text.contains("e4")) {
      return NODES.numberNode(new java.math.BigDecimal(text));
    }
    if (!text.contains(".") && !text.contains("e") && text.length() > 9) {
      return NODES.numberNode(new java.math.BigInteger(text));
    }
    return NODES.numberNode(Double.parseDouble(text));
  }

  private JsonNode numberNear(double value) {
    double[] factors = {1e-12, 1e-6, 1e-3, 0.5, 2, 1e3, 1e6, 1e12, -1};
    return NODES.numberNode(value * factors[random.nextInt(factors.length)]);
  }

  private JsonNode wrongType() {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.textNode(pick(HOSTILE_STRINGS));
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.arrayNode().add(1).add("x");
      case 3 -> NODES.objectNode().put("x", 1);
      case 4 -> NODES.numberNode(random.nextInt(100) - 50);
      default -> NODES.nullNode();
    };
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** A place in the tree that holds a value, and how to replace it. */
  private record Slot(JsonNode parent, String name, int index, JsonNode value,
      Consumer<JsonNode> set) {}

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      fields.forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> entry : entries) {
        String name = entry.getKey();
        slots.add(new Slot(object, name, -1, entry.getValue(), v -> object.set(name, v)));
        collect(entry.getValue(), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        int index = i;
        slots.add(new Slot(array, null, i, array.get(i), v -> array.set(index, v)));
        collect(array.get(i), slots);
      }
    }
  }
}
