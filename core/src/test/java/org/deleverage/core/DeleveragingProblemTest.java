package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;

class DeleveragingProblemTest {

  private static Asset asset(String id) {
    return Asset.builder(id).quantity(100.0).price(10.0).adv(1000.0).build();
  }

  private static DeleveragingProblem.Builder valid() {
    return DeleveragingProblem.builder().cash(-500.0).asset(asset("A"));
  }

  @Test
  void builderDefaults() {
    DeleveragingProblem problem = valid().build();
    assertThat(problem.dependence()).isEqualTo(Dependence.independent());
    assertThat(problem.horizon()).isEqualTo(Horizon.ONE_DAY);
    assertThat(problem.requirement()).isEqualTo(Requirement.margin());
    assertThat(problem.objective()).isEqualTo(Objective.EXPECTED_LOSS);
    assertThat(problem.assets()).extracting(Asset::id).containsExactly("A");
  }

  /** Each wither changes its own part only; the copy is validated like any problem. */
  @Test
  void withersChangeOnePartAndValidateTheCopy() {
    DeleveragingProblem problem = valid().build();
    Horizon horizon = Horizon.of(3, 0.5);
    Objective objective = Objective.EXPECTED_LOSS.withRiskAversion(1e-6);

    assertThat(problem.withAccount(Account.of(-800.0)))
        .isEqualTo(valid().cash(-800.0).build());
    assertThat(problem.withAssets(List.of(asset("B"))).assets())
        .extracting(Asset::id).containsExactly("B");
    assertThat(problem.withHorizon(horizon)).isEqualTo(valid().horizon(horizon).build());
    assertThat(problem.withObjective(objective)).isEqualTo(valid().objective(objective).build());
    assertThat(problem.withRequirement(Requirement.cash(300.0)).requirement())
        .isEqualTo(Requirement.cash(300.0));
    assertThat(problem.withShortfall(250.0).requirement())
        .isEqualTo(Requirement.margin().withShortfall(250.0));
    assertThat(objective).isEqualTo(Objective.of(1.0, 1e-6, 0.0));
    assertThat(horizon.withPeriods(4).withPeriodLength(1.0)).isEqualTo(Horizon.of(4, 1.0));

    assertThatThrownBy(() -> problem.withAssets(List.of(asset("A"), asset("A"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("assets[1].id: must be unique");
    assertThatThrownBy(() -> problem.withHorizon(Horizon.of(1, 1.0)).withShortfall(-1.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("shortfall:");
  }

  @Test
  void everyPartIsRequired() {
    assertThatThrownBy(() -> DeleveragingProblem.builder().asset(asset("A")).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("account: is required");
    assertThatThrownBy(() -> valid().dependence(null).build())
        .hasMessage("correlation: is required");
    assertThatThrownBy(() -> valid().horizon(null).build()).hasMessage("horizon: is required");
    assertThatThrownBy(() -> valid().requirement(null).build())
        .hasMessage("requirement: is required");
    assertThatThrownBy(() -> valid().objective(null).build())
        .hasMessage("objective: is required");
    assertThatThrownBy(
            () ->
                new DeleveragingProblem(
                    Account.of(0.0), null, Dependence.independent(), Horizon.ONE_DAY,
                    Requirement.margin(), Objective.EXPECTED_LOSS))
        .hasMessage("assets: is required");
  }

  @Test
  void withDependenceReplacesOnlyTheDependenceAndChecksItsSize() {
    DeleveragingProblem original =
        valid().asset(asset("B")).horizon(Horizon.of(3, 0.5)).build();
    Dependence covariance = Dependence.covariance(new double[][] {{4.0, 1.0}, {1.0, 9.0}});

    DeleveragingProblem replaced = original.withDependence(covariance);

    assertThat(replaced.dependence()).isEqualTo(covariance);
    assertThat(replaced)
        .usingRecursiveComparison()
        .ignoringFields("dependence")
        .isEqualTo(original);
    assertThat(original.dependence()).isEqualTo(Dependence.independent());
    assertThatThrownBy(
            () -> original.withDependence(Dependence.covariance(new double[][] {{4.0}})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("covariance: must be 2 x 2 (a row per asset), was 1 x 1");
  }

  @Test
  void needsAtLeastOneAsset() {
    assertThatThrownBy(() -> DeleveragingProblem.builder().cash(0.0).build())
        .hasMessage("assets: must hold at least one asset");
  }

  @Test
  void idsMustBeUnique() {
    assertThatThrownBy(
            () -> valid().assets(List.of(asset("B"), asset("A"))).build())
        .hasMessage("assets[2].id: must be unique, was \"A\" as assets[0].id");
  }

  @Test
  void correlationMustMatchTheAssets() {
    assertThatThrownBy(
            () ->
                valid()
                    .dependence(Dependence.correlation(new double[][] {{1.0, 0.0}, {0.0, 1.0}}))
                    .build())
        .hasMessage("correlation: must be 1 x 1 (a row per asset), was 2 x 2");
    assertThatThrownBy(
            () ->
                valid()
                    .asset(asset("B"))
                    .dependence(Dependence.covariance(new double[][] {{1.0}}))
                    .build())
        .hasMessage("covariance: must be 2 x 2 (a row per asset), was 1 x 1");
    assertThatThrownBy(
            () ->
                valid()
                    .dependence(
                        Dependence.factor(
                            new double[][] {{1.0}, {0.5}, {0.2}}, new double[][] {{0.01}},
                            new double[] {0.0, 0.0, 0.0}))
                    .build())
        .hasMessage("factors.loadings: must have 1 rows (a row per asset), had 3");
  }

  @Test
  void deadlineMustBeInsideTheHorizon() {
    assertThatThrownBy(
            () ->
                valid()
                    .horizon(Horizon.of(3, 1.0))
                    .requirement(Requirement.margin().withDeadline(4))
                    .build())
        .hasMessage("requirement.deadline: must be <= horizon.periods = 3, was 4");
    assertThatCode(
            () ->
                valid()
                    .horizon(Horizon.of(3, 1.0))
                    .requirement(Requirement.margin().withDeadline(3))
                    .build())
        .doesNotThrowAnyException();
  }

  @Test
  void schedulePeriodsMustBeInsideTheHorizon() {
    assertThatThrownBy(
            () ->
                valid()
                    .horizon(Horizon.of(3, 1.0))
                    .requirement(
                        Requirement.margin()
                            .withSchedule(
                                List.of(ScheduleStep.of(1, 0.5), ScheduleStep.of(5, 0.8))))
                    .build())
        .hasMessage("requirement.schedule[1].period: must be <= horizon.periods = 3, was 5");
  }

  @Test
  void retainMaxMustBeReachableWithinTheParticipationLimit() {
    // Q = 1000, at most rho V tau = 0.5 * 100 * 2 = 100 units per period, 3 periods: 300 units.
    // retain.max = 600 forces 400 units out: impossible. retain.max = 700 forces exactly 300.
    Asset.Builder big =
        Asset.builder("A").quantity(1000.0).price(10.0).adv(100.0).maxParticipation(0.5);
    assertThatThrownBy(
            () ->
                DeleveragingProblem.builder()
                    .cash(0.0)
                    .asset(big.retain(0.0, 600.0).build())
                    .horizon(Horizon.of(3, 2.0))
                    .build())
        .hasMessage(
            "assets[0].retain.max: needs 400.0 units sold, more than the 300.0 that"
                + " maxParticipation and the impact model allow over the horizon, was 600.0");
    assertThatCode(
            () ->
                DeleveragingProblem.builder()
                    .cash(0.0)
                    .asset(big.retain(0.0, 700.0).build())
                    .horizon(Horizon.of(3, 2.0))
                    .build())
        .doesNotThrowAnyException();
  }

  @Test
  void theRetainRuleNamesTheOffendingAssetByIndex() {
    // A short of 50 units that must be closed within one period of at most 10 units.
    Asset shortToClose =
        Asset.builder("S").quantity(-50.0).price(10.0).adv(10.0).retain(0.0, 0.0).build();
    assertThatThrownBy(() -> valid().asset(shortToClose).build())
        .hasMessage(
            "assets[1].retain.max: needs 50.0 units sold, more than the 10.0 that"
                + " maxParticipation and the impact model allow over the horizon, was 0.0");
  }

  @Test
  void assetsAreCopied() {
    List<Asset> given = new java.util.ArrayList<>(List.of(asset("A")));
    DeleveragingProblem problem =
        new DeleveragingProblem(
            Account.of(0.0), given, Dependence.independent(), Horizon.ONE_DAY,
            Requirement.margin(), Objective.EXPECTED_LOSS);
    given.add(asset("B"));
    assertThat(problem.assets()).hasSize(1);
  }
}
