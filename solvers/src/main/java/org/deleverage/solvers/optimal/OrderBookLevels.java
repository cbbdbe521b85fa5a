package org.deleverage.solvers.optimal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.models.BookLevel;
import org.deleverage.models.OrderBookTemporaryImpact;

/**
 * The order books of a {@link Formulation} written with one variable per level and period, so
 * that their cost needs no smoothing. For a movable asset i that trades on a book with levels l
 * (offsets o_l rising, sizes z_l; adjacent levels at the same offset merged, since nothing
 * separates them), the trade of period k is split as
 *
 * <pre>
 *   n_ik = sum_l n_ikl,      0 &lt;= n_ikl &lt;= z_l,      T(n_ik) = p_i sum_l o_l n_ikl
 * </pre>
 *
 * so the temporary cost is linear in the level variables and the program stays smooth and
 * convex. This is an exact reformulation of the book's piecewise-linear cost: for a given n_ik the
 * cheapest split fills the levels in order of offset, cheapest first (any split that leaves room
 * at a cheaper level while using a dearer one is improved by moving units down, which lowers the
 * objective and raises every coverage constraint, because the cost enters the objective with
 * weight w &gt;= 0 and every excess X_k with weight -1), and that split costs exactly the
 * evaluator's T(n_ik) = n_ik h(n_ik). So the optimum fills the cheapest levels first, and the
 * evaluator's exact formula and this one agree on every plan the optimiser returns.
 *
 * <p>The variables are u_ikl = n_ikl / Q_i, the fraction of the position filled at the level,
 * with the equality y_i,k-1 - y_ik - sum_l u_ikl = 0 tying them to the trade (a "group"). The
 * interior-point method keeps these equalities with multipliers of their own and the Newton
 * system eliminates each group into the curvature of its trade ({@link NewtonSystem}). Immutable.
 */
final class OrderBookLevels {

  /**
   * One trade's levels.
   *
   * @param slot the movable asset (its index among the movable ones)
   * @param asset the asset's index in the problem
   * @param period the 0-based period
   * @param indices the variables u_ikl, cheapest level first
   * @param sizes z_l / Q_i, the level sizes as fractions of the position
   * @param slopes p_i o_l Q_i / M, the scaled cost of filling a whole position at level l
   */
  record Group(
      int slot, int asset, int period, int[] indices, double[] sizes, double[] slopes) {}

  private final Group[] groups;
  private final int[][] groupOf;
  private final int first;
  private final int count;

  private OrderBookLevels(Group[] groups, int[][] groupOf, int first, int count) {
    this.groups = groups;
    this.groupOf = groupOf;
    this.first = first;
    this.count = count;
  }

  /** No level variables: order books, if any, are costed by their exact piecewise formula. */
  static OrderBookLevels none(int movable, int periods) {
    int[][] groupOf = new int[movable][periods];
    for (int[] row : groupOf) {
      Arrays.fill(row, -1);
    }
    return new OrderBookLevels(new Group[0], groupOf, 0, 0);
  }

  /**
   * The level variables of every movable asset with an order book, numbered from {@code first}.
   */
  static OrderBookLevels of(ResolvedProblem problem, int[] movable, double scale, int first) {
    int periods = problem.periods();
    int[][] groupOf = new int[movable.length][periods];
    List<Group> groups = new ArrayList<>();
    int next = first;
    for (int a = 0; a < movable.length; a++) {
      Arrays.fill(groupOf[a], -1);
      int i = movable[a];
      if (!(problem.temporaryImpact(i) instanceof OrderBookTemporaryImpact book)) {
        continue;
      }
      double[][] merged = merged(book);
      double held = problem.held(i);
      for (int k = 0; k < periods; k++) {
        int levels = merged.length;
        int[] indices = new int[levels];
        double[] sizes = new double[levels];
        double[] slopes = new double[levels];
        for (int l = 0; l < levels; l++) {
          indices[l] = next++;
          sizes[l] = merged[l][1] / held;
          slopes[l] = problem.price(i) * merged[l][0] * held / scale;
        }
        groupOf[a][k] = groups.size();
        groups.add(new Group(a, i, k, indices, sizes, slopes));
      }
    }
    return new OrderBookLevels(groups.toArray(new Group[0]), groupOf, first, next - first);
  }

  /** The book's levels as (offset, size), cheapest first, adjacent equal offsets merged. */
  private static double[][] merged(OrderBookTemporaryImpact book) {
    List<double[]> levels = new ArrayList<>();
    for (BookLevel level : book.levels()) {
      double[] last = levels.isEmpty() ? null : levels.get(levels.size() - 1);
      if (last != null && last[0] == level.offset()) {
        last[1] += level.size();
      } else {
        levels.add(new double[] {level.offset(), level.size()});
      }
    }
    return levels.toArray(new double[0][]);
  }

  /** The number of groups, one per book trade. */
  int groupCount() {
    return groups.length;
  }

  /** Group g. */
  Group group(int g) {
    return groups[g];
  }

  /** The group of movable asset a's trade in period k, or -1 if it has no levels. */
  int groupOf(int a, int k) {
    return groupOf[a][k];
  }

  /** Whether movable asset a trades through level variables. */
  boolean levelled(int a) {
    return groupOf[a].length > 0 && groupOf[a][0] >= 0;
  }

  /** The index of the first level variable. */
  int first() {
    return first;
  }

  /** The number of level variables. */
  int count() {
    return count;
  }
}
