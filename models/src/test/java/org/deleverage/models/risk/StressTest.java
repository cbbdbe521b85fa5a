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

class StressTest {

  private static final double[][] COVARIANCE = {{4, 1}, {1, 9}};

  @Test
  void scalingVolatilitiesByAssetIsKSigmaK() {
    // K = diag(2, 0.5): Sigma'_11 = 2 * 2 * 4 = 16, Sigma'_12 = 2 * 0.5 * 1 = 1,
    // Sigma'_22 = 0.5 * 0.5 * 9 = 2.25. Volatilities 2 -> 4 and 3 -> 1.5; the correlation
    // 1 / (2 * 3) = 1 / (4 * 1.5) is unchanged.
    double[][] scaled = Stress.scaleVolatilities(COVARIANCE, new double[] {2, 0.5});

    assertThat(scaled).isEqualTo(new double[][] {{16, 1}, {1, 2.25}});
    assertThat(COVARIANCE[0][0]).as("input untouched").isEqualTo(4.0);
  }

  @Test
  void scalingEveryVolatilityByOneFactorScalesTheCovarianceByItsSquare() {
    // k = 1.5: every entry times 2.25.
    assertThat(Stress.scaleVolatilities(COVARIANCE, 1.5))
        .isEqualTo(new double[][] {{9, 2.25}, {2.25, 20.25}});
    assertThat(Stress.scaleVolatilities(COVARIANCE, 0.0))
        .isEqualTo(new double[][] {{0, 0}, {0, 0}});
  }

  @Test
  void scalingRejectsBadInput() {
    assertThatThrownBy(() -> Stress.scaleVolatilities(COVARIANCE, new double[] {1}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("factors: must have 2 entries (one per asset), had 1");
    assertThatThrownBy(() -> Stress.scaleVolatilities(COVARIANCE, new double[] {1, -2}))
        .hasMessage("factors[1]: must be >= 0, was -2.0");
    assertThatThrownBy(() -> Stress.scaleVolatilities(COVARIANCE, Double.NaN))
        .hasMessage("factor: must be a finite number, was NaN");
    // [[1, 2], [2, 1]] has the eigenvalue 1 - 2 = -1.
    assertThatThrownBy(() -> Stress.scaleVolatilities(new double[][] {{1, 2}, {2, 1}}, 2.0))
        .hasMessageStartingWith("covariance: must be positive semidefinite, smallest eigenvalue")
        .hasMessageContaining("was -0.99999");
    assertThatThrownBy(() -> Stress.scaleVolatilities(new double[][] {{-1}}, 2.0))
        .hasMessage("covariance[0][0]: must be >= 0 (a variance), was -1.0");
  }

  @Test
  void shiftingCorrelationsByHand() {
    // theta = 0.5: -0.5 + 0.5 * (1 - (-0.5)) = 0.25; 0.2 + 0.5 * 0.8 = 0.6; 0 + 0.5 * 1 = 0.5.
    double[][] c = {{1, -0.5, 0.2}, {-0.5, 1, 0}, {0.2, 0, 1}};

    double[][] shifted = Stress.shiftCorrelations(c, 0.5);

    assertThat(shifted[0]).containsExactly(new double[] {1, 0.25, 0.6}, within(1e-15));
    assertThat(shifted[1]).containsExactly(new double[] {0.25, 1, 0.5}, within(1e-15));
    assertThat(shifted[2]).containsExactly(new double[] {0.6, 0.5, 1}, within(1e-15));
    assertThat(Stress.shiftCorrelations(c, 0.0)).isEqualTo(c);
    assertThat(Stress.shiftCorrelations(c, 1.0))
        .isEqualTo(new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
  }

  @Test
  void shiftingRejectsBadInput() {
    double[][] c = {{1, 0.5}, {0.5, 1}};
    assertThatThrownBy(() -> Stress.shiftCorrelations(c, 1.5))
        .hasMessage("theta: must be in [0.0, 1.0], was 1.5");
    assertThatThrownBy(() -> Stress.shiftCorrelations(new double[][] {{1, 0.5}, {0.5, 2}}, 0.5))
        .hasMessage("correlation[1][1]: must be 1 (unit diagonal), was 2.0");
    assertThatThrownBy(() -> Stress.shiftCorrelations(new double[][] {{1, 1.5}, {1.5, 1}}, 0.5))
        .hasMessage("correlation[0][1]: must be in [-1, 1], was 1.5");
    // Higham's matrix: unit diagonal, entries in [-1, 1], smallest eigenvalue 1 - sqrt2.
    assertThatThrownBy(
            () -> Stress.shiftCorrelations(new double[][] {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}}, 0.5))
        .hasMessageStartingWith("correlation: must be positive semidefinite, smallest eigenvalue");
  }

  @Test
  void shiftedCorrelationsStayValidAndMoveTowardsOne() {
    qt().withFixedSeed(5L)
        .withExamples(200)
        .forAll(
            SourceDSL.longs().all(),
            SourceDSL.integers().between(1, 8),
            SourceDSL.doubles().between(0.0, 1.0))
        .checkAssert(
            (seed, n, theta) -> {
              double[][] c = RiskMatrices.validCorrelation(new SplittableRandom(seed), n);
              double[][] shifted = Stress.shiftCorrelations(c, theta);
              assertValidCorrelation(shifted);
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  assertThat(shifted[i][j]).isGreaterThanOrEqualTo(c[i][j]);
                }
              }
            });
  }

