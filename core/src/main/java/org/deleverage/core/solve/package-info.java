/**
 * The solver vocabulary: {@link org.deleverage.core.solve.DeleveragingSolver}, the sealed {@link
 * org.deleverage.core.solve.SolveResult}, the {@link org.deleverage.core.internal.PlanAssembler}
 * through which every solver's table passes the evaluator before it becomes a plan, and the
 * {@link org.deleverage.core.solve.BatchSolver} that solves many problems at once on several
 * threads, a result per problem in input order.
 */
package org.deleverage.core.solve;
