package org.deleverage.core;

import org.deleverage.models.HaircutMarginModel;
import org.deleverage.models.LinearPermanentImpact;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TradingConditions;
import org.deleverage.models.TransactionCostModel;

/**
 * The dense, index-based form of a {@link DeleveragingProblem} that the evaluator and the
 * solvers read: assets are indexed {@code i = 0..n-1} in the order of the problem, periods
 * {@code k = 0..N-1} (period k + 1 of MODEL.md). Every figure is computed once here: the signs and
 * sizes of the positions, the per-period participation caps, the daily price covariance Sigma
 * (dense, or a factor model kept in its factor form), the initial excess X_0 and the shortfall S.
 * Immutable and thread-safe.
 */
public final class ResolvedProblem {

  private final DeleveragingProblem problem;
  private final int assetCount;
  private final int periods;
  private final double periodLength;
  private final double[] held;
  private final int[] direction;
  private final double[] price;
  private final double[] marginRate;
  private final double[] periodCap;
  private final double[] retainMin;
  private final double[] retainMax;
  private final double[] reluctance;
  private final double[] costPerUnit;
  private final TradingConditions[] conditions;
  private final PriceCovariance covariance;
  private final double equity;
  private final double requirementValue;
  private final double shortfall;
  private final double initialExcess;
  private final int deadlineIndex;
  private final int[] scheduleIndex;
  private final double[] scheduleFraction;

  ResolvedProblem(DeleveragingProblem problem) {
    this.problem = problem;
    this.assetCount = problem.assets().size();
    this.periods = problem.horizon().periods();
    this.periodLength = problem.horizon().periodLength();
    int n = assetCount;
    held = new double[n];
    direction = new int[n];
    price = new double[n];
    marginRate = new double[n];
    periodCap = new double[n];
    retainMin = new double[n];
    retainMax = new double[n];
    reluctance = new double[n];
    costPerUnit = new double[n];
    conditions = new TradingConditions[n];
    double[] quantity = new double[n];
    double[] volatility = new double[n];
    for (int i = 0; i < n; i++) {
      Asset asset = problem.assets().get(i);
      quantity[i] = asset.quantity();
      held[i] = asset.held();
      direction[i] = asset.direction();
      price[i] = asset.price();
      volatility[i] = asset.volatility();
      marginRate[i] = asset.marginRate();
      periodCap[i] = DeleveragingProblem.maxUnitsPerPeriod(asset, periodLength);
      retainMin[i] = asset.retainMin();
      retainMax[i] = asset.retainMax();
      reluctance[i] = asset.reluctance();
      costPerUnit[i] = asset.costs().costPerUnit(asset.price());
      conditions[i] =
          new TradingConditions(asset.price(), asset.volatility(), asset.adv(), periodLength);
    }
    covariance = PriceCovariance.of(problem.dependence(), volatility, price);
    HaircutMarginModel margin = HaircutMarginModel.DEFAULT;
    double cash = problem.account().cash();
    equity = margin.equity(cash, quantity, price);
    requirementValue = margin.requirement(marginRate, quantity, price);
    Requirement requirement = problem.requirement();
    double accountExcess = equity - requirementValue;
    if (requirement.shortfall().isPresent()) {
      shortfall = requirement.shortfall().getAsDouble();
      initialExcess = -shortfall;
    } else {
      shortfall = Math.max(0.0, -accountExcess);
      initialExcess = accountExcess;
    }
    deadlineIndex = requirement.deadline().orElse(periods) - 1;
    int steps = requirement.schedule().size();
    scheduleIndex = new int[steps];
    scheduleFraction = new double[steps];
    for (int s = 0; s < steps; s++) {
      scheduleIndex[s] = requirement.schedule().get(s).period() - 1;
      scheduleFraction[s] = requirement.schedule().get(s).fraction();
    }
  }

  /**
   * The problem this was resolved from.
   *
   * @return the problem this was resolved from
   */
  public DeleveragingProblem problem() {
    return problem;
  }

  /**
   * n, the number of assets.
   *
   * @return n, the number of assets
   */
  public int assetCount() {
    return assetCount;
  }

  /**
   * N, the number of periods.
   *
   * @return N, the number of periods
   */
  public int periods() {
    return periods;
  }

