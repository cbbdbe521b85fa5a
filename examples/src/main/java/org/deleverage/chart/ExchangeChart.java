package org.deleverage.chart;

import java.util.List;
import java.util.Locale;
import org.deleverage.solvers.exchange.ExchangeResult;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of an exchange simulation, {@value #WIDTH} x {@value #HEIGHT} pixels: above, the
 * insurance fund's balance after each step (the opening balance at step -1) and the step's bad
 * debt; below, per step, the contracts liquidated in the book and the contracts closed by ADL.
 * Stateless.
 */
public final class ExchangeChart {

  /** The width of the image in pixels. */
  public static final int WIDTH = 1000;

  /** The height of the image in pixels (two panels of half of it). */
  public static final int HEIGHT = 800;

  private ExchangeChart() {}

  /**
   * The chart as PNG bytes.
   *
   * @param result the simulation
   * @return the PNG file's bytes
   */
  public static byte[] png(ExchangeResult result) {
    List<ExchangeResult.Step> steps = result.steps();
    double[] x = new double[steps.size() + 1];
    double[] fund = new double[x.length];
    double[] debt = new double[x.length];
    x[0] = -1;
    fund[0] = result.openingFund();
    for (int t = 0; t < steps.size(); t++) {
      x[t + 1] = t;
      fund[t + 1] = steps.get(t).fundAfter();
      debt[t + 1] = steps.get(t).badDebt();
    }
    XYChart top = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title(String.format(Locale.ROOT, "Insurance fund (%s policy): %,.0f -> %,.0f",
            result.policy(), result.openingFund(), result.closingFund()))
        .xAxisTitle("step (-1 = opening)").yAxisTitle("money").build();
    top.addSeries("fund after the step", x, fund).setMarker(SeriesMarkers.CIRCLE);
    top.addSeries("bad debt in the step", x, debt).setMarker(SeriesMarkers.DIAMOND);
    top.getStyler().setXAxisDecimalPattern("0");
    top.getStyler().setYAxisDecimalPattern("#,##0");
    List<Integer> index = new java.util.ArrayList<>();
    List<Double> market = new java.util.ArrayList<>();
    List<Double> adl = new java.util.ArrayList<>();
    for (ExchangeResult.Step step : steps) {
      index.add(step.index());
      market.add(step.liquidations().stream()
          .mapToDouble(ExchangeResult.Liquidation::marketClosed).sum());
      adl.add(step.adlClosed());
    }
    CategoryChart bottom = new CategoryChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Contracts liquidated per step").xAxisTitle("step").yAxisTitle("contracts")
        .build();
    bottom.addSeries("closed in the book", index, market);
    bottom.addSeries("closed by ADL", index, adl);
    bottom.getStyler().setStacked(true);
    return Png.of(List.of(top, bottom));
  }
}
