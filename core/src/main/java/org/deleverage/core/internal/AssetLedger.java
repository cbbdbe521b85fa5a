package org.deleverage.core.internal;

import org.deleverage.core.CoverageMode;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.models.HaircutMarginModel;
import org.deleverage.models.LinearPermanentImpact;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TradingConditions;
import org.deleverage.models.TransientImpact;

/**
 * The accounting of MODEL.md section 3 for one asset: given its trades n_1..n_N, period by period,
 * the units traded so far c_k, the loss L_k, the net cash K_k and the asset's contribution to the
 * excess X_k. Assets do not interact in the accounting, so the excess of the account is
 *
 * <pre>
 *   X_k = X_0 + sum_i coverage_ik
 *   coverage_ik = m_i (c_ik p_i + d_i gamma_i c_ik (Q_i - c_ik)) - L_ik      margin mode
 *   coverage_ik = K_ik                                                       cash mode (X_0 = -S)
 *   L_ik = gamma_i (Q_i c_ik - c_ik^2/2 - sum_{j&lt;=k} n_ij^2/2) + sum_{j&lt;=k} (e_i n_ij + n_ij h_i(n_ij))
 *   K_ik = d_i p_i c_ik - gamma_i (c_ik^2 - sum_{j&lt;=k} n_ij^2)/2 - sum_{j&lt;=k} (e_i n_ij + n_ij h_i(n_ij))
 * </pre>
 *
 * which lets a solver change one asset and recompute only that asset. For transient impact
 * ({@link TransientImpact}) n_ij h_i(n_ij) is n_ij (D_ij + kappa_i n_ij / 2), D_ij the displacement
 * the earlier trades left (MODEL.md section 9), and the gradients carry its coupling of the
 * periods. Stateless: use {@link #DEFAULT}.
 */
public final class AssetLedger {

  /** The single instance. */
  public static final AssetLedger DEFAULT = new AssetLedger();

  private AssetLedger() {}

  /**
   * The contribution of asset {@code i} to the excess after each period, coverage_ik above, for
   * the trades {@code units[k]}.
   *
   * @param problem the resolved problem
   * @param i the asset's index in the problem
   * @param units n, the units traded in one period
   * @return the contribution of asset {@code i} to the excess after each period, coverage_ik above,
   *     for the trades {@code units[k]}
   */
  public double[] coverage(ResolvedProblem problem, int i, double[] units) {
    double[] coverage = new double[units.length];
    fill(problem, i, units, null, null, coverage);
    return coverage;
  }

  /**
   * Fills the loss L_ik, the cash K_ik and the coverage per period; any array may be null.
   *
   * @param problem the resolved problem
   * @param i the asset's index in the problem
   * @param units n, the units traded in each period
   * @param loss filled with L_ik, or null
   * @param cash filled with K_ik, or null
   * @param coverage filled with coverage_ik, or null
   */
  public void fill(
      ResolvedProblem problem,
      int i,
      double[] units,
      double[] loss,
      double[] cash,
      double[] coverage) {
    double held = problem.held(i);
    int direction = problem.direction(i);
    double price = problem.price(i);
    double perUnit = problem.costPerUnit(i);
    LinearPermanentImpact permanent = problem.permanentImpact(i);
    TemporaryImpactModel temporary = problem.temporaryImpact(i);
    TradingConditions conditions = problem.conditions(i);
    boolean cashMode = problem.mode() == CoverageMode.CASH;
    double traded = 0.0;
    double sumOfSquares = 0.0;
    double temporaryCost = 0.0;
    // Transient impact: the displacement D_k the earlier trades left; none for the other models.
    double[] displacement = temporary instanceof TransientImpact decaying
        ? decaying.displacements(units, conditions) : null;
    for (int k = 0; k < units.length; k++) {
      double n = units[k];
      traded += n;
      sumOfSquares += n * n;
      temporaryCost += temporary.cost(n, conditions)
          + (displacement == null ? 0.0 : n * displacement[k]);
      double linear = perUnit * traded + temporaryCost;
      double lossK = permanent.cost(held, traded, sumOfSquares) + linear;
      double cashK =
          direction * price * traded
              - 0.5 * permanent.gamma() * (traded * traded - sumOfSquares)
              - linear;
      if (loss != null) {
        loss[k] = lossK;
      }
      if (cash != null) {
        cash[k] = cashK;
      }
      if (coverage != null) {
        coverage[k] =
            cashMode
                ? cashK
                : HaircutMarginModel.DEFAULT.requirementRelief(
                        problem.marginRate(i), price, direction, permanent.gamma(), held, traded)
                    - lossK;
      }
    }
  }