  /**
   * tau, the period length in days.
   *
   * @return tau, the period length in days
   */
  public double periodLength() {
    return periodLength;
  }

  /**
   * The id of asset {@code i}.
   *
   * @param i the asset's index in the problem
   * @return the id of asset {@code i}
   */
  public String id(int i) {
    return problem.assets().get(i).id();
  }

  /**
   * The asset {@code i} as given.
   *
   * @param i the asset's index in the problem
   * @return the asset {@code i} as given
   */
  public Asset asset(int i) {
    return problem.assets().get(i);
  }

  /**
   * The lot size of asset {@code i}: a plan rounded to lots trades whole multiples of it.
   *
   * @param i the asset's index
   * @return the lot size of asset {@code i}, units
   */
  public double lotSize(int i) {
    return problem.assets().get(i).lotSize();
  }

  /**
   * Q_i = |q_i|, units held.
   *
   * @param i the asset's index in the problem
   * @return Q_i, units
   */
  public double held(int i) {
    return held[i];
  }

  /**
   * d_i = sign(q_i).
   *
   * @param i the asset's index in the problem
   * @return d_i: +1, -1 or 0
   */
  public int direction(int i) {
    return direction[i];
  }

  /**
   * p_i, the initial mark.
   *
   * @param i the asset's index in the problem
   * @return p_i, money per unit
   */
  public double price(int i) {
    return price[i];
  }

  /**
   * m_i, the margin rate.
   *
   * @param i the asset's index in the problem
   * @return m_i, in [0, 1]
   */
  public double marginRate(int i) {
    return marginRate[i];
  }

  /**
   * The most units of asset {@code i} that may trade in one period: rho_i * V_i * tau, less if the
   * impact model holds less, and 0 for a locked asset.
   *
   * @param i the asset's index in the problem
   * @return the most units of asset {@code i} that may trade in one period: rho_i * V_i * tau, less
   *     if the impact model holds less, and 0 for a locked asset
   */
  public double periodCap(int i) {
    return periodCap[i];
  }

  /**
   * The fewest units of asset {@code i} to hold at the end.
   *
   * @param i the asset's index in the problem
   * @return the fewest units of asset {@code i} to hold at the end
   */
  public double retainMin(int i) {
    return retainMin[i];
  }

  /**
   * The most units of asset {@code i} to hold at the end.
   *
   * @param i the asset's index in the problem
   * @return the most units of asset {@code i} to hold at the end
   */
  public double retainMax(int i) {
    return retainMax[i];
  }

  /**
   * The most units of asset {@code i} the plan may trade in all: Q_i - retainMin_i.
   *
   * @param i the asset's index in the problem
   * @return the most units of asset {@code i} the plan may trade in all: Q_i - retainMin_i
   */
  public double sellableUnits(int i) {
    return held[i] - retainMin[i];
  }

  /**
   * The fewest units of asset {@code i} the plan must trade: Q_i - retainMax_i.
   *
   * @param i the asset's index in the problem
   * @return the fewest units of asset {@code i} the plan must trade: Q_i - retainMax_i
   */
  public double forcedUnits(int i) {
    return held[i] - retainMax[i];
  }

  /**
   * Whether asset {@code i} is locked.
   *
   * @param i the asset's index in the problem
   * @return whether asset {@code i} is locked
   */
  public boolean locked(int i) {
    return problem.assets().get(i).locked();
  }

  /**
   * omega_i, the reluctance to sell asset {@code i}, objective per unit.
   *
   * @param i the asset's index in the problem
   * @return omega_i, money per unit
   */
  public double reluctance(int i) {
    return reluctance[i];
  }

  /**
   * e_i = (s_i + f_i) * p_i + u_i, the linear cost per unit.
   *
   * @param i the asset's index in the problem
   * @return e_i, money per unit
   */
  public double costPerUnit(int i) {
    return costPerUnit[i];
  }

  /**
   * The spread and fees of asset {@code i}.
   *
   * @param i the asset's index in the problem
   * @return the spread and fees of asset {@code i}
   */
  public TransactionCostModel costs(int i) {
    return problem.assets().get(i).costs();
  }

