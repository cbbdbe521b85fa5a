/**
 * The solver vocabulary: {@link org.deleverage.core.solve.DeleveragingSolver}, the sealed {@link
 * org.deleverage.core.solve.SolveResult}, and the {@link org.deleverage.core.solve.PlanAssembler}
 * through which every solver's table passes the evaluator before it becomes a plan.
 */
package org.deleverage.core.solve;
