package org.deleverage.core.plan;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The place of one asset in the deleveraging hierarchy (MODEL.md section 5). Immutable and
 * thread-safe.
 *
 * @param rank 1 for the asset used first
 * @param asset the asset id
 * @param marginalCostPerUnitRelief the marginal objective per unit of excess freed when selling
 *     starts: d(objective)/dn over d(X_kd)/dn for the first unit sold in period 1 from the
 *     untouched book; empty when selling the asset frees no excess (a locked asset, or costs
 *     above the margin freed)
 * @param firstPeriod the 1-based period of the first sale, empty if the plan does not sell it
 * @param soldFraction the fraction of the position the plan sells, c_iN / Q_i
 */
public record HierarchyEntry(
    int rank,
    String asset,
    OptionalDouble marginalCostPerUnitRelief,
    OptionalInt firstPeriod,
    double soldFraction) {}
