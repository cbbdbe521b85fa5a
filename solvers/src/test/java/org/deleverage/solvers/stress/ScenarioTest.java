package org.deleverage.solvers.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.ResolvedProblem;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  /**
   * One long and one short. Before: long A 1,000 at 100 (m = 0.2), short B -500 at 40 (m =
   * 0.5), cash -50,000. E = -50,000 + 100,000 - 20,000 = 30,000; R = 0.2 x 100,000 + 0.5 x
   * 20,000 = 30,000: no shortfall.
   *
   * <p>The scenario: A falls 10% (p = 90), B rises 5% (p = 42), every margin rate + 0.05. Then E =
   * -50,000 + 90,000 - 21,000 = 19,000 and R = 0.25 x 90,000 + 0.55 x 21,000 = 22,500 + 11,550 =
   * 34,050, so the shortfall is 34,050 - 19,000 = 15,050.
   */
  @Test
  void pricesAndMarginRatesGiveTheNewShortfall() {
    DeleveragingProblem problem = longAndShort(Dependence.independent());
    Scenario scenario =
        Scenario.named("sell-off")
            .withPriceShock("A", -0.10)
            .withPriceShock("B", 0.05)
            .withMarginRateIncrease(0.05);

    ResolvedProblem before = problem.resolve();
    ResolvedProblem after = scenario.apply(problem).resolve();

    assertThat(before.shortfall()).isCloseTo(0.0, within(1e-9));
    assertThat(after.equity()).isCloseTo(19_000.0, within(1e-9));
    assertThat(after.marginRequirement()).isCloseTo(34_050.0, within(1e-9));
    assertThat(after.shortfall()).isCloseTo(15_050.0, within(1e-9));
  }

  /**
   * Volatility x 2 for A and a spike theta = 0.5 on a correlation of -0.2: the correlation
   * becomes -0.2 + 0.5 (1 - (-0.2)) = 0.4, and Sigma_AB = 0.4 x (2 x 0.02 x 100) x (0.03 x 40)
   * = 0.4 x 4 x 1.2 = 1.92.
   */
  @Test
  void volatilityAndCorrelationSpike() {
    DeleveragingProblem problem =
        longAndShort(Dependence.correlation(new double[][] {{1, -0.2}, {-0.2, 1}}));
    Scenario scenario =
        Scenario.named("spike").withVolatilityMultiplier("A", 2.0).withCorrelationSpike(0.5);

    DeleveragingProblem stressed = scenario.apply(problem);

    assertThat(stressed.assets().get(0).volatility()).isCloseTo(0.04, within(1e-15));
    assertThat(((Dependence.Correlation) stressed.dependence()).matrix()[0][1]).isCloseTo(0.4, within(1e-15));
    assertThat(stressed.resolve().covariance(0, 1)).isCloseTo(1.92, within(1e-12));
  }

  /**
   * A factor model with one factor: loadings (1.5, 0.5), a factor return of -0.1 moves A by
   * -0.15 and B by -0.05 (p = 85 and 38), on top of no asset shock.
   */
  @Test
  void factorShocksMoveEachAssetByItsLoading() {
    DeleveragingProblem problem =
        longAndShort(
            Dependence.factor(new double[][] {{1.5}, {0.5}}, new double[][] {{1e-4}},
                new double[] {1e-4, 1e-4}));

    DeleveragingProblem stressed =
        Scenario.named("factor").withFactorShocks(List.of(-0.1)).apply(problem);

    assertThat(stressed.assets().get(0).price()).isCloseTo(85.0, within(1e-12));
    assertThat(stressed.assets().get(1).price()).isCloseTo(38.0, within(1e-12));
  }

  /**
   * A covariance given in money follows the prices: A halves (P = diag(0.5, 1)), so Sigma_AA =
   * 4 x 0.25 = 1 and Sigma_AB = 1 x 0.5 = 0.5.
   */
  @Test
  void aCovarianceInMoneyFollowsThePrices() {
    DeleveragingProblem problem =
        longAndShort(Dependence.covariance(new double[][] {{4, 1}, {1, 2}}));

    DeleveragingProblem stressed = Scenario.named("half").withPriceShock("A", -0.5).apply(problem);

    double[][] sigma = ((Dependence.Covariance) stressed.dependence()).matrix();
    assertThat(sigma[0][0]).isCloseTo(1.0, within(1e-12));
    assertThat(sigma[0][1]).isCloseTo(0.5, within(1e-12));
    assertThat(sigma[1][1]).isCloseTo(2.0, within(1e-12));
  }

  /**
   * A spike on independent assets keeps them out of an n x n matrix: (1 - theta) I + theta 11'
   * is one common factor. With theta = 0.5 and A's volatility doubled (sigma = 0.04 and 0.03):
   * Sigma_AB = 0.5 x (0.04 x 100) x (0.03 x 40) = 0.5 x 4 x 1.2 = 2.4, and the variances are
   * kept, Sigma_AA = (0.04 x 100)^2 = 16 and Sigma_BB = (0.03 x 40)^2 = 1.44.
   */
  @Test
  void aSpikeOnIndependentAssetsIsOneFactor() {
    DeleveragingProblem problem = longAndShort(Dependence.independent());
    Scenario scenario =
        Scenario.named("spike").withVolatilityMultiplier("A", 2.0).withCorrelationSpike(0.5);

    DeleveragingProblem stressed = scenario.apply(problem);
    ResolvedProblem resolved = stressed.resolve();

    assertThat(stressed.dependence()).isInstanceOf(Dependence.Factor.class);
    assertThat(resolved.priceCovariance().isFactorModel()).isTrue();
    assertThat(resolved.priceCovariance().factorCount()).isEqualTo(1);
    assertThat(resolved.covariance(0, 1)).isCloseTo(2.4, within(1e-12));
    assertThat(resolved.covariance(0, 0)).isCloseTo(16.0, within(1e-12));
    assertThat(resolved.covariance(1, 1)).isCloseTo(1.44, within(1e-12));
  }

  /**
   * A spike on a factor model keeps the factor form, with one more factor, and gives the price
   * covariance of the shifted correlation with the variances kept, entry by entry. One factor of
   * variance 1e-4, loadings (1.5, 0.5), specific variances 1e-4 each: the return variances are
   * v = (2.25e-4 + 1e-4, 0.25e-4 + 1e-4) = (3.25e-4, 1.25e-4) and the covariance 0.75e-4, so the
   * correlation is 0.75 / sqrt(3.25 x 1.25) = 0.3721; theta = 0.4 moves it to 0.3721 + 0.4 (1 -
   * 0.3721) = 0.6233, and Sigma_AB = 0.6233 x sqrt(3.25e-4) x 100 x sqrt(1.25e-4) x 40.
   */
  @Test
  void aSpikeOnAFactorModelKeepsTheFactorForm() {
    DeleveragingProblem problem =
        longAndShort(
            Dependence.factor(new double[][] {{1.5}, {0.5}}, new double[][] {{1e-4}},
                new double[] {1e-4, 1e-4}));

    DeleveragingProblem stressed = Scenario.named("spike").withCorrelationSpike(0.4).apply(problem);
    ResolvedProblem resolved = stressed.resolve();

    assertThat(stressed.dependence()).isInstanceOf(Dependence.Factor.class);
    assertThat(resolved.priceCovariance().factorCount()).isEqualTo(2);
    double correlation = 0.75 / Math.sqrt(3.25 * 1.25);
    double shifted = correlation + 0.4 * (1 - correlation);
    double expected = shifted * Math.sqrt(3.25e-4) * 100 * Math.sqrt(1.25e-4) * 40;
    assertThat(resolved.covariance(0, 1)).isCloseTo(expected, within(1e-12 * expected));
    assertThat(resolved.covariance(0, 0)).isCloseTo(3.25e-4 * 100 * 100, within(1e-12));
    assertThat(resolved.covariance(1, 1)).isCloseTo(1.25e-4 * 40 * 40, within(1e-12));
  }

  /**
   * A stress leaves a large independent or factor book in its form: volatility and correlation
   * shocks on 20,000 assets, whose n x n price covariance would take 3.2 GB, resolve to the
   * diagonal form (no spike) and to the factor form (a spike).
   */
  @Test
  void aStressedLargeBookHasNoSquareMatrix() {
    DeleveragingProblem.Builder builder = DeleveragingProblem.builder().cash(-1e6);
    int n = 20_000;
    double[][] loadings = new double[n][2];
    double[] specific = new double[n];
    for (int i = 0; i < n; i++) {
      builder.asset(Asset.builder("A" + i).quantity(1_000).price(10 + i % 7).volatility(0.02)
          .adv(1e5).marginRate(0.2).eta(1e-3).build());
      loadings[i][0] = 0.01;
      loadings[i][1] = i % 2 == 0 ? 0.005 : 0.0;
      specific[i] = 1e-4;
    }
    DeleveragingProblem independent = builder.dependence(Dependence.independent()).build();
    DeleveragingProblem factor = independent.withDependence(
        Dependence.factor(loadings, new double[][] {{1, 0}, {0, 1}}, specific));
    Scenario volatility = Scenario.named("vol").withVolatilityMultiplier(1.5);
    Scenario spike = volatility.withCorrelationSpike(0.3);

    assertThat(volatility.apply(independent).resolve().priceCovariance().isDiagonal()).isTrue();
    assertThat(spike.apply(independent).resolve().priceCovariance().isFactorModel()).isTrue();
    assertThat(volatility.apply(factor).resolve().priceCovariance().factorCount()).isEqualTo(2);
    assertThat(spike.apply(factor).resolve().priceCovariance().factorCount()).isEqualTo(3);
  }

  @Test
  void aScenarioThatDoesNotFitNamesTheField() {
    DeleveragingProblem problem = longAndShort(Dependence.independent());
    assertThatThrownBy(() -> Scenario.named("x").withPriceShock("C", -0.1).apply(problem))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("priceShocks.C: names no asset of the problem");
    assertThatThrownBy(() -> Scenario.named("x").withPriceShock(-1.0))
        .hasMessage("priceShock: must be > -1 (a return), was -1.0");
    assertThatThrownBy(() -> Scenario.named("x").withFactorShocks(List.of(0.1)).apply(problem))
        .hasMessage("factorShocks: need a factor model of returns in the problem, which has"
            + " independent");
    assertThatThrownBy(() -> Scenario.named("x").withCorrelationSpike(1.5))
        .hasMessage("correlationSpike: must be in [0.0, 1.0], was 1.5");
  }

  private static DeleveragingProblem longAndShort(Dependence dependence) {
    return DeleveragingProblem.builder()
        .cash(-50_000)
        .asset(Asset.builder("A").quantity(1_000).price(100).volatility(0.02).adv(1e5)
            .marginRate(0.2).eta(1e-3).build())
        .asset(Asset.builder("B").quantity(-500).price(40).volatility(0.03).adv(1e5)
            .marginRate(0.5).eta(1e-3).build())
        .dependence(dependence)
        .build();
  }
}
