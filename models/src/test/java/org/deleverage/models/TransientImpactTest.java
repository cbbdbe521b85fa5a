package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The transient (Obizhaeva-Wang) model of MODEL.md section 9.1. */
class TransientImpactTest {

  /** tau = 1 day; with a half-life of 1 day a = 2^-1 = 0.5. */
  private static final TradingConditions DAY = new TradingConditions(10.0, 0.02, 1e4, 1.0);

  @Test
  void rejectsANegativeKappaAndAHalfLifeThatIsNotPositiveAndFinite() {
    assertThatThrownBy(() -> TransientImpact.of(-1.0, 1.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("kappa: must be >= 0, was -1.0");
    assertThatThrownBy(() -> TransientImpact.of(0.01, 0.0))
        .hasMessage("halfLife: must be > 0, was 0.0");
    assertThatThrownBy(() -> TransientImpact.of(0.01, Double.POSITIVE_INFINITY))
        .hasMessage("halfLife: must be a finite number, was Infinity");
    assertThatThrownBy(() -> TransientImpact.of(Double.NaN, 1.0))
        .hasMessage("kappa: must be a finite number, was NaN");
  }

  @Test
  void theDecayHalvesTheDisplacementEveryHalfLife() {
    // a = 2^(-tau / halfLife): tau = 1, halfLife 1 -> 0.5; halfLife 0.5 -> 0.25; halfLife 2 ->
    // 2^-0.5; a half-life of 1e-6 day leaves 2^-1e6, which is 0 in double precision.
    assertThat(TransientImpact.of(0.01, 1.0).decay(DAY)).isEqualTo(0.5);
    assertThat(TransientImpact.of(0.01, 0.5).decay(DAY)).isEqualTo(0.25);
    assertThat(TransientImpact.of(0.01, 2.0).decay(DAY))
        .isCloseTo(Math.sqrt(0.5), within(1e-15));
    assertThat(TransientImpact.of(0.01, 1e-6).decay(DAY)).isEqualTo(0.0);
    assertThat(TransientImpact.of(0.01, 1.0).name()).isEqualTo("transient");
  }

  /**
   * kappa = 0.01, a = 0.5, trades n = (100, 200, 300). Displacements: D_1 = 0, D_2 = 0.5 (0 +
   * 0.01 * 100) = 0.5, D_3 = 0.5 (0.5 + 0.01 * 200) = 1.25. Costs n_k (D_k + kappa n_k / 2): 100
   * (0 + 0.5) = 50, 200 (0.5 + 1) = 300, 300 (1.25 + 1.5) = 825; through periods 1, 2, 3: 50,
   * 350, 1,175. The same from the form: n' G n with G = [[1, .5, .25], [.5, 1, .5], [.25, .5, 1]]
   * is 100^2 + 200^2 + 300^2 + 2 (.5 * 100 * 200 + .25 * 100 * 300 + .5 * 200 * 300) = 140,000 +
   * 95,000 = 235,000, times kappa / 2 = 1,175. Gradient kappa G n = 0.01 (100 + 100 + 75, 50 +
   * 200 + 150, 25 + 100 + 300) = (2.75, 4, 4.25); through period 2 only: 0.01 (100 + 100, 50 +
   * 200, 0) = (2, 2.5, 0). The carried parts leave out kappa n_k: (1.75, 2, 1.25) and 50 + 300 +
   * 825 - 0.005 (140,000) = 475.
   */
  @Test
  void threePeriodsByHand() {
    TransientImpact impact = TransientImpact.of(0.01, 1.0);
    double[] n = {100, 200, 300};

    assertThat(impact.displacements(n, DAY)).containsExactly(0.0, 0.5, 1.25);
    assertThat(impact.cost(n, 0, DAY)).isCloseTo(50.0, within(1e-12));
    assertThat(impact.cost(n, 1, DAY)).isCloseTo(350.0, within(1e-12));
    assertThat(impact.cost(n, 2, DAY)).isCloseTo(1175.0, within(1e-12));
    assertThat(impact.carriedCost(n, 2, DAY)).isCloseTo(475.0, within(1e-12));
    assertThat(impact.gradient(n, 2, DAY)).containsExactly(
        new double[] {2.75, 4.0, 4.25}, within(1e-12));
    assertThat(impact.gradient(n, 1, DAY)).containsExactly(
        new double[] {2.0, 2.5, 0.0}, within(1e-12));
    assertThat(impact.carriedGradient(n, 2, DAY)).containsExactly(
        new double[] {1.75, 2.0, 1.25}, within(1e-12));
    // On an undisturbed book one trade pays kappa n / 2 a unit: linear impact eta = kappa tau / 2.
    assertThat(impact.concession(300, DAY)).isCloseTo(1.5, within(1e-12));
    assertThat(impact.cost(300, DAY)).isCloseTo(450.0, within(1e-12));
    assertThat(impact.marginalCost(300, DAY)).isCloseTo(3.0, within(1e-12));
    assertThat(impact.curvature(300, DAY)).isEqualTo(0.01);
  }

  /**
   * For random a in [0, 1), kappa and trades of any sign (the form is a quadratic form whatever
   * the trades): the recursion's cost equals (kappa / 2) n' G_k n summed entry by entry, its
   * gradient equals kappa G_k n, and n' G_k n &gt;= (1 - a) / (1 + a) |n|^2 &gt;= 0, the bound on
   * the least eigenvalue that the convexity check relies on (MODEL.md sections 9.1 and 10).
   */
  @Test
  void theCostIsTheKacMurdockSzegoFormAndItIsPositiveDefinite() {
    qt().withFixedSeed(916L)
        .withExamples(400)
        .forAll(longs().all())
        .checkAssert(seed -> {
          SplittableRandom random = new SplittableRandom(seed);
          double tau = random.nextDouble(0.01, 2.0);
          double halfLife = tau * Math.exp(random.nextDouble(-3.0, 6.0));
          double kappa = Math.exp(random.nextDouble(-12.0, 0.0));
          TransientImpact impact = TransientImpact.of(kappa, halfLife);
          TradingConditions conditions = new TradingConditions(10.0, 0.01, 1e4, tau);
          double a = impact.decay(conditions);
          int periods = 1 + random.nextInt(12);
          double[] n = new double[periods];
          for (int k = 0; k < periods; k++) {
            n[k] = random.nextBoolean() ? random.nextDouble(-1e4, 1e4) : 0.0;
          }
          int last = random.nextInt(periods);
          double form = 0.0;
          double squares = 0.0;
          double[] product = new double[periods];
          for (int j = 0; j <= last; j++) {
            squares += n[j] * n[j];
            for (int l = 0; l <= last; l++) {
              double g = Math.pow(a, Math.abs(j - l));
              form += n[j] * g * n[l];
              product[j] += kappa * g * n[l];
            }
          }
          double size = kappa * squares * (1 + a) / (1 - a) + 1e-300;
          assertThat(form).isGreaterThanOrEqualTo((1 - a) / (1 + a) * squares * (1 - 1e-12));
          assertThat(impact.cost(n, last, conditions))
              .isCloseTo(0.5 * kappa * form, within(1e-12 * size));
          double[] gradient = impact.gradient(n, last, conditions);
          for (int j = 0; j < periods; j++) {
            assertThat(gradient[j]).isCloseTo(product[j],
                within(1e-12 * kappa * Math.sqrt(squares) * (1 + a) / (1 - a) + 1e-300));
          }
        });
  }

  @Test
  void aLiquidityStressScalesKappaAsACoefficientAndAsADepth() {
    // kappa = 0.01 (a book of depth 1 / 0.01 = 100 units per unit of price). An eta multiplier
    // of 3 with a book half as deep (size multiplier 0.5) gives kappa' = 0.01 x 3 / 0.5 = 0.06;
    // the half-life is kept, and level cuts (2 levels, offsets up to 1%) do not apply.
    ImpactStress stress = new ImpactStress(3.0, 7.0, 0.5, 2, 0.01);
    TransientImpact stressed = TransientImpact.of(0.01, 0.25).stressed(stress);
    assertThat(stressed.kappa()).isCloseTo(0.06, within(1e-15));
    assertThat(stressed.halfLife()).isEqualTo(0.25);
    assertThat(TransientImpact.of(0.01, 0.25).stressed(ImpactStress.NONE))
        .isEqualTo(TransientImpact.of(0.01, 0.25));
  }
}
