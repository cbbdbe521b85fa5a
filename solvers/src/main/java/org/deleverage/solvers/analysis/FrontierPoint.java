package org.deleverage.solvers.analysis;

/**
 * One strategy on an {@link EfficientFrontier}: its expected loss and its timing risk. Immutable.
 *
 * @param label what it is: "optimal" for a point of the sweep, or the name of a reference
 *     strategy
 * @param riskAversion lambda, for a point of the sweep; NaN for a reference strategy
 * @param expectedLoss L_N, money
 * @param timingRisk the standard deviation sqrt(tau sum_k x_k' Sigma x_k) of MODEL.md section 4's
 *     timing-risk term (money)
 * @param objective the objective at the problem's own weights (for a sweep point: at its lambda)
 */
public record FrontierPoint(String label, double riskAversion, double expectedLoss,
    double timingRisk, double objective) {}
