package org.deleverage.solvers.analysis;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.deleverage.InfeasibleShortfallException;
import org.deleverage.InvalidInputException;
import org.deleverage.SolverFailedException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.evaluate.Evaluation;
import org.deleverage.core.evaluate.Evaluator;
import org.deleverage.core.evaluate.TradeTable;
import org.deleverage.core.plan.Plan;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.core.solve.SolveResult;

/**
 * The efficient frontier: for the problem's shortfall, the optimal plan's expected loss against
 * its timing risk sqrt(tau sum_k x_k' Sigma x_k) as the risk aversion lambda of MODEL.md section 4
 * sweeps log-evenly from {@code low} to {@code high} (the other weights kept), with the two
 * reference strategies of Almgren and Chriss (2000) at its ends, each evaluated from its trade
 * table by the evaluator:
 *
 * <ul>
 *   <li>"sell everything now": every unlocked position sold as fast as the caps allow, from the
 *       first period (no timing risk when the caps allow one period): the limit lambda -> infinity
 *       of a full liquidation;
 *   <li>"sell evenly": every unlocked position sold in N equal parts, one per period: the
 *       trajectory of lambda = 0 for linear impact.
 * </ul>
 *
 * Both liquidate everything, whatever the shortfall, as in Almgren and Chriss; the optimal points
 * sell only what the requirement needs and so may lie below both. When a cap does not allow an
 * even part, the rest spills into later periods. Stateless.
 */
public final class EfficientFrontier {

  private EfficientFrontier() {}

  /**
   * A frontier.
   *
   * @param points the optimal points, lambda increasing
   * @param sellNow the "sell everything now" strategy
   * @param sellEvenly the "sell evenly" strategy
   */
  public record Result(List<FrontierPoint> points, FrontierPoint sellNow,
      FrontierPoint sellEvenly) {

    /**
     * Copies the list.
     *
     * @param points the optimal points, lambda increasing
     * @param sellNow the "sell everything now" strategy
     * @param sellEvenly the "sell evenly" strategy
     */
    public Result {
      points = ImmutableList.copyOf(points);
    }
  }

  /**
   * The frontier of {@code problem} over {@code count} values of lambda.
   *
   * @param problem the problem
   * @param solver the solver of each point (the optimiser)
   * @param count points, >= 2
   * @param low the smallest lambda, >= 0 (0 allowed: then the sweep starts at 0 and is
   *     log-even from high / 10^6)
   * @param high the largest lambda, > low
   * @param progress told after each point, with the number done
   * @return the frontier
   * @throws SolverFailedException if a point cannot be solved
   * @throws InfeasibleShortfallException with S_max, if the shortfall cannot be covered
   * @throws InvalidInputException naming {@code points}, {@code low} or {@code high}
   */
  public static Result of(DeleveragingProblem problem, DeleveragingSolver solver, int count,
      double low, double high, java.util.function.IntConsumer progress) {
    if (count < 2) {
      throw new InvalidInputException("points", "must be >= 2, was " + count);
    }
    if (!(low >= 0) || !Double.isFinite(low)) {
      throw new InvalidInputException("low", "must be a finite number >= 0, was " + low);
    }
    if (!(high > low) || !Double.isFinite(high)) {
      throw new InvalidInputException("high", "must be finite and > low = " + low
          + ", was " + high);
    }
    double[] lambdas = lambdas(count, low, high);
    List<FrontierPoint> points = new ArrayList<>();
    for (int j = 0; j < count; j++) {
      double lambda = lambdas[j];
      Plan plan = planAt(problem, solver, lambda, "frontier at risk aversion " + lambda);
      points.add(new FrontierPoint("optimal", lambda, plan.expectedLoss(),
          Math.sqrt(plan.objective().timingVariance()), plan.objective().total()));
      progress.accept(j + 1);
    }
    ResolvedProblem resolved = problem.resolve();
    return new Result(points, reference("sell everything now", resolved, sellNow(resolved)),
        reference("sell evenly", resolved, sellEvenly(resolved)));
  }

