package org.deleverage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.deleverage.InvalidInputException;
import org.deleverage.bench.PortfolioGenerator.Form;
import org.deleverage.core.Asset;
import org.deleverage.core.CoverageMode;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.SolveResult;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated portfolios are the valid, convex, feasible instances {@link PortfolioGenerator}
 * promises, at every size the benchmark runs. The shortfall and the risk aversion are checked
 * against the
 * library's own evaluator, not against the generator's formulas.
 */
class PortfolioGeneratorTest {

  /**
   * Each size's portfolio, built once for the tests that read it: a portfolio of 500 assets checks
   * its 500 x 500 correlation by an eigendecomposition, the bulk of this class's time.
   */
  private static final Map<List<Integer>, DeleveragingProblem> PORTFOLIOS =
      new ConcurrentHashMap<>();

  private static DeleveragingProblem portfolio(int assets, int periods) {
    return PORTFOLIOS.computeIfAbsent(
        List.of(assets, periods), size -> PortfolioGenerator.portfolio(size.get(0), size.get(1)));
  }

  /** The 9 sizes of {@link SolverBenchmark}. */
  static Stream<Arguments> sizes() {
    return Stream.of(10, 100, 500)
        .flatMap(assets -> Stream.of(1, 5, 20).map(periods -> Arguments.of(assets, periods)));
  }

  @ParameterizedTest(name = "{0} assets over {1} periods")
  @MethodSource("sizes")
  void makesAValidConvexMarginCallOfTheRequestedSize(int assets, int periods) {
    DeleveragingProblem problem = portfolio(assets, periods);
    ResolvedProblem resolved = problem.resolve();

    assertThat(resolved.assetCount()).isEqualTo(assets);
    assertThat(resolved.periods()).isEqualTo(periods);
    assertThat(resolved.periodLength()).isEqualTo(PortfolioGenerator.PERIOD_LENGTH);
    assertThat(resolved.mode()).isEqualTo(CoverageMode.MARGIN);
    assertThat(resolved.deadlineIndex()).isEqualTo(periods - 1);
    assertThat(resolved.shortfall()).isPositive();
    // The account itself is short by exactly S: equity - requirement = -S.
    assertThat(resolved.equity() - resolved.marginRequirement())
        .isCloseTo(-resolved.shortfall(), within(1e-9 * resolved.marginRequirement()));
    assertThat(problem.objective().riskAversion()).isPositive();
    assertThat(problem.objective().residualRiskAversion()).isZero();
    assertThat(problem.assets()).anyMatch(asset -> asset.quantity() > 0);
    assertThat(problem.assets()).anyMatch(asset -> asset.quantity() < 0);
    for (Asset asset : problem.assets()) {
      // Section 4 with margin: eta / tau >= gamma ((1 + 2m) N + 1) / 2 short, gamma (N + 1) / 2
      // long, worked here from the asset's own fields.
      double gamma = asset.permanentImpact().gamma();
      double scale = asset.quantity() < 0 ? 1 + 2 * asset.marginRate() : 1;
      double bound = gamma * (scale * periods + 1) / 2;
      double eta = ((LinearTemporaryImpact) asset.temporaryImpact()).eta();
      assertThat(eta / resolved.periodLength()).as(asset.id()).isGreaterThanOrEqualTo(bound);
      // A material share of a day's volume, more than the cap rho V tau lets trade in a period.
      assertThat(asset.held()).as(asset.id()).isGreaterThan(0.24 * asset.adv());
      assertThat(asset.maxParticipation()).as(asset.id()).isLessThanOrEqualTo(0.25);
    }
  }

