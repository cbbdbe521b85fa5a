package org.deleverage.chart;

import java.util.List;
import org.deleverage.solvers.analysis.EfficientFrontier;
import org.deleverage.solvers.analysis.FrontierPoint;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of an efficient frontier, {@value #WIDTH} x {@value #HEIGHT} pixels: expected loss
 * against timing risk (standard deviation) for the optimal plans of the risk-aversion sweep, and
 * the two Almgren-Chriss reference strategies as separate points, and the problem's own plan (at
 * its own risk aversion) as a red square; money in the account's currency. Stateless.
 */
public final class FrontierChart {

  /** The width of the image in pixels. */
  public static final int WIDTH = 1000;

  /** The height of the image in pixels. */
  public static final int HEIGHT = 600;

  private FrontierChart() {}

  /**
   * The chart as PNG bytes.
   *
   * @param frontier the frontier
   * @return the PNG file's bytes
   */
  public static byte[] png(EfficientFrontier.Result frontier) {
    return png(frontier, null);
  }

  /**
   * The chart as PNG bytes, with the problem's own optimal plan marked.
   *
   * @param frontier the frontier
   * @param current the problem's own plan (at its own risk aversion) as a point, or null
   * @return the PNG file's bytes
   */
  public static byte[] png(EfficientFrontier.Result frontier, FrontierPoint current) {
    List<FrontierPoint> points = frontier.points();
    double[] risk = new double[points.size()];
    double[] loss = new double[points.size()];
    for (int j = 0; j < points.size(); j++) {
      risk[j] = points.get(j).timingRisk();
      loss[j] = points.get(j).expectedLoss();
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Efficient frontier: expected loss against timing risk")
        .xAxisTitle("timing risk: standard deviation (account currency)")
        .yAxisTitle("expected loss (account currency)").build();
    chart.addSeries("optimal, risk aversion swept", risk, loss)
        .setMarker(SeriesMarkers.CIRCLE);
    for (FrontierPoint end : List.of(frontier.sellNow(), frontier.sellEvenly())) {
      XYSeries series = chart.addSeries(end.label(), new double[] {end.timingRisk()},
          new double[] {end.expectedLoss()});
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      series.setMarker(SeriesMarkers.DIAMOND);
    }
    if (current != null) {
      XYSeries mark = chart.addSeries(current.label(), new double[] {current.timingRisk()},
          new double[] {current.expectedLoss()});
      mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      mark.setMarker(SeriesMarkers.SQUARE);
      mark.setMarkerColor(Axes.MARKER);
    }
    Axes.style(chart, true);
    chart.getStyler().setxAxisTickLabelsFormattingFunction(Axes::money);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setYAxisMin(0.0);
    return Png.of(List.of(chart));
  }
}
