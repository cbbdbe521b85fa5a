package org.deleverage.core.evaluate;

/**
 * The objective of MODEL.md section 4 and its terms. The terms are the raw quantities; the total
 * weighs them:
 *
 * <pre>
 *   total = w * expectedLoss + lambda * timingVariance + lambda_res * residualVariance + reluctance
 *   expectedLoss     = L_N                                 money
 *   timingVariance   = tau * sum_{k=1..N} x_k' Sigma x_k   money^2
 *   residualVariance = x_N' Sigma x_N                      money^2 (one day)
 *   reluctance       = sum_i omega_i * c_iN                objective units
 * </pre>
 *
 * Immutable and thread-safe.
 *
 * @param total the weighted objective
 * @param expectedLoss L_N
 * @param timingVariance tau * sum_k x_k' Sigma x_k
 * @param residualVariance x_N' Sigma x_N
 * @param reluctance sum_i omega_i c_iN
 */
public record ObjectiveValue(
    double total,
    double expectedLoss,
    double timingVariance,
    double residualVariance,
    double reluctance) {}
