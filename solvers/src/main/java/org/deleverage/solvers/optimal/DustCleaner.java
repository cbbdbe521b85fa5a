package org.deleverage.solvers.optimal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Constraint;
import org.deleverage.core.evaluate.ConstraintCheck;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.models.numerics.Univariate;

/**
 * Removes the dust an interior-point method leaves: every trade within {@value #DUST} Q of zero
 * or of its cap is set onto that bound, so the liquidation sequence holds no trades of a millionth
 * of a unit. Snapping can take a hair off the excess of a plan that meets its requirement
 * exactly, so the coverage constraints are then restored exactly by adding to the largest
 * first-period trade that has room, by a one-dimensional root search on the evaluator's own
 * excess. The caller checks the result against the optimality certificate. Stateless.
 */
final class DustCleaner {

  /** Trades within this fraction of the position of a bound are dust. */
  static final double DUST = 1e-9;

  private DustCleaner() {}

  /** The cleaned table, or empty when the requirement cannot be restored after snapping. */
  static Optional<TradeTable> clean(ResolvedProblem problem, TradeTable table) {
    double[][] units = table.toArray();
    for (int i = 0; i < units.length; i++) {
      double near = DUST * Math.max(1.0, problem.held(i));
      for (int k = 0; k < units[i].length; k++) {
        if (Math.abs(units[i][k]) <= near) {
          units[i][k] = 0.0;
        } else if (Math.abs(units[i][k] - problem.periodCap(i)) <= near) {
          units[i][k] = problem.periodCap(i);
        }
      }
    }
    if (coverageSlack(problem, units) >= 0) {
      return Optional.of(TradeTable.of(units));
    }
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < units.length; i++) {
      candidates.add(i);
    }
    candidates.sort(Comparator.comparingDouble((Integer i) -> -units[i][0]));
    for (int i : candidates) {
      double total = 0.0;
      for (double n : units[i]) {
        total += n;
      }
      double room =
          Math.min(problem.periodCap(i) - units[i][0], problem.sellableUnits(i) - total);
      if (units[i][0] <= 0 || !(room > 0)) {
        continue;
      }
      DoubleUnaryOperator slack =
          extra -> {
            double[][] trial = copy(units);
            trial[i][0] += extra;
            return coverageSlack(problem, trial);
          };
      if (slack.applyAsDouble(room) >= 0) {
        units[i][0] += Univariate.firstNonNegative(slack, 0.0, room);
        return Optional.of(TradeTable.of(units));
      }
    }
    return Optional.empty();
  }

  /** The smallest slack of the deadline and schedule constraints, without tolerance. */
  private static double coverageSlack(ResolvedProblem problem, double[][] units) {
    double smallest = Double.POSITIVE_INFINITY;
    for (ConstraintCheck check :
        Evaluator.DEFAULT.evaluate(problem, TradeTable.of(units)).constraints()) {
      if (check.constraint() == Constraint.COVERAGE || check.constraint() == Constraint.SCHEDULE) {
        smallest = Math.min(smallest, check.slack());
      }
    }
    return smallest;
  }

  private static double[][] copy(double[][] units) {
    double[][] copy = new double[units.length][];
    for (int i = 0; i < units.length; i++) {
      copy[i] = units[i].clone();
    }
    return copy;
  }
}
