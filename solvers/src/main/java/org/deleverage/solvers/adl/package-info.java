/**
 * Auto-deleveraging (ADL): how an exchange closes a bankrupt position that the market and the
 * insurance fund cannot absorb, by closing profitable opposing positions at the bankruptcy price
 * in the order of a documented ranking. {@link org.deleverage.solvers.adl.AdlEngine} computes the
 * queue and the allocation of an {@link org.deleverage.solvers.adl.AdlProblem} under an {@link
 * org.deleverage.solvers.adl.AdlRule} (BitMEX, Binance or Hyperliquid).
 */
package org.deleverage.solvers.adl;
