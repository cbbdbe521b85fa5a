/**
 * The exchange's side of deleveraging: tiered margin, liquidation and bankruptcy prices
 * ({@link org.deleverage.solvers.exchange.Prices}), venue policies ({@link
 * org.deleverage.solvers.exchange.VenuePolicy}) and a simulation of the liquidation waterfall
 * over a path of marks ({@link org.deleverage.solvers.exchange.ExchangeSimulation}).
 */
package org.deleverage.solvers.exchange;
