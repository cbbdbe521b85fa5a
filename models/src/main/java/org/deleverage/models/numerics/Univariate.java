package org.deleverage.models.numerics;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.AllowedSolution;
import org.apache.commons.math3.analysis.solvers.BracketingNthOrderBrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * One-dimensional search on an interval, by Brent's methods of Commons Math: the maximum of a
 * unimodal function, and the first point where an increasing function reaches zero. Both are
 * bounded by {@value #MAX_EVALUATIONS} evaluations of the function.
 */
public final class Univariate {

  /** The most evaluations of the function one search makes. */
  public static final int MAX_EVALUATIONS = 400;

  private static final double RELATIVE_ACCURACY = 1e-12;

  private Univariate() {}

  /**
   * A point of {@code [low, high]} where {@code f} is largest, for a unimodal (for example
   * concave) {@code f}: Brent's parabolic search, with both ends compared too, since the maximum
   * of a monotone function sits at an end.
   *
   * @param low the smallest allowed value
   * @param high the largest allowed value
   * @param f the function
   * @return a point of {@code [low, high]} where {@code f} is largest, for a unimodal (for example
   *     concave) {@code f}: Brent's parabolic search, with both ends compared too, since the
   *     maximum of a monotone function sits at an end
   */
  public static double argmax(DoubleUnaryOperator f, double low, double high) {
    if (!(high > low)) {
      return low;
    }
    double scale = Math.max(1.0, Math.max(Math.abs(low), Math.abs(high)));
    BrentOptimizer optimizer = new BrentOptimizer(1e-10, 1e-12 * scale);
    UnivariatePointValuePair inner =
        optimizer.optimize(
            new MaxEval(MAX_EVALUATIONS),
            new UnivariateObjectiveFunction(f::applyAsDouble),
            GoalType.MAXIMIZE,
            new SearchInterval(low, high));
    double best = inner.getPoint();
    double bestValue = inner.getValue();
    for (double end : new double[] {low, high}) {
      double value = f.applyAsDouble(end);
      if (value >= bestValue) {
        best = end;
        bestValue = value;
      }
    }
    return best;
  }

  /**
   * A point t of {@code [low, high]} with {@code f(t) >= 0}, as close as the accuracy allows to
   * the root of f, given {@code f(low) < 0 <= f(high)}: Brent's bracketing solver, keeping the
   * side where f is non-negative so the answer always satisfies the constraint f >= 0.
   *
   * @param low the smallest allowed value
   * @param high the largest allowed value
   * @param f the function, non-decreasing on [low, high]
   * @return a point t of {@code [low, high]} with {@code f(t) >= 0}, as close as the accuracy
   *     allows to the root of f, given {@code f(low) < 0 <= f(high)}: Brent's bracketing solver,
   *     keeping the side where f is non-negative so the answer always satisfies the constraint f >=
   *     0
   */
  public static double firstNonNegative(DoubleUnaryOperator f, double low, double high) {
    if (f.applyAsDouble(low) >= 0) {
      return low;
    }
    double scale = Math.max(1.0, Math.max(Math.abs(low), Math.abs(high)));
    BracketingNthOrderBrentSolver solver =
        new BracketingNthOrderBrentSolver(RELATIVE_ACCURACY, 1e-12 * scale, 0.0, 5);
    double root =
        solver.solve(MAX_EVALUATIONS, f::applyAsDouble, low, high, AllowedSolution.ABOVE_SIDE);
    return f.applyAsDouble(root) >= 0 ? root : high;
  }
}
