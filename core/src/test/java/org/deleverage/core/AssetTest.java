package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deleverage.InvalidInputException;
import org.deleverage.models.LinearPermanentImpact;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.TransactionCostModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssetTest {

  /** A valid long of 100 units: every test breaks one field of it. */
  private static Asset.Builder valid() {
    return Asset.builder("ACME").quantity(100.0).price(50.0).adv(1000.0);
  }

  @Test
  void builderDefaultsFollowTheFileFormat() {
    Asset asset = valid().build();
    assertThat(asset.id()).isEqualTo("ACME");
    assertThat(asset.volatility()).isEqualTo(0.0);
    assertThat(asset.costs()).isEqualTo(TransactionCostModel.NONE);
    assertThat(asset.temporaryImpact()).isEqualTo(LinearTemporaryImpact.NONE);
    assertThat(asset.permanentImpact()).isEqualTo(LinearPermanentImpact.NONE);
    assertThat(asset.marginRate()).isEqualTo(1.0);
    assertThat(asset.maxParticipation()).isEqualTo(1.0);
    assertThat(asset.locked()).isFalse();
    assertThat(asset.retainMin()).isEqualTo(0.0);
    assertThat(asset.retainMax()).isEqualTo(100.0);
    assertThat(asset.reluctance()).isEqualTo(0.0);
  }

  /** Each wither changes its own field only, and the copy is validated like any asset. */
  @Test
  void withersChangeOneFieldAndValidateTheCopy() {
    Asset asset = valid().build();
    TransactionCostModel costs = new TransactionCostModel(0.001, 0.0002, 0.01);
    LinearTemporaryImpact temporary = new LinearTemporaryImpact(1e-4);
    LinearPermanentImpact permanent = new LinearPermanentImpact(1e-5);

    assertThat(asset.withId("BETA")).isEqualTo(valid().build().withId("BETA"))
        .extracting(Asset::id).isEqualTo("BETA");
    assertThat(asset.withRetain(0.0, 40.0).withQuantity(-40.0))
        .isEqualTo(Asset.builder("ACME").quantity(-40.0).price(50.0).adv(1000.0).build());
    assertThat(asset.withPrice(55.0).price()).isEqualTo(55.0);
    assertThat(asset.withVolatility(0.02).volatility()).isEqualTo(0.02);
    assertThat(asset.withAdv(2000.0).adv()).isEqualTo(2000.0);
    assertThat(asset.withCosts(costs).costs()).isEqualTo(costs);
    assertThat(asset.withTemporaryImpact(temporary).temporaryImpact()).isEqualTo(temporary);
    assertThat(asset.withPermanentImpact(permanent).permanentImpact()).isEqualTo(permanent);
    assertThat(asset.withMarginRate(0.3).marginRate()).isEqualTo(0.3);
    assertThat(asset.withMaxParticipation(0.1).maxParticipation()).isEqualTo(0.1);
    assertThat(asset.withLocked(true).locked()).isTrue();
    assertThat(asset.withReluctance(0.5).reluctance()).isEqualTo(0.5);
    assertThat(asset.withPrice(55.0).withPrice(50.0)).isEqualTo(asset);

    assertThatThrownBy(() -> asset.withPrice(-5.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("price: must be > 0, was -5.0");
    // Fewer units than retain.max = 100 would keep: the retain limits must shrink first.
    assertThatThrownBy(() -> asset.withQuantity(40.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("retain.max: must be <= abs(quantity) = 40.0, was 100.0");
  }

  @Test
  void aShortHasDirectionMinusOneAndRetainMaxItsSize() {
    Asset shortPosition = valid().quantity(-250.0).build();
    assertThat(shortPosition.held()).isEqualTo(250.0);
    assertThat(shortPosition.direction()).isEqualTo(-1);
    assertThat(shortPosition.retainMax()).isEqualTo(250.0);
    assertThat(valid().build().direction()).isEqualTo(1);
  }

  @Test
  void builderCarriesEveryField() {
    Asset asset =
        valid()
            .volatility(0.02)
            .halfSpread(0.001)
            .fee(0.0005)
            .feePerUnit(0.01)
            .eta(2.5e-6)
            .gamma(2.5e-7)
            .marginRate(0.25)
            .maxParticipation(0.1)
            .retain(10.0, 90.0)
            .reluctance(0.3)
            .build();
    assertThat(asset.costs()).isEqualTo(new TransactionCostModel(0.001, 0.0005, 0.01));
    assertThat(asset.temporaryImpact()).isEqualTo(LinearTemporaryImpact.of(2.5e-6));
    assertThat(asset.permanentImpact()).isEqualTo(LinearPermanentImpact.of(2.5e-7));
    assertThat(asset.volatility()).isEqualTo(0.02);
    assertThat(asset.marginRate()).isEqualTo(0.25);
    assertThat(asset.maxParticipation()).isEqualTo(0.1);
    assertThat(asset.retainMin()).isEqualTo(10.0);
    assertThat(asset.retainMax()).isEqualTo(90.0);
    assertThat(asset.reluctance()).isEqualTo(0.3);
  }

  @Test
  void quantityPriceAndAdvAreRequired() {
    assertThatThrownBy(() -> Asset.builder("A").price(1.0).adv(1.0).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("quantity: is required");
    assertThatThrownBy(() -> Asset.builder("A").quantity(1.0).adv(1.0).build())
        .hasMessage("price: is required");
    assertThatThrownBy(() -> Asset.builder("A").quantity(1.0).price(1.0).build())
        .hasMessage("adv: is required");
  }

  @Test
  void idIsRequiredAndNotBlank() {
    assertThatThrownBy(() -> Asset.builder(null).quantity(1.0).price(1.0).adv(1.0).build())
        .hasMessage("id: is required");
    assertThatThrownBy(() -> Asset.builder(" \t").quantity(1.0).price(1.0).adv(1.0).build())
        .hasMessage("id: must not be blank");
  }

  @Test
  void modelsAreRequired() {
    assertThatThrownBy(() -> valid().temporaryImpact(null).build())
        .hasMessage("impact.temporary: is required");
    assertThatThrownBy(
            () ->
                new Asset("A", 1.0, 1.0, 0.0, 1.0, null, LinearTemporaryImpact.NONE,
                    LinearPermanentImpact.NONE, 1.0, 1.0, false, 0.0, 1.0, 0.0))
        .hasMessage("costs: is required");
    assertThatThrownBy(
            () ->
                new Asset("A", 1.0, 1.0, 0.0, 1.0, TransactionCostModel.NONE,
                    LinearTemporaryImpact.NONE, null, 1.0, 1.0, false, 0.0, 1.0, 0.0))
        .hasMessage("impact.permanent: is required");
  }

  @Test
  void priceMustBePositive() {
    assertThatThrownBy(() -> valid().price(-5.0).build())
        .hasMessage("price: must be > 0, was -5.0");
    assertThatThrownBy(() -> valid().price(0.0).build())
        .hasMessage("price: must be > 0, was 0.0");
  }

  @Test
  void volatilityMustBeNonNegative() {
    assertThatThrownBy(() -> valid().volatility(-0.02).build())
        .hasMessage("volatility: must be >= 0, was -0.02");
  }

  @Test
  void advMustBePositive() {
    assertThatThrownBy(() -> valid().adv(0.0).build()).hasMessage("adv: must be > 0, was 0.0");
  }

  @Test
  void costsMustBeNonNegative() {
    assertThatThrownBy(() -> valid().halfSpread(-0.001).build())
        .hasMessage("halfSpread: must be >= 0, was -0.001");
    assertThatThrownBy(() -> valid().fee(-0.1).build()).hasMessage("fee: must be >= 0, was -0.1");
    assertThatThrownBy(() -> valid().feePerUnit(-1.0).build())
        .hasMessage("feePerUnit: must be >= 0, was -1.0");
  }

  @Test
  void permanentImpactIsReportedUnderItsPath() {
    assertThatThrownBy(() -> valid().gamma(-1.0).build())
        .hasMessage("impact.permanent.gamma: must be >= 0, was -1.0");
  }

  @Test
  void temporaryImpactFailsWhenTheModelIsBuilt() {
    // eta(...) builds the LinearTemporaryImpact at once, so the setter raises the error, under
    // the path the problem file gives the field.
    assertThatThrownBy(() -> valid().eta(-1.0))
        .hasMessage("impact.temporary.eta: must be >= 0, was -1.0");
  }

  @Test
  void marginRateMustBeInTheUnitInterval() {
    assertThatThrownBy(() -> valid().marginRate(1.5).build())
        .hasMessage("marginRate: must be in [0.0, 1.0], was 1.5");
    assertThatThrownBy(() -> valid().marginRate(-0.1).build())
        .hasMessage("marginRate: must be in [0.0, 1.0], was -0.1");
    assertThat(valid().marginRate(0.0).build().marginRate()).isEqualTo(0.0);
  }

  @Test
  void maxParticipationMustBeInTheHalfOpenUnitInterval() {
    assertThatThrownBy(() -> valid().maxParticipation(0.0).build())
        .hasMessage("maxParticipation: must be in (0.0, 1.0], was 0.0");
    assertThatThrownBy(() -> valid().maxParticipation(1.2).build())
        .hasMessage("maxParticipation: must be in (0.0, 1.0], was 1.2");
  }

  @Test
  void retainMinMustBeNonNegative() {
    assertThatThrownBy(() -> valid().retain(-1.0, 50.0).build())
        .hasMessage("retain.min: must be >= 0, was -1.0");
  }

  @Test
  void retainMaxMustBeNonNegative() {
    assertThatThrownBy(() -> valid().retain(0.0, -1.0).build())
        .hasMessage("retain.max: must be >= 0, was -1.0");
  }

  @Test
  void retainMaxMustNotExceedTheHolding() {
    assertThatThrownBy(() -> valid().quantity(-100.0).retain(0.0, 150.0).build())
        .hasMessage("retain.max: must be <= abs(quantity) = 100.0, was 150.0");
  }

  @Test
  void retainMinMustNotExceedRetainMax() {
    assertThatThrownBy(() -> valid().retain(20.0, 10.0).build())
        .hasMessage("retain.min: must be <= retain.max = 10.0, was 20.0");
    // retain(0, 0) closes the position; retain(Q, Q) keeps all of it.
    assertThat(valid().retain(0.0, 0.0).build().retainMax()).isEqualTo(0.0);
    assertThat(valid().retain(100.0, 100.0).build().retainMin()).isEqualTo(100.0);
  }

  @Test
  void aLockedAssetMustRetainEverything() {
    assertThatThrownBy(() -> valid().locked(true).retain(0.0, 50.0).build())
        .hasMessage(
            "retain.max: must be abs(quantity) = 100.0 for a locked asset (it cannot sell),"
                + " was 50.0");
    Asset locked = valid().locked(true).build();
    assertThat(locked.locked()).isTrue();
    assertThat(locked.retainMax()).isEqualTo(100.0);
  }

  @Test
  void reluctanceMustBeNonNegative() {
    assertThatThrownBy(() -> valid().reluctance(-0.5).build())
        .hasMessage("reluctance: must be >= 0, was -0.5");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void everyDoubleMustBeFinite(double value) {
    String rule = ": must be a finite number, was " + value;
    assertThatThrownBy(() -> valid().quantity(value).build()).hasMessage("quantity" + rule);
    assertThatThrownBy(() -> valid().price(value).build()).hasMessage("price" + rule);
    assertThatThrownBy(() -> valid().volatility(value).build()).hasMessage("volatility" + rule);
    assertThatThrownBy(() -> valid().adv(value).build()).hasMessage("adv" + rule);
    assertThatThrownBy(() -> valid().halfSpread(value).build()).hasMessage("halfSpread" + rule);
    assertThatThrownBy(() -> valid().fee(value).build()).hasMessage("fee" + rule);
    assertThatThrownBy(() -> valid().feePerUnit(value).build()).hasMessage("feePerUnit" + rule);
    assertThatThrownBy(() -> valid().eta(value)).hasMessage("impact.temporary.eta" + rule);
    assertThatThrownBy(() -> valid().gamma(value).build())
        .hasMessage("impact.permanent.gamma" + rule);
    assertThatThrownBy(() -> valid().marginRate(value).build()).hasMessage("marginRate" + rule);
    assertThatThrownBy(() -> valid().maxParticipation(value).build())
        .hasMessage("maxParticipation" + rule);
    assertThatThrownBy(() -> valid().retain(value, 50.0).build()).hasMessage("retain.min" + rule);
    assertThatThrownBy(() -> valid().reluctance(value).build()).hasMessage("reluctance" + rule);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void retainMaxMustBeFinite(double value) {
    assertThatThrownBy(() -> valid().retain(0.0, value).build())
        .hasMessage("retain.max: must be a finite number, was " + value);
  }

  @Test
  void theRecordRejectsANanRetainMax() {
    assertThatThrownBy(
            () ->
                new Asset("A", 100.0, 1.0, 0.0, 1.0, TransactionCostModel.NONE,
                    LinearTemporaryImpact.NONE, LinearPermanentImpact.NONE, 1.0, 1.0, false, 0.0,
                    Double.NaN, 0.0))
        .hasMessage("retain.max: must be a finite number, was NaN");
  }

  @Test
  void builderRejectsANanRetainMax() {
    assertThatThrownBy(() -> valid().retain(0.0, Double.NaN).build())
        .hasMessage("retain.max: must be a finite number, was NaN");
  }
}
