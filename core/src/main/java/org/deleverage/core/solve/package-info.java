/**
 * The solver vocabulary: {@link org.deleverage.core.solve.DeleveragingSolver}, the sealed {@link
 * org.deleverage.core.solve.SolveResult} with its {@link org.deleverage.core.solve.SolverReport},
 * and the {@link org.deleverage.core.solve.BatchSolver} that solves many problems at once on
 * several threads, a result per problem in input order. Every solver's table passes the evaluator
 * before it becomes a plan.
 */
package org.deleverage.core.solve;
