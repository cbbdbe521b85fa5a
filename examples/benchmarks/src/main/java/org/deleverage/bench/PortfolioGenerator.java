package org.deleverage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deleverage.InvalidInputException;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.models.TradingConditions;
import org.deleverage.models.internal.Checks;

/**
 * Realistic, convex margin-call portfolios of any size, made deterministically from a seed, for
 * benchmarking the solvers. The same (assets, periods, seed) always gives an equal problem, and
 * the first n assets of a larger portfolio are the portfolio of n assets (each asset takes the same
 * fixed number of draws, and the factor loadings come from a stream of their own). Stateless and
 * thread-safe.
 *
 * <p>Each asset (MODEL.md section 1; units: money, units of the asset, days):
 *
 * <pre>
 *   side       short with probability 0.3, long otherwise
 *   p          log-uniform in [5, 500]                       money per unit
 *   sigma      uniform in [0.01, 0.04]                       daily (16% to 63% a year)
 *   V          log-uniform in [2e4, 5e6], whole units        units per day
 *   Q          V * log-uniform in [0.25, 3], whole units     25% to 300% of a day's volume
 *   rho        uniform in [0.1, 0.25]                        so Q >= rho V tau: the cap binds
 *   s, f       uniform in [2, 20] bp and [0, 2] bp           fractions of price
 *   m          uniform in [0.15, 0.5] long, [0.3, 0.5] short
 *   gamma      g * sigma * p / V, g uniform in [0.05, 0.3]   trading one V moves the mark g sigma
 *   eta        max(k * sigma * p / V, 1.25 * tau * b)         k uniform in [0.3, 0.8]
 *   b          gamma ((1 + 2m) N + 1) / 2 short, gamma (N + 1) / 2 long
 * </pre>
 *
 * so every asset meets the convexity condition of MODEL.md section 4 with margin, eta / tau
 * {@code >=} b, with a quarter to spare; over long horizons the bound, not the natural level k,
 * sets eta. Periods are {@value #PERIOD_LENGTH} day long; no asset is locked, has retain limits
 * or a reluctance.
 *
 * <p>The correlation is that of a factor model C = normalise(B B' + D): a market factor with
 * loadings uniform in [0.4, 1], one of {@value #SECTORS} sector factors (or as many as asked) with
 * a loading uniform in [0.2, 0.6], and a specific variance D_ii uniform in [0.2, 1]; B B' + D is
 * positive definite by construction and dividing by the square roots of its diagonal gives a unit
 * diagonal. The same dependence can be stated in three ways that give the same price covariance
 * Sigma_ij = C_ij sigma_i p_i sigma_j p_j ({@link Form}): as the correlation C, as Sigma itself,
 * or as the factor model of returns it comes from, with loadings sigma_i B_ik / s_i, F = I and
 * specific variances sigma_i^2 D_ii / s_i^2, where s_i^2 = (B B' + D)_ii. {@link
 * Form#INDEPENDENT} drops the correlation (C = I, returns independent): the same assets and
 * shortfall, a diagonal Sigma, and lambda set from that Sigma by the rule below.
 *
 * <p>The requirement is a margin call due by the last period N whose shortfall is {@value
 * #SHORTFALL_FRACTION} of what the reference plan frees: every position sold at its cap from the
 * first period on, n_ik = min(rho_i V_i tau, Q_i - c_i,k-1), which frees (MODEL.md section 3)
 *
 * <pre>
 *   F_i = m_i (c_i p_i + d_i gamma_i c_i (Q_i - c_i)) - L_i            c_i = c_iN
 *   L_i = gamma_i (Q_i c_i - c_i^2 / 2 - sum_k n_ik^2 / 2) + e_i c_i + (eta_i / tau) sum_k n_ik^2
 * </pre>
 *
 * with e_i = (s_i + f_i) p_i. The ranges above keep every F_i positive, so the reference plan
 * covers the shortfall more than three times over and the instance is feasible (the greedy
 * baseline covers it). The cash is set so that the account itself is short by exactly S: cash =
 * sum_i m_i Q_i p_i - sum_i q_i p_i - S.
 *
 * <p>The objective is the expected loss plus the timing risk, with no residual-risk term. The
 * risk aversion lambda is set by the margin of the first unit sold: selling one unit of asset i in
 * the first period lowers the timing risk by about 2 lambda tau N g_i, with g_i = d_i (Sigma
 * x_0)_i (the position's share of the portfolio's variance per unit, x_0 = q), and costs e_i +
 * gamma_i Q_i (spread and fees, and the mark-down of the units kept). lambda is the largest value
 * at which
 * that relief is at most {@value #RISK_RELIEF} of that cost for every asset:
 *
 * <pre>
 *   lambda = RISK_RELIEF * min over i with g_i > 0 of (e_i + gamma_i Q_i) / (2 tau N g_i)
 * </pre>
 *
 * (some g_i is positive, since sum_i Q_i g_i = x_0' Sigma x_0 > 0). So risk never makes a sale
 * pay on its own, and the risk term does not dominate; for the most exposed positions it offsets
 * up to half the cost, enough to change which positions the plan sells first. lambda tau N, and
 * with it this balance, is the same for every horizon.
 */
