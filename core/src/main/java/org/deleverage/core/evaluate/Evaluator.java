package org.deleverage.core.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.core.PriceCovariance;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.core.internal.AssetLedger;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TradingConditions;

/**
 * The single source of truth: recomputes MODEL.md sections 3 and 4 from a trade table alone.
 * Every plan a solver returns goes through it, and a plan it finds infeasible is never returned.
 * Stateless and thread-safe: use {@link #DEFAULT}.
 *
 * <p>Constraint tolerances follow MODEL.md section 6: 1e-9 relative, or 1e-6 money, whichever is
 * larger. Unit constraints are relative to max(1, Q_i); money constraints to the largest of the
 * bound, the shortfall S and |X_0|.
 */
public final class Evaluator {

  /** The single instance. */
  public static final Evaluator DEFAULT = new Evaluator();

  /** Relative tolerance of every constraint. */
  public static final double RELATIVE_TOLERANCE = 1e-9;

  /** Absolute tolerance of the money constraints. */
  public static final double MONEY_TOLERANCE = 1e-6;

  private Evaluator() {}

  /**
   * Evaluates {@code table} against {@code problem}.
   *
   * @param problem the resolved problem
   * @param table the trade table
   * @return every figure of MODEL.md sections 3 and 4 for the table, with each constraint checked
   * @throws InvalidInputException if the table's shape does not match the problem
   */
  public Evaluation evaluate(ResolvedProblem problem, TradeTable table) {
    checkShape(problem, table);
    int n = problem.assetCount();
    int periods = problem.periods();
    double[] loss = new double[periods];
    double[] cash = new double[periods];
    double[] excess = new double[periods];
    java.util.Arrays.fill(excess, problem.initialExcess());
    CostSplit[][] tradeCosts = new CostSplit[n][periods];
    double[][] prices = new double[n][periods];
    double[][] remaining = new double[n][periods];
    double[] assetLoss = new double[periods];
    double[] assetCash = new double[periods];
    double[] assetCoverage = new double[periods];
    double reluctance = 0.0;
    for (int i = 0; i < n; i++) {
      double[] units = table.row(i);
      AssetLedger.DEFAULT.fill(problem, i, units, assetLoss, assetCash, assetCoverage);
      for (int k = 0; k < periods; k++) {
        loss[k] += assetLoss[k];
        cash[k] += assetCash[k];
        excess[k] += assetCoverage[k];
      }
      fillTrades(problem, i, units, tradeCosts[i], prices[i], remaining[i]);
      reluctance += problem.reluctance(i) * table.traded(i);
    }
    double timingVariance = 0.0;
    double residualVariance = 0.0;
    PriceCovariance sigma = problem.priceCovariance();
    for (int k = 0; k < periods; k++) {
      // One product with Sigma per period: the last period's is also the residual risk's.
      residualVariance = sigma.quadraticForm(positions(remaining, k));
      timingVariance += residualVariance;
    }
    timingVariance *= problem.periodLength();
    double expectedLoss = loss[periods - 1];
    double total =
        problem.costWeight() * expectedLoss
            + problem.riskAversion() * timingVariance
            + problem.residualRiskAversion() * residualVariance
            + reluctance;
    ObjectiveValue objective =
        new ObjectiveValue(total, expectedLoss, timingVariance, residualVariance, reluctance);
    List<ConstraintCheck> constraints = checkConstraints(problem, table, excess);
    return new Evaluation(table, loss, excess, cash, tradeCosts, prices, objective, constraints);
  }

