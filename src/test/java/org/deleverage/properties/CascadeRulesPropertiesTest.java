package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.solve.BatchSolver;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.stress.Cascade;
import org.deleverage.solvers.stress.CascadeAccount;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRule;
import org.deleverage.solvers.stress.CascadeSettings;
import org.deleverage.solvers.stress.DepthFunction;
import org.deleverage.solvers.stress.Scenario;
import org.deleverage.solvers.stress.SystemicMeasures;
import org.deleverage.testing.Instances;
import org.junit.jupiter.api.Test;

/**
 * Properties of the cascade's leverage rules and systemic measures on generated systems: two to
 * four accounts with long positions in one to three common assets, positive equity, a random
 * fall of each price.
 */
class CascadeRulesPropertiesTest {

  /**
   * The Greenwood-Landier-Thesmar decomposition: the systemicness of the accounts adds up to the
   * aggregate vulnerability, and so do the losses behind the indirect vulnerabilities: sum_n S_n
   * = AV and sum_n IV_n e_n = AV E (both are the round's total loss, 1'AMLM'BAMF).
   */
  @Test
  void systemicnessAndIndirectVulnerabilityBothAddUpToTheAggregate() {
    qt().withFixedSeed(1_601L)
        .withExamples(200)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              int accounts = 2 + random.nextInt(3);
              int assets = 1 + random.nextInt(3);
              List<String> names = new ArrayList<>();
              List<Map<String, Double>> exposures = new ArrayList<>();
              List<Double> equities = new ArrayList<>();
              for (int n = 0; n < accounts; n++) {
                names.add("n" + n);
                Map<String, Double> exposure = new LinkedHashMap<>();
                double size = 0.0;
                for (int k = 0; k < assets; k++) {
                  double x = 1_000 + 1e6 * random.nextDouble();
                  exposure.put("k" + k, x);
                  size += x;
                }
                exposures.add(exposure);
                equities.add(size * (0.02 + 0.5 * random.nextDouble()));
              }
              Map<String, Double> shock = new LinkedHashMap<>();
              Map<String, Double> impact = new LinkedHashMap<>();
              for (int k = 0; k < assets; k++) {
                shock.put("k" + k, 0.3 * random.nextDouble());
                impact.put("k" + k, 1e-9 + 1e-7 * random.nextDouble());
              }

              SystemicMeasures m =
                  SystemicMeasures.of(names, exposures, equities, shock, impact);

              double total = equities.stream().mapToDouble(Double::doubleValue).sum();
              double systemic = 0.0;
              double suffered = 0.0;
              for (int n = 0; n < accounts; n++) {
                systemic += m.systemicness().get(names.get(n));
                suffered += m.indirectVulnerability().get(names.get(n)) * equities.get(n);
              }
              double av = m.aggregateVulnerability();
              assertThat(av).isNotNegative();
              assertThat(systemic).isCloseTo(av, within(1e-12 + 1e-9 * av));
              assertThat(suffered / total).isCloseTo(av, within(1e-12 + 1e-9 * av));
            });
  }

  /**
   * With prices that do not move (no permanent impact, no depth) a leverage-targeting account
   * returns exactly to its leverage before the shock after one round, and a Cont-Schaanning
   * account above its threshold exactly to its target: the sale repays debt at the decision
   * prices.
   */
  @Test
  void withoutImpactTheLeverageRulesReachTheirTargetInOneRound() {
    qt().withFixedSeed(1_602L)
        .withExamples(60)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              int assets = 1 + random.nextInt(3);
              DeleveragingProblem.Builder builder = DeleveragingProblem.builder();
              double size = 0.0;
              for (int k = 0; k < assets; k++) {
                double quantity = 100 + 10_000 * random.nextDouble();
                double price = 10 + 100 * random.nextDouble();
                size += quantity * price;
                builder.asset(Asset.builder("k" + k).quantity(quantity).price(price).adv(1e9)
                    .marginRate(0).gamma(0).eta(1e-6).build());
              }
              // Leverage between 3 and 8 before the shock; a fall of 1% to 8% keeps E > 0.
              double leverage = 3 + 5 * random.nextDouble();
              DeleveragingProblem problem = builder.cash(size / leverage - size).build();
              Scenario shock = Scenario.named("fall").withPriceShock(-0.01 - 0.07
                  * random.nextDouble());
              CascadeSettings settings = CascadeSettings.DEFAULT.withDepthFunction(
                  random.nextBoolean() ? new DepthFunction.Linear() : DepthFunction.EXPONENTIAL);

              CascadeResult glt = Cascade.run(List.of(new CascadeAccount("g", problem,
                      Solvers.optimal(), new CascadeRule.LeverageTargeting(
                          OptionalDouble.empty()))), shock, Map.of(), 1, settings,
                  BatchSolver.of(1), r -> { });
              assertThat(leverageAtTheEnd(glt, problem))
                  .isCloseTo(leverage, within(1e-9 * leverage));

              double target = 1.5 + random.nextDouble();
              CascadeResult cs = Cascade.run(List.of(new CascadeAccount("c", problem,
                      Solvers.optimal(), new CascadeRule.ContSchaanning(2.5, target))),
                  shock, Map.of(), 1, settings, BatchSolver.of(1), r -> { });
              assertThat(leverageAtTheEnd(cs, problem)).isCloseTo(target, within(1e-9 * target));
            });
  }

  /** A / E at the end, from the final equity and the last round's positions and prices. */
  private static double leverageAtTheEnd(CascadeResult result, DeleveragingProblem problem) {
    String name = result.finalEquities().keySet().iterator().next();
    double equity = result.finalEquities().get(name);
    double gross = 0.0;
    for (Asset asset : problem.assets()) {
      double units = asset.quantity() - result.totalSales().getOrDefault(asset.id(), 0.0);
      double price = result.rounds().isEmpty()
          ? result.shockedPrices().get(asset.id())
          : result.rounds().get(result.rounds().size() - 1).prices().get(asset.id());
      gross += units * price;
    }
    return gross / equity;
  }
}
