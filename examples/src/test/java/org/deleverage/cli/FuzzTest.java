package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through every command, in-process: seeded mutations ({@link Mutator}) of every
 * bundled sample and example file, piped or named, with random formats, output files and
 * option values. Every run must end with exit code 0, 2, 3 or {@link
 * DeleverageCommand#TIME_LIMIT}; every exit-2 message must name where the fault is (a JSON path,
 * a CSV row and column, a byte offset, a line and column, or an option), on every line when the
 * input has several errors; a failed run leaves no output file and prints nothing on standard
 * output; and no output holds NaN or an infinity (in a table or CSV, no word NaN, Infinity, inf
 * or the infinity sign that is not an id of the input).
 *
 * <p>CI runs {@value #DEFAULT_CASES} cases. More on demand, with another first seed:
 *
 * <pre>
 *   mvn -o test -pl examples -am -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Ddeleverage.fuzz.cases=20000 -Ddeleverage.fuzz.seed=1
 * </pre>
 *
 * A case is replayed alone by its seed: {@code -Ddeleverage.fuzz.cases=1
 * -Ddeleverage.fuzz.seed=SEED}; {@code -Ddeleverage.fuzz.keep=DIR} keeps the input and the
 * arguments of every failing case, and of every case that meets a numerical limit (exit 5), in
 * DIR. The summary (exit codes, failures, wall time) is
 * printed on standard output.
 */
class FuzzTest {

  /** Cases of a CI run. */
  static final int DEFAULT_CASES = 1500;

  /** The time limit given to every run, seconds. */
  static final int TIME_LIMIT_SECONDS = 20;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * A token of a non-finite number in text output, as Java, C, Python or a spreadsheet spells
   * it: NaN, Infinity, inf (any case, signed) or the infinity sign, not inside a longer word.
   */
  static final Pattern NON_FINITE = Pattern.compile(
      "(?<![A-Za-z0-9_.])[-+]?(?:(?i:nan|infinity|inf)|\u221e)(?![A-Za-z0-9_])");

  /** The line after the listed errors of an input that has more than the CLI shows. */
  static final Pattern MORE_ERRORS = Pattern.compile("^deleverage: and \\d+ more errors?$");

  /**
   * Where an error is: a path with a colon after it at the start of the message, a CSV row, a
   * line, a byte offset, or an option or argument name.
   */
  static final Pattern LOCATED =
      Pattern.compile(
          "^deleverage: (?:"
              // a JSON path, root field or index first: assets[3].price: , [0]["a b"]:
              + "(?:[A-Za-z_][A-Za-z0-9_]*|\\[(?:\\d+|\"(?:[^\"\\\\]|\\\\.)*\")\\])"
              + "(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[(?:\\d+|\"(?:[^\"\\\\]|\\\\.)*\")\\])*"
              + ": "
              // a CSV row (and column) of a named file or of standard input
              + "|.*\\brow \\d+(?:, column [^:]+)?: "
              // a byte offset, or a line and column, of malformed or mis-encoded input
              + "|.*\\bbyte \\d+ \\(line \\d+, column \\d+\\)"
              + "|(?:malformed JSON|too large) at line \\d+, column \\d+"
              // the document as a whole, which is not an object or is empty
              + "|the [a-zA-Z -]+ (?:must be a JSON object|is empty)"
              // an option or argument
              + "|.*(?:--[a-z][a-z-]+|\\b(?:INPUT|PROBLEM|FILE)\\b))");

  /** One input of one command. */
  record Target(String command, String resource, boolean csv, List<String> args) {}

  static final List<Target> TARGETS = List.of(
      new Target("plan", "sample-margin-call.json", false, List.of()),
      new Target("plan", "/examples/market-impact.json", false, List.of()),
      new Target("plan", "/examples/portfolio.csv", true, List.of("--csv", "--cash", "-5e8")),
      new Target("plan", "sample-history.csv", true, List.of("--history")),
      new Target("curve", "sample-margin-call.json", false, List.of("--points", "3")),
      new Target("frontier", "sample-margin-call.json", false, List.of("--points", "3")),
      new Target("hierarchy", "sample-margin-call.json", false, List.of()),
      new Target("stress", "sample-stress.json", false, List.of()),
      new Target("stress", "/examples/stress.json", false, List.of()),
      new Target("cascade", "sample-cascade.json", false, List.of()),
      new Target("cascade", "/examples/cascade.json", false, List.of()),
      new Target("adl", "sample-adl.json", false, List.of()),
      new Target("adl", "/examples/adl.json", false, List.of()),
      new Target("exchange", "sample-exchange.json", false, List.of()),
      new Target("exchange", "/examples/exchange.json", false, List.of()),
      new Target("plan", "/examples/transient-impact.json", false, List.of()),
      new Target("stress", "/examples/liquidity-stress.json", false, List.of()),
      new Target("cascade", "/examples/liquidity-spiral.json", false, List.of()),
      new Target("cascade", "/examples/cascade-rules.json", false, List.of()));

  /** Options that take values, with the values to try. */
  private static final String[][] OPTION_VALUES = {
    {"--points", "0", "1", "2", "-5", "1000000000", "x", "3.5"},
    {"--rounds", "0", "-1", "1000000000", "x"},
    {"--threads", "0", "-1", "100000", "x"},
    {"--min-risk-aversion", "0", "-1", "1e300", "NaN", "Infinity"},
    {"--max-risk-aversion", "0", "1e-300", "1e300", "NaN"},
    {"--cash", "NaN", "1e300", "-1e300", "Infinity", "x"},
    {"--period-length", "1e-300", "0", "NaN", "1e300"},
    {"--periods", "0", "-1", "100000000", "x"},
    {"--time-limit", "0", "-1", "NaN", "1e300", "x"},
    {"--format", "xml", "", "JSON"},
    {"--solver", "nope", "greedy", ""},
    {"--rule", "nope", ""},
  };

  private static byte[] load(String resource) throws IOException {
    if (resource.startsWith("/examples/")) {
      Path file = examplesDir().resolve(resource.substring("/examples/".length()));
      return Files.readAllBytes(file);
    }
    try (InputStream in = DeleverageCommand.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  private static Path examplesDir() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isRegularFile(here.resolve("adl.json")) ? here : here.resolve("examples");
  }

  /** What the cases came to. */
  static final class Tally {
    final Map<Integer, Integer> codes = new TreeMap<>();
    final List<String> failures = new ArrayList<>();
    int unlocated;
    int nonFinite;
    int pastLimit;
    int partial;
    int badCode;
    final List<String> numericalLimits = new ArrayList<>();
  }

  @Test
  void hostileInputGetsAPlanOrAClearError(@TempDir Path dir) throws IOException {
    int cases = Integer.getInteger("deleverage.fuzz.cases", DEFAULT_CASES);
    long first = Long.getLong("deleverage.fuzz.seed", 20_240_518L);
    long started = System.nanoTime();
    Tally tally = new Tally();
    for (int i = 0; i < cases; i++) {
      runCase(first + i, dir, tally);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "fuzz: %d cases from seed %d in %.1f s; exit codes %s; exit outside {0,2,3,%d}: %d;"
            + " exit-2 messages without a path: %d; non-finite outputs: %d; partial outputs: %d;"
            + " runs past the %d s limit: %d; numerical limits (exit %d): %d%n",
        cases, first, seconds, tally.codes, DeleverageCommand.TIME_LIMIT, tally.badCode,
        tally.unlocated, tally.nonFinite, tally.partial, TIME_LIMIT_SECONDS, tally.pastLimit,
        DeleverageCommand.NUMERICAL_LIMIT, tally.numericalLimits.size());
    tally.numericalLimits.stream().limit(50).forEach(System.out::println);
    tally.failures.stream().limit(200).forEach(System.out::println);
    assertThat(tally.failures).isEmpty();
  }

  /** Runs the case of {@code seed} and adds what it came to. */
  static void runCase(long seed, Path dir, Tally tally) throws IOException {
    Mutator mutator = new Mutator(seed);
    Random random = mutator.random();
    Target target = TARGETS.get(random.nextInt(TARGETS.size()));
    byte[] original = load(target.resource());
    byte[] input = target.csv() ? mutator.csv(original) : mutator.json(original);
    List<String> args = new ArrayList<>();
    args.add(target.command());
    Path named = dir.resolve("in-" + seed + (target.csv() ? ".csv" : ".json"));
    boolean history = target.args().contains("--history");
    if (history) {
      Files.write(named, input);
      args.add("-");
      args.add("--history");
      args.add(named.toString());
      input = load(PlanCommand.SAMPLE);
    } else if (random.nextInt(4) == 0) {
      Files.write(named, input);
      args.add(named.toString());
      args.addAll(target.args());
    } else {
      args.add("-");
      args.addAll(target.args());
    }
    String format = new String[] {"table", "json", "csv"}[random.nextInt(3)];
    args.add("--format");
    args.add(format);
    Path out = null;
    if (random.nextInt(3) == 0) {
      out = dir.resolve("out-" + seed + "." + format);
      args.add("--out");
      args.add(out.toString());
    }
    if (random.nextInt(10) == 0) {
      String[] option = OPTION_VALUES[random.nextInt(OPTION_VALUES.length)];
      args.add(option[0]);
      args.add(option[1 + random.nextInt(option.length - 1)]);
    }
    args.add("--time-limit");
    args.add(Integer.toString(TIME_LIMIT_SECONDS));
    long started = System.nanoTime();
    CommandRun.Result result = CommandRun.runWithStdinBytes(input, args.toArray(String[]::new));
    double seconds = (System.nanoTime() - started) / 1e9;
    int failuresBefore = tally.failures.size();
    String label = "seed " + seed + " " + String.join(" ", args.subList(0, 1))
        + " " + target.resource() + " code " + result.code() + ": ";
    tally.codes.merge(result.code(), 1, Integer::sum);
    String err = result.err().replaceFirst("^deleverage: no INPUT given[^\n]*\n", "");
    int code = result.code();
    if (code == DeleverageCommand.NUMERICAL_LIMIT) {
      tally.numericalLimits.add(label + firstLine(err));
    } else if (code != 0 && code != 2 && code != 3 && code != DeleverageCommand.TIME_LIMIT) {
      tally.badCode++;
      tally.failures.add(label + firstLine(err));
    }
    if (code == 2 && !located(err)) {
      tally.unlocated++;
      tally.failures.add(label + "no path: " + firstLine(err));
    }
    if (seconds > TIME_LIMIT_SECONDS + 5) {
      tally.pastLimit++;
      tally.failures.add(label + String.format("ran %.1f s", seconds));
    }
    String output = out != null && Files.exists(out)
        ? Files.readString(out, StandardCharsets.UTF_8)
        : result.out();
    if (code != 0) {
      if ((out != null && Files.exists(out)) || !result.out().isEmpty()) {
        tally.partial++;
        tally.failures.add(label + "partial output");
      }
      try (Stream<Path> left = Files.list(dir)) {
        if (left.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"))) {
          tally.partial++;
          tally.failures.add(label + "temporary file left");
        }
      }
    } else if (!finite(output, format, new String(input, StandardCharsets.UTF_8))) {
      tally.nonFinite++;
      tally.failures.add(label + "non-finite output");
    }
    String keep = System.getProperty("deleverage.fuzz.keep");
    boolean limited = code == DeleverageCommand.NUMERICAL_LIMIT;
    if (keep != null && (tally.failures.size() > failuresBefore || limited)) {
      // A failing case, or one that met a numerical limit: its standard input, the file it
      // named (the mutated one, for a history case) and its arguments.
      Path kept = Files.createDirectories(Path.of(keep));
      Files.write(kept.resolve("seed-" + seed + ".in"), input);
      if (Files.exists(named)) {
        Files.copy(named, kept.resolve(named.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      String why = limited
          ? tally.numericalLimits.get(tally.numericalLimits.size() - 1)
          : tally.failures.get(tally.failures.size() - 1);
      Files.writeString(kept.resolve("seed-" + seed + ".args"), String.join("\n", args)
          + "\n# " + why + "\n");
    }
    Files.deleteIfExists(named);
    if (out != null) {
      Files.deleteIfExists(out);
    }
  }

  /**
   * Whether an exit-2 error names where every fault is: its first line, and each line after it
   * (one per error when an input has several), the last possibly counting the errors not shown.
   */
  static boolean located(String err) {
    List<String> lines = err.lines().toList();
    if (lines.isEmpty() || !LOCATED.matcher(lines.get(0)).find()) {
      return false;
    }
    for (String line : lines.subList(1, lines.size())) {
      if (!LOCATED.matcher(line).find() && !MORE_ERRORS.matcher(line).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  /**
   * Whether {@code output} holds only finite numbers: in JSON every number node and every string
   * that spells a non-finite number (unless the input itself holds that string, an echoed id);
   * in a table or CSV every token.
   */
  static boolean finite(String output, String format, String input) {
    if ("json".equals(format)) {
      JsonNode root;
      try {
        root = MAPPER.readTree(output);
      } catch (IOException e) {
        return false;
      }
      return finiteTree(root, input);
    }
    var matcher = NON_FINITE.matcher(output);
    while (matcher.find()) {
      if (!echoed(matcher.group(), input)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code token} stands in the input as a word of its own (an asset id such as {@code
   * inf}, quoted in JSON or a cell in CSV), so that the output echoes it rather than writing a
   * non-finite number; {@code info} in the input does not make {@code inf} an echo.
   */
  static boolean echoed(String token, String input) {
    return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(token) + "(?![A-Za-z0-9_])")
        .matcher(input).find();
  }

  private static boolean finiteTree(JsonNode node, String input) {
    if (node.isNumber()) {
      return Double.isFinite(node.asDouble());
    }
    if (node.isTextual()) {
      String text = node.asText();
      // A string that spells a non-finite number is an echoed input string (an id), not a
      // number, when the input holds it (quoted in JSON, a cell in CSV).
      return !NON_FINITE.matcher(text).matches() || echoed(text, input);
    }
    Iterator<JsonNode> children = node.elements();
    while (children.hasNext()) {
      if (!finiteTree(children.next(), input)) {
        return false;
      }
    }
    return true;
  }
}
