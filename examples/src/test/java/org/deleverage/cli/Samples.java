package org.deleverage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.io.ProblemJson;

/** The command line's bundled samples, read as the tests' fixtures. */
final class Samples {

  private Samples() {}

  /** The bundled sample margin call that {@code deleverage plan} plans without a PROBLEM. */
  static DeleveragingProblem marginCall() {
    try (InputStream in = Samples.class.getResourceAsStream("sample-margin-call.json")) {
      return ProblemJson.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
