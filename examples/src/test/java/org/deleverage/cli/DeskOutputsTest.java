package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.deleverage.cli.CommandRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The outputs as a spreadsheet or a script loads them: every command's CSV read by a plain CSV
 * reader with its header checked against FORMAT.md's table of headers (parsed from the file, so
 * the documentation and the code cannot drift), a schema version in every JSON output, the plan
 * CSV's cash columns that add up, and the curve table's mark of the problem's own shortfall.
 */
class DeskOutputsTest {

  private static final Path FORMAT = Path.of("..", "solvers", "files", "FORMAT.md");

  /** The commands and the arguments that make each write its CSV quickly on the samples. */
  private static final Map<String, String[]> COMMANDS = commands();

  private static Map<String, String[]> commands() {
    Map<String, String[]> commands = new LinkedHashMap<>();
    commands.put("plan", new String[] {"plan"});
    commands.put("curve", new String[] {"curve", "--points", "3"});
    commands.put("frontier", new String[] {"frontier", "--points", "3"});
    commands.put("hierarchy", new String[] {"hierarchy"});
    commands.put("stress", new String[] {"stress"});
    commands.put("cascade", new String[] {"cascade"});
    commands.put("adl", new String[] {"adl"});
    commands.put("exchange", new String[] {"exchange"});
    return commands;
  }

  /** FORMAT.md's "CSV headers" table: command name to its columns. */
  static Map<String, List<String>> documentedHeaders() throws IOException {
    String format = Files.readString(FORMAT, StandardCharsets.UTF_8);
    int start = format.indexOf("\n## CSV headers\n");
    assertThat(start).as("FORMAT.md has a section 'CSV headers'").isPositive();
    int end = format.indexOf("\n## ", start + 1);
    String section = format.substring(start, end < 0 ? format.length() : end);
    Matcher row = Pattern.compile("(?m)^\\| `([a-z]+)` \\| `([^`]+)` \\|$").matcher(section);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    while (row.find()) {
      headers.put(row.group(1), List.of(row.group(2).split(",", -1)));
    }
    return headers;
  }

  @Test
  void formatDocumentsAHeaderForEveryCommandThatWritesCsv() throws IOException {
    assertThat(documentedHeaders()).containsOnlyKeys(COMMANDS.keySet());
  }

  @Test
  void everyCsvLoadsWithACsvReaderAndItsHeaderIsTheDocumentedOne() throws IOException {
    Map<String, List<String>> documented = documentedHeaders();
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    for (Map.Entry<String, String[]> command : COMMANDS.entrySet()) {
      List<String> args = new ArrayList<>(List.of(command.getValue()));
      args.addAll(List.of("--format", "csv", "--quiet"));
      CommandRun.Result result = run(args.toArray(String[]::new));
      assertThat(result.code()).as(command.getKey() + ": " + result.err()).isZero();
      assertThat(result.err()).as(command.getKey()).isEmpty();
      List<List<String>> rows = new ArrayList<>();
      try (MappingIterator<List<String>> it =
          mapper.readerForListOf(String.class).readValues(result.out())) {
        while (it.hasNext()) {
          rows.add(it.next());
        }
      }
      assertThat(rows.get(0)).as(command.getKey() + " header")
          .containsExactlyElementsOf(documented.get(command.getKey()));
      assertThat(rows).as(command.getKey() + " has rows").hasSizeGreaterThan(1);
      for (List<String> row : rows) {
        assertThat(row).as(command.getKey() + " row " + row).hasSameSizeAs(rows.get(0));
      }
      // The same text read by header names, as a spreadsheet import would.
      CsvSchema schema = CsvSchema.emptySchema().withHeader();
      try (MappingIterator<Map<String, String>> it = new CsvMapper()
          .readerForMapOf(String.class).with(schema).readValues(result.out())) {
        assertThat(it.next().keySet()).as(command.getKey())
            .containsExactlyElementsOf(documented.get(command.getKey()));
      }
    }
  }

