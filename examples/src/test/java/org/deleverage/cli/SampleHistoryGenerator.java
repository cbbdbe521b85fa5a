package org.deleverage.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;

/**
 * Makes the bundled price history {@value #RESOURCE} for the bundled sample problem, the same
 * text every time on every machine ({@link SampleHistoryTest} checks that the committed file is
 * exactly this generator's output). To write it again after a change:
 *
 * <pre>
 *   java -cp TEST_AND_RUNTIME_CLASSPATH org.deleverage.cli.SampleHistoryGenerator \
 *       examples/src/main/resources/org/deleverage/cli/sample-history.csv
 * </pre>
 *
 * <p>How: {@value #DAYS} calendar days from {@link #FIRST_DAY}. A latent price follows a
 * correlated geometric Brownian motion without drift, one step per calendar day, with each
 * asset's daily volatility sigma_i and the correlation C of the sample problem:
 *
 * <pre>
 *   P_t,i = P_t-1,i * exp(sigma_i z_t,i - sigma_i^2 / 2),   z_t = L e_t,  L L' = C,
 *   e_t independent standard normal (Box-Muller on a SplittableRandom seeded with SEED)
 * </pre>
 *
 * scaled so that the last day's price is the sample's price. The crypto assets (BTC, ETH, SOL)
 * are observed every day; the equities only on NYSE trading days of 2025 (no weekends, no
 * exchange holidays). On top of that each observed cell is missing with probability {@value
 * #GAP} (a gap in the data), so that the estimate has to handle missing prices pairwise. Prices
 * are written with 2 decimals. Columns are in the order AAPL, MSFT, NVDA, XOM, JPM, TSLA, SPY,
 * BTC, ETH, SOL, not the problem's, since the command line matches them by id. Only StrictMath
 * and exact decimal rounding are used, so the text does not depend on the platform.
 */
public final class SampleHistoryGenerator {

  /** The classpath resource of the generated history. */
  public static final String RESOURCE = "/org/deleverage/cli/sample-history.csv";

  static final long SEED = 20250101L;
  static final int DAYS = 250;
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
  static final double GAP = 0.01;
  static final List<String> COLUMNS =
      List.of("AAPL", "MSFT", "NVDA", "XOM", "JPM", "TSLA", "SPY", "BTC", "ETH", "SOL");
  static final Set<String> CRYPTO = Set.of("BTC", "ETH", "SOL");

  /** The NYSE's full-day closures of 2025 in the generated range (9 January: a day of mourning). */
  static final Set<LocalDate> HOLIDAYS =
      Set.of(
          LocalDate.of(2025, 1, 1),
          LocalDate.of(2025, 1, 9),
          LocalDate.of(2025, 1, 20),
          LocalDate.of(2025, 2, 17),
          LocalDate.of(2025, 4, 18),
          LocalDate.of(2025, 5, 26),
          LocalDate.of(2025, 6, 19),
          LocalDate.of(2025, 7, 4),
          LocalDate.of(2025, 9, 1));

  private SampleHistoryGenerator() {}

  /** Writes the history to the file named by the only argument. */
  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[0]), csv(), StandardCharsets.UTF_8);
  }

  /** Whether the equities trade on {@code day}. */
  static boolean equitiesTrade(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY
        && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && !HOLIDAYS.contains(day);
  }

  /** The history as CSV text. */
  static String csv() {
    DeleveragingProblem sample = Samples.marginCall();
    int n = COLUMNS.size();
    double[] sigma = new double[n];
    double[] price = new double[n];
    int[] problemIndex = new int[n];
    List<String> ids = sample.assets().stream().map(Asset::id).toList();
    for (int k = 0; k < n; k++) {
      problemIndex[k] = ids.indexOf(COLUMNS.get(k));
      Asset asset = sample.assets().get(problemIndex[k]);
      sigma[k] = asset.volatility();
      price[k] = asset.price();
    }
    double[][] problemCorrelation = ((Dependence.Correlation) sample.dependence()).matrix();
    double[][] c = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        c[a][b] = problemCorrelation[problemIndex[a]][problemIndex[b]];
      }
    }
    double[][] l = cholesky(c);
    SplittableRandom random = new SplittableRandom(SEED);
    double[][] logPrice = new double[DAYS][n];
    for (int t = 1; t < DAYS; t++) {
      double[] e = normals(random, n);
      for (int i = 0; i < n; i++) {
        double z = 0;
        for (int j = 0; j <= i; j++) {
          z += l[i][j] * e[j];
        }
        logPrice[t][i] = logPrice[t - 1][i] + sigma[i] * z - sigma[i] * sigma[i] / 2;
      }
    }
    StringBuilder csv = new StringBuilder("date");
    for (String column : COLUMNS) {
      csv.append(',').append(column);
    }
    csv.append('\n');
    for (int t = 0; t < DAYS; t++) {
      LocalDate day = FIRST_DAY.plusDays(t);
      csv.append(day);
      for (int i = 0; i < n; i++) {
        boolean open = CRYPTO.contains(COLUMNS.get(i)) || equitiesTrade(day);
        boolean gap = random.nextDouble() < GAP;
        csv.append(',');
        if (open && !gap) {
          double value =
              price[i] * StrictMath.exp(logPrice[t][i] - logPrice[DAYS - 1][i]);
          csv.append(
              new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
        }
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** n independent standard normals by the Box-Muller transform. */
  private static double[] normals(SplittableRandom random, int n) {
    double[] e = new double[n];
    for (int k = 0; k < n; k += 2) {
      double u = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
      double v = random.nextDouble();
      double radius = Math.sqrt(-2.0 * StrictMath.log(u));
      e[k] = radius * StrictMath.cos(2 * Math.PI * v);
      if (k + 1 < n) {
        e[k + 1] = radius * StrictMath.sin(2 * Math.PI * v);
      }
    }
    return e;
  }

  /** The lower-triangular L with L L' = c, for a positive definite c. */
  private static double[][] cholesky(double[][] c) {
    int n = c.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = c[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(sum > 0)) {
            throw new IllegalStateException("the sample correlation is not positive definite");
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    return l;
  }
}