  @Test
  void aValidBlockNeedsNoRepair() {
    // The identity with correlation 0.5 between assets 0 and 2: [[1,0,.5],[0,1,0],[.5,0,1]] has
    // eigenvalues 1 (asset 1) and 1 +- 0.5 (assets 0 and 2), all positive.
    CorrelationRepair block =
        Stress.setBlock(RiskMatrices.identity(3), new int[] {2, 0}, 0.5);

    assertThat(block.repaired()).isFalse();
    assertThat(block.distance()).isZero();
    assertThat(block.matrix())
        .isEqualTo(new double[][] {{1, 0, 0.5}, {0, 1, 0}, {0.5, 0, 1}});
    assertThat(block.smallestEigenvalueBefore()).isCloseTo(0.5, within(1e-14));
  }

  @Test
  void anIndefiniteBlockIsRepairedAndTheDistanceReported() {
    // C = [[1, -.5, .6], [-.5, 1, -.6], [.6, -.6, 1]] is positive definite: leading minors 1,
    // 1 - .25 = .75 and det = 1 + 2(-.5)(.6)(-.6) - .25 - .36 - .36 = 1 + .36 - .97 = .39.
    // Setting the block {0, 1} to +0.9 gives det = 1 + 2(.9)(.6)(-.6) - .81 - .36 - .36
    // = 1 - .648 - 1.53 = -1.178 < 0: indefinite (assets 0 and 1 move together but not with 2),
    // so it is repaired.
    double[][] c = {{1, -0.5, 0.6}, {-0.5, 1, -0.6}, {0.6, -0.6, 1}};
    double[][] set = {{1, 0.9, 0.6}, {0.9, 1, -0.6}, {0.6, -0.6, 1}};

    CorrelationRepair block = Stress.setBlock(c, new int[] {0, 1}, 0.9);

    assertThat(block.repaired()).isTrue();
    assertThat(block.smallestEigenvalueBefore())
        .isNegative()
        .isCloseTo(SymmetricEigen.smallestEigenvalue(set), within(1e-14));
    assertValidCorrelation(block.matrix());
    assertThat(block.distance())
        .isPositive()
        .isEqualTo(frobenius(set, block.matrix()))
        .isEqualTo(NearestCorrelation.DEFAULT.repair(set).distance());
  }

  @Test
  void blockRejectsBadInput() {
    double[][] c = RiskMatrices.identity(3);
    assertThatThrownBy(() -> Stress.setBlock(c, new int[] {1}, 0.5))
        .hasMessage("assets: must name at least 2 assets (a block of pairs), had 1");
    assertThatThrownBy(() -> Stress.setBlock(c, new int[] {0, 3}, 0.5))
        .hasMessage("assets[1]: must be in [0, 2] (an asset), was 3");
    assertThatThrownBy(() -> Stress.setBlock(c, new int[] {2, 0, 2}, 0.5))
        .hasMessage("assets[2]: must not repeat an earlier asset, was 2");
    assertThatThrownBy(() -> Stress.setBlock(c, new int[] {0, 1}, -1.5))
        .hasMessage("value: must be in [-1.0, 1.0], was -1.5");
    assertThatThrownBy(() -> Stress.setBlock(c, null, 0.5)).hasMessage("assets: is required");
  }

  @Test
  void everyBlockGivesACorrelationMatrix() {
    qt().withFixedSeed(6L)
        .withExamples(200)
        .forAll(SourceDSL.longs().all(), SourceDSL.doubles().between(-1.0, 1.0))
        .checkAssert(
            (seed, value) -> {
              SplittableRandom random = new SplittableRandom(seed);
              int n = 2 + random.nextInt(7);
              double[][] c = RiskMatrices.validCorrelation(random, n);
              int[] block = random.ints(0, n).distinct().limit(2 + random.nextInt(n - 1)).toArray();
              CorrelationRepair repair = Stress.setBlock(c, block, value);
              assertValidCorrelation(repair.matrix());
              if (!repair.repaired()) {
                for (int i : block) {
                  for (int j : block) {
                    assertThat(repair.matrix()[i][j]).isEqualTo(i == j ? 1.0 : value);
                  }
                }
              }
            });
  }
}
