package org.deleverage.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Function;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * What every chart shares: money on axes in k, m and bn of the account's currency, labelled grid
 * lines inside the plot (so that panels stacked one above the other have plot areas that line
 * up), legends inside the plot and only where there are several series.
 */
final class Axes {

  /** The colour of the grid lines. */
  private static final Color GRID = new Color(225, 225, 225);

  /** The colour of the markers of the problem's own figures (deadline, shortfall, schedule). */
  static final Color MARKER = new Color(200, 30, 30);

  private Axes() {}

  /**
   * Money in at most three significant digits with a k, m or bn suffix: 0, 950, 12.5k, -70m,
   * 1.2bn.
   */
  static String money(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 1e9) {
      return compact(value / 1e9) + "bn";
    }
    if (magnitude >= 1e6) {
      return compact(value / 1e6) + "m";
    }
    if (magnitude >= 1e3) {
      return compact(value / 1e3) + "k";
    }
    return compact(value);
  }

  /** A number with at most two decimals, trailing zeros dropped, never -0. */
  static String compact(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    String text = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN)
        .stripTrailingZeros().toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  /**
   * Replaces the y axis's tick labels with labelled grid lines drawn inside the plot, so that
   * panels stacked one above the other have plot areas of the same width whatever their labels
   * (the width of tick labels moves a plot's left edge): the y range becomes [low, high] widened
   * to whole steps of 1, 2 or 5 times a power of ten, about six of them.
   */
  static void grid(XYChart chart, double low, double high, double left, double right,
      Function<Double, String> label) {
    if (!(high > low)) {
      double pad = Math.max(1.0, Math.abs(low) * 0.1);
      low -= pad;
      high += pad;
    }
    double step = niceStep((high - low) / 6);
    double first = Math.floor(low / step) * step;
    double last = Math.ceil(high / step) * step;
    chart.getStyler().setYAxisMin(first).setYAxisMax(last);
    chart.getStyler().setYAxisTicksVisible(false);
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
    int lines = (int) Math.round((last - first) / step);
    for (int j = 0; j <= lines; j++) {
      double y = first + j * step;
      XYSeries line = chart.addSeries("grid " + j, new double[] {left, right},
          new double[] {y, y});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(GRID);
      line.setLineStyle(new BasicStroke(1f));
      line.setShowInLegend(false);
      chart.addAnnotation(new AnnotationText(label.apply(Math.abs(y) < step * 1e-9 ? 0.0 : y),
          left + 0.04 * (right - left), y + 0.02 * (last - first), false));
    }
  }

  /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
  static double niceStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= rough) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /**
   * Styles an XY chart as every chart here: the y axis in money, legend inside at the top right,
   * shown only when {@code legend}, markers in red.
   */
  static void style(XYChart chart, boolean legend) {
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Axes::money);
    chart.getStyler().setLegendVisible(legend);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setAnnotationLineColor(MARKER);
    chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
  }
}
