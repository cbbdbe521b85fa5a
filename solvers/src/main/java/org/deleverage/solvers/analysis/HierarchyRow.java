package org.deleverage.solvers.analysis;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Why one asset sits where it does in the liquidation sequence. Immutable.
 *
 * @param rank its rank in the plan's hierarchy (1 first)
 * @param asset its id
 * @param marginalCostPerUnitRelief the marginal objective per unit of excess freed by its first
 *     unit from the untouched book (the plan's hierarchy figure); empty if it frees none
 * @param daysToLiquidate Q_i / (rho_i V_i): days to sell the whole position at the participation
 *     cap; +infinity for a locked asset
 * @param riskContribution its Euler share of the book's daily variance, x_i (Sigma x)_i / x'
 *     Sigma x with x = d Q the signed initial positions (the shares add up to 1; negative for a
 *     hedge); empty when the book has no risk
 * @param marginRate m_i
 * @param firstPeriod the first period it trades in, if it trades
 * @param soldFraction the fraction of the position the plan sells
 * @param state what limits it in the plan
 */
public record HierarchyRow(
    int rank,
    String asset,
    OptionalDouble marginalCostPerUnitRelief,
    double daysToLiquidate,
    OptionalDouble riskContribution,
    double marginRate,
    OptionalInt firstPeriod,
    double soldFraction,
    AssetState state) {}
