package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.deleverage.core.Asset;
import org.deleverage.core.CoverageMode;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.internal.AssetLedger;
import org.deleverage.models.BookLevel;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.deleverage.models.PowerLawTemporaryImpact;
import org.deleverage.models.TemporaryImpactModel;
import org.junit.jupiter.api.Test;

/**
 * The optimiser's accounting of one asset in its remaining units ({@link AssetPath}) equals the
 * evaluator's in trade units ({@link AssetLedger}, {@link Evaluator}), value and gradient, on
 * generated instances; and its gradient and curvature are those of its value.
 *
 * <p>The map between the two. With 0-based periods, r_k = Q - (n_0 + ... + n_k) and n_j = r_{j-1}
 * - r_j (r_{-1} = Q, fixed). A quantity F(r) then has dF/dn_j = sum_k dF/dr_k dr_k/dn_j = -sum_{k
 * >= j} dF/dr_k, a suffix sum ({@link #inTradeUnits}); for F = F_k this is zero for j > k on both
 * sides.
 *
 * <p>The constants, from the code of both sides:
 *
 * <ul>
 *   <li>{@code AssetPath.coverage(problem, i, false)} at period k is coverage_ik of {@link AssetLedger}
 *       exactly, with no constant between them: neither holds X_0. X_0 (E - R, or -S when the
 *       shortfall is given, always in cash mode) is added once for the account, by the evaluator
 *       ({@code excess = X_0 + sum_i coverage_ik}) and by the formulation (its constraint
 *       constant); the test checks X_0 + sum_i F_ik against {@link Evaluation#excess}. In margin
 *       mode coverage_ik = m (c p + d gamma c (Q - c)) - L_ik; in cash mode it is K_ik.
 *   <li>{@code AssetPath.objective(problem, i, false)} at the last period is w L_iN + omega_i c_iN: the
 *       evaluator's objective of the asset without its risk terms, w = costWeight applied to the
 *       loss only and the reluctance omega_i c_iN unweighted (as in {@link Evaluator#evaluate}).
 *       The instances have lambda = lambda_res = 0, so that this is the evaluator's total for a
 *       table that trades asset i alone (every other asset trades nothing and adds exactly 0),
 *       and the gradient is {@link Evaluator#objectiveGradient}, w dL_N/dn + omega, with dL_N/dn
 *       from {@link AssetLedger#lossGradient}. The risk terms do not enter either accounting of an
 *       asset. At an earlier period k the path gives w L_ik + omega_i c_ik, checked against the
 *       evaluator's L_k of the same lone table.
 * </ul>
 *
 * <p>Exactness of the conversion. Holdings, retain limits, order-book level sizes and trades are
 * multiples of 2^-10 units below 2^17, so r_k = Q - c_k, n_j = r_{j-1} - r_j and the level ends
 * are exact in binary floating point: both sides see the very same trades, and a trade at a level
 * end stays at it (off that grid, n recovered from r can differ from the table's n by an ulp of
 * Q, and at a level end the one-sided slope of the order book then belongs to the other level).
 * Prices, rates and costs are arbitrary doubles.
 *
 * <p>Tolerances. The two sides group the same terms differently (for example gamma (Q^2 - r^2) / 2
 * against gamma (Q c - c^2 / 2)), so each is exact up to a few roundings, each at most 2^-53 of a
 * partial sum, and every partial sum is bounded by the sum of the magnitudes of the terms. The
 * value tolerance is 1e-12 times that sum ({@link #valueScale}: p Q, gamma Q^2, e Q, the temporary
 * costs and omega Q, with w on the loss), about 4,500 ulps of it against the few dozen roundings
 * of at most five periods; the gradient tolerance is 1e-12 times the same bound for slopes
 * ({@link #slopeScale}), with a factor N for the suffix sum. The largest difference seen on these
 * instances is 2e-16 of either scale: the two accountings agree to rounding. A wrong sign, a
 * missing d, omega or w, or a slope booked on the wrong period fails at the first few seeds.
 */
class AssetPathTest {

  /** Instances generated, each from its seed 0, 1, ...; a failure names its seed. */
  private static final int INSTANCES = 500;

  /** 2^-10 units: the grid of holdings, level sizes and trades (see the class comment). */
  private static final double GRID = 1.0 / 1024;

  /** The tolerance relative to the sum of the magnitudes of the terms. */
  private static final double RELATIVE = 1e-12;

  @Test
  void valuesAndGradientsEqualTheEvaluatorsOnGeneratedInstances() {
    for (long seed = 0; seed < INSTANCES; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      ResolvedProblem problem = problem(random);
      double[][] units = trades(problem, random);
      checkAgainstLedger(seed, problem, units);
    }
  }