public final class PortfolioGenerator {

  /** The seed of the portfolios the benchmark runs. */
  public static final long DEFAULT_SEED = 20_240_601L;

  /** The shortfall as a share of what selling every position at its caps frees. */
  public static final double SHORTFALL_FRACTION = 0.3;

  /**
   * The most that the timing risk's relief on the first unit sold may be, as a share of that
   * unit's cost, over all assets; it sets the risk aversion.
   */
  public static final double RISK_RELIEF = 0.5;

  /** tau, the length of a period in days. */
  public static final double PERIOD_LENGTH = 1.0;

  /** The number of sector factors of the correlation, besides the market. */
  public static final int SECTORS = 3;

  /** The factor by which eta / tau exceeds the convexity bound, at least. */
  static final double CONVEXITY_HEADROOM = 1.25;

  private static final double SHORT_SHARE = 0.3;

  /** How a portfolio states the dependence of its assets; every form gives the same Sigma. */
  public enum Form {
    /** The correlation C, with the assets' volatilities. */
    CORRELATION,
    /** The dense n x n price covariance Sigma. */
    COVARIANCE,
    /** The factor model of returns behind C, with 1 + sectors factors. */
    FACTOR,
    /**
     * Independent returns: the same assets with no correlation (C = I), a different Sigma from
     * the other forms, and the risk aversion set from that Sigma by the same rule.
     */
    INDEPENDENT
  }

  private PortfolioGenerator() {}

  /**
   * The portfolio of {@code assets} positions over {@code periods} periods, from the default seed.
   */
  public static DeleveragingProblem portfolio(int assets, int periods) {
    return portfolio(assets, periods, DEFAULT_SEED);
  }

  /**
   * The portfolio of {@code assets} positions over {@code periods} periods made from {@code seed}.
   *
   * @throws InvalidInputException naming {@code assets} or {@code periods} if it is below 1 or
   *     {@code periods} is above {@link Horizon#MAX_PERIODS}
   */
  public static DeleveragingProblem portfolio(int assets, int periods, long seed) {
    return portfolio(assets, periods, seed, SECTORS, Form.CORRELATION);
  }

