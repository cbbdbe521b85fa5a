package org.deleverage.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.stress.Cascade;
import org.deleverage.solvers.stress.CascadeAccount;
import org.deleverage.solvers.stress.CascadeResult;
import org.deleverage.solvers.stress.CascadeRound;
import org.deleverage.solvers.stress.Scenario;
import org.deleverage.testing.Instances;
import org.junit.jupiter.api.Test;

/**
 * Properties of fire-sale cascades on generated markets: two to four accounts holding long
 * positions in one to three common assets (linear impact, convex by construction), each with
 * its own solver (the optimiser or a baseline), hit by a random fall of the prices. Seeds are
 * fixed and the number of examples modest: every round solves every short account.
 */
class CascadePropertiesTest {

  private static final List<String> SOLVERS = List.of("optimal", "pro-rata", "greedy");

  /**
   * Over all rounds no asset is sold beyond what the accounts held, prices stay above zero and
   * never rise (only sales move them), and the loss never falls below the shock's.
   */
  @Test
  void salesNeverExceedHoldingsAndPricesStayPositive() {
    qt().withFixedSeed(1_001L)
        .withExamples(40)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              List<CascadeAccount> accounts = accounts(random);
              Scenario shock = Scenario.named("fall").withPriceShock(-0.3 * random.nextDouble());

              CascadeResult result = Cascade.run(accounts, shock, Map.of(), 6);

              Map<String, Double> held = new LinkedHashMap<>();
              for (CascadeAccount account : accounts) {
                for (Asset asset : account.problem().assets()) {
                  held.merge(asset.id(), asset.quantity(), Double::sum);
                }
              }
              result.totalSales().forEach((id, sold) ->
                  assertThat(sold).isLessThanOrEqualTo(held.get(id) * (1 + 1e-9)));
              Map<String, Double> last = result.shockedPrices();
              for (CascadeRound round : result.rounds()) {
                for (Map.Entry<String, Double> price : round.prices().entrySet()) {
                  assertThat(price.getValue()).isPositive()
                      .isLessThanOrEqualTo(last.get(price.getKey()) * (1 + 1e-12));
                }
                last = round.prices();
              }
              assertThat(result.totalLoss())
                  .isGreaterThanOrEqualTo(result.shockLoss() - 1e-6 * result.shockLoss());
            });
  }

  /** Without a shock no account that starts covered is short, and nothing is sold. */
  @Test
  void noShockNoSales() {
    qt().withFixedSeed(1_002L)
        .withExamples(20)
        .forAll(Instances.seeds())
        .checkAssert(
            seed -> {
              List<CascadeAccount> accounts = accounts(new SplittableRandom(seed));

              CascadeResult result = Cascade.run(accounts, Scenario.named("none"), Map.of(), 3);

              assertThat(result.rounds()).isEmpty();
              assertThat(result.settled()).isTrue();
              assertThat(result.totalLoss()).isCloseTo(0.0,
                  org.assertj.core.api.Assertions.within(1e-6));
            });
  }

  /**
   * Accounts whose excess before the shock is between 0 and 10% of their requirement, so that
   * the shock makes some of them short.
   */
  private static List<CascadeAccount> accounts(SplittableRandom random) {
    int assets = 1 + random.nextInt(3);
    double[] price = new double[assets];
    double[] gamma = new double[assets];
    double[] adv = new double[assets];
    double[] margin = new double[assets];
    for (int i = 0; i < assets; i++) {
      price[i] = 10 + 90 * random.nextDouble();
      adv[i] = 1e5 * (1 + 10 * random.nextDouble());
      gamma[i] = price[i] / adv[i] * 0.05 * random.nextDouble();
      margin[i] = 0.1 + 0.4 * random.nextDouble();
    }
    List<CascadeAccount> accounts = new ArrayList<>();
    int count = 2 + random.nextInt(3);
    for (int a = 0; a < count; a++) {
      DeleveragingProblem.Builder builder = DeleveragingProblem.builder();
      double value = 0.0;
      double requirement = 0.0;
      for (int i = 0; i < assets; i++) {
        double quantity = adv[i] * 0.05 * random.nextDouble() + 1;
        value += quantity * price[i];
        requirement += margin[i] * quantity * price[i];
        builder.asset(Asset.builder("A" + i).quantity(quantity).price(price[i]).adv(adv[i])
            .volatility(0.02).halfSpread(0.0005).marginRate(margin[i]).gamma(gamma[i])
            .eta(2 * gamma[i] + 1e-9).build());
      }
      double excess = requirement * 0.1 * random.nextDouble();
      builder.cash(requirement + excess - value);
      DeleveragingSolver solver =
          Solvers.named(SOLVERS.get(random.nextInt(SOLVERS.size()))).orElseThrow();
      accounts.add(new CascadeAccount("account" + a, builder.build(), solver));
    }
    return accounts;
  }
}
