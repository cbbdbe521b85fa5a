/**
 * Risk matrices from data, and their repair and stress: pure functions on {@code double[][]},
 * with no domain types.
 *
 * <ul>
 *   <li>{@link org.deleverage.models.risk.Returns} and {@link
 *       org.deleverage.models.risk.SampleCovariance}: daily simple returns of a price history
 *       with missing days, and their covariance and correlation with missing observations
 *       handled pairwise.
 *   <li>{@link org.deleverage.models.risk.NearestCorrelation}: the nearest correlation matrix in
 *       the Frobenius norm (Higham 2002), with {@link org.deleverage.models.risk.CorrelationRepair}
 *       reporting how far it moved.
 *   <li>{@link org.deleverage.models.risk.Stress}: larger volatilities, correlations shifted
 *       towards 1, a block of correlations set to one value.
 *   <li>{@link org.deleverage.models.risk.Covariances}: between a covariance and a correlation
 *       with volatilities.
 * </ul>
 *
 * Inputs are never modified and outputs are fresh arrays. Errors are {@link
 * org.deleverage.InvalidInputException}s naming the argument (and entry) and the rule.
 * Commons Math does the eigendecompositions and sample moments, through {@code
 * org.deleverage.models.numerics}.
 */
package org.deleverage.models.risk;
