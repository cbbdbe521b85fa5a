package org.deleverage.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deleverage.solvers.stress.SystemicMeasures;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The systemic measures of a cascade's accounts (Greenwood, Landier and Thesmar 2015), {@value
 * #WIDTH} x {@value #HEIGHT} pixels: above, each account's systemicness S_n as bars, the loss its
 * fire sale inflicts on all accounts in percent of their aggregate equity (the bars add up to the
 * aggregate vulnerability AV, in the title); below, each account's indirect vulnerability IV_n,
 * the loss everyone's fire sales inflict on it in percent of its own equity. An account without
 * a figure (equity not above zero before the shock) is drawn at zero. Stateless.
 */
public final class SystemicChart {

  /** The width of the image in pixels. */
  public static final int WIDTH = 1000;

  /** The height of the image in pixels (two panels of half of it). */
  public static final int HEIGHT = 800;

  private SystemicChart() {}

  /**
   * The chart as PNG bytes.
   *
   * @param measures the measures
   * @return the PNG file's bytes
   */
  public static byte[] png(SystemicMeasures measures) {
    List<String> names = new ArrayList<>(measures.systemicness().keySet());
    CategoryChart causes = new CategoryChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title(String.format(Locale.ROOT, "Systemicness S: loss each account's fire sale inflicts"
            + " (aggregate vulnerability AV = %s)", percent(measures.aggregateVulnerability())))
        .xAxisTitle("account").yAxisTitle("% of all accounts' equity").build();
    causes.addSeries("systemicness", names, values(names, measures, true))
        .setFillColor(new Color(200, 30, 30));
    CategoryChart suffers = new CategoryChartBuilder().width(WIDTH).height(HEIGHT / 2)
        .title("Indirect vulnerability IV: loss everyone's fire sales inflict on each account")
        .xAxisTitle("account").yAxisTitle("% of the account's own equity").build();
    suffers.addSeries("indirect vulnerability", names, values(names, measures, false))
        .setFillColor(new Color(60, 90, 160));
    for (CategoryChart chart : List.of(causes, suffers)) {
      chart.getStyler().setLegendVisible(false);
      chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
      chart.getStyler().setYAxisMin(0.0);
      // The bars carry their value in percent, up to three decimals (the y axis' pattern).
      chart.getStyler().setYAxisDecimalPattern("0.0##");
      chart.getStyler().setLabelsVisible(true);
    }
    return Png.of(List.of(causes, suffers));
  }

  private static List<Double> values(
      List<String> names, SystemicMeasures measures, boolean systemicness) {
    List<Double> out = new ArrayList<>();
    for (String name : names) {
      double value = systemicness
          ? measures.systemicness().get(name) : measures.indirectVulnerability().get(name);
      out.add(Double.isFinite(value) ? 100 * value : 0.0);
    }
    return out;
  }

  private static String percent(double fraction) {
    return Double.isFinite(fraction)
        ? String.format(Locale.ROOT, "%.3f%%", 100 * fraction) : "-";
  }
}
