package org.deleverage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process's standard error is a terminal. Java 17 has no call for it: {@link
 * System#console()} is non-null only when standard input and standard output are both terminals,
 * so it is null for {@code deleverage curve > file} although standard error is still the
 * terminal. On Linux the answer is where file descriptor 2 points ({@code /proc/self/fd/2}: a
 * {@code /dev/pts/N} or {@code /dev/ttyN} device is a terminal; a pipe or a file is not);
 * elsewhere, or when {@code /proc} cannot be read, it falls back to {@link System#console()}.
 */
final class Terminal {

  private Terminal() {}

  /** Whether file descriptor 2 of this process is a terminal, as well as can be told. */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd)) {
        return isTerminalDevice(Files.readSymbolicLink(fd).toString());
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // No /proc to read: fall back below.
    }
    return System.console() != null;
  }

  /** Whether {@code target}, what {@code /proc/self/fd/N} links to, names a terminal device. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/")
        || target.startsWith("/dev/tty")
        || target.equals("/dev/console");
  }
}
