package org.deleverage.core;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * The weights of the objective of MODEL.md section 4:
 *
 * <pre>
 *   w * L_N + lambda * tau * sum_k x_k' Sigma x_k + lambda_res * x_N' Sigma x_N + sum_i omega_i c_iN
 * </pre>
 *
 * The reluctances omega_i belong to the assets. Immutable and thread-safe.
 *
 * @param costWeight w, the weight of the expected loss, {@code >= 0}
 * @param riskAversion lambda, per unit of money squared, {@code >= 0}
 * @param residualRiskAversion lambda_res, per unit of money squared, {@code >= 0}
 */
public record Objective(double costWeight, double riskAversion, double residualRiskAversion) {

  /** Expected loss only: w = 1, lambda = lambda_res = 0. */
  public static final Objective EXPECTED_LOSS = new Objective(1.0, 0.0, 0.0);

  /**
   * Validates every weight.
   *
   * @param costWeight w, the weight of the expected loss, {@code >= 0}
   * @param riskAversion lambda, per unit of money squared, {@code >= 0}
   * @param residualRiskAversion lambda_res, per unit of money squared, {@code >= 0}
   */
  public Objective {
    Checks.nonNegative("costWeight", costWeight);
    Checks.nonNegative("riskAversion", riskAversion);
    Checks.nonNegative("residualRiskAversion", residualRiskAversion);
  }

  /**
   * The given weights.
   *
   * @param costWeight w, the weight of the expected loss, {@code >= 0}
   * @param riskAversion lambda, per unit of money squared, {@code >= 0}
   * @param residualRiskAversion lambda_res, per unit of money squared, {@code >= 0}
   * @return the given weights
   */
  public static Objective of(double costWeight, double riskAversion, double residualRiskAversion) {
    return new Objective(costWeight, riskAversion, residualRiskAversion);
  }

  /**
   * These weights with another costWeight, everything else the same.
   *
   * @param value w, the weight of the expected loss, {@code >= 0}
   * @return the copy
   * @throws InvalidInputException naming {@code costWeight} when the value breaks its rule
   */
  public Objective withCostWeight(double value) {
    return new Objective(value, riskAversion, residualRiskAversion);
  }

  /**
   * These weights with another riskAversion, everything else the same.
   *
   * @param value lambda, per unit of money squared, {@code >= 0}
   * @return the copy
   * @throws InvalidInputException naming {@code riskAversion} when the value breaks its rule
   */
  public Objective withRiskAversion(double value) {
    return new Objective(costWeight, value, residualRiskAversion);
  }

  /**
   * These weights with another residualRiskAversion, everything else the same.
   *
   * @param value lambda_res, per unit of money squared, {@code >= 0}
   * @return the copy
   * @throws InvalidInputException naming {@code residualRiskAversion} when the value breaks its rule
   */
  public Objective withResidualRiskAversion(double value) {
    return new Objective(costWeight, riskAversion, value);
  }
}
