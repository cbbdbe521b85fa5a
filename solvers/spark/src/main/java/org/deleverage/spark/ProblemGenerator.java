package org.deleverage.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.io.ProblemJson;

/**
 * Generated accounts for trying the Spark API and the job at scale: the command line's bundled
 * sample problem (sample-margin-call.json, ten assets over five periods) replicated with each
 * account's quantities, prices and cash drawn around the sample's. Account {@code i} depends on
 * the seed and {@code i} alone, so the same seed gives the same accounts on any partitioning.
 */
public final class ProblemGenerator {

  private static final String SAMPLE = "sample-margin-call.json";

  private ProblemGenerator() {}

  /**
   * The bundled sample problem, the same as the command line's {@code sample-margin-call.json}.
   *
   * @return the sample problem
   */
  public static DeleveragingProblem sample() {
    try (InputStream in = ProblemGenerator.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException(SAMPLE + " is missing from the jar");
      }
      return ProblemJson.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The key of generated account {@code index}: {@code acct-} and the index in at least nine
   * digits, so the keys sort as the indices do.
   *
   * @param index the account's index, {@code >= 0}
   * @return the account's key
   */
  public static String accountId(long index) {
    return String.format("acct-%09d", index);
  }

  /**
   * Generated account {@code index}: each asset's quantity (and retained range) scaled by a
   * factor in [0.5, 1.5) and its price by one in [0.9, 1.1), the cash by one in [0.7, 1.3);
   * enough of the accounts end up infeasible to show that status too.
   *
   * @param sample the problem to replicate
   * @param seed the seed
   * @param index the account's index
   * @return the account's problem
   */
  public static DeleveragingProblem problem(DeleveragingProblem sample, long seed, long index) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    List<Asset> assets = new ArrayList<>();
    for (Asset asset : sample.assets()) {
      double size = 0.5 + random.nextDouble();
      double price = 0.9 + 0.2 * random.nextDouble();
      assets.add(asset
          .withRetain(0.0, 0.0)
          .withQuantity(asset.quantity() * size)
          .withRetain(asset.retainMin() * size, asset.retainMax() * size)
          .withPrice(asset.price() * price));
    }
    double cash = sample.account().cash() * (0.7 + 0.6 * random.nextDouble());
    return sample.withAssets(assets).withAccount(Account.of(cash));
  }

  /**
   * Generated problem rows {@code 0 .. count - 1}, made on the executors.
   *
   * @param spark the session
   * @param count the number of accounts
   * @param seed the seed
   * @param partitions the number of partitions
   * @return rows of {@link RowSchemas#PROBLEM}
   */
  public static Dataset<Row> problems(
      SparkSession spark, long count, long seed, int partitions) {
    return spark
        .range(0, count, 1, partitions)
        .mapPartitions(new Generate(seed), Encoders.row(RowSchemas.PROBLEM));
  }

  /** One partition's generated rows. */
  private static final class Generate implements MapPartitionsFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final long seed;

    Generate(long seed) {
      this.seed = seed;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> indices) {
      DeleveragingProblem sample = sample();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return indices.hasNext();
        }

        @Override
        public Row next() {
          long index = indices.next();
          return ProblemRows.toRow(accountId(index), problem(sample, seed, index));
        }
      };
    }
  }
}
