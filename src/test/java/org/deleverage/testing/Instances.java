package org.deleverage.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.CoverageMode;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ScheduleStep;
import org.deleverage.models.BookLevel;
import org.deleverage.models.LinearPermanentImpact;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.PowerLawTemporaryImpact;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TradingConditions;
import org.deleverage.models.TransientImpact;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Random deleveraging problems that are valid and convex by construction, each made from one
 * seed so that a failing instance is reproduced by its seed alone ({@link #problem(long)}).
 *
 * <p>Construction: 1 to 6 assets (a quarter of them short), 1 to 5 periods; prices, volumes and
 * costs over several orders of magnitude; the correlation is a two-factor model B B' + D
 * normalised to a unit diagonal, positive semidefinite by construction; the temporary impact eta
 * is set above the convexity bound of MODEL.md section 4 for the asset's side, eta / tau >=
 * gamma ((1 + 2m) N + 1) / 2 for a short (the requirement term m gamma c^2 adds to the bound) and
 * gamma (N + 1) / 2 for a long; retain.max never forces more than 90% of what the caps allow. The
 * shortfall is a random fraction of what selling every unlocked position at the mark would free,
 * sometimes above it, so that some instances are infeasible.
 */
public final class Instances {
  private Instances() {}

  /**
   * A generator of seeds: a property takes the seed and builds its problem with {@link
   * #problem(long)}, so that QuickTheories reports the failing seed, which alone rebuilds the
   * instance.
   */
  public static Gen<Long> seeds() {
    return SourceDSL.longs().all();
  }

  /** The problem made from {@code seed}. */
  public static DeleveragingProblem problem(long seed) {
    return generate(seed, false);
  }

  /**
   * The problem made from {@code seed} with a mix of temporary impact models: each asset keeps
   * the linear model, or (a third each) takes a power law (c in [0.05, 1], beta in [0.3, 1]) or an
   * order book (one to three levels, offsets rising from up to 10 bp by 2 to 30 bp a level, the
   * ladder holding half to twice the participation cap). Convex by construction: an order book
   * has no curvature, so its asset gets gamma = 0; a power law's curvature is least at the cap,
   * kappa = T''(cap), and gamma is set below kappa over the bound's factor.
   */
  public static DeleveragingProblem marketProblem(long seed) {
    return generate(seed, true);
  }

  /**
   * The instance of {@link #marketProblem(long)} with about half of its linear and power-law
   * assets on transient impact (MODEL.md section 9.1) instead: kappa the curvature the asset's
   * own model has at its cap (2 eta / tau for linear impact), a half-life of 0.05 to 20 periods
   * (a from 2^-20 to 0.97), and gamma lowered where needed to keep the convexity condition of
   * MODEL.md section 10 with the transient bound kappa (1 - a) / (1 + a). Order books, the
   * dependence, horizon, requirement and objective are kept, so transient assets trade beside
   * every other model, with correlated risk. The requirement may then be out of reach
   * (transient impact costs more than the model it replaces): such instances are infeasible.
   */
  public static DeleveragingProblem transientProblem(long seed) {
    DeleveragingProblem base = marketProblem(seed);
    SplittableRandom random = new SplittableRandom(seed ^ 0x7A11E5L);
    int periods = base.horizon().periods();
    double tau = base.horizon().periodLength();
    List<Asset> assets = new ArrayList<>();
    for (Asset asset : base.assets()) {
      TemporaryImpactModel model = asset.temporaryImpact();
      if (model instanceof OrderBookTemporaryImpact || random.nextBoolean()) {
        assets.add(asset);
        continue;
      }
      TradingConditions conditions =
          new TradingConditions(asset.price(), asset.volatility(), asset.adv(), tau);
      double cap = asset.maxParticipation() * asset.adv() * tau;
      double kappa = model.curvature(cap, conditions);
      TransientImpact impact = TransientImpact.of(kappa, tau * logUniform(random, 0.05, 20));
      double a = impact.decay(conditions);
      double factor = (asset.quantity() < 0 ? 1 + 2 * asset.marginRate() : 1) * periods + 1;
      double gamma = Math.min(asset.permanentImpact().gamma(), kappa * (1 - a) / (1 + a) / factor);
      assets.add(new Asset(asset.id(), asset.quantity(), asset.price(), asset.volatility(),
          asset.adv(), asset.costs(), impact, LinearPermanentImpact.of(gamma),
          asset.marginRate(), asset.maxParticipation(), asset.locked(), asset.retainMin(),
          asset.retainMax(), asset.reluctance()));
    }
    return new DeleveragingProblem(base.account(), assets, base.dependence(), base.horizon(),
        base.requirement(), base.objective());
  }

  private static DeleveragingProblem generate(long seed, boolean market) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(6);
    int periods = 1 + random.nextInt(5);
    double tau = random.nextBoolean() ? 1.0 : 0.5;
    List<Asset> assets = new ArrayList<>();
    CoverageMode mode = random.nextDouble() < 0.25 ? CoverageMode.CASH : CoverageMode.MARGIN;
    double freed = 0.0;
    for (int i = 0; i < n; i++) {
      boolean shortPosition = random.nextDouble() < 0.25;
      double held = logUniform(random, 100, 1e5);
      double price = logUniform(random, 1, 1000);
      double adv = held * logUniform(random, 0.5, 20);
      double marginRate = uniform(random, 0.05, 1.0);
      double gamma = random.nextDouble() < 0.3 ? 0.0 : uniform(random, 0, 0.01) * price / adv;
      double bound = gamma * ((shortPosition ? 1 + 2 * marginRate : 1) * periods + 1) / 2;
      double eta = tau * (bound * (1 + 2 * random.nextDouble()) + 0.05 * price / adv * random.nextDouble());
      double participation = uniform(random, 0.05, 1.0);
      double cap = participation * adv * tau;
      boolean locked = random.nextDouble() < 0.15;
      double retainMin = 0;
      double retainMax = held;
      if (!locked && random.nextDouble() < 0.3) {
        retainMin = held * uniform(random, 0, 0.3);
      }
      if (!locked && random.nextDouble() < 0.2) {
        double lowest = Math.max(retainMin, held - 0.9 * periods * cap);
        retainMax = uniform(random, lowest, held);
      }
      double volatility = uniform(random, 0, 0.05);
      TemporaryImpactModel impact = LinearTemporaryImpact.of(eta);
      if (market) {
        double factor = (shortPosition ? 1 + 2 * marginRate : 1) * periods + 1;
        double draw = random.nextDouble();
        if (draw < 1.0 / 3) {
          PowerLawTemporaryImpact power =
              PowerLawTemporaryImpact.of(uniform(random, 0.05, 1.0), uniform(random, 0.3, 1.0));
          impact = power;
          double kappa =
              power.curvature(cap, new TradingConditions(price, volatility, adv, tau));
          gamma = random.nextDouble() < 0.3 ? 0.0 : kappa / (factor * uniform(random, 1, 3));
        } else if (draw < 2.0 / 3) {
          int levels = 1 + random.nextInt(3);
          // A ladder shallower than the cap only where no retain limit forces a sale.
          double depth = cap * uniform(random, retainMax < held ? 1.0 : 0.5, 2.0);
          double offset = uniform(random, 0, 0.001);
          double[] weights = new double[levels];
          double total = 0.0;
          for (int l = 0; l < levels; l++) {
            weights[l] = uniform(random, 0.5, 1.5);
            total += weights[l];
          }
          List<BookLevel> ladder = new ArrayList<>();
          for (int l = 0; l < levels; l++) {
            ladder.add(BookLevel.of(offset, depth * weights[l] / total));
            offset += uniform(random, 0.0002, 0.003);
          }
          impact = OrderBookTemporaryImpact.of(ladder);
          gamma = 0.0;
          cap = Math.min(cap, ((OrderBookTemporaryImpact) impact).depth());
        }
      }
      Asset asset =
          Asset.builder("A" + i)
              .quantity(shortPosition ? -held : held)
              .price(price)
              .volatility(volatility)
              .adv(adv)
              .halfSpread(uniform(random, 0, 0.002))
              .fee(uniform(random, 0, 0.001))
              .feePerUnit(uniform(random, 0, 0.001) * price)
              .marginRate(marginRate)
              .temporaryImpact(impact)
              .gamma(gamma)
              .maxParticipation(participation)
              .locked(locked)
              .retain(retainMin, retainMax)
              .reluctance(random.nextDouble() < 0.3 ? uniform(random, 0, 0.01) * price : 0)
              .build();
      assets.add(asset);
      if (!locked) {
        double sellable = Math.min(held - retainMin, periods * cap);
        freed += mode == CoverageMode.CASH
            ? (shortPosition ? 0 : sellable * price)
            : sellable * marginRate * price;
      }
    }
    double scale = random.nextDouble() < 0.2 ? uniform(random, 1.0, 1.5) : uniform(random, 0, 0.8);
    double shortfall = scale * freed;
    int deadline = 1 + random.nextInt(periods);
    Requirement requirement =
        (mode == CoverageMode.CASH ? Requirement.cash(shortfall)
            : Requirement.margin().withShortfall(shortfall))
            .withDeadline(deadline);
    if (random.nextDouble() < 0.3) {
      requirement =
          requirement.withSchedule(
              List.of(ScheduleStep.of(1 + random.nextInt(deadline), random.nextDouble())));
    }
    Objective objective =
        Objective.of(
            1.0,
            random.nextBoolean() ? 0.0 : Math.pow(10, uniform(random, -10, -6)),
            random.nextBoolean() ? 0.0 : Math.pow(10, uniform(random, -10, -6)));
    return new DeleveragingProblem(
        Account.of(uniform(random, -1e6, 1e6)),
        assets,
        factorCorrelation(random, n),
        Horizon.of(periods, tau),
        requirement,
        objective);
  }

  /**
   * The problem made from {@code seed} with a factor model of returns in place of its correlation
   * (the assets, horizon, requirement and objective of {@link #problem(long)}): K = 1 to 3 factors,
   * loadings uniform in [-0.03, 0.03], F = A A' with A of K x K' entries uniform in [-1, 1] and
   * K' = K or, a third of the time, K - 1 (a singular F, zero when K = 1), and specific variances
   * uniform in [0, 4e-4], zero for a fifth of the assets: daily return variances of the order of
   * those of a volatility of 2%.
   */
  public static DeleveragingProblem factorProblem(long seed) {
    DeleveragingProblem base = problem(seed);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int n = base.assets().size();
    int factors = 1 + random.nextInt(3);
    int rank = random.nextDouble() < 1.0 / 3 ? factors - 1 : factors;
    double[][] loadings = new double[n][factors];
    double[] specific = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < factors; k++) {
        loadings[i][k] = uniform(random, -0.03, 0.03);
      }
      specific[i] = random.nextDouble() < 0.2 ? 0.0 : uniform(random, 0, 4e-4);
    }
    double[][] root = new double[factors][rank];
    for (int k = 0; k < factors; k++) {
      for (int c = 0; c < rank; c++) {
        root[k][c] = uniform(random, -1, 1);
      }
    }
    double[][] covariance = new double[factors][factors];
    for (int k = 0; k < factors; k++) {
      for (int l = 0; l <= k; l++) {
        double sum = 0.0;
        for (int c = 0; c < rank; c++) {
          sum += root[k][c] * root[l][c];
        }
        covariance[k][l] = sum;
        covariance[l][k] = sum;
      }
    }
    return withDependence(base, Dependence.factor(loadings, covariance, specific));
  }

  /**
   * The same problem with its factor model given as the dense price covariance it stands for,
   * Sigma_ij = p_i p_j (B F B' + D)_ij, worked here entry by entry from the model's parts.
   */
  public static DeleveragingProblem denseEquivalent(DeleveragingProblem problem) {
    Dependence.Factor factor = (Dependence.Factor) problem.dependence();
    double[][] b = factor.loadings();
    double[][] f = factor.factorCovariance();
    double[] d = factor.specificVariance();
    int n = b.length;
    double[][] sigma = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double omega = i == j ? d[i] : 0.0;
        for (int k = 0; k < f.length; k++) {
          for (int l = 0; l < f.length; l++) {
            omega += b[i][k] * f[k][l] * b[j][l];
          }
        }
        double value =
            problem.assets().get(i).price() * problem.assets().get(j).price() * omega;
        sigma[i][j] = value;
        sigma[j][i] = value;
      }
    }
    return withDependence(problem, Dependence.covariance(sigma));
  }

  private static DeleveragingProblem withDependence(
      DeleveragingProblem problem, Dependence dependence) {
    return new DeleveragingProblem(
        problem.account(), problem.assets(), dependence, problem.horizon(),
        problem.requirement(), problem.objective());
  }

  static Dependence factorCorrelation(SplittableRandom random, int n) {
    int factors = 2;
    double[][] loadings = new double[n][factors];
    double[] specific = new double[n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < factors; f++) {
        loadings[i][f] = uniform(random, -1, 1);
      }
      specific[i] = uniform(random, 0.1, 1);
    }
    double[][] covariance = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int f = 0; f < factors; f++) {
          covariance[i][j] += loadings[i][f] * loadings[j][f];
        }
      }
      covariance[i][i] += specific[i];
    }
    double[][] correlation = new double[n][n];
    for (int i = 0; i < n; i++) {
      correlation[i][i] = 1.0;
      for (int j = i + 1; j < n; j++) {
        double value = covariance[i][j] / Math.sqrt(covariance[i][i] * covariance[j][j]);
        correlation[i][j] = value;
        correlation[j][i] = value;
      }
    }
    return Dependence.correlation(correlation);
  }

  static double uniform(SplittableRandom random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  static double logUniform(SplittableRandom random, double low, double high) {
    return Math.exp(uniform(random, Math.log(low), Math.log(high)));
  }
}