  @Test
  void everyJsonOutputStartsWithItsSchemaVersion() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<String, String[]> command : COMMANDS.entrySet()) {
      List<String> args = new ArrayList<>(List.of(command.getValue()));
      args.addAll(List.of("--format", "json", "--quiet"));
      CommandRun.Result result = run(args.toArray(String[]::new));
      assertThat(result.code()).as(command.getKey() + ": " + result.err()).isZero();
      JsonNode root = json.readTree(result.out());
      assertThat(root.fieldNames().next()).as(command.getKey()).isEqualTo("schemaVersion");
      assertThat(root.get("schemaVersion").isInt()).as(command.getKey()).isTrue();
      assertThat(root.get("schemaVersion").asInt()).as(command.getKey()).isEqualTo(1);
    }
    CommandRun.Result lots = run("plan", "--lots", "--format", "json", "--quiet");
    assertThat(json.readTree(lots.out()).fieldNames().next()).isEqualTo("schemaVersion");
  }

  /**
   * The bundled sample buys back a short (SPY) and sells a long (NVDA) in period 1: the net cash
   * is negative, and it is the cash from sales less the cash paid, each the sum of its side's
   * notionals (quantity times expected price, MODEL.md section 13: K_k is the sum of d_i n_ik
   * times the expected price, so sales add and buy-backs subtract). Every column is checked
   * against the plan file's own figures.
   */
  @Test
  void thePlanCsvCarriesTheDeskReportsColumnsAndCashSignsReadNaturally() throws IOException {
    CommandRun.Result csv = run("plan", "--format", "csv", "--quiet");
    JsonNode plan = new ObjectMapper().readTree(run("plan", "--format", "json", "-q").out());
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.out())) {
      it.forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(plan.get("trades").size());
    Map<String, Double> sales = new LinkedHashMap<>();
    Map<String, Double> paid = new LinkedHashMap<>();
    for (int t = 0; t < rows.size(); t++) {
      Map<String, String> row = rows.get(t);
      JsonNode trade = plan.get("trades").get(t);
      JsonNode period = plan.get("periods").get(trade.get("period").asInt() - 1);
      double notional = trade.get("notional").asDouble();
      assertThat(Double.parseDouble(row.get("notional"))).isEqualTo(notional);
      assertThat(Double.parseDouble(row.get("totalCost")))
          .isEqualTo(trade.get("cost").get("total").asDouble());
      assertThat(Double.parseDouble(row.get("costBp"))).isCloseTo(
          1e4 * trade.get("cost").get("total").asDouble() / notional, within(1e-9));
      assertThat(Double.parseDouble(row.get("excess"))).isEqualTo(period.get("excess").asDouble());
      assertThat(Double.parseDouble(row.get("netCash")))
          .isEqualTo(period.get("cashRaised").asDouble());
      assertThat(Double.parseDouble(row.get("lossToDate")))
          .isEqualTo(period.get("loss").asDouble());
      double fromSales = Double.parseDouble(row.get("cashFromSales"));
      double cashPaid = Double.parseDouble(row.get("cashPaid"));
      assertThat(fromSales).isGreaterThanOrEqualTo(0.0);
      assertThat(cashPaid).isGreaterThanOrEqualTo(0.0);
      assertThat(fromSales - cashPaid).isCloseTo(Double.parseDouble(row.get("netCash")),
          within(1e-6 * (fromSales + cashPaid)));
      String asset = row.get("asset");
      for (JsonNode entry : plan.get("hierarchy")) {
        if (entry.get("asset").asText().equals(asset)) {
          assertThat(row.get("rank")).isEqualTo(entry.get("rank").asText());
        }
      }
      (row.get("side").equals("SELL") ? sales : paid).merge(row.get("period"), notional,
          Double::sum);
    }
    // Period 1 of the sample: a buy-back larger than the sale, so net cash is paid out.
    Map<String, String> first = rows.get(0);
    assertThat(Double.parseDouble(first.get("netCash"))).isNegative();
    assertThat(Double.parseDouble(first.get("cashFromSales")))
        .isCloseTo(sales.getOrDefault("1", 0.0), within(1e-6));
    assertThat(Double.parseDouble(first.get("cashPaid")))
        .isCloseTo(paid.getOrDefault("1", 0.0), within(1e-6));
    JsonNode period1 = plan.get("periods").get(0);
    assertThat(period1.get("cashFromSales").asDouble()
        - period1.get("cashPaid").asDouble())
        .isCloseTo(period1.get("cashRaised").asDouble(), within(1e-6));
    String table = run("plan", "-q").out();
    assertThat(table).contains("Cash from sales").contains("Cash paid").contains("Net cash");
  }

  /**
   * The sample's shortfall, 69,650,000 (the problem's own, as `plan` reports it), lies between
   * the curve's first two grid points of three (0 and S_max / 2), so the table gives it a row of
   * its own between them; the shadow price column is in basis points, the JSON's raw mu times
   * 10,000.
   */
  @Test
  void theCurveTableMarksTheProblemsShortfallAndGivesTheShadowPriceInBasisPoints()
      throws IOException {
    CommandRun.Result table = run("curve", "--points", "3", "-q");
    JsonNode curve = new ObjectMapper().readTree(
        run("curve", "--points", "3", "--format", "json", "-q").out());
    List<String> lines = table.out().lines().toList();
    int mark = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("<- this problem's shortfall")) {
        mark = i;
      }
    }
    assertThat(mark).isPositive();
    assertThat(lines.get(mark)).contains("69,650,000.00");
    assertThat(lines.get(mark - 1).trim()).startsWith("0.00");
    assertThat(table.out()).contains("shadow price bp");
    JsonNode first = curve.get("points").get(0);
    double mu = first.get("shadowPrice").asDouble();
    assertThat(first.get("shadowPriceBp").asDouble()).isCloseTo(1e4 * mu, within(1e-9));
    assertThat(lines.get(mark - 1)).contains(String.format(java.util.Locale.ROOT, "%,.2f",
        1e4 * mu));
  }
}
