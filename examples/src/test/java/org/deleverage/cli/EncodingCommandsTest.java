package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.run;
import static org.deleverage.cli.CommandRun.runWithStdinBytes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command reads its input as UTF-8, named or piped alike: a UTF-8 byte order mark is
 * accepted, UTF-16, UTF-32 and Latin-1 are invalid input (exit 2) with the byte that shows it,
 * and nothing is written.
 */
class EncodingCommandsTest {

  private static byte[] sample(String name) throws IOException {
    try (InputStream in = DeleverageCommand.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] reencoded(byte[] utf8, Charset charset) {
    return new String(utf8, StandardCharsets.UTF_8).getBytes(charset);
  }

  @Test
  void aUtf8ByteOrderMarkIsAccepted(@TempDir Path dir) throws IOException {
    byte[] plain = sample(PlanCommand.SAMPLE);
    byte[] marked = new byte[plain.length + 3];
    marked[0] = (byte) 0xEF;
    marked[1] = (byte) 0xBB;
    marked[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, marked, 3, plain.length);
    Path file = dir.resolve("marked.json");
    Files.write(file, marked);

    CommandRun.Result named = run("plan", file.toString(), "--format", "json");
    CommandRun.Result piped = runWithStdinBytes(marked, "plan", "-", "--format", "json");
    CommandRun.Result plain2 = runWithStdinBytes(plain, "plan", "-", "--format", "json");

    assertThat(named.code()).as(named.err()).isZero();
    assertThat(piped.code()).as(piped.err()).isZero();
    assertThat(named.out().replaceAll("\"solveMillis\": *[0-9.E-]+", ""))
        .isEqualTo(plain2.out().replaceAll("\"solveMillis\": *[0-9.E-]+", ""));
  }

  /**
   * UTF-16 (Java's encoder writes a big-endian mark) and UTF-32 (without one, so its first NUL
   * byte shows it), on every JSON command.
   */
  @Test
  void utf16AndUtf32AreInvalidInputWhetherNamedOrPiped(@TempDir Path dir) throws IOException {
    String[][] commands = {
      {"plan", PlanCommand.SAMPLE},
      {"stress", "sample-stress.json"},
      {"cascade", "sample-cascade.json"},
      {"adl", "sample-adl.json"},
    };
    for (String[] command : commands) {
      for (Charset charset : new Charset[] {StandardCharsets.UTF_16, Charset.forName("UTF-32")}) {
        byte[] encoded = reencoded(sample(command[1]), charset);
        Path file = dir.resolve(command[0] + "-" + charset.name() + ".json");
        Files.write(file, encoded);
        Path out = dir.resolve(command[0] + "-" + charset.name() + ".out");

        CommandRun.Result named = run(command[0], file.toString(), "--out", out.toString());
        CommandRun.Result piped = runWithStdinBytes(encoded, command[0], "-");

        String label = command[0] + " in " + charset;
        assertThat(named.code()).as(label + ": " + named.err())
            .isEqualTo(DeleverageCommand.INVALID_INPUT);
        assertThat(piped.code()).as(label + ": " + piped.err())
            .isEqualTo(DeleverageCommand.INVALID_INPUT);
        assertThat(named.err()).as(label).contains(charset == StandardCharsets.UTF_16
            ? "input: must be UTF-8, but byte 0 (line 1, column 1) starts the byte order mark"
                + " of UTF-16 (big-endian)"
            : "input: must be UTF-8 text, but byte 0 (line 1, column 1) is a NUL byte");
        assertThat(piped.err()).as(label).isEqualTo(named.err());
        assertThat(out).as(label).doesNotExist();
      }
    }
  }

  /**
   * A portfolio CSV saved as Latin-1: its e-acute (0xE9) is named by byte, line and column,
   * whether the file is named or piped (named, the message names the file; piped, standard
   * input).
   */
  @Test
  void aLatin1PortfolioIsInvalidInputWhetherNamedOrPiped(@TempDir Path dir) throws IOException {
    String csv = "id,quantity,price,adv,eta\nCaf\u00e9,1000,10,100000,1e-6\n";
    byte[] latin1 = csv.getBytes(StandardCharsets.ISO_8859_1);
    Path file = dir.resolve("latin.csv");
    Files.write(file, latin1);

    CommandRun.Result named = run("plan", file.toString(), "--cash", "-5000");
    CommandRun.Result piped = runWithStdinBytes(latin1, "plan", "-", "--csv", "--cash", "-5000");

    String rule = ": must be UTF-8, but byte 29 (line 2, column 4) is 0xE9, which is not part of a"
        + " UTF-8 character (save the file as UTF-8)";
    assertThat(named.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(piped.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(named.err()).contains("latin.csv" + rule);
    assertThat(piped.err()).contains(rule);
  }
}
