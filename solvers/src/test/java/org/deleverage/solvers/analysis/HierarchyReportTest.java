package org.deleverage.solvers.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Collectors;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.junit.jupiter.api.Test;

/**
 * Five assets at p = 10, m = 0.5, volatility 1%, uncorrelated, one period; every cheap asset has
 * a tiny impact (eta = 1e-7), the expensive one a large spread:
 *
 * <ul>
 *   <li>LOCK: locked, 1,000 units;
 *   <li>CAP: 1,000 units, V = 2,000, rho = 0.25: at most 500 a day, so 1,000 / 500 = 2 days;
 *   <li>KEEP: 1,000 units, retain at least 800: at most 200 to sell;
 *   <li>ALL: 100 units, sells all;
 *   <li>DEAR: 10,000 units, half spread 5%, covers the rest.
 * </ul>
 *
 * The shortfall is 5,000; the cheap assets free about 5 per unit each: 500 + 200 + 100 = 800
 * units, about 4,000; DEAR covers the remaining ~1,000 and stops where its own marginal cost
 * meets the shadow price (interior). Risk shares: x_i^2 Sigma_ii over the sum, with Sigma_ii =
 * (0.01 x 10)^2 = 0.01: LOCK, CAP and KEEP 1,000^2, ALL 100^2, DEAR 10,000^2; total 1.0301e8 (in
 * units of Sigma_ii), so DEAR's share is 1e8 / 1.0301e8.
 */
class HierarchyReportTest {

  @Test
  void eachAssetSaysWhatBindsIt() {
    ResolvedProblem problem = problem().resolve();
    Plan plan = Solvers.optimal().solve(problem).plan();

    Map<String, HierarchyRow> rows = HierarchyReport.of(problem, plan).stream()
        .collect(Collectors.toMap(HierarchyRow::asset, row -> row));

    assertThat(rows.get("LOCK").state()).isEqualTo(AssetState.LOCKED);
    assertThat(rows.get("CAP").state()).isEqualTo(AssetState.CAP);
    assertThat(rows.get("KEEP").state()).isEqualTo(AssetState.RETAIN_LIMIT);
    assertThat(rows.get("ALL").state()).isEqualTo(AssetState.EXHAUSTED);
    assertThat(rows.get("DEAR").state()).isEqualTo(AssetState.INTERIOR);
    assertThat(rows.get("CAP").daysToLiquidate()).isCloseTo(2.0, within(1e-12));
    assertThat(rows.get("DEAR").riskContribution().getAsDouble())
        .isCloseTo(1e8 / 1.0301e8, within(1e-12));
    assertThat(rows.get("ALL").marginRate()).isEqualTo(0.5);
    // The dearest unlocked asset comes last of those that can sell; the locked one, which frees
    // nothing, after it.
    assertThat(rows.get("DEAR").rank()).isEqualTo(4);
    assertThat(rows.get("LOCK").rank()).isEqualTo(5);
    assertThat(rows.get("LOCK").marginalCostPerUnitRelief()).isEmpty();
  }

  private static DeleveragingProblem problem() {
    return DeleveragingProblem.builder()
        .cash(0)
        .asset(asset("LOCK", 1_000).locked(true).build())
        .asset(asset("CAP", 1_000).adv(2_000).maxParticipation(0.25).build())
        .asset(asset("KEEP", 1_000).retain(800, 1_000).build())
        .asset(asset("ALL", 100).build())
        .asset(asset("DEAR", 10_000).halfSpread(0.05).eta(1e-5).build())
        .requirement(org.deleverage.core.Requirement.margin().withShortfall(5_000))
        .build();
  }

  private static Asset.Builder asset(String id, double quantity) {
    return Asset.builder(id).quantity(quantity).price(10).volatility(0.01).adv(1e9)
        .marginRate(0.5).eta(1e-7);
  }
}
