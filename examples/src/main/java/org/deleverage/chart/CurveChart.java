package org.deleverage.chart;

import java.awt.Color;
import java.util.List;
import org.deleverage.solvers.analysis.Breakpoint;
import org.deleverage.solvers.analysis.CostCurve;
import org.deleverage.solvers.analysis.CurvePoint;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a cost curve, {@value #WIDTH} x {@value #HEIGHT} pixels, two panels on one
 * shortfall axis from zero to the largest coverable shortfall, in the account's currency: above,
 * the optimal objective and expected loss against the shortfall, with a numbered vertical line at
 * each breakpoint (the numbers are the rows of the curve's breakpoint table); below, the shadow
 * price mu in basis points (objective per 10,000 of extra shortfall) at the optimal points (not
 * at the largest coverable shortfall, where it is unbounded). A red line marks the problem's own
 * shortfall in both. Stateless.
 */
public final class CurveChart {

  /** The width of the image in pixels. */
  public static final int WIDTH = 1000;

  /** The height of the image in pixels (two panels of half of it). */
  public static final int HEIGHT = 800;

  private CurveChart() {}

  /**
   * The chart as PNG bytes, without the problem's own shortfall.
   *
   * @param curve the curve
   * @return the PNG file's bytes
   */
  public static byte[] png(CostCurve.Result curve) {
    return png(curve, Double.NaN);
  }

  /**
   * The chart as PNG bytes, with the problem's own shortfall marked.
   *
   * @param curve the curve
   * @param shortfall the problem's own shortfall S, money (NaN for no mark)
   * @return the PNG file's bytes
   */
  public static byte[] png(CostCurve.Result curve, double shortfall) {
    List<CurvePoint> points = curve.points();
    double[] s = new double[points.size()];
    double[] objective = new double[points.size()];
    double[] loss = new double[points.size()];
    int priced = 0;
    for (CurvePoint point : points) {
      priced += priced(point) ? 1 : 0;
    }
    double[] ps = new double[priced];
    double[] mu = new double[priced];
    int q = 0;
    double top = 0.0;
    double muTop = 0.0;
    double right = 0.0;
    for (int j = 0; j < points.size(); j++) {
      CurvePoint point = points.get(j);
      s[j] = point.shortfall();
      objective[j] = point.objective();
      loss[j] = point.expectedLoss();
      top = Math.max(top, Math.max(objective[j], loss[j]));
      right = Math.max(right, s[j]);
      if (priced(point)) {
        ps[q] = point.shortfall();
        mu[q] = 1e4 * point.shadowPrice().getAsDouble();
        muTop = Math.max(muTop, mu[q++]);
      }
    }
    if (Double.isFinite(shortfall)) {
      right = Math.max(right, shortfall);
    }
    // A round right end, so that both panels tick at the same round shortfalls.
    double step = Axes.niceStep(Math.max(right, 1.0) / 10);
    right = Math.ceil(right / step) * step;
    XYChart costs = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Cost of covering a shortfall; numbered lines: breakpoints (see the table)")
        .xAxisTitle("shortfall (account currency)").yAxisTitle("cost (account currency)")
        .build();
    Axes.style(costs, true);
    costs.addSeries("objective", s, objective).setMarker(SeriesMarkers.CIRCLE);
    costs.addSeries("expected loss", s, loss).setMarker(SeriesMarkers.DIAMOND);
    Axes.grid(costs, 0.0, top, 0.0, right, Axes::money);
    List<Breakpoint> breakpoints = curve.breakpoints();
    for (int b = 0; b < breakpoints.size(); b++) {
      double at = breakpoints.get(b).shortfall();
      XYSeries line = costs.addSeries("breakpoint " + (b + 1), new double[] {at, at},
          new double[] {0.0, top});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(Color.LIGHT_GRAY);
      line.setShowInLegend(false);
      // Staggered over four heights so that neighbouring numbers do not overlap.
      costs.addAnnotation(new AnnotationText(Integer.toString(b + 1), at,
          top * (0.96 - 0.05 * (b % 4)), false));
    }
    XYChart prices = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Shadow price mu: extra objective per extra unit of shortfall, in bp")
        .xAxisTitle("shortfall (account currency)").yAxisTitle("mu (bp)").build();
    Axes.style(prices, false);
    if (priced > 0) {
      prices.addSeries("shadow price", ps, mu).setMarker(SeriesMarkers.CIRCLE);
    } else {
      prices.addSeries("shadow price", new double[] {0.0}, new double[] {0.0});
    }
    Axes.grid(prices, 0.0, muTop, 0.0, right, v -> Axes.compact(v) + " bp");
    for (XYChart chart : List.of(costs, prices)) {
      chart.getStyler().setXAxisMin(0.0).setXAxisMax(right);
      chart.getStyler().setxAxisTickLabelsFormattingFunction(Axes::money);
      if (Double.isFinite(shortfall)) {
        chart.addAnnotation(new AnnotationLine(shortfall, true, false));
      }
    }
    if (Double.isFinite(shortfall)) {
      prices.addAnnotation(new AnnotationText("this problem: " + Axes.money(shortfall),
          shortfall + 0.07 * right, muTop * 0.9, false));
    }
    return Png.of(List.of(costs, prices));
  }

  /**
   * Whether a point's shadow price is drawn: only at an optimal point; at the largest coverable
   * shortfall (status feasible) the multiplier is unbounded and would flatten the panel.
   */
  private static boolean priced(CurvePoint point) {
    return point.shadowPrice().isPresent() && "optimal".equals(point.status());
  }
}
