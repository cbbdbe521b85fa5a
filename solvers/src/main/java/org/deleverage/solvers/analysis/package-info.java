/**
 * Analysis a desk acts on: the {@link org.deleverage.solvers.analysis.CostCurve} (the optimum as
 * the shortfall grows, with the shadow price and the breakpoints where an asset enters or hits a
 * limit), the {@link org.deleverage.solvers.analysis.EfficientFrontier} (expected loss against
 * timing risk as the risk aversion grows) and the {@link
 * org.deleverage.solvers.analysis.HierarchyReport} (why each asset sits where it does in the
 * liquidation sequence).
 */
package org.deleverage.solvers.analysis;
