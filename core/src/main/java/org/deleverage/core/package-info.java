/**
 * The deleveraging problem of MODEL.md section 1 as immutable, validated values: the {@link
 * org.deleverage.core.Account}, its {@link org.deleverage.core.Asset}s, their {@link
 * org.deleverage.core.Dependence}, the {@link org.deleverage.core.Horizon}, the {@link
 * org.deleverage.core.Requirement} and the {@link org.deleverage.core.Objective}, gathered in a
 * {@link org.deleverage.core.DeleveragingProblem} and {@linkplain
 * org.deleverage.core.DeleveragingProblem#resolve() resolved} once into the dense, index-based
 * {@link org.deleverage.core.ResolvedProblem} that the evaluator and the solvers read, with its
 * price covariance as a {@link org.deleverage.core.PriceCovariance} (dense, or a factor model
 * used without forming the n x n matrix).
 */
package org.deleverage.core;
