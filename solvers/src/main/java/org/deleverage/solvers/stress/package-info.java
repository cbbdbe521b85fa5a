/**
 * Stress tests: {@link org.deleverage.solvers.stress.Scenario}s (price shocks per asset or per
 * factor, volatility multipliers, a correlation spike, margin-rate increases) applied to
 * deleveraging problems, a {@link org.deleverage.solvers.stress.StressRunner} that runs a set of
 * them over accounts, and the fire-sale {@link org.deleverage.solvers.stress.Cascade} in which
 * forced sales move the prices every holder is marked at.
 */
package org.deleverage.solvers.stress;
