package org.deleverage.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.deleverage.models.risk.RiskMatrices.assertValidCorrelation;
import static org.deleverage.models.risk.RiskMatrices.frobenius;
import static org.quicktheories.QuickTheory.qt;

import java.util.SplittableRandom;
import org.deleverage.InvalidInputException;
import org.deleverage.models.numerics.SymmetricEigen;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class NearestCorrelationTest {

  /** Higham (2002), section 4: the example matrix, indefinite with a unit diagonal. */
  private static final double[][] HIGHAM = {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}};

  /**
   * The nearest correlation matrix to Higham's A, worked by hand and checked three ways.
   *
   * <p>A = I + B with B = [[0,1,0],[1,0,1],[0,1,0]], whose eigenvalues are 0 and +-sqrt2, so A's
   * are 1 and 1 +- sqrt2: the smallest is 1 - sqrt2 < 0 and A needs a repair. A is unchanged by
   * reversing the order of the assets, so is the set of correlation matrices, and the nearest
   * point of a closed convex set is unique: X is too, X = [[1,a,b],[a,1,a],[b,a,1]]. Since A is
   * outside the set, X is on its boundary, det X = 0: det X = 1 + 2a^2 b - 2a^2 - b^2 =
   * (1 - b)(1 + b - 2a^2), so b = 2a^2 - 1 (b = 1 forces a = 1 and a distance of sqrt2, worse).
   * Then X v = 0 for v = (1, -2a, 1) (row 1: 1 - 2a^2 + b = 0; row 2: a - 2a + a = 0).
   *
   * <p>Optimality (the normal cone of the set at X): A - X = diag(theta) - mu v v' for some
   * theta and mu >= 0, a diagonal (normal to the unit-diagonal constraint) minus a semidefinite
   * matrix that annihilates X (normal to the semidefinite cone). Off the diagonal of A - X:
   * entry (1,2) is 1 - a = -mu (1)(-2a), so mu = (1 - a) / (2a); entry (1,3) is 0 - b = -mu, so
   * b = (1 - a) / (2a). With b = 2a^2 - 1: 2a(2a^2 - 1) = 1 - a, that is
   *
   * <pre>
   *   4a^3 - a - 1 = 0      (the same as minimising 4(1 - a)^2 + 2(2a^2 - 1)^2 over a)
   * </pre>
   *
   * whose real root by Cardano (a^3 + pa + q = 0 with p = q = -1/4) is a = cbrt(1/8 + d) +
   * cbrt(1/8 - d), d = sqrt(1/64 - 1/1728) = sqrt(26/1728): a = 0.760690, b = 2a^2 - 1 =
   * 0.157298, mu = 0.157298 > 0. The distance is sqrt(4(1 - a)^2 + 2 b^2) = 0.527790. Higham
   * prints a = 0.7607 and b = 0.1573.
   */
  @Test
  void highamsExample() {
    double d = Math.sqrt(26.0 / 1728.0);
    double a = Math.cbrt(0.125 + d) + Math.cbrt(0.125 - d);
    double b = 2 * a * a - 1;

    CorrelationRepair repair = NearestCorrelation.DEFAULT.repair(HIGHAM);
    double[][] x = repair.matrix();

    // As printed in the paper, to its 4 decimals.
    assertThat(x[0][1]).isCloseTo(0.7607, within(5e-5));
    assertThat(x[0][2]).isCloseTo(0.1573, within(5e-5));
    assertThat(x[1][2]).isCloseTo(0.7607, within(5e-5));
    // As derived above, to the accuracy of the iteration.
    assertThat(4 * a * a * a - a - 1).isCloseTo(0.0, within(1e-15));
    assertThat(x[0][1]).isCloseTo(a, within(1e-9));
    assertThat(x[1][2]).isCloseTo(a, within(1e-9));
    assertThat(x[0][2]).isCloseTo(b, within(1e-9));
    assertValidCorrelation(x);
    // The optimality conditions hold at the computed X itself: X v = 0, and A - X + mu v v' is
    // diagonal with mu >= 0.
    double mu = (1 - x[0][1]) / (2 * x[0][1]);
    double[] v = {1, -2 * x[0][1], 1};
    for (int i = 0; i < 3; i++) {
      double xv = 0;
      for (int j = 0; j < 3; j++) {
        xv += x[i][j] * v[j];
        if (i != j) {
          assertThat(HIGHAM[i][j] - x[i][j] + mu * v[i] * v[j]).isCloseTo(0.0, within(1e-9));
        }
      }
      assertThat(xv).isCloseTo(0.0, within(1e-9));
    }
    assertThat(mu).isPositive();
    // The report.
    assertThat(repair.repaired()).isTrue();
    assertThat(repair.converged()).isTrue();
    assertThat(repair.iterations()).isBetween(2, NearestCorrelation.DEFAULT.maxIterations());
    assertThat(repair.smallestEigenvalueBefore()).isCloseTo(1 - Math.sqrt(2), within(1e-14));
    assertThat(repair.distance())
        .isCloseTo(Math.sqrt(4 * (1 - a) * (1 - a) + 2 * b * b), within(1e-9))
        .isEqualTo(frobenius(HIGHAM, x));
  }

  @Test
  void aCorrelationMatrixComesBackUnchanged() {
    // [[1, .5], [.5, 1]] has eigenvalues 1 +- 0.5, both positive: nothing to repair.
    double[][] given = {{1, 0.5}, {0.5, 1}};

    CorrelationRepair repair = NearestCorrelation.DEFAULT.repair(given);

    assertThat(repair.matrix()).isEqualTo(new double[][] {{1, 0.5}, {0.5, 1}});
    assertThat(repair.repaired()).isFalse();
    assertThat(repair.distance()).isZero();
    assertThat(repair.iterations()).isZero();
    assertThat(repair.converged()).isTrue();
    assertThat(repair.smallestEigenvalueBefore()).isCloseTo(0.5, within(1e-14));
    repair.matrix()[0][1] = 0.9;
    given[0][1] = 0.9;
    assertThat(repair.matrix()[0][1]).as("neither input nor output aliased").isEqualTo(0.5);
  }

  @Test
  void twoByTwoCasesByHand() {
    // [[1, c], [c, 1]] is a correlation matrix iff |c| <= 1, and its squared distance to
    // [[1, 2], [2, 1]] is 2 (2 - c)^2, least at c = 1: distance sqrt2.
    CorrelationRepair tooHigh = NearestCorrelation.DEFAULT.repair(new double[][] {{1, 2}, {2, 1}});
    assertThat(tooHigh.matrix()[0][1]).isCloseTo(1.0, within(1e-9));
    assertThat(tooHigh.distance()).isCloseTo(Math.sqrt(2), within(1e-9));
    assertValidCorrelation(tooHigh.matrix());
    // diag(2, 3) is positive definite but not a unit diagonal: the identity is nearest (the
    // distance to [[1, c], [c, 1]] is sqrt(1 + 4 + 2c^2), least at c = 0): distance sqrt5.
    CorrelationRepair scaled = NearestCorrelation.DEFAULT.repair(new double[][] {{2, 0}, {0, 3}});
    assertThat(scaled.matrix()).isEqualTo(new double[][] {{1, 0}, {0, 1}});
    assertThat(scaled.distance()).isCloseTo(Math.sqrt(5), within(1e-12));
    assertThat(scaled.repaired()).isTrue();
  }

  @Test
  void theIterationBoundStillGivesAValidMatrixAndSaysItDidNotConverge() {
    CorrelationRepair cut = new NearestCorrelation(1e-14, 1).repair(HIGHAM);

    assertThat(cut.converged()).isFalse();
    assertThat(cut.iterations()).isEqualTo(1);
    assertValidCorrelation(cut.matrix());
    assertThat(cut.distance())
        .isGreaterThanOrEqualTo(NearestCorrelation.DEFAULT.repair(HIGHAM).distance());
  }

  @Test
  void rejectsBadInput() {
    NearestCorrelation nearest = NearestCorrelation.DEFAULT;
    assertThatThrownBy(() -> nearest.repair(new double[][] {{1, 0.5}, {0.4, 1}}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("matrix[0][1]: must equal matrix[1][0] = 0.4 (symmetric), was 0.5");
    assertThatThrownBy(() -> nearest.repair(new double[][] {{1, Double.NaN}, {0.4, 1}}))
        .hasMessage("matrix[0][1]: must be a finite number, was NaN");
    assertThatThrownBy(() -> nearest.repair(new double[][] {{1, 0}, {0}}))
        .hasMessage("matrix[1]: must have 2 entries (a square matrix), had 1");
    assertThatThrownBy(() -> nearest.repair(new double[0][0]))
        .hasMessage("matrix: must have at least one row, was empty");
    assertThatThrownBy(() -> new NearestCorrelation(0.0, 10))
        .hasMessage("tolerance: must be in (0, 1), was 0.0");
    assertThatThrownBy(() -> new NearestCorrelation(1e-8, 0))
        .hasMessage("maxIterations: must be >= 1, was 0");
  }

  @Test
  void theOutputIsAlwaysACorrelationMatrix() {
    qt().withFixedSeed(1L)
        .withExamples(200)
        .forAll(SourceDSL.longs().all())
        .checkAssert(
            seed -> {
              double[][] a = RiskMatrices.roughCorrelation(new SplittableRandom(seed));
              CorrelationRepair repair = NearestCorrelation.DEFAULT.repair(a);
              assertValidCorrelation(repair.matrix());
              assertThat(repair.converged()).isTrue();
              assertThat(repair.repaired())
                  .isEqualTo(SymmetricEigen.smallestEigenvalue(a) < -1e-12);
              assertThat(repair.distance()).isEqualTo(frobenius(a, repair.matrix()));
            });
  }

  @Test
  void repairingARepairChangesNothing() {
    qt().withFixedSeed(2L)
        .withExamples(200)
        .forAll(SourceDSL.longs().all())
        .checkAssert(
            seed -> {
              double[][] once =
                  NearestCorrelation.DEFAULT
                      .repair(RiskMatrices.roughCorrelation(new SplittableRandom(seed)))
                      .matrix();
              CorrelationRepair twice = NearestCorrelation.DEFAULT.repair(once);
              assertThat(twice.repaired()).isFalse();
              assertThat(twice.distance()).isZero();
              assertThat(twice.matrix()).isEqualTo(once);
            });
  }

  @Test
  void aValidCorrelationMatrixIsReturnedAsItIs() {
    qt().withFixedSeed(3L)
        .withExamples(200)
        .forAll(SourceDSL.longs().all(), SourceDSL.integers().between(1, 8))
        .checkAssert(
            (seed, n) -> {
              double[][] valid = RiskMatrices.validCorrelation(new SplittableRandom(seed), n);
              CorrelationRepair repair = NearestCorrelation.DEFAULT.repair(valid);
              assertThat(repair.repaired()).isFalse();
              assertThat(repair.matrix()).isEqualTo(valid);
            });
  }

  /**
   * The repair is never farther from A than a correlation matrix we know, the identity or a
   * random valid one (up to the tolerance of the iteration), and it satisfies the optimality
   * conditions of Higham's Theorem 2.4 for a unit-diagonal A: with theta_i = ((A - X) X)_ii, the
   * matrix P = diag(theta) - (A - X) is positive semidefinite and P X = 0.
   */
  @Test
  void theRepairIsNearerThanAnyKnownCorrelationMatrixAndOptimal() {
    qt().withFixedSeed(4L)
        .withExamples(200)
        .forAll(SourceDSL.longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              double[][] a = RiskMatrices.roughCorrelation(random);
              int n = a.length;
              double[][] x = NearestCorrelation.DEFAULT.repair(a).matrix();
              double distance = frobenius(a, x);
              double slack = 1e-8;
              assertThat(distance)
                  .isLessThanOrEqualTo(frobenius(a, RiskMatrices.identity(n)) + slack)
                  .isLessThanOrEqualTo(
                      frobenius(a, RiskMatrices.validCorrelation(random, n)) + slack);
              double[][] p = new double[n][n];
              for (int i = 0; i < n; i++) {
                double theta = 0;
                for (int k = 0; k < n; k++) {
                  theta += (a[i][k] - x[i][k]) * x[k][i];
                }
                for (int j = 0; j < n; j++) {
                  p[i][j] = (i == j ? theta : 0.0) - (a[i][j] - x[i][j]);
                }
              }
              assertThat(SymmetricEigen.smallestEigenvalue(p)).isGreaterThan(-1e-8);
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  double px = 0;
                  for (int k = 0; k < n; k++) {
                    px += p[i][k] * x[k][j];
                  }
                  assertThat(px).isCloseTo(0.0, within(1e-8));
                }
              }
            });
  }
}
