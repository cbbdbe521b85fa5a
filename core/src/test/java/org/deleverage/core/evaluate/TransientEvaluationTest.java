package org.deleverage.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TransientImpact;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on transient impact (MODEL.md section 9.1): a hand-worked case and the two limits,
 * instant resilience (linear impact) and no resilience (permanent plus linear impact).
 */
class TransientEvaluationTest {

  private static final Evaluator EVALUATOR = Evaluator.DEFAULT;

  /**
   * One long, Q = 1,000, p = 10, m = 0.5, no spread, fee or gamma; kappa = 0.01, half-life 1 day,
   * tau = 1, so a = 0.5; trades (100, 200, 300), 400 kept. The book: D_1 = 0, D_2 = 0.5 (0 + 0.01
   * * 100) = 0.5, D_3 = 0.5 (0.5 + 0.01 * 200) = 1.25. Concessions D_k + kappa n_k / 2: 0.5, 1.5,
   * 2.75, so the sales fill at 9.5, 8.5 and 7.25, and the temporary costs n_k h_k are 50, 300 and
   * 825: L = 50, 350, 1,175 through periods 1..3 ((kappa / 2) n' G n = 0.005 * 235,000 = 1,175,
   * the Kac-Murdock-Szego form, checked in the models' test). The kept units stay at the mark 10
   * (the displacement decays), so the relief is m c p = 500, 1,500, 3,000 for c = 100, 300, 600,
   * and X_k - X_0 = 450, 1,150, 1,825. Cash raised 10 c - L = 950, 2,650, 4,825. Cash -4,000 gives
   * E = -4,000 + 10,000 = 6,000, R = 5,000, X_0 = 1,000.
   */
  @Test
  void threePeriodsByHand() {
    ResolvedProblem problem = oneLong(TransientImpact.of(0.01, 1.0), 0.0, 3, 1.0,
        Requirement.margin());
    Evaluation evaluation =
        EVALUATOR.evaluate(problem, TradeTable.of(new double[][] {{100, 200, 300}}));

    double[] loss = {50, 350, 1175};
    double[] excess = {1450, 2150, 2825};
    double[] cash = {950, 2650, 4825};
    double[] price = {9.5, 8.5, 7.25};
    double[] temporary = {50, 300, 825};
    for (int k = 0; k < 3; k++) {
      assertThat(evaluation.loss(k)).isCloseTo(loss[k], within(1e-9));
      assertThat(evaluation.excess(k)).isCloseTo(excess[k], within(1e-9));
      assertThat(evaluation.cashRaised(k)).isCloseTo(cash[k], within(1e-9));
      assertThat(evaluation.executionPrice(0, k)).isCloseTo(price[k], within(1e-12));
      assertThat(evaluation.tradeCost(0, k).temporaryImpact())
          .isCloseTo(temporary[k], within(1e-9));
      assertThat(evaluation.tradeCost(0, k).permanentImpact()).isZero();
    }
    assertThat(evaluation.objective().total()).isCloseTo(1175, within(1e-9));
    // The gradients: dL/dn = kappa G n = (2.75, 4, 4.25) (models' test); d X_2 / d n_j = m p -
    // kappa (G_2 n)_j = 5 - (2, 2.5) for j = 1, 2, and 0 for the trade after period 2.
    double[][] lossGradient = EVALUATOR.objectiveGradient(problem, evaluation.table());
    assertThat(lossGradient[0]).containsExactly(new double[] {2.75, 4.0, 4.25}, within(1e-12));
    double[][] excessGradient = EVALUATOR.excessGradient(problem, evaluation.table(), 1);
    assertThat(excessGradient[0]).containsExactly(new double[] {3.0, 2.5, 0.0}, within(1e-12));
  }

