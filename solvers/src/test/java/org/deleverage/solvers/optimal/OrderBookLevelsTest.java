package org.deleverage.solvers.optimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.BookLevel;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.OrderBookTemporaryImpact;
import org.junit.jupiter.api.Test;

/**
 * The order books' level variables ({@link OrderBookLevels}) against the exact piecewise-linear
 * cost the evaluator uses: filled cheapest first they give the same objective and the same excess
 * in every period; any other split of the same trades costs more and covers less.
 */
class OrderBookLevelsTest {

  /**
   * 300 generated problems, each with one to four assets on books of two to six levels (offsets
   * rising from up to 5 bp, two of them sometimes equal, which the formulation merges), one on
   * linear impact, margin or cash mode, longs and shorts, one to five periods; trade tables drawn
   * within the caps, a quarter of the trades exactly at a level's end. The levelled and the exact
   * formulation are evaluated at the same remaining units, the levels filled cheapest first: the
   * objective and every coverage row agree to 1e-12 of the money scale, and both agree with the
   * evaluator (objective / M, and X_k - b_k for the deadline row).
   */
  @Test
  void cheapestFirstLevelsCostWhatTheEvaluatorCharges() {
    for (long seed = 0; seed < 300; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      ResolvedProblem problem = problem(random).resolve();
      Formulation levelled = new Formulation(problem, Formulation.Goal.PLAN);
      Formulation exact =
          new Formulation(problem, Formulation.Goal.PLAN, InteriorPointOptions.FactorSolve.AUTOMATIC,
              false);
      double[][] trades = trades(problem, random);
      double[] v = exact.startingPoint();
      setTrades(exact, v, trades);
      double[] withLevels = java.util.Arrays.copyOf(v, levelled.variableCount);
      fillCheapestFirst(levelled, withLevels, trades, false);
      Formulation.Point atLevels = levelled.evaluate(withLevels, null);
      Formulation.Point atExact = exact.evaluate(v, null);
      Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, TradeTable.of(trades));

      assertThat(atLevels.objective).as("seed %d", seed)
          .isCloseTo(atExact.objective, within(1e-12 * Math.max(1, Math.abs(atExact.objective))));
      assertThat(atExact.objective * exact.scale).as("seed %d", seed)
          .isCloseTo(evaluation.objective().total(),
              within(1e-11 * Math.max(1, Math.abs(evaluation.objective().total()))));
      for (int c = 0; c < exact.coverageCount(); c++) {
        assertThat(atLevels.coverage[c]).as("seed %d row %d", seed, c)
            .isCloseTo(atExact.coverage[c], within(1e-12));
      }
      double deadline = evaluation.excess(problem.deadlineIndex()) - problem.buffer();
      assertThat(atExact.coverage[0] * exact.scale).as("seed %d", seed)
          .isCloseTo(deadline, within(1e-11 * exact.scale));
    }
  }

  /**
   * The same trades split with the dearest levels first (where the trade leaves room) cost at
   * least as much and cover at most as much: the reformulation never understates a plan's cost,
   * which is why its optimum fills the cheapest levels first.
   */
  @Test
  void anyOtherSplitCostsMoreAndCoversLess() {
    for (long seed = 0; seed < 300; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      ResolvedProblem problem = problem(random).resolve();
      Formulation levelled = new Formulation(problem, Formulation.Goal.PLAN);
      double[][] trades = trades(problem, random);
      double[] cheapest = levelled.startingPoint();
      setTrades(levelled, cheapest, trades);
      double[] dearest = cheapest.clone();
      fillCheapestFirst(levelled, cheapest, trades, false);
      fillCheapestFirst(levelled, dearest, trades, true);
      Formulation.Point low = levelled.evaluate(cheapest, null);
      Formulation.Point high = levelled.evaluate(dearest, null);

      assertThat(high.objective).as("seed %d", seed)
          .isGreaterThanOrEqualTo(low.objective - 1e-12 * Math.abs(low.objective));
      for (int c = 0; c < levelled.coverageCount(); c++) {
        assertThat(high.coverage[c]).as("seed %d row %d", seed, c)
            .isLessThanOrEqualTo(low.coverage[c] + 1e-12);
      }
    }
  }

  /** A problem with one to four book assets and one linear one, valid by construction. */
  private static DeleveragingProblem problem(SplittableRandom random) {
    int books = 1 + random.nextInt(4);
    int periods = 1 + random.nextInt(5);
    boolean cash = random.nextDouble() < 0.3;
    DeleveragingProblem.Builder builder =
        DeleveragingProblem.builder()
            .cash(-1e5)
            .horizon(Horizon.of(periods, 1.0))
            .requirement((cash ? Requirement.cash(1e4) : Requirement.margin().withShortfall(1e4))
                .withDeadline(1 + random.nextInt(periods)))
            .objective(Objective.of(random.nextDouble(0.5, 2), 1e-7, 1e-7));
    for (int i = 0; i < books; i++) {
      int count = 2 + random.nextInt(5);
      List<BookLevel> levels = new ArrayList<>();
      double offset = random.nextDouble(0, 5e-4);
      for (int l = 0; l < count; l++) {
        levels.add(BookLevel.of(offset, random.nextDouble(50, 500)));
        offset += random.nextDouble() < 0.2 ? 0.0 : random.nextDouble(1e-4, 2e-3);
      }
      double held = random.nextDouble(200, 3000);
      builder.asset(Asset.builder("B" + i)
          .quantity(random.nextDouble() < 0.3 && !cash ? -held : held)
          .price(random.nextDouble(1, 500)).volatility(0.02).adv(held * 4)
          .halfSpread(random.nextDouble(0, 5e-4)).fee(random.nextDouble(0, 5e-4))
          .feePerUnit(random.nextDouble(0, 0.01)).marginRate(random.nextDouble(0.1, 0.9))
          .reluctance(random.nextDouble(0, 0.01))
          .temporaryImpact(OrderBookTemporaryImpact.of(levels)).maxParticipation(0.5).build());
    }
    builder.asset(Asset.builder("L").quantity(1000).price(50).volatility(0.02).adv(4000)
        .marginRate(0.3).temporaryImpact(LinearTemporaryImpact.of(1e-3)).gamma(1e-5)
        .maxParticipation(0.5).build());
    return builder.build();
  }

  /** Trades within the caps and the positions, a quarter of the book trades at a level's end. */
  private static double[][] trades(ResolvedProblem problem, SplittableRandom random) {
    int periods = problem.periods();
    double[][] trades = new double[problem.assetCount()][periods];
    for (int i = 0; i < problem.assetCount(); i++) {
      double left = problem.sellableUnits(i);
      double[] ends = problem.temporaryImpact(i).kinks(problem.conditions(i));
      for (int k = 0; k < periods; k++) {
        double most = Math.min(left, problem.periodCap(i));
        double units = random.nextDouble() * most / 2;
        if (ends.length > 0 && random.nextDouble() < 0.25) {
          double end = ends[random.nextInt(ends.length)];
          units = end <= most ? end : units;
        }
        trades[i][k] = units;
        left -= units;
      }
    }
    return trades;
  }

  /** Sets the y's of {@code v} to the remaining units after {@code trades}. */
  private static void setTrades(Formulation model, double[] v, double[][] trades) {
    for (int a = 0; a < model.blockSize(); a++) {
      int i = model.asset(a);
      double remaining = model.problem.held(i);
      for (int k = 0; k < model.periods; k++) {
        remaining -= trades[i][k];
        v[model.index(a, k)] = remaining / model.problem.held(i);
      }
    }
  }

  /** Fills each book trade's levels cheapest first (or dearest first), as fractions of Q. */
  private static void fillCheapestFirst(
      Formulation model, double[] v, double[][] trades, boolean dearestFirst) {
    OrderBookLevels levels = model.levels();
    for (int g = 0; g < levels.groupCount(); g++) {
      OrderBookLevels.Group group = levels.group(g);
      double left = trades[group.asset()][group.period()] / model.problem.held(group.asset());
      int count = group.indices().length;
      for (int step = 0; step < count; step++) {
        int l = dearestFirst ? count - 1 - step : step;
        double fill = Math.min(group.sizes()[l], left);
        v[group.indices()[l]] = fill;
        left -= fill;
      }
    }
  }
}
