package org.deleverage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.io.PriceHistory;
import org.deleverage.io.PriceHistoryCsv;
import org.deleverage.models.risk.SampleCovariance;
import org.junit.jupiter.api.Test;

/** The bundled price history: what its generator makes, and fit for the bundled sample. */
class SampleHistoryTest {

  @Test
  void theBundledHistoryIsExactlyWhatTheGeneratorMakes() throws IOException {
    assertThat(bundledText()).isEqualTo(SampleHistoryGenerator.csv());
  }

  @Test
  void equitiesMissWeekendsAndHolidaysCryptoTradesEveryDay() throws IOException {
    PriceHistory history = PriceHistoryCsv.read(bundledText(), "sample-history.csv");
    double[][] prices = history.prices();
    List<String> assets = history.assets();

    assertThat(assets).containsExactlyElementsOf(SampleHistoryGenerator.COLUMNS);
    assertThat(history.days()).hasSize(SampleHistoryGenerator.DAYS);
    int cryptoMissing = 0;
    int equityMissingOnTradingDays = 0;
    for (int t = 0; t < prices.length; t++) {
      LocalDate day = LocalDate.parse(history.days().get(t));
      for (int i = 0; i < assets.size(); i++) {
        boolean missing = Double.isNaN(prices[t][i]);
        if (SampleHistoryGenerator.CRYPTO.contains(assets.get(i))) {
          cryptoMissing += missing ? 1 : 0;
        } else if (!SampleHistoryGenerator.equitiesTrade(day)) {
          assertThat(missing).as("%s on %s", assets.get(i), day).isTrue();
        } else {
          equityMissingOnTradingDays += missing ? 1 : 0;
        }
      }
    }
    // About 1% gaps on top of the closures: some, but few.
    assertThat(cryptoMissing).isBetween(1, 20);
    assertThat(equityMissingOnTradingDays).isBetween(1, 30);
  }

  /**
   * The history ends at the sample's prices, and its volatilities are those of the sample up to
   * sampling error (about 1 / sqrt(2 * 120) = 7% relative for the equities' ~120 returns).
   */
  @Test
  void itFitsTheBundledSample() throws IOException {
    DeleveragingProblem sample = Samples.marginCall();
    List<String> ids = sample.assets().stream().map(Asset::id).toList();
    double[][] prices =
        PriceHistoryCsv.read(bundledText(), "sample-history.csv").prices(ids);

    double[] volatilities = SampleCovariance.ofPrices(prices, ids).volatilities();

    for (int i = 0; i < ids.size(); i++) {
      Asset asset = sample.assets().get(i);
      assertThat(volatilities[i])
          .as(asset.id())
          .isBetween(0.75 * asset.volatility(), 1.25 * asset.volatility());
      double last = Double.NaN;
      for (double[] day : prices) {
        last = Double.isNaN(day[i]) ? last : day[i];
      }
      assertThat(last).as(asset.id()).isBetween(0.9 * asset.price(), 1.1 * asset.price());
    }
  }

  private static String bundledText() throws IOException {
    try (InputStream in =
        SampleHistoryTest.class.getResourceAsStream(SampleHistoryGenerator.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