  /**
   * d coverage_ik / d n_ij for every j: how the asset's contribution to X_k moves with each of
   * its trades (zero for j > k).
   *
   * @param problem the resolved problem
   * @param i the asset's index in the problem
   * @param units n, the units traded in one period
   * @param k the 0-based period
   * @return d coverage_ik / d n_ij for every j: how the asset's contribution to X_k moves with each
   *     of its trades (zero for j > k)
   */
  public double[] coverageGradient(ResolvedProblem problem, int i, double[] units, int k) {
    double[] gradient = new double[units.length];
    double traded = 0.0;
    for (int j = 0; j <= k; j++) {
      traded += units[j];
    }
    double held = problem.held(i);
    double gamma = problem.gamma(i);
    double price = problem.price(i);
    int direction = problem.direction(i);
    TemporaryImpactModel temporary = problem.temporaryImpact(i);
    TradingConditions conditions = problem.conditions(i);
    boolean cashMode = problem.mode() == CoverageMode.CASH;
    double[] carried = carriedGradient(temporary, units, k, conditions);
    for (int j = 0; j <= k; j++) {
      double marginalLinear = problem.costPerUnit(i) + temporary.marginalCost(units[j], conditions)
          + (carried == null ? 0.0 : carried[j]);
      if (cashMode) {
        gradient[j] = direction * price - gamma * (traded - units[j]) - marginalLinear;
      } else {
        double marginalLoss = gamma * (held - traded - units[j]) + marginalLinear;
        gradient[j] =
            HaircutMarginModel.DEFAULT.marginalRequirementRelief(
                    problem.marginRate(i), price, direction, gamma, held, traded)
                - marginalLoss;
      }
    }
    return gradient;
  }

  /**
   * d L_iN / d n_ij for every j: the marginal expected loss of each trade of asset {@code i}.
   *
   * @param problem the resolved problem
   * @param i the asset's index in the problem
   * @param units n, the units traded in one period
   * @return d L_iN / d n_ij for every j: the marginal expected loss of each trade of asset {@code
   *     i}
   */
  public double[] lossGradient(ResolvedProblem problem, int i, double[] units) {
    double traded = 0.0;
    for (double n : units) {
      traded += n;
    }
    double[] gradient = new double[units.length];
    TemporaryImpactModel temporary = problem.temporaryImpact(i);
    double[] carried =
        carriedGradient(temporary, units, units.length - 1, problem.conditions(i));
    for (int j = 0; j < units.length; j++) {
      gradient[j] =
          problem.gamma(i) * (problem.held(i) - traded - units[j])
              + problem.costPerUnit(i)
              + temporary.marginalCost(units[j], problem.conditions(i))
              + (carried == null ? 0.0 : carried[j]);
    }
    return gradient;
  }

  /**
   * D_ik, the displacement of the book that trade k starts from: zero for a book that refills
   * between periods, D_1 = 0 and D_k+1 = a (D_k + kappa n_k) for transient impact.
   *
   * @param temporary the asset's temporary impact
   * @param units n, the units traded in each period
   * @param conditions the asset's conditions
   * @return D_ik for each period
   */
  public static double[] displacements(
      TemporaryImpactModel temporary, double[] units, TradingConditions conditions) {
    return temporary instanceof TransientImpact decaying
        ? decaying.displacements(units, conditions)
        : new double[units.length];
  }

  /**
   * For transient impact, d/dn_ij of what the displacement adds to the cost of the trades through
   * period k (j &lt;= k; 0 after); null for a book that refills, which adds nothing.
   */
  private static double[] carriedGradient(
      TemporaryImpactModel temporary, double[] units, int k, TradingConditions conditions) {
    return temporary instanceof TransientImpact decaying
        ? decaying.carriedGradient(units, k, conditions) : null;
  }
}
