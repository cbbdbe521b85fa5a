package org.deleverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of the README are real code: this test cuts them out of README.md, compiles
 * them against the library and runs them.
 */
class ReadmeExampleTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  /** The quick start, the first block: it prints its plan's trades. */
  @Test
  void readmeJavaExampleCompilesAndRuns(@TempDir Path work) throws Exception {
    List<String> blocks = javaBlocks();
    assertThat(blocks).as("README.md has a ```java block").isNotEmpty();

    List<String> lines = compileAndRun(blocks.get(0), work);

    assertThat(lines).isNotEmpty();
    assertThat(lines).anyMatch(line -> line.contains("SELL"));
  }

  /**
   * The batch example, the second block. Account k borrows 7.5m + 0.5m k against 200,000 units
   * at 50 (10m) with a margin rate of 0.25 (requirement 2.5m): equity 2.5m - 0.5m k, shortfall
   * 0.5m k. Selling a unit frees 0.25 x 50 = 12.5 of requirement and costs only the cost of
   * selling it, so the whole position frees 2.5m less those costs: account 0 needs no sale (loss
   * 0), accounts 1 to 4 (0.5m to 2m) can cover, account 5 (2.5m) cannot. One line per account,
   * in order.
   */
  @Test
  void readmeBatchExampleCompilesAndRuns(@TempDir Path work) throws Exception {
    List<String> blocks = javaBlocks();
    assertThat(blocks).as("README.md has a second ```java block").hasSizeGreaterThanOrEqualTo(2);

    List<String> lines = compileAndRun(blocks.get(1), work);

    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo("account 0: expected loss 0.00");
    for (int k = 1; k < 5; k++) {
      assertThat(lines.get(k)).startsWith("account " + k + ": expected loss ");
    }
    assertThat(lines.get(5)).startsWith("account 5: cannot cover, at most 2");
  }

  private static List<String> javaBlocks() throws Exception {
    String readme = Files.readString(Path.of("..", "..", "README.md"), StandardCharsets.UTF_8);
    Matcher block = JAVA_BLOCK.matcher(readme);
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  /** Compiles {@code source} against the library and runs its main; the lines it printed. */
  private static List<String> compileAndRun(String source, Path work) throws Exception {
    Matcher className = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(className.find()).as("the example declares a public class").isTrue();
    Path file = work.resolve(className.group(1) + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        compiler.run(
            null,
            diagnostics,
            diagnostics,
            "--release", "17",
            "-classpath", System.getProperty("java.class.path"),
            "-d", work.toString(),
            file.toString());
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {work.toUri().toURL()},
            ReadmeExampleTest.class.getClassLoader())) {
      Method main = loader.loadClass(className.group(1)).getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
