package org.deleverage.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.PeriodResult;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.Side;
import org.deleverage.core.plan.Trade;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a plan, {@value #WIDTH} x {@value #HEIGHT} pixels, two panels on one period axis
 * that line up: above, the notional traded per period (quantity times expected execution price)
 * in the account's currency, stacked by asset, sales above zero and short buy-backs below it
 * (cash paid); below, the excess path X_k (or K_k - S in cash mode) after each period, period 0
 * being the excess before any trade, with the coverage line (the buffer) and each schedule step's
 * required excess. Both panels mark the deadline and the schedule's periods. Stateless.
 */
public final class PlanChart {

  /** The width of the image in pixels. */
  public static final int WIDTH = 1000;

  /** The height of the image in pixels (two panels of half of it). */
  public static final int HEIGHT = 800;

  /** Half the width of a bar, in periods. */
  private static final double HALF_BAR = 0.35;

  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
    new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207),
    new Color(214, 39, 40)
  };

  private PlanChart() {}

  /**
   * The chart as PNG bytes.
   *
   * @param plan the plan
   * @param problem the problem it solves: the excess before any trade, the deadline, the
   *     schedule and the buffer
   * @return the PNG file's bytes
   */
  public static byte[] png(Plan plan, ResolvedProblem problem) {
    int periods = plan.periods().size();
    Map<String, double[]> signed = new LinkedHashMap<>();
    for (Trade trade : plan.trades()) {
      double cash = trade.side() == Side.BUY ? -trade.notional() : trade.notional();
      signed.computeIfAbsent(trade.asset(), a -> new double[periods])[trade.period() - 1] += cash;
    }
    XYChart bars = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Notional per period by asset (" + plan.solver() + "): sales up, short buy-backs"
            + " down")
        .xAxisTitle("period (each bar: the trades of that period)")
        .yAxisTitle("notional (account currency)").build();
    Axes.style(bars, true);
    double[] up = new double[periods];
    double[] down = new double[periods];
    int colour = 0;
    for (Map.Entry<String, double[]> asset : signed.entrySet()) {
      Color fill = PALETTE[colour++ % PALETTE.length];
      boolean first = true;
      for (int k = 0; k < periods; k++) {
        double value = asset.getValue()[k];
        if (value == 0.0) {
          continue;
        }
        double base = value > 0 ? up[k] : down[k];
        double top = base + value;
        if (value > 0) {
          up[k] = top;
        } else {
          down[k] = top;
        }
        double left = k + 1 - HALF_BAR;
        double right = k + 1 + HALF_BAR;
        String name = first ? legendName(plan, asset.getKey()) : asset.getKey() + " " + (k + 1);
        XYSeries bar = bars.addSeries(name, new double[] {left, left, right, right},
            new double[] {base, top, top, base});
        bar.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        bar.setMarker(SeriesMarkers.NONE);
        bar.setFillColor(fill);
        bar.setLineColor(fill);
        bar.setShowInLegend(first);
        first = false;
      }
    }
    if (signed.isEmpty()) {
      bars.addSeries("no trades", new double[] {1, periods}, new double[] {0, 0})
          .setMarker(SeriesMarkers.NONE);
      bars.getStyler().setLegendVisible(false);
    }
    Axes.grid(bars, Math.min(0.0, min(down)), Math.max(0.0, max(up)), -1.0, periods + 1.0,
        Axes::money);
    double[] x = new double[periods + 1];
    double[] excess = new double[periods + 1];
    excess[0] = problem.initialExcess();
    for (int k = 0; k < periods; k++) {
      PeriodResult period = plan.periods().get(k);
      x[k + 1] = period.period();
      excess[k + 1] = period.excess();
    }
    XYChart line = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Excess after each period (shortfall " + Axes.money(plan.shortfall())
            + "; covered when at or above the red line by the deadline)")
        .xAxisTitle("period (0: before any trade)").yAxisTitle("excess (account currency)")
        .build();
    Axes.style(line, false);
    line.addSeries("excess", x, excess).setMarker(SeriesMarkers.CIRCLE);
    line.addAnnotation(new AnnotationLine(problem.buffer(), false, false));
    double low = Math.min(min(excess), problem.buffer());
    double high = Math.max(max(excess), problem.buffer());
    Axes.grid(line, low, high, -1.0, periods + 1.0, Axes::money);
    int deadline = problem.deadlineIndex() + 1;
    List<XYChart> panels = List.of(bars, line);
    for (XYChart panel : panels) {
      panel.getStyler().setXAxisMin(-1.0).setXAxisMax(periods + 1.0);
      panel.getStyler().setXAxisDecimalPattern("0");
      panel.addAnnotation(new AnnotationLine(deadline + 0.5, true, false));
    }
    line.addAnnotation(new AnnotationText("deadline: end of period " + deadline,
        deadline + 0.5 - 0.75, low + 0.05 * (high - low), false));
    if (problem.scheduleSize() > 0) {
      double[] sx = new double[problem.scheduleSize()];
      double[] sy = new double[problem.scheduleSize()];
      for (int s = 0; s < problem.scheduleSize(); s++) {
        sx[s] = problem.scheduleIndex(s) + 1;
        sy[s] = -problem.shortfall() * (1.0 - problem.scheduleFraction(s));
        line.addAnnotation(new AnnotationText(
            String.format(Locale.ROOT, "schedule: %.0f%% covered by period %d",
                100 * problem.scheduleFraction(s), problem.scheduleIndex(s) + 1),
            sx[s], sy[s] - 0.08 * (high - low), false));
      }
      XYSeries steps = line.addSeries("schedule step", sx, sy);
      steps.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      steps.setMarker(SeriesMarkers.TRIANGLE_UP);
      steps.setMarkerColor(Axes.MARKER);
    }
    return Png.of(panels);
  }

  private static String legendName(Plan plan, String asset) {
    for (Trade trade : plan.trades()) {
      if (trade.asset().equals(asset)) {
        return asset + (trade.side() == Side.BUY ? " (buy back)" : " (sell)");
      }
    }
    return asset;
  }

  private static double min(double[] values) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double max(double[] values) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
