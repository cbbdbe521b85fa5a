package org.deleverage.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deleverage.core.plan.PeriodResult;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Trade;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a plan, {@value #WIDTH} x {@value #HEIGHT} pixels: above, the notional traded per
 * period (quantity times expected execution price) as bars stacked by asset; below, on the same
 * periods, the excess path X_k (or K_k - S in cash mode) as a line, with period 0 the excess
 * before any trade. Stateless.
 */
public final class PlanChart {

  /** The width of the image in pixels. */
  public static final int WIDTH = 1000;

  /** The height of the image in pixels (two panels of half of it). */
  public static final int HEIGHT = 800;

  private PlanChart() {}

  /**
   * The chart as PNG bytes.
   *
   * @param plan the plan
   * @param initialExcess X_0, the excess before any trade (from the resolved problem)
   * @return the PNG file's bytes
   */
  public static byte[] png(Plan plan, double initialExcess) {
    int periods = plan.periods().size();
    List<String> labels = new ArrayList<>();
    for (int k = 1; k <= periods; k++) {
      labels.add(Integer.toString(k));
    }
    Map<String, double[]> notional = new LinkedHashMap<>();
    for (Trade trade : plan.trades()) {
      notional.computeIfAbsent(trade.asset(), a -> new double[periods])[trade.period() - 1] +=
          trade.notional();
    }
    CategoryChart bars = new CategoryChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Notional traded per period, by asset (" + plan.solver() + ")")
        .xAxisTitle("period").yAxisTitle("notional").build();
    bars.getStyler().setStacked(true);
    if (notional.isEmpty()) {
      bars.addSeries("no trades", labels, new ArrayList<>(java.util.Collections.nCopies(periods,
          0.0)));
    }
    notional.forEach((asset, values) -> {
      List<Double> column = new ArrayList<>();
      for (double value : values) {
        column.add(value);
      }
      bars.addSeries(asset, labels, column);
    });
    double[] x = new double[periods + 1];
    double[] excess = new double[periods + 1];
    excess[0] = initialExcess;
    for (int k = 0; k < periods; k++) {
      PeriodResult period = plan.periods().get(k);
      x[k + 1] = period.period();
      excess[k + 1] = period.excess();
    }
    XYChart line = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Excess after each period (shortfall " + String.format(java.util.Locale.ROOT,
            "%,.0f", plan.shortfall()) + ")")
        .xAxisTitle("period").yAxisTitle("excess").build();
    line.addSeries("excess", x, excess).setMarker(SeriesMarkers.CIRCLE);
    line.getStyler().setXAxisDecimalPattern("0");
    return Png.of(List.of(bars, line));
  }
}
