package org.deleverage.chart;

import java.util.List;
import java.util.Map;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRound;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a fire-sale cascade, {@value #WIDTH} x {@value #HEIGHT} pixels: above, each
 * asset's price per round as a percentage of its price before the shock (round 0 is just after
 * the shock); below, the loss to date per round (round 0 is the shock's loss). Stateless.
 */
public final class CascadeChart {

  /** The width of the image in pixels. */
  public static final int WIDTH = 1000;

  /** The height of the image in pixels (two panels of half of it). */
  public static final int HEIGHT = 800;

  private CascadeChart() {}

  /**
   * The chart as PNG bytes.
   *
   * @param result the cascade
   * @return the PNG file's bytes
   */
  public static byte[] png(CascadeResult result) {
    List<CascadeRound> rounds = result.rounds();
    double[] x = new double[rounds.size() + 1];
    for (int r = 0; r < x.length; r++) {
      x[r] = r;
    }
    XYChart prices = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Prices after each round (% of the price before the shock)")
        .xAxisTitle("round (0: just after the shock)").yAxisTitle("% of price before the shock")
        .build();
    Axes.style(prices, true);
    for (Map.Entry<String, Double> asset : result.initialPrices().entrySet()) {
      String id = asset.getKey();
      double initial = asset.getValue();
      double[] y = new double[x.length];
      y[0] = 100 * result.shockedPrices().get(id) / initial;
      for (int r = 0; r < rounds.size(); r++) {
        y[r + 1] = 100 * rounds.get(r).prices().get(id) / initial;
      }
      prices.addSeries(id, x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    XYChart losses = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title(String.format(java.util.Locale.ROOT, "Loss to date (amplification %s)",
            Double.isFinite(result.amplification())
                ? String.format(java.util.Locale.ROOT, "%.3f", result.amplification()) : "-"))
        .xAxisTitle("round (0: the shock)").yAxisTitle("loss (account currency)").build();
    Axes.style(losses, false);
    double[] loss = new double[x.length];
    loss[0] = result.shockLoss();
    for (int r = 0; r < rounds.size(); r++) {
      loss[r + 1] = rounds.get(r).lossToDate();
    }
    losses.addSeries("loss to date", x, loss).setMarker(SeriesMarkers.CIRCLE);
    double most = 0.0;
    for (double value : loss) {
      most = Math.max(most, value);
    }
    // Zero-based: a loss axis that starts at the shock's loss makes the rounds' losses look
    // larger than they are.
    Axes.grid(losses, 0.0, most, 0.0, rounds.size(), Axes::money);
    double lowest = 100.0;
    double highest = 100.0;
    for (XYSeries series : prices.getSeriesMap().values()) {
      for (double y : series.getYData()) {
        lowest = Math.min(lowest, y);
        highest = Math.max(highest, y);
      }
    }
    Axes.grid(prices, lowest, highest, 0.0, rounds.size(), v -> Axes.compact(v) + "%");
    for (XYChart chart : List.of(prices, losses)) {
      chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) Math.max(1, rounds.size()));
      chart.getStyler().setXAxisDecimalPattern("0");
    }
    return Png.of(List.of(prices, losses));
  }
}
