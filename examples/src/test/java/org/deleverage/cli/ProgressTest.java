package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleverage.cli.CommandRun.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Progress on standard error, {@code --quiet}, {@code --progress} and {@code --version}. In
 * these runs standard error is a buffer, not the process's, so progress is off unless {@code
 * --progress} asks for it: the default can be seen only in a terminal.
 */
class ProgressTest {

  @Test
  void progressIsOffByDefaultWhenStandardErrorIsNotTheTerminal() {
    CommandRun.Result result = run("curve", "--points", "3", "--format", "csv");

    assertThat(result.code()).isZero();
    assertThat(result.err()).doesNotContain("deleverage: curve:");
  }

  @Test
  void progressGoesToStandardErrorForEveryLongCommandWhenAskedFor() {
    CommandRun.Result curve = run("curve", "--points", "3", "--format", "csv", "--progress");
    CommandRun.Result frontier = run("frontier", "--points", "3", "--format", "csv", "--progress");
    CommandRun.Result stress = run("stress", "--format", "csv", "--progress");
    CommandRun.Result cascade = run("cascade", "--format", "csv", "--progress");

    assertThat(curve.err()).contains("deleverage: curve: ").contains("solves, done");
    assertThat(frontier.err()).contains("deleverage: frontier: 3 of 3 points");
    // The bundled stress file: 3 scenarios over 3 accounts, 9 pairs.
    assertThat(stress.err()).contains("deleverage: stress: 9 of 9 scenario-account pairs");
    assertThat(cascade.err()).contains("deleverage: cascade: round 1 of at most 20 done")
        .contains("ended: settled");
    // Standard output carries the result alone.
    assertThat(curve.out()).startsWith("shortfall,");
    assertThat(stress.out()).startsWith("scenario,");
  }

  @Test
  void quietLeavesNothingButErrorsOnStandardError() {
    CommandRun.Result sample = run("plan", "--quiet");
    CommandRun.Result error = run("plan", "--quiet", "no-such-file.json");

    assertThat(run("plan").err()).contains("bundled sample");
    assertThat(sample.code()).isZero();
    assertThat(sample.err()).isEmpty();
    assertThat(run("cascade", "-q").err()).isEmpty();
    assertThat(error.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(error.err()).startsWith("deleverage: ");
  }

  @Test
  void quietAndProgressTogetherAreAnError() {
    CommandRun.Result result = run("stress", "--quiet", "--progress");

    assertThat(result.code()).isEqualTo(DeleverageCommand.INVALID_INPUT);
    assertThat(result.err()).contains("--quiet and --progress cannot be given together");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void versionPrintsTheBuildsVersion() throws Exception {
    CommandRun.Result result = run("--version");

    assertThat(result.code()).isZero();
    assertThat(result.out().trim()).isEqualTo("deleverage " + DeleverageCommand.Version.version());
    // The Maven version, filled in by resource filtering: digits, not the ${...} placeholder.
    assertThat(DeleverageCommand.Version.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(run("-V").out()).isEqualTo(result.out());
  }

  /**
   * A clock that moves only when told: the first report prints, one 100 ms later does not, one
   * 500 ms after the first prints, and the last ("3 of 3") prints however soon it comes.
   */
  @Test
  void reportsAreRateLimitedButTheFirstAndTheLastAlwaysPrint() {
    StringWriter text = new StringWriter();
    AtomicLong nanos = new AtomicLong();
    Progress progress = Progress.to(new PrintWriter(text), "test", nanos::get);

    progress.step(1, 3, "things");
    nanos.addAndGet(100_000_000L);
    progress.note("skipped");
    nanos.addAndGet(400_000_000L);
    progress.step(2, 3, "things");
    nanos.addAndGet(1_000_000L);
    progress.step(3, 3, "things");

    assertThat(text.toString().lines().toList()).containsExactly(
        "deleverage: test: 1 of 3 things",
        "deleverage: test: 2 of 3 things",
        "deleverage: test: 3 of 3 things");
    assertThat(Progress.SILENT.enabled()).isFalse();
  }

  @Test
  void aPseudoTerminalOrTtyIsATerminalAndAPipeOrFileIsNot() {
    assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(Terminal.isTerminalDevice("pipe:[12345]")).isFalse();
    assertThat(Terminal.isTerminalDevice("/tmp/out.log")).isFalse();
    assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
  }
}
