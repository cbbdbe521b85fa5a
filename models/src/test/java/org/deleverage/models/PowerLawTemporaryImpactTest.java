package org.deleverage.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerLawTemporaryImpactTest {

  @Test
  void thePublishedEquityFitGives22BasisPointsForTenPercentOfAdvOverATenthOfADay() {
    // Almgren, Thum, Hauptmann and Li (Risk, 2005): h / p = c sigma (n / (tau V))^(3/5) with
    // c = 0.142. Trade 10% of ADV (n = 100,000 of V = 1,000,000) over tau = 0.1 day: the rate is
    // n / (tau V) = 100,000 / 100,000 = 1 daily volume per day, so h / p = 0.142 * 0.0157 * 1
    // = 0.0022294, 22.3 bp. At p = 50: h = 0.111470 per unit, cost n h = 11,147.0.
    TradingConditions conditions = new TradingConditions(50.0, 0.0157, 1e6, 0.1);
    PowerLawTemporaryImpact fit = PowerLawTemporaryImpact.of(0.142, 0.6);
    assertThat(fit.concession(1e5, conditions) / 50.0).isCloseTo(0.0022294, within(1e-10));
    assertThat(fit.concession(1e5, conditions) / 50.0 * 1e4).isCloseTo(22.0, within(0.5));
    assertThat(fit.cost(1e5, conditions)).isCloseTo(11_147.0, within(1e-6));
  }

  @Test
  void threeFifthsPowerOfAQuarterDailyVolumePerDay() {
    // p = 20, sigma = 0.02, V = 400,000, tau = 1, n = 100,000: rate 0.25. With c = 0.142 and
    // beta = 3/5: 0.25^0.6 = exp(0.6 ln 0.25) = exp(-0.8317766) = 0.4352753; c sigma p = 0.0568;
    // h = 0.0568 * 0.4352753 = 0.02472364; cost = 100,000 h = 2,472.364; marginal 1.6 h =
    // 0.03955782; curvature 1.6 * 0.6 * h / n = 2.37347e-7.
    TradingConditions conditions = new TradingConditions(20.0, 0.02, 4e5, 1.0);
    PowerLawTemporaryImpact fit = PowerLawTemporaryImpact.of(0.142, 0.6);
    assertThat(fit.concession(1e5, conditions)).isCloseTo(0.02472364, within(1e-8));
    assertThat(fit.cost(1e5, conditions)).isCloseTo(2_472.364, within(1e-3));
    assertThat(fit.marginalCost(1e5, conditions)).isCloseTo(0.03955782, within(1e-8));
    assertThat(fit.curvature(1e5, conditions)).isCloseTo(2.37347e-7, within(1e-11));
  }

  @Test
  void squareRootLaw() {
    // Same trade, beta = 1/2, c = 0.5: h = 0.5 * 0.02 * 20 * sqrt(0.25) = 0.1; cost = 10,000;
    // marginal = 1.5 h = 0.15; curvature = 1.5 * 0.5 * h / n = 7.5e-7.
    TradingConditions conditions = new TradingConditions(20.0, 0.02, 4e5, 1.0);
    PowerLawTemporaryImpact root = PowerLawTemporaryImpact.squareRoot(0.5);
    assertThat(root.concession(1e5, conditions)).isCloseTo(0.1, within(1e-15));
    assertThat(root.cost(1e5, conditions)).isCloseTo(10_000.0, within(1e-9));
    assertThat(root.marginalCost(1e5, conditions)).isCloseTo(0.15, within(1e-15));
    assertThat(root.curvature(1e5, conditions)).isCloseTo(7.5e-7, within(1e-20));
    assertThat(root.name()).isEqualTo("power");
  }

  @Test
  void exponentOneIsLinearImpact() {
    // beta = 1: T = c sigma p n^2 / (tau V), the linear model with eta = c sigma p / V.
    TradingConditions conditions = new TradingConditions(20.0, 0.02, 4e5, 0.5);
    PowerLawTemporaryImpact power = PowerLawTemporaryImpact.of(0.3, 1.0);
    LinearTemporaryImpact linear = LinearTemporaryImpact.of(0.3 * 0.02 * 20.0 / 4e5);
    for (double n : new double[] {0.0, 10.0, 3e4, 2e5}) {
      assertThat(power.cost(n, conditions)).isCloseTo(linear.cost(n, conditions), within(1e-9));
      assertThat(power.marginalCost(n, conditions))
          .isCloseTo(linear.marginalCost(n, conditions), within(1e-12));
      assertThat(power.curvature(n, conditions))
          .isCloseTo(linear.curvature(n, conditions), within(1e-15));
    }
  }

  @Test
  void noTradeCostsNothingAndTheCurvatureIsInfiniteThereBelowExponentOne() {
    TradingConditions conditions = new TradingConditions(20.0, 0.02, 4e5, 1.0);
    PowerLawTemporaryImpact fit = PowerLawTemporaryImpact.of(0.142, 0.6);
    assertThat(fit.cost(0.0, conditions)).isZero();
    assertThat(fit.marginalCost(0.0, conditions)).isZero();
    assertThat(fit.curvature(0.0, conditions)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(PowerLawTemporaryImpact.of(0.0, 0.6).curvature(0.0, conditions)).isZero();
    assertThat(fit.maxUnitsPerPeriod(conditions)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(fit.kinks(conditions)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"0.142, 0.6, 1e5", "0.5, 0.5, 3e3", "0.05, 0.2, 7e5", "1.2, 1.0, 4e4", "0.3, 0.9, 12"})
  void derivativesMatchCentralDifferences(double c, double beta, double n) {
    TradingConditions conditions = new TradingConditions(35.0, 0.031, 6e5, 0.25);
    PowerLawTemporaryImpact model = PowerLawTemporaryImpact.of(c, beta);
    double step = 1e-4 * n;
    double slope =
        (model.cost(n + step, conditions) - model.cost(n - step, conditions)) / (2 * step);
    double bend =
        (model.marginalCost(n + step, conditions) - model.marginalCost(n - step, conditions))
            / (2 * step);
    assertThat(model.marginalCost(n, conditions))
        .isCloseTo(slope, within(1e-6 * Math.abs(slope)));
    assertThat(model.curvature(n, conditions)).isCloseTo(bend, within(1e-6 * Math.abs(bend)));
  }

  @Test
  void rejectsAnExponentOutsideZeroToOneAndANegativeCoefficient() {
    assertThatThrownBy(() -> PowerLawTemporaryImpact.of(0.1, 0.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("exponent: must be in (0.0, 1.0], was 0.0");
    assertThatThrownBy(() -> PowerLawTemporaryImpact.of(0.1, 1.5))
        .hasMessage("exponent: must be in (0.0, 1.0], was 1.5");
    assertThatThrownBy(() -> PowerLawTemporaryImpact.of(-0.1, 0.5))
        .hasMessage("coefficient: must be >= 0, was -0.1");
    assertThatThrownBy(() -> PowerLawTemporaryImpact.of(Double.NaN, 0.5))
        .hasMessage("coefficient: must be a finite number, was NaN");
  }
}