  /**
   * The temporary impact model of asset {@code i}.
   *
   * @param i the asset's index in the problem
   * @return the temporary impact model of asset {@code i}
   */
  public TemporaryImpactModel temporaryImpact(int i) {
    return problem.assets().get(i).temporaryImpact();
  }

  /**
   * The permanent impact of asset {@code i}.
   *
   * @param i the asset's index in the problem
   * @return the permanent impact of asset {@code i}
   */
  public LinearPermanentImpact permanentImpact(int i) {
    return problem.assets().get(i).permanentImpact();
  }

  /**
   * gamma_i.
   *
   * @param i the asset's index in the problem
   * @return gamma_i, money per unit per unit traded
   */
  public double gamma(int i) {
    return problem.assets().get(i).permanentImpact().gamma();
  }

  /**
   * What the impact model of asset {@code i} sees.
   *
   * @param i the asset's index in the problem
   * @return what the impact model of asset {@code i} sees
   */
  public TradingConditions conditions(int i) {
    return conditions[i];
  }

  /**
   * Sigma_ij, the daily price covariance, money^2 per unit^2; O(K) for a factor model, which is
   * never formed densely. Products with Sigma are faster through {@link #priceCovariance()}.
   *
   * @param i the asset's index in the problem
   * @param j the other asset's index
   * @return Sigma_ij, money^2 per unit^2 per day
   */
  public double covariance(int i, int j) {
    return covariance.entry(i, j);
  }

  /**
   * Sigma as an operator: its products in O(n K) for a factor model, and its factor form.
   *
   * @return Sigma, in its dense or factor form
   */
  public PriceCovariance priceCovariance() {
    return covariance;
  }

  /**
   * Margin or cash.
   *
   * @return the mode
   */
  public CoverageMode mode() {
    return problem.requirement().mode();
  }

  /**
   * E = cash + sum_i q_i p_i at the initial marks.
   *
   * @return E = cash + sum_i q_i p_i at the initial marks
   */
  public double equity() {
    return equity;
  }

  /**
   * R = sum_i m_i Q_i p_i at the initial marks.
   *
   * @return R = sum_i m_i Q_i p_i at the initial marks
   */
  public double marginRequirement() {
    return requirementValue;
  }

  /**
   * S, the shortfall to cover: given, or max(0, -(E - R)) in margin mode.
   *
   * @return S, the shortfall to cover: given, or max(0, -(E - R)) in margin mode
   */
  public double shortfall() {
    return shortfall;
  }

  /**
   * X_0, the excess before any trade: -S when the shortfall is given (always in cash mode), E - R
   * otherwise.
   *
   * @return X_0, money
   */
  public double initialExcess() {
    return initialExcess;
  }

  /**
   * kd - 1, the 0-based period by which the shortfall is covered.
   *
   * @return the 0-based deadline period
   */
  public int deadlineIndex() {
    return deadlineIndex;
  }

  /**
   * X_kd >= buffer at the deadline.
   *
   * @return the buffer, money
   */
  public double buffer() {
    return problem.requirement().buffer();
  }

  /**
   * The number of partial-coverage steps.
   *
   * @return the number of partial-coverage steps
   */
  public int scheduleSize() {
    return scheduleIndex.length;
  }

  /**
   * The 0-based period of schedule step {@code s}.
   *
   * @param s the step's index in the schedule
   * @return the 0-based period of schedule step {@code s}
   */
  public int scheduleIndex(int s) {
    return scheduleIndex[s];
  }

  /**
   * phi of schedule step {@code s}.
   *
   * @param s the step's index in the schedule
   * @return phi_s
   */
  public double scheduleFraction(int s) {
    return scheduleFraction[s];
  }

  /**
   * w, the weight of the expected loss.
   *
   * @return w
   */
  public double costWeight() {
    return problem.objective().costWeight();
  }

  /**
   * lambda, the timing risk aversion.
   *
   * @return lambda, the timing risk aversion
   */
  public double riskAversion() {
    return problem.objective().riskAversion();
  }

  /**
   * lambda_res, the residual risk aversion.
   *
   * @return lambda_res
   */
  public double residualRiskAversion() {
    return problem.objective().residualRiskAversion();
  }
}
