package org.deleverage.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.junit.jupiter.api.Test;

/**
 * The per-asset accounting of MODEL.md section 3, worked by hand. Periods are 0-based in the API.
 */
class AssetLedgerTest {

  private static final AssetLedger LEDGER = AssetLedger.DEFAULT;

  /**
   * Long Q = 1000, p = 50, s = 0.002 (e = 0.1), eta = 0.01, tau = 1 (h(n) = 0.01 n, h'(n) of the
   * cost n h(n) = 0.02 n), gamma = 0.01, m = 0.5, N = 3; trades n = (100, 200, 300),
   * c = (100, 300, 600).
   */
  private static ResolvedProblem longProblem() {
    Asset asset =
        Asset.builder("L").quantity(1000.0).price(50.0).adv(100_000.0).halfSpread(0.002)
            .eta(0.01).gamma(0.01).marginRate(0.5).build();
    return DeleveragingProblem.builder()
        .cash(-35_000.0)
        .asset(asset)
        .horizon(Horizon.of(3, 1.0))
        .build()
        .resolve();
  }

  /**
   * Short q = -1000, p = 20, s = 0.001, f = 0.0005, u = 0.01 (e = 0.04), eta = 0.01, tau = 2
   * (h(n) = 0.005 n, marginal cost 0.01 n), gamma = 0.002, m = 0.3, N = 2; trades (200, 300).
   */
  private static ResolvedProblem shortProblem(Requirement requirement) {
    Asset asset =
        Asset.builder("S").quantity(-1000.0).price(20.0).adv(10_000.0).halfSpread(0.001)
            .fee(0.0005).feePerUnit(0.01).marginRate(0.3).gamma(0.002).eta(0.01).build();
    return DeleveragingProblem.builder()
        .cash(25_000.0)
        .asset(asset)
        .horizon(Horizon.of(2, 2.0))
        .requirement(requirement)
        .build()
        .resolve();
  }

  private static final double[] LONG_TRADES = {100.0, 200.0, 300.0};
  private static final double[] SHORT_TRADES = {200.0, 300.0};

  @Test
  void marginCoverageIsRequirementReliefLessLoss() {
    // relief m (c p + gamma c (Q - c)) = 2,950; 8,550; 16,200 and L = 1,010; 2,830; 4,960
    // (EvaluatorTest case c), so coverage = 1,940; 5,720; 11,240.
    double[] coverage = LEDGER.coverage(longProblem(), 0, LONG_TRADES);
    assertThat(coverage[0]).isCloseTo(1940.0, within(1e-9 * 1e4));
    assertThat(coverage[1]).isCloseTo(5720.0, within(1e-9 * 1e4));
    assertThat(coverage[2]).isCloseTo(11_240.0, within(1e-9 * 1e4));
  }

  @Test
  void cashCoverageOfAShortIsTheCashSpentBuyingBack() {
    // Buy-backs at 21.04 and 21.94 (EvaluatorTest case b): K = -4,208; -10,790.
    double[] coverage = LEDGER.coverage(shortProblem(Requirement.cash(1000.0)), 0, SHORT_TRADES);
    assertThat(coverage[0]).isCloseTo(-4208.0, within(1e-9 * 1e4));
    assertThat(coverage[1]).isCloseTo(-10_790.0, within(1e-9 * 1e4));
  }

  @Test
  void lossGradient() {
    // d L_N / d n_j = gamma (Q - c_N - n_j) + e + 2 eta n_j / tau, c_N = 600:
    //   j=1: 0.01 * 300 + 0.1 + 2 = 5.1
    //   j=2: 0.01 * 200 + 0.1 + 4 = 6.1
    //   j=3: 0.01 * 100 + 0.1 + 6 = 7.1
    double[] gradient = LEDGER.lossGradient(longProblem(), 0, LONG_TRADES);
    assertThat(gradient[0]).isCloseTo(5.1, within(1e-12));
    assertThat(gradient[1]).isCloseTo(6.1, within(1e-12));
    assertThat(gradient[2]).isCloseTo(7.1, within(1e-12));
  }

  @Test
  void marginCoverageGradientOfALong() {
    // d coverage_k / d n_j = m (p + gamma (Q - 2 c_k)) - [gamma (Q - c_k - n_j) + e + 0.02 n_j]
    // for j <= k, 0 after.
    // k=1 (c = 100): 0.5 (50 + 8) = 29; loss part 8 + 0.1 + 2 = 10.1 -> (18.9, 0, 0)
    // k=3 (c = 600): 0.5 (50 - 2) = 24; loss parts 5.1, 6.1, 7.1 -> (18.9, 17.9, 16.9)
    ResolvedProblem problem = longProblem();
    double[] first = LEDGER.coverageGradient(problem, 0, LONG_TRADES, 0);
    assertThat(first[0]).isCloseTo(18.9, within(1e-12));
    assertThat(first[1]).isEqualTo(0.0);
    assertThat(first[2]).isEqualTo(0.0);
    double[] last = LEDGER.coverageGradient(problem, 0, LONG_TRADES, 2);
    assertThat(last[0]).isCloseTo(18.9, within(1e-12));
    assertThat(last[1]).isCloseTo(17.9, within(1e-12));
    assertThat(last[2]).isCloseTo(16.9, within(1e-12));
  }

  @Test
  void marginCoverageGradientOfAShort() {
    // k=2 (c = 500), d = -1: m (p + d gamma (Q - 2c)) = 0.3 (20 - 0) = 6;
    // loss parts gamma (Q - c - n_j) + e + 0.01 n_j: j=1: 0.6 + 0.04 + 2 = 2.64 -> 3.36;
    // j=2: 0.4 + 0.04 + 3 = 3.44 -> 2.56.
    double[] gradient =
        LEDGER.coverageGradient(shortProblem(Requirement.margin()), 0, SHORT_TRADES, 1);
    assertThat(gradient[0]).isCloseTo(3.36, within(1e-12));
    assertThat(gradient[1]).isCloseTo(2.56, within(1e-12));
  }

  @Test
  void cashCoverageGradientOfAShort() {
    // K_2 = -[n1 (20.04 + 0.005 n1) + n2 (20 + 0.002 n1 + 0.04 + 0.005 n2)], so
    // dK_2/dn1 = -(20.04 + 0.01 n1 + 0.002 n2) = -(20.04 + 2 + 0.6) = -22.64
    // dK_2/dn2 = -(20 + 0.002 n1 + 0.04 + 0.01 n2) = -(20 + 0.4 + 0.04 + 3) = -23.44
    double[] gradient =
        LEDGER.coverageGradient(shortProblem(Requirement.cash(1000.0)), 0, SHORT_TRADES, 1);
    assertThat(gradient[0]).isCloseTo(-22.64, within(1e-12));
    assertThat(gradient[1]).isCloseTo(-23.44, within(1e-12));
  }
}