  /**
   * The gradient of the objective with respect to every trade, {@code [asset][period]}:
   *
   * <pre>
   *   d/dn_ij = w dL_N/dn_ij - 2 d_i (lambda tau sum_{k>=j} (Sigma x_k)_i + lambda_res (Sigma x_N)_i) + omega_i
   * </pre>
   *
   * with one product Sigma x_k per period: O(N n K) for a factor model, O(N n^2) otherwise.
   *
   * @param problem the resolved problem
   * @param table the trade table
   * @return the gradient of the objective with respect to every trade, {@code [asset][period]}:
   *     <pre> d/dn_ij = w dL_N/dn_ij - 2 d_i (lambda tau sum_{k>=j} (Sigma x_k)_i + lambda_res
   *     (Sigma x_N)_i) + omega_i </pre>  with one product Sigma x_k per period: O(N n K) for a
   *     factor model, O(N n^2) otherwise
   */
  public double[][] objectiveGradient(ResolvedProblem problem, TradeTable table) {
    checkShape(problem, table);
    int n = problem.assetCount();
    int periods = problem.periods();
    double[][] remaining = new double[n][periods];
    for (int i = 0; i < n; i++) {
      double traded = 0.0;
      for (int k = 0; k < periods; k++) {
        traded += table.units(i, k);
        remaining[i][k] = problem.direction(i) * (problem.held(i) - traded);
      }
    }
    double[][] exposure = new double[periods][];
    for (int k = 0; k < periods; k++) {
      exposure[k] = problem.priceCovariance().times(positions(remaining, k));
    }
    double[][] gradient = new double[n][];
    double lambdaTau = problem.riskAversion() * problem.periodLength();
    for (int i = 0; i < n; i++) {
      gradient[i] = AssetLedger.DEFAULT.lossGradient(problem, i, table.row(i));
      double tail = 0.0;
      double residual = problem.residualRiskAversion() * exposure[periods - 1][i];
      for (int j = periods - 1; j >= 0; j--) {
        tail += exposure[j][i];
        gradient[i][j] =
            problem.costWeight() * gradient[i][j]
                - 2.0 * problem.direction(i) * (lambdaTau * tail + residual)
                + problem.reluctance(i);
      }
    }
    return gradient;
  }

  /**
   * The gradient of the excess X_k after 0-based period {@code k}, {@code [asset][period]}.
   *
   * @param problem the resolved problem
   * @param table the trade table
   * @param k the 0-based period
   * @return the gradient of the excess X_k after 0-based period {@code k}, {@code [asset][period]}
   */
  public double[][] excessGradient(ResolvedProblem problem, TradeTable table, int k) {
    checkShape(problem, table);
    double[][] gradient = new double[problem.assetCount()][];
    for (int i = 0; i < problem.assetCount(); i++) {
      gradient[i] = AssetLedger.DEFAULT.coverageGradient(problem, i, table.row(i), k);
    }
    return gradient;
  }

  /**
   * The tolerance of a money constraint with the given bound.
   *
   * @param problem the resolved problem
   * @param bound the bound a constraint compares with, money
   * @return the tolerance of a money constraint with the given bound
   */
  public static double moneyTolerance(ResolvedProblem problem, double bound) {
    double scale =
        Math.max(Math.abs(bound), Math.max(problem.shortfall(), Math.abs(problem.initialExcess())));
    return Math.max(MONEY_TOLERANCE, RELATIVE_TOLERANCE * scale);
  }

  /**
   * The tolerance of a unit constraint of asset {@code i}.
   *
   * @param problem the resolved problem
   * @param i the asset's index in the problem
   * @return the tolerance of a unit constraint of asset {@code i}
   */
  public static double unitTolerance(ResolvedProblem problem, int i) {
    return RELATIVE_TOLERANCE * Math.max(1.0, problem.held(i));
  }

