package org.deleverage.io;

import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.models.risk.CorrelationRepair;
import org.deleverage.models.risk.Covariances;
import org.deleverage.models.risk.NearestCorrelation;
import org.deleverage.models.risk.SampleCovariance;

/**
 * The daily price covariance of a problem's assets estimated from a price history, as {@code
 * deleverage plan --history} uses it in place of the problem's correlation or covariance.
 *
 * <p>The history's columns are matched to the problem's assets by id (extra columns are ignored;
 * a missing one is an error naming the asset). From the simple daily returns of those columns,
 * with missing days handled pairwise ({@link SampleCovariance}), come each asset's daily return
 * volatility s_i and the correlation C, which is repaired to the nearest correlation matrix C*
 * when it is not positive semidefinite ({@link NearestCorrelation#DEFAULT}). With the problem's
 * prices p_i the price covariance per day (MODEL.md section 1, money^2 per unit^2) is
 *
 * <pre>
 *   Sigma_ij = p_i s_i * p_j s_j * C*_ij
 * </pre>
 *
 * which is {@code p_i p_j cov(r_i, r_j)} when no return is missing and C needed no repair, and
 * positive semidefinite in any case.
 *
 * @param covariance the price covariance, as a {@link Dependence}
 * @param repair what the repair of the correlation did (not {@code repaired()} when C was valid)
 */
public record HistoryCovariance(Dependence covariance, CorrelationRepair repair) {

  /**
   * The estimate for the assets of {@code problem}.
   *
   * @param history the daily closing prices, one column per asset id
   * @param problem the problem whose assets (by id) and prices (today's) the covariance is for
   * @return the price covariance per day, and what repairing the correlation did
   * @throws InvalidInputException naming the history's source and the rule: an asset without a
   *     column, or an asset or pair with fewer than 2 returns
   */
  public static HistoryCovariance estimate(PriceHistory history, DeleveragingProblem problem) {
    List<String> ids = problem.assets().stream().map(Asset::id).toList();
    double[][] prices = history.prices(ids);
    SampleCovariance sample;
    try {
      sample = SampleCovariance.ofPrices(prices, ids);
    } catch (InvalidInputException e) {
      InvalidInputException named = new InvalidInputException(history.source(), e.rule());
      named.initCause(e);
      throw named;
    }
    CorrelationRepair repair = NearestCorrelation.DEFAULT.repair(sample.correlation());
    double[] volatilities = sample.volatilities();
    double[] priceVolatilities = new double[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      priceVolatilities[i] = problem.assets().get(i).price() * volatilities[i];
    }
    double[][] sigma = Covariances.fromCorrelation(repair.matrix(), priceVolatilities);
    return new HistoryCovariance(Dependence.covariance(sigma), repair);
  }
}