  /**
   * A largest risk aversion that spans the frontier: 10^5 lambda*, where lambda* = L_0 / V_0 is
   * the risk aversion at which the timing variance V_0 of the plan without risk aversion costs as
   * much as its expected loss L_0 (money per money^2). The frontier's shape changes over a few
   * decades around it; 10^-4 if that plan has no timing risk.
   *
   * @param problem the problem
   * @param solver the solver
   * @return the suggested largest lambda
   * @throws SolverFailedException if the problem without risk aversion cannot be solved
   * @throws InfeasibleShortfallException with S_max, if the shortfall cannot be covered
   */
  public static double suggestedHigh(DeleveragingProblem problem, DeleveragingSolver solver) {
    Plan plan = planAt(problem, solver, 0.0, "frontier: the plan without risk aversion");
    double variance = plan.objective().timingVariance();
    double loss = Math.max(1.0, plan.expectedLoss());
    return variance > 0 ? 1e5 * loss / variance : 1e-4;
  }

  /**
   * The plan of {@code problem} with its risk aversion set to {@code lambda} (its other weights
   * kept), or a failure that begins with {@code what}.
   */
  private static Plan planAt(DeleveragingProblem problem, DeleveragingSolver solver,
      double lambda, String what) {
    SolveResult result = solver.solve(
        problem.withObjective(problem.objective().withRiskAversion(lambda)).resolve());
    if (result instanceof SolveResult.Failed failed) {
      throw new SolverFailedException(what + ": " + failed.reason());
    }
    // A plan, or the infeasible shortfall with its S_max (InfeasibleShortfallException): the
    // risk aversion does not move S_max, so the frontier has no point at all.
    return result.plan();
  }

  /**
   * The sweep's lambdas: log-even from low to high; with low = 0, 0 and then log-even from
   * high / 10^6 to high.
   */
  static double[] lambdas(int count, double low, double high) {
    double[] lambdas = new double[count];
    if (low > 0) {
      for (int j = 0; j < count; j++) {
        lambdas[j] = low * Math.pow(high / low, (double) j / (count - 1));
      }
      return lambdas;
    }
    double from = high * 1e-6;
    int rest = count - 1;
    for (int j = 1; j < count; j++) {
      lambdas[j] = rest == 1 ? high : from * Math.pow(high / from, (double) (j - 1) / (rest - 1));
    }
    return lambdas;
  }

  /** Every unlocked position sold as fast as its cap allows, from period 1. */
  static TradeTable sellNow(ResolvedProblem problem) {
    double[][] units = new double[problem.assetCount()][problem.periods()];
    for (int i = 0; i < problem.assetCount(); i++) {
      double left = problem.locked(i) ? 0.0 : problem.held(i);
      for (int k = 0; k < problem.periods() && left > 0; k++) {
        units[i][k] = Math.min(left, problem.periodCap(i));
        left -= units[i][k];
      }
    }
    return TradeTable.of(units);
  }

  /** Every unlocked position sold in N equal parts, a part's excess over the cap spilling on. */
  static TradeTable sellEvenly(ResolvedProblem problem) {
    int periods = problem.periods();
    double[][] units = new double[problem.assetCount()][periods];
    for (int i = 0; i < problem.assetCount(); i++) {
      double held = problem.locked(i) ? 0.0 : problem.held(i);
      double carried = 0.0;
      for (int k = 0; k < periods; k++) {
        double wanted = held / periods + carried;
        units[i][k] = Math.min(wanted, problem.periodCap(i));
        carried = wanted - units[i][k];
      }
    }
    return TradeTable.of(units);
  }

  private static FrontierPoint reference(String label, ResolvedProblem problem,
      TradeTable table) {
    Evaluation evaluation = Evaluator.DEFAULT.evaluate(problem, table);
    return new FrontierPoint(label, Double.NaN, evaluation.objective().expectedLoss(),
        Math.sqrt(evaluation.objective().timingVariance()), evaluation.objective().total());
  }
}