  private static void fillTrades(
      ResolvedProblem problem,
      int i,
      double[] units,
      CostSplit[] costs,
      double[] prices,
      double[] remaining) {
    TemporaryImpactModel temporary = problem.temporaryImpact(i);
    TradingConditions conditions = problem.conditions(i);
    double price = problem.price(i);
    int direction = problem.direction(i);
    double gamma = problem.gamma(i);
    double traded = 0.0;
    // Transient impact: the displacement D_k the earlier trades left (zero for the other models).
    double[] displacement = AssetLedger.displacements(temporary, units, conditions);
    for (int k = 0; k < units.length; k++) {
      double n = units[k];
      double before = traded;
      traded += n;
      remaining[k] = direction * (problem.held(i) - traded);
      costs[k] =
          new CostSplit(
              problem.costs(i).spreadCost(n, price),
              problem.costs(i).feeCost(n, price),
              temporary.cost(n, conditions) + n * displacement[k],
              problem.permanentImpact(i).tradeCost(n, problem.held(i) - traded));
      double concession =
          gamma * before + problem.costPerUnit(i) + temporary.concession(n, conditions)
              + displacement[k];
      // A short buys back, so it pays the concession above the mark; no position trades at p.
      prices[k] = direction < 0 ? price + concession : price - concession;
    }
  }

  /** x_k, the signed remaining positions after 0-based period k, from [asset][period]. */
  private static double[] positions(double[][] remaining, int k) {
    double[] x = new double[remaining.length];
    for (int i = 0; i < remaining.length; i++) {
      x[i] = remaining[i][k];
    }
    return x;
  }

  private static List<ConstraintCheck> checkConstraints(
      ResolvedProblem problem, TradeTable table, double[] excess) {
    List<ConstraintCheck> checks = new ArrayList<>();
    int periods = problem.periods();
    for (int i = 0; i < problem.assetCount(); i++) {
      String id = problem.id(i);
      double tolerance = unitTolerance(problem, i);
      boolean locked = problem.locked(i);
      for (int k = 0; k < periods; k++) {
        double units = table.units(i, k);
        checks.add(
            new ConstraintCheck(Constraint.NON_NEGATIVE, id, k + 1, units, 0.0, units, tolerance));
        if (locked) {
          checks.add(
              new ConstraintCheck(
                  Constraint.LOCKED, id, k + 1, units, 0.0, -Math.abs(units), tolerance));
        } else {
          double cap = problem.periodCap(i);
          checks.add(
              new ConstraintCheck(
                  Constraint.PARTICIPATION, id, k + 1, units, cap, cap - units, tolerance));
        }
      }
      double traded = table.traded(i);
      double remaining = problem.held(i) - traded;
      checks.add(
          new ConstraintCheck(
              Constraint.HOLDING, id, 0, traded, problem.held(i), remaining, tolerance));
      checks.add(
          new ConstraintCheck(
              Constraint.RETAIN_MIN,
              id,
              0,
              remaining,
              problem.retainMin(i),
              remaining - problem.retainMin(i),
              tolerance));
      checks.add(
          new ConstraintCheck(
              Constraint.RETAIN_MAX,
              id,
              0,
              remaining,
              problem.retainMax(i),
              problem.retainMax(i) - remaining,
              tolerance));
    }
    int deadline = problem.deadlineIndex();
    checks.add(
        new ConstraintCheck(
            Constraint.COVERAGE,
            "",
            deadline + 1,
            excess[deadline],
            problem.buffer(),
            excess[deadline] - problem.buffer(),
            moneyTolerance(problem, problem.buffer())));
    for (int s = 0; s < problem.scheduleSize(); s++) {
      int k = problem.scheduleIndex(s);
      double bound = -problem.shortfall() * (1.0 - problem.scheduleFraction(s));
      checks.add(
          new ConstraintCheck(
              Constraint.SCHEDULE,
              "",
              k + 1,
              excess[k],
              bound,
              excess[k] - bound,
              moneyTolerance(problem, bound)));
    }
    return checks;
  }

  private static void checkShape(ResolvedProblem problem, TradeTable table) {
    if (table.assetCount() != problem.assetCount() || table.periods() != problem.periods()) {
      throw new InvalidInputException(
          "trades",
          "must have a row per asset and a column per period, " + problem.assetCount() + " x "
              + problem.periods() + ", was " + table.assetCount() + " x " + table.periods());
    }
  }
}
