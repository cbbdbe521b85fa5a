package org.deleverage.solvers.analysis;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The optimum at one shortfall of a {@link CostCurve}. Immutable.
 *
 * @param shortfall S, money
 * @param objective the optimal objective at S
 * @param expectedLoss the optimal plan's expected loss L_N
 * @param shadowPrice mu, the objective per extra unit of shortfall, when the solver reports it
 * @param status the plan's status (optimal; feasible at the largest coverable shortfall)
 * @param states each asset's {@link AssetState} in the optimal plan, in the problem's order
 */
public record CurvePoint(
    double shortfall,
    double objective,
    double expectedLoss,
    OptionalDouble shadowPrice,
    String status,
    List<AssetState> states) {

  /**
   * Copies the states.
   *
   * @param shortfall S, money
   * @param objective the optimal objective at S
   * @param expectedLoss the optimal plan's expected loss L_N
   * @param shadowPrice mu, the objective per extra unit of shortfall, when the solver reports it
   * @param status the plan's status (optimal; feasible at the largest coverable shortfall)
   * @param states each asset's {@link AssetState} in the optimal plan, in the problem's order
   */
  public CurvePoint {
    states = ImmutableList.copyOf(states);
  }
}
