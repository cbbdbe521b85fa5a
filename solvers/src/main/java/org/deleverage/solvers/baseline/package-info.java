/**
 * The baselines the optimiser must beat: the greedy margin-call rule of trading platforms and
 * pro-rata deleveraging. Both respect every constraint and return plans only through the
 * evaluator.
 */
package org.deleverage.solvers.baseline;
