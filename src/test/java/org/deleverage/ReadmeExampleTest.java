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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java usage example of the README is real code: this test cuts it out of README.md, compiles
 * it against the library and runs it.
 */
class ReadmeExampleTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeJavaExampleCompilesAndRuns(@TempDir Path work) throws Exception {
    String readme = Files.readString(Path.of("..", "..", "README.md"), StandardCharsets.UTF_8);
    Matcher block = JAVA_BLOCK.matcher(readme);
    assertThat(block.find()).as("README.md has a ```java block").isTrue();
    String source = block.group(1);
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
        new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass(className.group(1)).getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines).anyMatch(line -> line.contains("SELL"));
  }
}
