package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Each impact model under a liquidity stress ({@link TemporaryImpactModel#stressed}). */
class ImpactStressTest {

  private static final TradingConditions CONDITIONS = new TradingConditions(50, 0.02, 1e4, 0.5);

  /** The stress that changes nothing gives a model equal to the one stressed, for every model. */
  @Test
  void noStressKeepsEveryModel() {
    List<TemporaryImpactModel> models = List.of(LinearTemporaryImpact.of(0.003),
        PowerLawTemporaryImpact.of(0.142, 0.6),
        OrderBookTemporaryImpact.of(BookLevel.of(0.002, 10), BookLevel.of(0.001, 5)));
    for (TemporaryImpactModel model : models) {
      assertThat(model.stressed(ImpactStress.NONE)).isEqualTo(model);
    }
    assertThat(ImpactStress.NONE.cutsBook()).isFalse();
    assertThat(LinearPermanentImpact.of(0.001).scaled(1))
        .isEqualTo(LinearPermanentImpact.of(0.001));
  }

  /**
   * Each model takes its own part. Linear eta 0.003, x 2: at n = 100 over tau = 0.5 the cost
   * eta n^2 / tau = 0.003 x 10,000 / 0.5 = 60 becomes 120. Power law c = 0.2, beta = 1 at p =
   * 50, sigma = 0.02, V = 10,000: T(100) = c sigma p n^2 / (tau V) = 0.2 x 0.02 x 50 x 10,000 /
   * 5,000 = 0.4, and c x 3 gives 1.2. Neither moves with the other's multiplier, nor with the
   * book's. Permanent gamma 0.001 x 4 = 0.004.
   */
  @Test
  void eachModelTakesItsOwnMultiplier() {
    ImpactStress stress = new ImpactStress(2, 3, 0.5, 1, 0.0);
    LinearTemporaryImpact linear = LinearTemporaryImpact.of(0.003);
    PowerLawTemporaryImpact power = PowerLawTemporaryImpact.of(0.2, 1.0);

    assertThat(linear.cost(100, CONDITIONS)).isCloseTo(60.0, within(1e-9));
    assertThat(linear.stressed(stress).cost(100, CONDITIONS)).isCloseTo(120.0, within(1e-9));
    assertThat(power.cost(100, CONDITIONS)).isCloseTo(0.4, within(1e-12));
    assertThat(power.stressed(stress).cost(100, CONDITIONS)).isCloseTo(1.2, within(1e-12));
    assertThat(power.stressed(stress).exponent()).isEqualTo(1.0);
    assertThat(linear.stressed(new ImpactStress(1, 3, 0.5, 1, 0.0))).isEqualTo(linear);
    assertThat(LinearPermanentImpact.of(0.001).scaled(4).gamma()).isCloseTo(0.004, within(1e-18));
  }

  /**
   * A book given out of order, (30 bp, 40), (10 bp, 10), (20 bp, 20): cheapest first it is 10,
   * 20, 40 units deep by level. Two levels kept and sizes x 1.5: (10 bp, 15), (20 bp, 30), 45
   * deep. The offset limit 20 bp with every level kept gives the same two levels at their sizes,
   * 30 deep; an offset at the cheapest level exactly keeps it.
   */
  @Test
  void aBookIsCutCheapestFirstAndThinned() {
    OrderBookTemporaryImpact book = OrderBookTemporaryImpact.of(
        BookLevel.of(0.003, 40), BookLevel.of(0.001, 10), BookLevel.of(0.002, 20));

    OrderBookTemporaryImpact two = book.stressed(
        new ImpactStress(1, 1, 1.5, 2, Double.POSITIVE_INFINITY));
    OrderBookTemporaryImpact near = book.stressed(
        new ImpactStress(1, 1, 1, ImpactStress.ALL_LEVELS, 0.002));

    assertThat(two.levels()).containsExactly(BookLevel.of(0.001, 15), BookLevel.of(0.002, 30));
    assertThat(two.depth()).isEqualTo(45.0);
    assertThat(near.levels()).containsExactly(BookLevel.of(0.001, 10), BookLevel.of(0.002, 20));
    assertThat(book.stressed(new ImpactStress(1, 1, 1, ImpactStress.ALL_LEVELS, 0.001)).depth())
        .isEqualTo(10.0);
    assertThat(new ImpactStress(1, 1, 1, 2, Double.POSITIVE_INFINITY).cutsBook()).isTrue();
  }

  @Test
  void badStressesAndEmptyBooksAreNamed() {
    OrderBookTemporaryImpact book = OrderBookTemporaryImpact.of(BookLevel.of(0.001, 10));
    assertThatThrownBy(() -> book.stressed(
        new ImpactStress(1, 1, 1, ImpactStress.ALL_LEVELS, 0.0005)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("bookMaxOffset: must keep at least one level of the book, whose cheapest is"
            + " at offset 0.001; was 5.0E-4");
    assertThatThrownBy(() -> new ImpactStress(-1, 1, 1, 1, 0))
        .hasMessage("etaMultiplier: must be >= 0, was -1.0");
    assertThatThrownBy(() -> new ImpactStress(1, 1, 0, 1, 0))
        .hasMessage("bookSizeMultiplier: must be > 0, was 0.0");
    assertThatThrownBy(() -> new ImpactStress(1, 1, 1, 1, Double.NaN))
        .hasMessage("bookMaxOffset: must be >= 0, was NaN");
    assertThatThrownBy(() -> LinearPermanentImpact.of(1).scaled(Double.POSITIVE_INFINITY))
        .hasMessage("gammaMultiplier: must be a finite number, was Infinity");
  }
}
