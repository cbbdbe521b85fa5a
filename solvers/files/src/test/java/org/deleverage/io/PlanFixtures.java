package org.deleverage.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalDouble;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Dependence;
import org.deleverage.core.Horizon;
import org.deleverage.core.Objective;
import org.deleverage.core.Requirement;
import org.deleverage.core.ScheduleStep;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.internal.PlanAssembler;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.plan.SolveStatus;
import org.deleverage.core.solve.SolverReport;

/**
 * Problems and plans for the tests of the files and the command line. The plans come from hand
 * made trade tables passed through {@link PlanAssembler}, so every figure is the evaluator's.
 */
public final class PlanFixtures {

  /** The classpath resource of the bundled sample problem. */
  public static final String SAMPLE = "/org/deleverage/cli/sample-margin-call.json";

  /**
   * The classpath resource of the tests' own ten-asset book: the bundled sample at a twentieth
   * of its size (a shortfall of 3,482,500), on which the hand-made plans below are worked.
   */
  public static final String SMALL_BOOK = "/org/deleverage/io/small-book.json";

  private PlanFixtures() {}

  /** The tests' ten-asset margin call, {@link #SMALL_BOOK}. */
  public static DeleveragingProblem sample() {
    return read(SMALL_BOOK);
  }

  /** The bundled sample margin call the command line plans without a PROBLEM. */
  public static DeleveragingProblem bundledSample() {
    return read(SAMPLE);
  }

  private static DeleveragingProblem read(String resource) {
    try (InputStream in = PlanFixtures.class.getResourceAsStream(resource)) {
      return ProblemJson.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A feasible plan for the sample: buy back all 15,000 SPY and sell 5,000 AAPL in period 1
   * (frees 0.3 * 560 * 15,000 + 0.25 * 195 * 5,000 = 2,763,750, over the half of the 3,482,500
   * shortfall the schedule asks for), buy back 10,000 TSLA in period 2 (frees 1,250,000 more,
   * covering the call before the deadline of period 3) and sell 20 BTC in period 3.
   */
  public static Plan samplePlan() {
    double[][] units = new double[10][5];
    units[6][0] = 15_000; // SPY
    units[0][0] = 5_000; // AAPL
    units[3][1] = 10_000; // TSLA
    units[7][2] = 20; // BTC
    return plan(sample(), units, report("hand", SolveStatus.FEASIBLE, OptionalDouble.empty()));
  }

  /**
   * Two assets over two periods: a long ACME (20,000 at 50, margin 0.5) and a short BETA
   * (-10,000 at 20, margin 0.5), a given shortfall of 100,000 and a schedule step. Every optional
   * field is set away from its default.
   */
  public static DeleveragingProblem twoAssets() {
    Asset acme =
        Asset.builder("ACME")
            .quantity(20_000)
            .price(50.0)
            .volatility(0.02)
            .adv(400_000)
            .halfSpread(0.0005)
            .fee(0.0001)
            .feePerUnit(0.001)
            .marginRate(0.5)
            .eta(2.5e-6)
            .gamma(2.5e-7)
            .maxParticipation(0.1)
            .retain(1_000, 19_000)
            .reluctance(0.01)
            .build();
    Asset beta =
        Asset.builder("BETA, \"B\" shares")
            .quantity(-10_000)
            .price(20.0)
            .volatility(0.03)
            .adv(200_000)
            .halfSpread(0.001)
            .marginRate(0.5)
            .eta(1e-5)
            .gamma(1e-6)
            .build();
    return DeleveragingProblem.builder()
        .cash(-450_000)
        .asset(acme)
        .asset(beta)
        .dependence(Dependence.correlation(new double[][] {{1.0, 0.3}, {0.3, 1.0}}))
        .horizon(Horizon.of(2, 0.5))
        .requirement(
            Requirement.margin()
                .withShortfall(100_000)
                .withDeadline(2)
                .withBuffer(1_000)
                .withSchedule(java.util.List.of(ScheduleStep.of(1, 0.25))))
        .objective(Objective.of(1.0, 1e-7, 1e-8))
        .build();
  }

  /**
   * A feasible plan for {@link #twoAssets()}: ACME 3,000 then 2,000 units (frees about
   * 25 * 5,000 = 125,000), BETA 1,000 units bought back in period 1 (frees about 10,000).
   */
  public static Plan twoAssetPlan() {
    return plan(
        twoAssets(),
        new double[][] {{3_000, 2_000}, {1_000, 0}},
        report("test", SolveStatus.OPTIMAL, OptionalDouble.of(500_000.0)));
  }

  /** The plan of an account with more than enough margin: no trades. */
  public static Plan emptyPlan() {
    DeleveragingProblem flush =
        DeleveragingProblem.builder()
            .cash(1_000)
            .asset(Asset.builder("ACME").quantity(100).price(10).adv(1_000).marginRate(0.5).build())
            .build();
    return plan(flush, new double[1][1], report("test", SolveStatus.OPTIMAL, OptionalDouble.of(0)));
  }

  /** The solver report the fixtures use. */
  public static SolverReport report(
      String solver, SolveStatus status, OptionalDouble maxCoverableShortfall) {
    OptionalDouble shadow =
        status == SolveStatus.OPTIMAL ? OptionalDouble.of(0.012) : OptionalDouble.empty();
    return new SolverReport(solver, status, maxCoverableShortfall, shadow, 7, 1.5);
  }

  /** The plan for {@code units[asset][period]}, which must be feasible. */
  public static Plan plan(DeleveragingProblem problem, double[][] units, SolverReport report) {
    int[] priority = new int[units.length];
    for (int i = 0; i < priority.length; i++) {
      priority[i] = i;
    }
    return PlanAssembler.DEFAULT
        .assemble(problem.resolve(), TradeTable.of(units), priority, report)
        .plan();
  }
}
