/**
 * The exact optimiser of MODEL.md section 4: a structured primal-dual interior-point method on the
 * convex program, with a certificate of optimality computed from the evaluator's gradients.
 */
package org.deleverage.solvers.optimal;