  /**
   * Instant resilience: a half-life of 1e-6 day with tau = 0.5 leaves a = 2^-500,000 = 0, and the
   * model is linear temporary impact with eta = kappa tau / 2: each trade pays kappa n^2 / 2 =
   * (eta / tau) n^2. Every figure of the evaluation agrees, with some units kept.
   */
  @Test
  void instantResilienceIsLinearImpact() {
    double kappa = 2e-3;
    double tau = 0.5;
    double[][] trades = {{120, 0, 310, 45}};
    Evaluation transientPlan = EVALUATOR.evaluate(
        oneLong(TransientImpact.of(kappa, 1e-6), 0.0, 4, tau, Requirement.margin()),
        TradeTable.of(trades));
    Evaluation linearPlan = EVALUATOR.evaluate(
        oneLong(org.deleverage.models.LinearTemporaryImpact.of(kappa * tau / 2), 0.0, 4, tau,
            Requirement.margin()),
        TradeTable.of(trades));

    for (int k = 0; k < 4; k++) {
      assertThat(transientPlan.loss(k)).isCloseTo(linearPlan.loss(k), within(1e-9));
      assertThat(transientPlan.excess(k)).isCloseTo(linearPlan.excess(k), within(1e-9));
      assertThat(transientPlan.cashRaised(k)).isCloseTo(linearPlan.cashRaised(k), within(1e-9));
      assertThat(transientPlan.executionPrice(0, k))
          .isCloseTo(linearPlan.executionPrice(0, k), within(1e-12));
    }
  }

  /**
   * No resilience: a half-life of 1e9 days with tau = 1 leaves a = 2^-1e-9 = 1 - 6.9e-10, and the
   * cost tends to (kappa / 2) c^2 = kappa sum n_k c_k-1 + (kappa / 2) sum n_k^2: what a permanent
   * impact gamma = kappa charges the trades plus linear impact eta = kappa tau / 2. The trades
   * fill at the same prices and raise the same cash, to the 1e-9 relative left by a. The loss
   * differs by the mark-down permanent impact puts on the kept units, kappa c (Q - c): with Q =
   * 1,000, kappa = 1e-3 and c = 100 + 250 + 150 = 500 that is 250. Sold out (c = Q) the two
   * losses agree.
   */
  @Test
  void noResilienceCostsTheTradesWhatPermanentImpactCosts() {
    double kappa = 1e-3;
    double tau = 1.0;
    ResolvedProblem decaying =
        oneLong(TransientImpact.of(kappa, 1e9), 0.0, 3, tau, Requirement.margin());
    ResolvedProblem permanent = oneLong(
        org.deleverage.models.LinearTemporaryImpact.of(kappa * tau / 2), kappa, 3, tau,
        Requirement.margin());
    double[][] partial = {{100, 250, 150}};
    Evaluation transientPlan = EVALUATOR.evaluate(decaying, TradeTable.of(partial));
    Evaluation permanentPlan = EVALUATOR.evaluate(permanent, TradeTable.of(partial));

    for (int k = 0; k < 3; k++) {
      assertThat(transientPlan.cashRaised(k))
          .isCloseTo(permanentPlan.cashRaised(k), within(1e-6));
      assertThat(transientPlan.executionPrice(0, k))
          .isCloseTo(permanentPlan.executionPrice(0, k), within(1e-9));
    }
    assertThat(permanentPlan.loss(2) - transientPlan.loss(2))
        .isCloseTo(kappa * 500 * 500, within(1e-6));

    double[][] soldOut = {{400, 350, 250}};
    assertThat(EVALUATOR.evaluate(decaying, TradeTable.of(soldOut)).loss(2))
        .isCloseTo(EVALUATOR.evaluate(permanent, TradeTable.of(soldOut)).loss(2),
            within(1e-6));
  }

  /** One long of 1,000 at 10, margin rate 0.5, cash -4,000 (X_0 = 1,000), no spread or fee. */
  private static ResolvedProblem oneLong(
      TemporaryImpactModel impact, double gamma, int periods, double tau,
      Requirement requirement) {
    return DeleveragingProblem.builder()
        .cash(-4_000)
        .asset(Asset.builder("T").quantity(1_000).price(10).adv(1e9).marginRate(0.5)
            .temporaryImpact(impact).gamma(gamma).build())
        .horizon(Horizon.of(periods, tau))
        .requirement(requirement)
        .build()
        .resolve();
  }
}
