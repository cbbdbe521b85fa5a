/**
 * The exact optimiser of MODEL.md section 4: a structured primal-dual interior-point method on the
 * convex program (order books by one variable per level), an active-set finish that solves the
 * optimality conditions on the active set, and certificates of optimality and of the largest
 * coverable shortfall computed from the evaluator's gradients. The pipeline: {@link
 * org.deleverage.solvers.optimal.Presolve}, the {@link org.deleverage.solvers.optimal.Formulation}
 * and its parts, {@link org.deleverage.solvers.optimal.InteriorPointMethod}, {@link
 * org.deleverage.solvers.optimal.ActiveSetFinish}, {@link
 * org.deleverage.solvers.optimal.OptimalityCertificate}, orchestrated by {@link
 * org.deleverage.solvers.optimal.InteriorPointSolver}.
 */
package org.deleverage.solvers.optimal;