  @ParameterizedTest(name = "{0} assets over {1} periods")
  @MethodSource("sizes")
  void theShortfallIsThirtyPercentOfWhatSellingAtTheCapsFrees(int assets, int periods) {
    ResolvedProblem problem = portfolio(assets, periods).resolve();
    // The reference plan: every position sold at its cap from the first period on.
    double[][] units = new double[assets][periods];
    for (int i = 0; i < assets; i++) {
      double traded = 0.0;
      for (int k = 0; k < periods; k++) {
        units[i][k] = Math.min(problem.periodCap(i), problem.held(i) - traded);
        traded += units[i][k];
      }
    }
    Evaluation reference = Evaluator.DEFAULT.evaluate(problem, TradeTable.of(units));
    // X_N = -S + F, with F what the reference plan frees; S = 0.3 F.
    double freed = reference.excess(periods - 1) + problem.shortfall();
    assertThat(problem.shortfall())
        .isCloseTo(PortfolioGenerator.SHORTFALL_FRACTION * freed, within(1e-9 * freed));
    assertThat(reference.feasible()).isTrue();
  }

  @ParameterizedTest(name = "{0} assets over {1} periods")
  @MethodSource("sizes")
  void theRiskReliefOfAFirstSaleIsAtMostHalfItsCostAndReachesItOnce(int assets, int periods) {
    ResolvedProblem problem = portfolio(assets, periods).resolve();
    // Selling a first unit of asset i in period 1 lowers lambda tau sum_k x_k' Sigma x_k by about
    // 2 lambda tau N d_i (Sigma x_0)_i and costs e_i + gamma_i Q_i; Sigma from the resolved
    // problem, C_ij sigma_i p_i sigma_j p_j.
    double tightest = 0.0;
    for (int i = 0; i < assets; i++) {
      double exposure = 0.0;
      for (int j = 0; j < assets; j++) {
        exposure += problem.covariance(i, j) * problem.direction(j) * problem.held(j);
      }
      double relief =
          2 * problem.riskAversion() * problem.periodLength() * periods * problem.direction(i)
              * exposure;
      double cost = problem.costPerUnit(i) + problem.gamma(i) * problem.held(i);
      assertThat(relief)
          .as("A" + i)
          .isLessThanOrEqualTo(PortfolioGenerator.RISK_RELIEF * cost * (1 + 1e-9));
      tightest = Math.max(tightest, relief / cost);
    }
    assertThat(tightest).isCloseTo(PortfolioGenerator.RISK_RELIEF, within(1e-9));
  }

  /** The sizes of up to 100 assets, which the greedy baseline solves in a blink. */
  static Stream<Arguments> smallerSizes() {
    return sizes().filter(size -> (Integer) size.get()[0] <= 100);
  }

  @ParameterizedTest(name = "{0} assets over {1} periods")
  @MethodSource("smallerSizes")
  void theGreedyBaselineSolvesTheSmallerBooks(int assets, int periods) {
    ResolvedProblem problem = portfolio(assets, periods).resolve();

    SolveResult result = Solvers.named("greedy").orElseThrow().solve(problem);

    assertThat(result).isInstanceOf(SolveResult.Solved.class);
    assertThat(result.plan().expectedLoss()).isPositive();
  }

  @Test
  void theSameSeedGivesTheSameBookAndAnotherSeedAnother() {
    assertThat(PortfolioGenerator.portfolio(10, 5, 7))
        .isEqualTo(PortfolioGenerator.portfolio(10, 5, 7));
    assertThat(PortfolioGenerator.portfolio(10, 5)).isEqualTo(PortfolioGenerator.portfolio(10, 5));
    assertThat(PortfolioGenerator.portfolio(10, 5, 7).assets())
        .isNotEqualTo(PortfolioGenerator.portfolio(10, 5, 8).assets());
  }

