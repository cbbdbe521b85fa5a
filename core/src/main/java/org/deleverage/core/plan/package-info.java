/**
 * The plan a solver returns (MODEL.md section 5): the liquidation sequence, the account period by
 * period, costs, the objective and the deleveraging hierarchy.
 */
package org.deleverage.core.plan;
