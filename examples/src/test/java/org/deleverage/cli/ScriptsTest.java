package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.runWithStdin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Requirement;
import org.deleverage.core.plan.Plan;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;

/** The scripts in examples/scripts run as written. */
class ScriptsTest {

  /**
   * plan.jsh, snippet by snippet through the JDK's JShell API (in this JVM, with the test
   * classpath, which holds the library): every snippet is accepted and runs without an
   * exception, and the plan it builds is the one the same problem gets from Java.
   */
  @Test
  void theJshellScriptRunsAndPlansLikeJava() throws IOException {
    String script = Files.readString(Path.of("scripts/plan.jsh"));
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      String remaining = withoutCommands(script);
      while (!remaining.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
        assertThat(info.completeness().isComplete()).as("snippet at: %s", remaining).isTrue();
        for (SnippetEvent event : shell.eval(info.source())) {
          assertThat(event.status()).as(info.source()).isNotEqualTo(Snippet.Status.REJECTED);
          assertThat(event.exception()).as(info.source()).isNull();
        }
        remaining = info.remaining();
      }
      List<SnippetEvent> loss = shell.eval("plan.expectedLoss()");
      assertThat(Double.parseDouble(loss.get(0).value())).isEqualTo(javaPlan().expectedLoss());
    }
  }

  /**
   * plan-from-stdin.sh pipes its problem into {@code plan - --format json --out -}: the same
   * command in-process, with the script's own problem, gives an optimal JSON plan on standard
   * output and nothing on standard error.
   */
  @Test
  void theStdinScriptsCommandReturnsAJsonPlan() throws IOException {
    String script = Files.readString(Path.of("scripts/plan-from-stdin.sh"));
    int start = script.indexOf("problem='") + "problem='".length();
    String problem = script.substring(start, script.indexOf('\'', start));
    assertThat(script).contains("java -jar \"$jar\" plan - --format json --out -");

    CommandRun.Result result = runWithStdin(problem, "plan", "-", "--format", "json", "--out", "-");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    JsonNode plan = new ObjectMapper().readTree(result.out());
    assertThat(plan.get("status").asText()).isEqualTo("optimal");
    assertThat(plan.get("objective").get("expectedLoss").asDouble()).isPositive();
  }

  /** The script without its JShell commands (lines starting with a slash, such as /exit). */
  private static String withoutCommands(String script) {
    StringBuilder code = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.startsWith("/")) {
        code.append(line).append('\n');
      }
    }
    return code.toString();
  }

  /** The script's problem, planned from Java. */
  private static Plan javaPlan() {
    DeleveragingProblem problem = DeleveragingProblem.builder()
        .cash(-11_000_000)
        .asset(Asset.builder("ACME").quantity(200_000).price(50).volatility(0.02).adv(4_000_000)
            .halfSpread(0.0005).marginRate(0.25).eta(2.5e-6).gamma(2.5e-7).maxParticipation(0.1)
            .build())
        .asset(Asset.builder("BETA").quantity(100_000).price(50).volatility(0.03).adv(500_000)
            .halfSpread(0.001).marginRate(0.5).eta(2e-5).gamma(1e-6).maxParticipation(0.1)
            .build())
        .horizon(Horizon.of(5, 1.0))
        .requirement(Requirement.margin().withDeadline(3))
        .build();
    return Solvers.optimal().plan(problem);
  }
}
