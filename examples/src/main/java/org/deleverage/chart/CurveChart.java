package org.deleverage.chart;

import java.util.List;
import org.deleverage.solvers.analysis.Breakpoint;
import org.deleverage.solvers.analysis.CostCurve;
import org.deleverage.solvers.analysis.CurvePoint;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a cost curve, {@value #WIDTH} x {@value #HEIGHT} pixels: above, the optimal
 * objective and expected loss against the shortfall, with a vertical line at each breakpoint;
 * below, the shadow price mu against the shortfall at the optimal points (not at the largest
 * coverable shortfall, where it is unbounded). Stateless.
 */
public final class CurveChart {

  /** The width of the image in pixels. */
  public static final int WIDTH = 1000;

  /** The height of the image in pixels (two panels of half of it). */
  public static final int HEIGHT = 800;

  private CurveChart() {}

  /**
   * The chart as PNG bytes.
   *
   * @param curve the curve
   * @return the PNG file's bytes
   */
  public static byte[] png(CostCurve.Result curve) {
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
    for (int j = 0; j < points.size(); j++) {
      CurvePoint point = points.get(j);
      s[j] = point.shortfall();
      objective[j] = point.objective();
      loss[j] = point.expectedLoss();
      if (priced(point)) {
        ps[q] = point.shortfall();
        mu[q++] = point.shadowPrice().getAsDouble();
      }
    }
    XYChart costs = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Cost of covering a shortfall (breakpoints as vertical lines)")
        .xAxisTitle("shortfall").yAxisTitle("money").build();
    costs.addSeries("objective", s, objective).setMarker(SeriesMarkers.CIRCLE);
    costs.addSeries("expected loss", s, loss).setMarker(SeriesMarkers.DIAMOND);
    for (Breakpoint breakpoint : curve.breakpoints()) {
      costs.addAnnotation(new AnnotationLine(breakpoint.shortfall(), true, false));
    }
    XYChart prices = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Shadow price: objective per extra unit of shortfall")
        .xAxisTitle("shortfall").yAxisTitle("mu").build();
    if (priced > 0) {
      prices.addSeries("shadow price", ps, mu).setMarker(SeriesMarkers.CIRCLE);
    } else {
      prices.addSeries("shadow price", new double[] {0.0}, new double[] {0.0});
    }
    for (XYChart chart : List.of(costs, prices)) {
      chart.getStyler().setXAxisDecimalPattern("#,##0");
    }
    costs.getStyler().setYAxisDecimalPattern("#,##0");
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
