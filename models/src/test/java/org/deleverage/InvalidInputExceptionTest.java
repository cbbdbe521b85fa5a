package org.deleverage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

  @Test
  void messageIsPathColonRule() {
    InvalidInputException e = new InvalidInputException("price", "must be > 0, was -5.0");
    assertThat(e).isInstanceOf(DeleverageException.class);
    assertThat(e.getMessage()).isEqualTo("price: must be > 0, was -5.0");
    assertThat(e.path()).isEqualTo("price");
    assertThat(e.rule()).isEqualTo("must be > 0, was -5.0");
  }

  @Test
  void emptyPathGivesTheRuleAlone() {
    InvalidInputException e = new InvalidInputException("", "must hold something");
    assertThat(e.getMessage()).isEqualTo("must hold something");
  }

  @Test
  void underJoinsAFieldWithADot() {
    InvalidInputException e =
        new InvalidInputException("price", "must be > 0, was -5.0").under("assets[3]");
    assertThat(e.getMessage()).isEqualTo("assets[3].price: must be > 0, was -5.0");
    assertThat(e.path()).isEqualTo("assets[3].price");
    assertThat(e.rule()).isEqualTo("must be > 0, was -5.0");
  }

  @Test
  void underJoinsAnIndexWithoutADot() {
    InvalidInputException e =
        new InvalidInputException("[1][2]", "must be in [-1, 1], was 2.0").under("correlation");
    assertThat(e.getMessage()).isEqualTo("correlation[1][2]: must be in [-1, 1], was 2.0");
  }

  @Test
  void underAnEmptyPathTakesTheParent() {
    InvalidInputException e = new InvalidInputException("", "is wrong").under("requirement");
    assertThat(e.path()).isEqualTo("requirement");
    assertThat(e.getMessage()).isEqualTo("requirement: is wrong");
  }

  /** The top of a file has the empty path: a field there keeps its own name, with no dot. */
  @Test
  void underTheEmptyPathKeepsThePath() {
    InvalidInputException e = new InvalidInputException("mark", "must be > 0, was -1.0").under("");
    assertThat(e.path()).isEqualTo("mark");
    assertThat(e.getMessage()).isEqualTo("mark: must be > 0, was -1.0");
  }

  @Test
  void underNestsAndKeepsTheStackTrace() {
    InvalidInputException inner = new InvalidInputException("gamma", "must be >= 0, was -1.0");
    InvalidInputException outer = inner.under("impact.permanent").under("assets[0]");
    assertThat(outer.getMessage())
        .isEqualTo("assets[0].impact.permanent.gamma: must be >= 0, was -1.0");
    assertThat(outer.getStackTrace()).isEqualTo(inner.getStackTrace());
    // under() returns a new exception and leaves the original as it was.
    assertThat(inner.path()).isEqualTo("gamma");
  }
}