  @Test
  void aSmallBookIsTheStartOfALargerOne() {
    DeleveragingProblem small = PortfolioGenerator.portfolio(10, 5);
    DeleveragingProblem large = PortfolioGenerator.portfolio(100, 5);

    assertThat(large.assets().subList(0, 10)).isEqualTo(small.assets());
    double[][] smallCorrelation = ((Dependence.Correlation) small.dependence()).matrix();
    double[][] largeCorrelation = ((Dependence.Correlation) large.dependence()).matrix();
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        assertThat(largeCorrelation[i][j]).isEqualTo(smallCorrelation[i][j]);
      }
    }
  }

  /**
   * The three forms of one portfolio state the same price covariance: the factor model's p_i p_j
   * (B F B' + D)_ij and the dense Sigma equal C_ij sigma_i p_i sigma_j p_j to rounding; the rest
   * of the problem is identical.
   */
  @Test
  void theFormsOfABookGiveTheSameCovariance() {
    DeleveragingProblem correlation =
        PortfolioGenerator.portfolio(30, 3, 11, 5, Form.CORRELATION);
    ResolvedProblem expected = correlation.resolve();
    for (PortfolioGenerator.Form form :
        new Form[] {Form.COVARIANCE, Form.FACTOR}) {
      DeleveragingProblem problem = PortfolioGenerator.portfolio(30, 3, 11, 5, form);
      assertThat(problem.assets()).isEqualTo(correlation.assets());
      assertThat(problem.account()).isEqualTo(correlation.account());
      assertThat(problem.requirement()).isEqualTo(correlation.requirement());
      assertThat(problem.objective()).isEqualTo(correlation.objective());
      ResolvedProblem actual = problem.resolve();
      for (int i = 0; i < 30; i++) {
        for (int j = 0; j < 30; j++) {
          double sigma = expected.covariance(i, j);
          assertThat(actual.covariance(i, j))
              .as("%s Sigma[%d][%d]", form, i, j)
              .isCloseTo(sigma, within(1e-12 * Math.abs(sigma)));
        }
      }
    }
    assertThat(((Dependence.Factor) PortfolioGenerator.portfolio(30, 3, 11, 5, Form.FACTOR)
        .dependence()).factorCovariance()).hasDimensions(6, 6);
    // The default portfolio is the three-sector correlation.
    assertThat(PortfolioGenerator.portfolio(30, 3, PortfolioGenerator.DEFAULT_SEED,
            PortfolioGenerator.SECTORS, Form.CORRELATION))
        .isEqualTo(PortfolioGenerator.portfolio(30, 3));
  }

  /**
   * On a 40-asset portfolio with 4 factors over 3 periods (K' N = 12 <= 40, so the optimiser takes
   * the factor risk in low-rank form) the factor model and the dense covariance get the same plan,
   * both certified: the objective to 1e-9 relative, every trade to 1e-8 of the largest position's
   * market value.
   */
  @Test
  void theFactorFormGetsThePlanOfTheDenseCovariance() {
    Plan factor =
        Solvers.optimal()
            .plan(PortfolioGenerator.portfolio(40, 3, 5, 3, Form.FACTOR));
    DeleveragingProblem dense = PortfolioGenerator.portfolio(40, 3, 5, 3, Form.COVARIANCE);
    Plan expected = Solvers.optimal().plan(dense);

    assertThat(factor.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(expected.status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(factor.objective().timingVariance()).isPositive();
    double objective = expected.objective().total();
    assertThat(factor.objective().total()).isCloseTo(objective, within(1e-9 * objective));
    double money = 0.0;
    for (Asset asset : dense.assets()) {
      money = Math.max(money, asset.held() * asset.price());
    }
    for (int i = 0; i < 40; i++) {
      double price = dense.assets().get(i).price();
      for (int k = 0; k < 3; k++) {
        assertThat(factor.table().units(i, k) * price)
            .isCloseTo(expected.table().units(i, k) * price, within(1e-8 * money));
      }
    }
  }

  @Test
  void rejectsAnEmptyBookOrHorizon() {
    assertThatThrownBy(() -> PortfolioGenerator.portfolio(0, 5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("assets: must be >= 1, was 0");
    assertThatThrownBy(() -> PortfolioGenerator.portfolio(10, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("horizon.periods:");
    assertThatThrownBy(() -> PortfolioGenerator.portfolio(10, 5, 1, 0, Form.FACTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("sectors: must be >= 1, was 0");
  }
}
