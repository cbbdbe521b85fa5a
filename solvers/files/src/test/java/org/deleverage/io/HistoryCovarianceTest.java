package org.deleverage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.junit.jupiter.api.Test;

class HistoryCovarianceTest {

  /** A at 10 and B at 20 today. */
  private static final DeleveragingProblem TWO =
      DeleveragingProblem.builder()
          .cash(-100)
          .asset(Asset.builder("A").quantity(100).price(10).volatility(0.5).adv(1e4).build())
          .asset(Asset.builder("B").quantity(100).price(20).volatility(0.5).adv(1e4).build())
          .dependence(Dependence.correlation(new double[][] {{1, -0.9}, {-0.9, 1}}))
          .build();

  @Test
  void thePriceCovarianceOfTheProblemsAssetsByHand() {
    // Columns in another order, and an extra one (X) that is ignored. Returns:
    //   A: 55/50 - 1 = 0.1, 55/55 - 1 = 0, 60.5/55 - 1 = 0.1; mean 1/15, deviations
    //      (1, -2, 1)/30, variance (1 + 4 + 1)/900 / 2 = 1/300.
    //   B: 110/100 - 1 = 0.1, 99/110 - 1 = -0.1, 0; mean 0, variance 0.02 / 2 = 0.01.
    //   cov = (0.1/30 + 0.2/30 + 0) / 2 = 0.005; corr = 0.005 / sqrt(1/300 * 0.01) = sqrt3/2,
    //   a valid 2 x 2 correlation, so no repair.
    // Price covariance with p = (10, 20): Sigma_AA = 100/300 = 1/3, Sigma_BB = 400 * 0.01 = 4,
    // Sigma_AB = 10 * 20 * 0.005 = 1. The problem's own correlation (-0.9) is not used.
    PriceHistory history =
        PriceHistoryCsv.read(
            "date,B,A,X\nd0,100,50,1\nd1,110,55,1\nd2,99,55,1\nd3,99,60.5,\n", "h.csv");

    HistoryCovariance estimate = HistoryCovariance.estimate(history, TWO);

    assertThat(estimate.covariance()).isInstanceOf(Dependence.Covariance.class);
    double[][] sigma = ((Dependence.Covariance) estimate.covariance()).matrix();
    assertThat(sigma[0][0]).isCloseTo(1.0 / 3.0, within(1e-12));
    assertThat(sigma[1][1]).isCloseTo(4.0, within(1e-12));
    assertThat(sigma[0][1]).isCloseTo(1.0, within(1e-12));
    assertThat(sigma[1][0]).isEqualTo(sigma[0][1]);
    assertThat(estimate.repair().repaired()).isFalse();
    assertThat(estimate.repair().matrix()[0][1]).isCloseTo(Math.sqrt(3) / 2, within(1e-12));
  }

  @Test
  void errorsNameTheHistory() {
    PriceHistory noB = PriceHistoryCsv.read("date,A\nd0,1\nd1,2\nd2,3\n", "h.csv");
    assertThatThrownBy(() -> HistoryCovariance.estimate(noB, TWO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("h.csv row 1: no price column for the asset B of the problem");
    // B has prices on days 0, 1 and 3: one return (day 1), too few for a variance.
    PriceHistory gappy =
        PriceHistoryCsv.read("date,A,B\nd0,1,1\nd1,2,2\nd2,3,\nd3,4,4\n", "h.csv");
    assertThatThrownBy(() -> HistoryCovariance.estimate(gappy, TWO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("h.csv: B has 1 return observed, need at least 2 for a variance");
  }
}
