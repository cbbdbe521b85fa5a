package org.deleverage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deleverage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementTest {

  @Test
  void marginDefaults() {
    Requirement margin = Requirement.margin();
    assertThat(margin.mode()).isEqualTo(CoverageMode.MARGIN);
    assertThat(margin.shortfall()).isEmpty();
    assertThat(margin.deadline()).isEmpty();
    assertThat(margin.buffer()).isEqualTo(0.0);
    assertThat(margin.schedule()).isEmpty();
  }

  @Test
  void withCopiesChangeOneField() {
    Requirement r =
        Requirement.cash(5000.0)
            .withDeadline(3)
            .withBuffer(10.0)
            .withSchedule(List.of(ScheduleStep.of(1, 0.5)));
    assertThat(r.mode()).isEqualTo(CoverageMode.CASH);
    assertThat(r.shortfall()).hasValue(5000.0);
    assertThat(r.deadline()).hasValue(3);
    assertThat(r.buffer()).isEqualTo(10.0);
    assertThat(r.schedule()).containsExactly(ScheduleStep.of(1, 0.5));
    assertThat(Requirement.margin().withShortfall(7.0).shortfall()).hasValue(7.0);
  }

  @Test
  void scheduleIsCopied() {
    List<ScheduleStep> steps = new ArrayList<>(List.of(ScheduleStep.of(1, 0.5)));
    Requirement r = Requirement.margin().withSchedule(steps);
    steps.add(ScheduleStep.of(2, 1.0));
    assertThat(r.schedule()).hasSize(1);
  }

  @Test
  void requiredFields() {
    assertThatThrownBy(
            () -> new Requirement(null, OptionalDouble.empty(), OptionalInt.empty(), 0.0, List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("mode: is required");
    assertThatThrownBy(
            () -> new Requirement(CoverageMode.MARGIN, null, OptionalInt.empty(), 0.0, List.of()))
        .hasMessage("shortfall: is required");
    assertThatThrownBy(
            () -> new Requirement(CoverageMode.MARGIN, OptionalDouble.empty(), null, 0.0, List.of()))
        .hasMessage("deadline: is required");
    assertThatThrownBy(() -> Requirement.margin().withSchedule(null))
        .hasMessage("schedule: is required");
  }

  @Test
  void cashModeNeedsAShortfall() {
    assertThatThrownBy(
            () ->
                new Requirement(
                    CoverageMode.CASH, OptionalDouble.empty(), OptionalInt.empty(), 0.0, List.of()))
        .hasMessage("shortfall: is required in cash mode");
  }

  @Test
  void shortfallMustBeNonNegative() {
    assertThatThrownBy(() -> Requirement.cash(-1.0))
        .hasMessage("shortfall: must be >= 0, was -1.0");
    assertThatThrownBy(() -> Requirement.margin().withShortfall(-0.5))
        .hasMessage("shortfall: must be >= 0, was -0.5");
    assertThat(Requirement.cash(0.0).shortfall()).hasValue(0.0);
  }

  @Test
  void deadlineIsOneBased() {
    assertThatThrownBy(() -> Requirement.margin().withDeadline(0))
        .hasMessage("deadline: must be >= 1, was 0");
  }

  @Test
  void bufferMustBeNonNegative() {
    assertThatThrownBy(() -> Requirement.margin().withBuffer(-10.0))
        .hasMessage("buffer: must be >= 0, was -10.0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void doublesMustBeFinite(double value) {
    String rule = ": must be a finite number, was " + value;
    assertThatThrownBy(() -> Requirement.cash(value)).hasMessage("shortfall" + rule);
    assertThatThrownBy(() -> Requirement.margin().withShortfall(value))
        .hasMessage("shortfall" + rule);
    assertThatThrownBy(() -> Requirement.margin().withBuffer(value)).hasMessage("buffer" + rule);
  }

  @Test
  void scheduleMustStrictlyIncreaseInPeriod() {
    assertThatThrownBy(
            () ->
                Requirement.margin()
                    .withSchedule(
                        List.of(
                            ScheduleStep.of(1, 0.2),
                            ScheduleStep.of(2, 0.5),
                            ScheduleStep.of(2, 0.7))))
        .hasMessage(
            "schedule[2].period: must be > schedule[1].period = 2 (steps in increasing period),"
                + " was 2");
    assertThatThrownBy(
            () ->
                Requirement.margin()
                    .withSchedule(List.of(ScheduleStep.of(3, 0.5), ScheduleStep.of(1, 0.7))))
        .hasMessage(
            "schedule[1].period: must be > schedule[0].period = 3 (steps in increasing period),"
                + " was 1");
  }
}