  /**
   * The portfolio of {@code assets} positions over {@code periods} periods made from {@code seed},
   * with a market and {@code sectors} sector factors, its dependence stated in the given form. With
   * {@value #SECTORS} sectors and {@link Form#CORRELATION} this is {@link #portfolio(int, int,
   * long)}; the forms of one portfolio differ in how Sigma is given, not in Sigma, the assets or
   * the objective.
   *
   * @throws InvalidInputException naming {@code assets}, {@code periods} or {@code sectors} if it
   *     is below 1, or {@code periods} if it is above {@link Horizon#MAX_PERIODS}
   */
  public static DeleveragingProblem portfolio(
      int assets, int periods, long seed, int sectors, Form form) {
    Checks.atLeastOne("assets", assets);
    Checks.atLeastOne("sectors", sectors);
    Horizon horizon;
    try {
      horizon = Horizon.of(periods, PERIOD_LENGTH);
    } catch (InvalidInputException e) {
      throw e.under("horizon");
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom assetDraws = root.split();
    SplittableRandom factorDraws = root.split();

    List<Asset> portfolio = new ArrayList<>(assets);
    double requirement = 0.0;
    double marketValue = 0.0;
    double freed = 0.0;
    double[] dollarVolatility = new double[assets];
    for (int i = 0; i < assets; i++) {
      Asset asset = asset(assetDraws, "A" + i, periods);
      portfolio.add(asset);
      requirement += asset.marginRate() * asset.held() * asset.price();
      marketValue += asset.quantity() * asset.price();
      freed += referenceFreed(asset, periods);
      dollarVolatility[i] = asset.quantity() * asset.volatility() * asset.price();
    }
    FactorModel factors = FactorModel.draw(factorDraws, assets, sectors);
    double shortfall = SHORTFALL_FRACTION * freed;
    double[] exposure =
        form == Form.INDEPENDENT ? dollarVolatility : factors.times(dollarVolatility);
    double riskAversion = riskAversion(portfolio, exposure, horizon);
    return DeleveragingProblem.builder()
        .cash(requirement - marketValue - shortfall)
        .assets(portfolio)
        .dependence(dependence(factors, portfolio, form))
        .horizon(horizon)
        .requirement(Requirement.margin().withShortfall(shortfall).withDeadline(periods))
        .objective(Objective.of(1.0, riskAversion, 0.0))
        .build();
  }

  /** The dependence of the portfolio in the given form. */
  private static Dependence dependence(FactorModel factors, List<Asset> portfolio, Form form) {
    switch (form) {
      case INDEPENDENT:
        return Dependence.independent();
      case FACTOR:
        return factors.returnModel(portfolio);
      case COVARIANCE:
        double[][] sigma = factors.correlation();
        for (int i = 0; i < sigma.length; i++) {
          double left = portfolio.get(i).volatility() * portfolio.get(i).price();
          for (int j = 0; j < sigma.length; j++) {
            sigma[i][j] *= left * portfolio.get(j).volatility() * portfolio.get(j).price();
          }
        }
        return Dependence.covariance(sigma);
      default:
        return Dependence.correlation(factors.correlation());
    }
  }

  /** The convexity bound b on eta / tau of MODEL.md section 4, with margin for a short. */
  static double convexityBound(double gamma, double marginRate, boolean isShort, int periods) {
    double scale = isShort ? 1 + 2 * marginRate : 1;
    return gamma * (scale * periods + 1) / 2;
  }

  private static Asset asset(SplittableRandom random, String id, int periods) {
    boolean isShort = random.nextDouble() < SHORT_SHARE;
    double price = logUniform(random, 5, 500);
    double volatility = uniform(random, 0.01, 0.04);
    double adv = Math.rint(logUniform(random, 2e4, 5e6));
    double held = Math.rint(adv * logUniform(random, 0.25, 3.0));
    double participation = uniform(random, 0.1, 0.25);
    double halfSpread = uniform(random, 2e-4, 2e-3);
    double fee = uniform(random, 0, 2e-4);
    double marginRate = isShort ? uniform(random, 0.3, 0.5) : uniform(random, 0.15, 0.5);
    double gamma = uniform(random, 0.05, 0.3) * volatility * price / adv;
    double naturalEta = uniform(random, 0.3, 0.8) * volatility * price / adv;
    double boundEta =
        CONVEXITY_HEADROOM * PERIOD_LENGTH
            * convexityBound(gamma, marginRate, isShort, periods);
    return Asset.builder(id)
        .quantity(isShort ? -held : held)
        .price(price)
        .volatility(volatility)
        .adv(adv)
        .halfSpread(halfSpread)
        .fee(fee)
        .marginRate(marginRate)
        .maxParticipation(participation)
        .eta(Math.max(naturalEta, boundEta))
        .gamma(gamma)
        .build();
  }

  /**
   * F_i of the class comment: the excess freed by the reference plan, the asset sold at its cap
   * from the first period on; its temporary cost is sum_k n_ik h_i(n_ik) from the asset's own
   * impact model (eta n_ik^2 / tau for the linear one).
   */
  private static double referenceFreed(Asset asset, int periods) {
    double held = asset.held();
    double price = asset.price();
    double gamma = asset.permanentImpact().gamma();
    TradingConditions conditions =
        new TradingConditions(price, asset.volatility(), asset.adv(), PERIOD_LENGTH);
    double cap = asset.maxParticipation() * asset.adv() * PERIOD_LENGTH;
    double traded = 0.0;
    double sumOfSquares = 0.0;
    double temporaryCost = 0.0;
    for (int k = 0; k < periods && traded < held; k++) {
      double units = Math.min(cap, held - traded);
      traded += units;
      sumOfSquares += units * units;
      temporaryCost += asset.temporaryImpact().cost(units, conditions);
    }
    double loss =
        gamma * (held * traded - traded * traded / 2 - sumOfSquares / 2)
            + asset.costs().costPerUnit(price) * traded
            + temporaryCost;
    double released =
        asset.marginRate()
            * (traded * price + asset.direction() * gamma * traded * (held - traded));
    return released - loss;
  }

  /**
   * lambda of the class comment, from C y with y_i = q_i sigma_i p_i: (Sigma x_0)_i = sigma_i p_i
   * (C y)_i.
   */
  private static double riskAversion(
      List<Asset> portfolio, double[] correlatedExposure, Horizon horizon) {
    double lambda = Double.POSITIVE_INFINITY;
    for (int i = 0; i < portfolio.size(); i++) {
      Asset asset = portfolio.get(i);
      double exposure =
          asset.direction() * asset.volatility() * asset.price() * correlatedExposure[i];
      if (exposure > 0) {
        double cost =
            asset.costs().costPerUnit(asset.price())
                + asset.permanentImpact().gamma() * asset.held();
        lambda = Math.min(lambda, cost / (2 * horizon.length() * exposure));
      }
    }
    return RISK_RELIEF * lambda;
  }

  /**
   * The factor model B B' + D of the correlation: column 0 of B is the market, column 1 + s the
   * sector s of the asset.
   */
  private record FactorModel(double[][] loadings, double[] specific) {
    static FactorModel draw(SplittableRandom random, int assets, int sectors) {
      double[][] loadings = new double[assets][1 + sectors];
      double[] specific = new double[assets];
      for (int i = 0; i < assets; i++) {
        loadings[i][0] = uniform(random, 0.4, 1.0);
        int sector = random.nextInt(sectors);
        loadings[i][1 + sector] = uniform(random, 0.2, 0.6);
        specific[i] = uniform(random, 0.2, 1.0);
      }
      return new FactorModel(loadings, specific);
    }

    /** (B B' + D)_ii, the variance of asset i in the model. */
    double variance(int i) {
      double sum = specific[i];
      for (double loading : loadings[i]) {
        sum += loading * loading;
      }
      return sum;
    }

    /** C_ij = (B B' + D)_ij / sqrt((B B' + D)_ii (B B' + D)_jj), with an exact unit diagonal. */
    double[][] correlation() {
      int n = specific.length;
      double[] scale = new double[n];
      for (int i = 0; i < n; i++) {
        scale[i] = Math.sqrt(variance(i));
      }
      double[][] correlation = new double[n][n];
      for (int i = 0; i < n; i++) {
        correlation[i][i] = 1.0;
        for (int j = i + 1; j < n; j++) {
          double covariance = 0.0;
          for (int f = 0; f < loadings[i].length; f++) {
            covariance += loadings[i][f] * loadings[j][f];
          }
          double value = covariance / (scale[i] * scale[j]);
          correlation[i][j] = value;
          correlation[j][i] = value;
        }
      }
      return correlation;
    }

    /**
     * The factor model of returns whose correlation is C and whose variances are sigma_i^2:
     * loadings sigma_i B_ik / s_i, F = I, specific variances sigma_i^2 D_ii / s_i^2.
     */
    Dependence returnModel(List<Asset> portfolio) {
      int n = specific.length;
      int factors = loadings[0].length;
      double[][] scaled = new double[n][factors];
      double[] specificVariance = new double[n];
      for (int i = 0; i < n; i++) {
        double ratio = portfolio.get(i).volatility() / Math.sqrt(variance(i));
        for (int k = 0; k < factors; k++) {
          scaled[i][k] = ratio * loadings[i][k];
        }
        specificVariance[i] = ratio * ratio * specific[i];
      }
      double[][] identity = new double[factors][factors];
      for (int k = 0; k < factors; k++) {
        identity[k][k] = 1.0;
      }
      return Dependence.factor(scaled, identity, specificVariance);
    }

    /**
     * C y, in O(n * factors): with s_i = sqrt((B B' + D)_ii) and z = y / s, (C y)_i = (B_i . (B'
     * z) + D_ii z_i) / s_i.
     */
    double[] times(double[] y) {
      int n = y.length;
      double[] scale = new double[n];
      double[] z = new double[n];
      double[] factorExposure = new double[loadings[0].length];
      for (int i = 0; i < n; i++) {
        scale[i] = Math.sqrt(variance(i));
        z[i] = y[i] / scale[i];
        for (int f = 0; f < factorExposure.length; f++) {
          factorExposure[f] += loadings[i][f] * z[i];
        }
      }
      double[] product = new double[n];
      for (int i = 0; i < n; i++) {
        double sum = specific[i] * z[i];
        for (int f = 0; f < factorExposure.length; f++) {
          sum += loadings[i][f] * factorExposure[f];
        }
        product[i] = sum / scale[i];
      }
      return product;
    }
  }

  private static double uniform(SplittableRandom random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  private static double logUniform(SplittableRandom random, double low, double high) {
    return Math.exp(uniform(random, Math.log(low), Math.log(high)));
  }
}