  private static void checkAgainstLedger(long seed, ResolvedProblem problem, double[][] units) {
    int assets = problem.assetCount();
    int periods = problem.periods();
    TradeTable table = TradeTable.of(units);
    Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, table);
    double[][] objectiveGradient = Evaluator.DEFAULT.objectiveGradient(problem, table);
    double w = problem.costWeight();
    double[] excess = new double[periods];
    Arrays.fill(excess, problem.initialExcess());
    double excessScale = Math.abs(problem.initialExcess());
    for (int i = 0; i < assets; i++) {
      String where = "seed " + seed + ", asset " + i + " (" + problem.temporaryImpact(i).name()
          + ", d = " + problem.direction(i) + ", " + problem.mode() + ")";
      double[] row = units[i];
      double[] r = remaining(problem.held(i), row);
      double valueTolerance = RELATIVE * valueScale(problem, i, row);
      double slopeTolerance = RELATIVE * slopeScale(problem, i, row);
      excessScale += valueScale(problem, i, row);
      AssetPath coverage = AssetPath.coverage(problem, i, false);
      AssetPath objective = AssetPath.objective(problem, i, false);
      double[] ledgerCoverage = AssetLedger.DEFAULT.coverage(problem, i, row);
      Evaluation alone = Evaluator.DEFAULT.evaluate(problem, TradeTable.of(lone(units, i)));
      for (int k = 0; k < periods; k++) {
        String at = where + ", period " + k;
        double[] gradient = new double[periods];
        double value = accumulate(coverage, r, k, gradient, null, null);
        excess[k] += value;
        assertThat(value).as("coverage, %s", at)
            .isCloseTo(ledgerCoverage[k], within(valueTolerance));
        double[] expected = AssetLedger.DEFAULT.coverageGradient(problem, i, row, k);
        double[] actual = inTradeUnits(gradient);
        for (int j = 0; j < periods; j++) {
          assertThat(actual[j]).as("d coverage / d n_%d, %s", j, at)
              .isCloseTo(expected[j], within(slopeTolerance));
        }

        double[] objectiveSlope = new double[periods];
        double objectiveValue = accumulate(objective, r, k, objectiveSlope, null, null);
        double traded = problem.held(i) - r[k];
        assertThat(objectiveValue).as("w L_k + omega c_k, %s", at)
            .isCloseTo(w * alone.loss(k) + problem.reluctance(i) * traded,
                within(valueTolerance));
        if (k == periods - 1) {
          assertThat(objectiveValue).as("objective, %s", at)
              .isCloseTo(alone.objective().total(), within(valueTolerance));
          double[] slope = inTradeUnits(objectiveSlope);
          for (int j = 0; j < periods; j++) {
            assertThat(slope[j]).as("d objective / d n_%d, %s", j, at)
                .isCloseTo(objectiveGradient[i][j], within(slopeTolerance));
          }
        }
      }
    }
    for (int k = 0; k < periods; k++) {
      assertThat(excess[k]).as("X_0 + sum_i coverage_ik, seed %d, period %d", seed, k)
          .isCloseTo(evaluation.excess(k), within(RELATIVE * excessScale));
    }
  }

  /**
   * One long and one short with power-law impact (beta 0.6 and 0.4), gamma > 0, spread, fees,
   * reluctance and w = 1.7, in margin and in cash mode; every trade inside (0, cap), where the
   * cost is smooth. A central difference over h = 0.01 units errs by the rounding of the two
   * values over h, about eps |F| / h, plus h^2 |F'''| / 6; the second is below 1e-10 money per
   * unit here (|F'''| <= w |T'''| < 3e-6 at the smallest trade, 125.25 units). The tolerance is
   * 1e-13 |F| / h, some 500 roundings, with |F| bounded by {@link #valueScale}: 1e-5 to 5e-5 money
   * per unit against slopes of 1 to 100. The curvature the path reports (the r_k term's on the
   * diagonal; each trade's added to both diagonal entries of n_j = r_{j-1} - r_j and subtracted
   * between them, r_{-1} = Q being fixed) is checked the same way against central differences of
   * the gradient, to 1e-13 times {@link #slopeScale} over h: under 1e-8 against curvatures of 1e-6
   * to 1e-3.
   */
  @Test
  void gradientAndCurvatureAreThoseOfTheValueForAPowerLaw() {
    for (CoverageMode mode : CoverageMode.values()) {
      ResolvedProblem problem = powerLawProblem(mode);
      double[][] units = {{1500, 3000.5, 250, 4000}, {2000, 125.25, 3500, 900}};
      for (int i = 0; i < problem.assetCount(); i++) {
        double[] r = remaining(problem.held(i), units[i]);
        double valueScale = valueScale(problem, i, units[i]);
        double slopeScale = slopeScale(problem, i, units[i]);
        for (AssetPath path :
            List.of(AssetPath.coverage(problem, i, false), AssetPath.objective(problem, i, false))) {
          for (int k = 0; k < r.length; k++) {
            String at = mode + ", asset " + i + ", period " + k;
            checkDerivatives(path, r, k, valueScale, slopeScale, at);
          }
        }
      }
    }
  }

  private static void checkDerivatives(
      AssetPath path, double[] r, int k, double valueScale, double slopeScale, String at) {
    int periods = r.length;
    double h = 1e-2;
    double slopeTolerance = 1e-13 * valueScale / h;
    double curvatureTolerance = 1e-13 * slopeScale / h;
    double[] gradient = new double[periods];
    double[] diagonal = new double[periods];
    double[] difference = new double[periods];
    accumulate(path, r, k, gradient, diagonal, difference);
    double[][] hessian = new double[periods][periods];
    for (int j = 0; j < periods; j++) {
      hessian[j][j] += diagonal[j] + difference[j];
      if (j > 0) {
        hessian[j - 1][j - 1] += difference[j];
        hessian[j - 1][j] -= difference[j];
        hessian[j][j - 1] -= difference[j];
      }
    }
    for (int j = 0; j < periods; j++) {
      double[] up = r.clone();
      double[] down = r.clone();
      up[j] += h;
      down[j] -= h;
      double[] gradientUp = new double[periods];
      double[] gradientDown = new double[periods];
      double valueUp = accumulate(path, up, k, gradientUp, null, null);
      double valueDown = accumulate(path, down, k, gradientDown, null, null);
      assertThat(gradient[j]).as("dF_%d/dr_%d, %s", k, j, at)
          .isCloseTo((valueUp - valueDown) / (2 * h), within(slopeTolerance));
      for (int l = 0; l < periods; l++) {
        assertThat(hessian[l][j]).as("d2F_%d/dr_%d dr_%d, %s", k, l, j, at)
            .isCloseTo((gradientUp[l] - gradientDown[l]) / (2 * h), within(curvatureTolerance));
      }
    }
  }

  /**
   * F_k at r, adding its gradient and curvature where asked: the one call of {@link
   * AssetPath#accumulate}, with the exact cost. When the smoothing width leaves the signature,
   * drop the last argument here and nothing else changes.
   */
  private static double accumulate(
      AssetPath path, double[] r, int k, double[] gradient, double[] diagonal,
      double[] difference) {
    return path.accumulate(r, k, 1.0, gradient, diagonal, difference);
  }

  /** r_k = Q - (n_0 + ... + n_k). */
  private static double[] remaining(double held, double[] row) {
    double[] r = new double[row.length];
    double traded = 0.0;
    for (int k = 0; k < row.length; k++) {
      traded += row[k];
      r[k] = held - traded;
    }
    return r;
  }

  /** dF/dn_j = -sum_{k >= j} dF/dr_k, from the gradient in r. */
  private static double[] inTradeUnits(double[] gradientInRemaining) {
    double[] gradient = new double[gradientInRemaining.length];
    double tail = 0.0;
    for (int j = gradient.length - 1; j >= 0; j--) {
      tail += gradientInRemaining[j];
      gradient[j] = -tail;
    }
    return gradient;
  }

  /** The table with asset {@code i}'s trades and no others. */
  private static double[][] lone(double[][] units, int i) {
    double[][] table = new double[units.length][units[0].length];
    table[i] = units[i].clone();
    return table;
  }

  /**
   * (1 + w) (p Q + 2 gamma Q^2 + e Q + sum_j T(n_j)) + omega Q: at least the sum of the
   * magnitudes of the terms of coverage_ik and of w L_ik + omega c_ik (m <= 1; gamma Q^2 appears
   * as gamma Q^2 / 2 and as m gamma Q^2), money.
   */
  private static double valueScale(ResolvedProblem problem, int i, double[] row) {
    double q = problem.held(i);
    double temporary = 0.0;
    for (double n : row) {
      temporary += problem.temporaryImpact(i).cost(n, problem.conditions(i));
    }
    double terms = problem.price(i) * q + 2 * problem.gamma(i) * q * q
        + problem.costPerUnit(i) * q + temporary;
    return (1 + problem.costWeight()) * terms + problem.reluctance(i) * q;
  }

  /**
   * N ((1 + w) (p + 6 gamma Q + e + 2 max_j T'(n_j)) + omega): a bound on the sum of the
   * magnitudes of the terms of one slope in r (alpha1 and 2 alpha2 r of the r_k term, up to p + e
   * + 4 gamma Q, and the slopes phi' = gamma n + T' of the two trades next to r_k), times N for
   * the suffix sum that turns slopes in r into slopes in n, money per unit.
   */
  private static double slopeScale(ResolvedProblem problem, int i, double[] row) {
    double marginal = 0.0;
    for (double n : row) {
      marginal = Math.max(marginal,
          Math.abs(problem.temporaryImpact(i).marginalCost(n, problem.conditions(i))));
    }
    double terms = problem.price(i) + 6 * problem.gamma(i) * problem.held(i)
        + problem.costPerUnit(i) + 2 * marginal;
    return row.length * ((1 + problem.costWeight()) * terms + problem.reluctance(i));
  }

  /**
   * One to four assets, a third of them short, one to five periods of 1, 0.5 or 0.25 days; a
   * third of the instances in cash mode, the rest margin calls with the shortfall given or (half
   * of them) computed from the account, so that X_0 is E - R or -S; w in [0.25, 4), lambda =
   * lambda_res = 0 (see the class comment). Each asset takes linear impact, a power law (c in
   * [0.05, 1], beta in [0.3, 1]) or an order book (one to three levels of grid sizes given in
   * shuffled order, offsets rising from up to 10 bp, equal a fifth of the time so that a level
   * end need not be a kink, and gamma = 0); the others have gamma = 0 three times in ten. Half
   * spread, fee, fee per unit and reluctance are each zero a quarter of the time; one asset in ten
   * is locked; a third have a retain minimum on the grid.
   */
  private static ResolvedProblem problem(SplittableRandom random) {
    int assets = 1 + random.nextInt(4);
    int periods = 1 + random.nextInt(5);
    double tau = new double[] {1.0, 0.5, 0.25}[random.nextInt(3)];
    double third = random.nextDouble();
    Requirement requirement =
        third < 1.0 / 3 ? Requirement.cash(uniform(random, 0, 1e6))
            : third < 2.0 / 3 ? Requirement.margin().withShortfall(uniform(random, 0, 1e6))
            : Requirement.margin();
    DeleveragingProblem.Builder builder =
        DeleveragingProblem.builder()
            .cash(uniform(random, -1e6, 1e6))
            .horizon(Horizon.of(periods, tau))
            .requirement(requirement)
            .objective(Objective.of(uniform(random, 0.25, 4), 0.0, 0.0));
    for (int i = 0; i < assets; i++) {
      double held = onGrid(logUniform(random, 100, 1e5));
      double price = logUniform(random, 1, 1000);
      double adv = held * logUniform(random, 0.5, 20);
      double volatility = uniform(random, 0.005, 0.05);
      double participation = uniform(random, 0.05, 1.0);
      double cap = participation * adv * tau;
      double gamma = random.nextDouble() < 0.3 ? 0.0 : uniform(random, 0, 0.01) * price / adv;
      TemporaryImpactModel impact;
      double draw = random.nextDouble();
      if (draw < 1.0 / 3) {
        impact = LinearTemporaryImpact.of(tau * uniform(random, 0, 0.05) * price / adv);
      } else if (draw < 2.0 / 3) {
        impact = PowerLawTemporaryImpact.of(uniform(random, 0.05, 1), uniform(random, 0.3, 1));
      } else {
        impact = book(random, cap);
        gamma = 0.0;
      }
      boolean locked = random.nextDouble() < 0.1;
      double retainMin = !locked && random.nextDouble() < 1.0 / 3
          ? onGrid(held * uniform(random, 0, 0.5)) : 0.0;
      builder.asset(
          Asset.builder("A" + i)
              .quantity(random.nextDouble() < 1.0 / 3 ? -held : held)
              .price(price)
              .volatility(volatility)
              .adv(adv)
              .halfSpread(sometimes(random, uniform(random, 0, 0.002)))
              .fee(sometimes(random, uniform(random, 0, 0.001)))
              .feePerUnit(sometimes(random, uniform(random, 0, 0.001) * price))
              .marginRate(uniform(random, 0.05, 1.0))
              .temporaryImpact(impact)
              .gamma(gamma)
              .maxParticipation(participation)
              .locked(locked)
              .retain(retainMin, held)
              .reluctance(sometimes(random, uniform(random, 0, 0.01) * price))
              .build());
    }
    return builder.build().resolve();
  }

  /** One to three levels on the grid holding a third to twice {@code cap}, in shuffled order. */
  private static OrderBookTemporaryImpact book(SplittableRandom random, double cap) {
    int count = 1 + random.nextInt(3);
    List<BookLevel> levels = new ArrayList<>();
    double offset = uniform(random, 0, 0.001);
    for (int l = 0; l < count; l++) {
      double size = Math.max(GRID, onGrid(cap * uniform(random, 1.0 / 3, 2.0) / count));
      levels.add(BookLevel.of(offset, size));
      offset += random.nextDouble() < 0.2 ? 0.0 : uniform(random, 0.0002, 0.003);
    }
    Collections.shuffle(levels, new Random(random.nextLong()));
    return OrderBookTemporaryImpact.of(levels);
  }

  /**
   * A random trade table within the limits, 0 <= n_ik <= cap_i and sum_k n_ik <= Q_i -
   * retainMin_i, every entry on the grid: each trade is 0 (a fifth of the time), the cap (floored
   * to the grid; the cap itself when the ladder's depth sets it), an order book's level end below
   * the cap (for a book, a fifth of the time), or uniform below the cap; a trade that would sell
   * more than is left to sell sells exactly what is left.
   */
  private static double[][] trades(ResolvedProblem problem, SplittableRandom random) {
    double[][] units = new double[problem.assetCount()][problem.periods()];
    for (int i = 0; i < problem.assetCount(); i++) {
      double cap = Math.floor(problem.periodCap(i) / GRID) * GRID;
      double left = problem.sellableUnits(i);
      List<Double> ends = levelEnds(problem.temporaryImpact(i), cap);
      for (int k = 0; k < problem.periods(); k++) {
        double draw = random.nextDouble();
        double n;
        if (draw < 0.2) {
          n = 0.0;
        } else if (draw < 0.4) {
          n = cap;
        } else if (draw < 0.6 && !ends.isEmpty()) {
          n = ends.get(random.nextInt(ends.size()));
        } else {
          n = Math.floor(random.nextDouble() * cap / GRID) * GRID;
        }
        n = Math.min(n, left);
        units[i][k] = n;
        left -= n;
      }
    }
    return units;
  }

  /** The ends of an order book's levels at or below {@code cap}; none for other models. */
  private static List<Double> levelEnds(TemporaryImpactModel model, double cap) {
    List<Double> ends = new ArrayList<>();
    if (model instanceof OrderBookTemporaryImpact book) {
      double end = 0.0;
      for (BookLevel level : book.levels()) {
        end += level.size();
        if (end <= cap) {
          ends.add(end);
        }
      }
    }
    return ends;
  }

  /**
   * A long Q = 20,000 at p = 80 (beta 0.6) and a short Q = 15,000 at p = 35 (beta 0.4), both with
   * gamma > 0, spread, fees, reluctance and daily volumes of 50,000 and 40,000; N = 4 of half a
   * day; w = 1.7.
   */
  private static ResolvedProblem powerLawProblem(CoverageMode mode) {
    Asset long0 = Asset.builder("L").quantity(20_000).price(80).volatility(0.02).adv(50_000)
        .halfSpread(5e-4).fee(2e-4).feePerUnit(0.01).marginRate(0.4).gamma(2e-5)
        .temporaryImpact(PowerLawTemporaryImpact.of(0.3, 0.6)).reluctance(0.05).build();
    Asset short1 = Asset.builder("S").quantity(-15_000).price(35).volatility(0.03).adv(40_000)
        .halfSpread(1e-3).fee(1e-4).feePerUnit(0.005).marginRate(0.6).gamma(3e-5)
        .temporaryImpact(PowerLawTemporaryImpact.of(0.5, 0.4)).reluctance(0.02).build();
    return DeleveragingProblem.builder()
        .cash(-200_000)
        .asset(long0)
        .asset(short1)
        .horizon(Horizon.of(4, 0.5))
        .requirement(mode == CoverageMode.CASH ? Requirement.cash(300_000) : Requirement.margin())
        .objective(Objective.of(1.7, 0.0, 0.0))
        .build()
        .resolve();
  }

  private static double onGrid(double units) {
    return Math.rint(units / GRID) * GRID;
  }

  /** {@code value} three times in four, 0 otherwise. */
  private static double sometimes(SplittableRandom random, double value) {
    return random.nextDouble() < 0.25 ? 0.0 : value;
  }

  private static double uniform(SplittableRandom random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  private static double logUniform(SplittableRandom random, double low, double high) {
    return Math.exp(uniform(random, Math.log(low), Math.log(high)));
  }
}
