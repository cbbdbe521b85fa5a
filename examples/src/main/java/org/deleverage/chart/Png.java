package org.deleverage.chart;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** PNG encoding of charts stacked one above the other, white background. */
final class Png {

  private Png() {}

  /** The charts, one per row, as the bytes of one PNG image. */
  static byte[] of(List<? extends Chart<?, ?>> charts) {
    for (Chart<?, ?> chart : charts) {
      chart.getStyler().setChartBackgroundColor(Color.WHITE);
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      BitmapEncoder.saveBitmap(new ArrayList<>(charts), charts.size(), 1, png,
          BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the chart", e);
    }
    return png.toByteArray();
  }
}
