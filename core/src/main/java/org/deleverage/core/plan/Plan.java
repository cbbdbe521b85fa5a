package org.deleverage.core.plan;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.OptionalDouble;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.ObjectiveValue;
import org.deleverage.core.evaluate.TradeTable;

/**
 * A liquidation plan that passed the evaluator (MODEL.md section 5): the trade table, the same as
 * an ordered liquidation sequence, the account period by period, the objective and its terms, and
 * the deleveraging hierarchy. Immutable and thread-safe.
 *
 * @param status how good the plan is known to be
 * @param solver the name of the solver that made it
 * @param shortfall S, the shortfall covered, money
 * @param maxCoverableShortfall the largest shortfall the solver can cover under the constraints;
 *     for a baseline, the largest its own rule covers (a lower bound of the true S_max)
 * @param objective the objective and its terms, as the evaluator computed them
 * @param shadowPrice mu, the extra objective per extra unit of money required, where the solver
 *     knows it
 * @param shadowPriceUnbounded whether the shadow price is absent because it is unbounded: the
 *     shortfall is the largest coverable one (or a healthy account's excess is exactly used up),
 *     and no more can be covered at any cost
 * @param trades the liquidation sequence: by period, then by hierarchy rank; no zero trades
 * @param periods the account after each period
 * @param hierarchy every asset, in the order the plan uses them
 * @param iterations the solver's iterations
 * @param solveMillis the time spent inside the solver, milliseconds
 * @param table the trade table n_ik
 * @param evaluation the evaluator's full account of the table
 */
public record Plan(
    SolveStatus status,
    String solver,
    double shortfall,
    OptionalDouble maxCoverableShortfall,
    ObjectiveValue objective,
    OptionalDouble shadowPrice,
    boolean shadowPriceUnbounded,
    List<Trade> trades,
    List<PeriodResult> periods,
    List<HierarchyEntry> hierarchy,
    long iterations,
    double solveMillis,
    TradeTable table,
    Evaluation evaluation) {

  /**
   * Copies the lists.
   *
   * @param status how good the plan is known to be
   * @param solver the name of the solver that made it
   * @param shortfall S, the shortfall covered, money
   * @param maxCoverableShortfall the largest shortfall the solver can cover under the constraints;
   *     for a baseline, the largest its own rule covers (a lower bound of the true S_max)
   * @param objective the objective and its terms, as the evaluator computed them
   * @param shadowPrice mu, the extra objective per extra unit of money required, where the solver
   *     knows it
   * @param shadowPriceUnbounded whether the shadow price is absent because it is unbounded
   * @param trades the liquidation sequence: by period, then by hierarchy rank; no zero trades
   * @param periods the account after each period
   * @param hierarchy every asset, in the order the plan uses them
   * @param iterations the solver's iterations
   * @param solveMillis the time spent inside the solver, milliseconds
   * @param table the trade table n_ik
   * @param evaluation the evaluator's full account of the table
   */
  public Plan {
    trades = ImmutableList.copyOf(trades);
    periods = ImmutableList.copyOf(periods);
    hierarchy = ImmutableList.copyOf(hierarchy);
  }

  /**
   * The total expected cost of the trades, which is the expected loss L_N.
   *
   * @return the total expected cost of the trades, which is the expected loss L_N
   */
  public double expectedLoss() {
    return objective.expectedLoss();
  }

  /**
   * Whether the plan trades nothing.
   *
   * @return whether the plan trades nothing
   */
  public boolean isEmpty() {
    return trades.isEmpty();
  }
}
