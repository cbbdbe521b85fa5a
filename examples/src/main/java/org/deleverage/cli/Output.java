package org.deleverage.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Files and output shared by the commands: paths named on the command line, checked before any
 * work, and output written in one piece, to standard output or to a file through a temporary
 * sibling moved into place atomically, so that an error never leaves a partial file, a stale
 * temporary file, or half a result on standard output.
 */
final class Output {

  private Output() {}

  /**
   * The file of an output option such as {@code --out}, checked before any work: not a
   * directory, and its directory must exist.
   */
  static Path file(CommandSpec spec, String name, String option) {
    Path file = path(spec, name, option).toAbsolutePath();
    if (Files.isDirectory(file)) {
      throw new ParameterException(
          spec.commandLine(), option + " '" + name + "' is a directory, not a file");
    }
    Path directory = file.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new ParameterException(
          spec.commandLine(), option + " '" + name + "': the directory " + directory
              + " does not exist");
    }
    return file;
  }

  /** {@code name} as a path, or a parameter error naming {@code what}. */
  static Path path(CommandSpec spec, String name, String what) {
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new ParameterException(
          spec.commandLine(), what + " '" + name + "' is not a valid path: " + e.getReason());
    }
  }

  /**
   * Writes {@code bytes}, the whole of {@code what} (a plan, a report), to standard output when
   * {@code target} is null, otherwise atomically to {@code target}.
   */
  static void write(Path target, byte[] bytes, PrintStream stdout, String what)
      throws IOException {
    stopIfInterrupted(what);
    if (target == null) {
      stdout.writeBytes(bytes);
      stdout.flush();
      if (stdout.checkError()) {
        throw new IOException("cannot write the " + what + " to standard output");
      }
    } else {
      writeAtomically(target, bytes, what);
    }
  }

  /**
   * Writes {@code bytes} to a new hidden file beside {@code target} and renames it onto {@code
   * target} in one atomic step; the temporary file is removed whatever happens.
   */
  static void writeAtomically(Path target, byte[] bytes, String what) {
    stopIfInterrupted(what);
    Path temporary = null;
    try {
      temporary = createSibling(target);
      Files.write(temporary, bytes, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the " + what + " to " + target + ": " + reason(e), e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  /** Writes nothing once the run was stopped (by its time limit). */
  private static void stopIfInterrupted(String what) {
    if (Thread.currentThread().isInterrupted()) {
      throw new UncheckedIOException(new InterruptedIOException(
          "the run was stopped before the " + what + " was written"));
    }
  }

  /** What went wrong with a file, in words. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static Path createSibling(Path target) throws IOException {
    while (true) {
      Path candidate =
          target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        // Created with the default permissions, as the target itself would be.
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        // A name taken by chance: try another.
      }
    }
  }

  private static void deleteQuietly(Path temporary) {
    if (temporary == null) {
      return;
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot remove the temporary file " + temporary + ": " + reason(e), e);
    }
  }
}
