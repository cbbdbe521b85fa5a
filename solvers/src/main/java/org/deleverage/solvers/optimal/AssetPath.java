package org.deleverage.solvers.optimal;

import org.deleverage.core.CoverageMode;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TradingConditions;

/**
 * MODEL.md section 3 for one asset written in its remaining units r_1..r_N (r_0 = Q), the
 * variables of the optimiser. Every quantity the optimiser needs of an asset has the form
 *
 * <pre>
 *   F_k(r) = alpha0 + alpha1 r_k + alpha2 r_k^2 + sum_{j<=k} (a n_j^2 + b T(n_j)),   n_j = r_{j-1} - r_j
 * </pre>
 *
 * with T the temporary impact cost n h(n). Using c_k = Q - r_k, Q c - c^2/2 = (Q^2 - r^2)/2:
 *
 * <pre>
 *   loss      L_k = gamma (Q^2 - r_k^2)/2 + e (Q - r_k) + sum (-gamma/2 n_j^2 + T(n_j))
 *   margin    C_k = m ((Q - r_k) p + d gamma (Q - r_k) r_k) - L_k
 *   cash      K_k = d p (Q - r_k) - gamma (Q - r_k)^2 / 2 - e (Q - r_k) + sum (gamma/2 n_j^2 - T(n_j))
 * </pre>
 *
 * Its gradient in r is dense up to r_k and its Hessian is tridiagonal, and comes in two parts:
 * the curvature of the r_k term, on the diagonal, and the curvature phi''(n_j) of each trade,
 * on the difference n_j = r_{j-1} - r_j (it adds phi'' to both diagonal entries and -phi''
 * between them). The solver keeps the two apart to eliminate the Hessian without cancellation.
 * An order book's cost T is piecewise linear; where the optimiser carries it in level variables
 * ({@link OrderBookLevels}) the path leaves T out, and otherwise it uses T exactly, with the
 * slope to the right at a level's end. Immutable.
 */
final class AssetPath {

  /** The relative resolution of a trade as a difference of remaining units: 2^-52. */
  private static final double RESOLUTION = 0x1.0p-52;

  private final double held;
  private final double alpha0;
  private final double alpha1;
  private final double alpha2;
  private final double squares;
  private final double temporary;
  private final TemporaryImpactModel impact;
  private final TradingConditions conditions;

  private AssetPath(
      double held,
      double alpha0,
      double alpha1,
      double alpha2,
      double squares,
      double temporary,
      TemporaryImpactModel model,
      TradingConditions conditions) {
    this.impact = model;
    this.conditions = conditions;
    this.held = held;
    this.alpha0 = alpha0;
    this.alpha1 = alpha1;
    this.alpha2 = alpha2;
    this.squares = squares;
    this.temporary = temporary;
  }

  /**
   * w L_N + omega (Q - r_N): the asset's part of the objective other than risk; without the
   * temporary cost when {@code withoutTemporary} (it is then carried elsewhere).
   */
  static AssetPath objective(ResolvedProblem problem, int i, boolean withoutTemporary) {
    double q = problem.held(i);
    double gamma = problem.gamma(i);
    double e = problem.costPerUnit(i);
    double w = problem.costWeight();
    double omega = problem.reluctance(i);
    return new AssetPath(
        q,
        w * (gamma * q * q / 2 + e * q) + omega * q,
        -(w * e + omega),
        -w * gamma / 2,
        -w * gamma / 2,
        withoutTemporary ? 0.0 : w,
        problem.temporaryImpact(i),
        problem.conditions(i));
  }

  /**
   * The asset's contribution to X_k: C_k in margin mode, K_k in cash mode; without the temporary
   * cost when {@code withoutTemporary}.
   */
  static AssetPath coverage(ResolvedProblem problem, int i, boolean withoutTemporary) {
    double temporary = withoutTemporary ? 0.0 : -1.0;
    double q = problem.held(i);
    double gamma = problem.gamma(i);
    double e = problem.costPerUnit(i);
    double p = problem.price(i);
    int d = problem.direction(i);
    if (problem.mode() == CoverageMode.CASH) {
      return new AssetPath(
          q,
          d * p * q - gamma * q * q / 2 - e * q,
          -d * p + gamma * q + e,
          -gamma / 2,
          gamma / 2,
          temporary,
          problem.temporaryImpact(i),
          problem.conditions(i));
    }
    double m = problem.marginRate(i);
    return new AssetPath(
        q,
        m * q * p - gamma * q * q / 2 - e * q,
        -m * p + m * d * gamma * q + e,
        -m * d * gamma + gamma / 2,
        gamma / 2,
        temporary,
        problem.temporaryImpact(i),
        problem.conditions(i));
  }

  /** n_j = r_{j-1} - r_j with r_{-1} = Q, 0-based. */
  double trade(double[] remaining, int j) {
    return (j == 0 ? held : remaining[j - 1]) - remaining[j];
  }

  /**
   * F_k at {@code remaining} (r, 0-based periods), adding {@code weight} times its gradient and
   * its Hessian where asked: {@code diagonal[k]}, the curvature of the r_k term, and {@code
   * difference[j]}, the curvature of the trade n_j = r_{j-1} - r_j.
   */
  double accumulate(
      double[] remaining, int k, double weight, double[] gradient, double[] diagonal,
      double[] difference) {
    return weight * accumulate(remaining, k, weight, gradient, weight, diagonal, difference);
  }

  /**
   * F_k at {@code remaining}, adding its gradient to {@code gradient} and {@code curvatureWeight}
   * times its Hessian to {@code diagonal} and {@code difference} where asked: the value and the
   * gradient with the weight 1 of a constraint, the curvature with that of its multiplier, in one
   * pass over the trades.
   */
  double accumulate(
      double[] remaining, int k, double[] gradient, double curvatureWeight, double[] diagonal,
      double[] difference) {
    return accumulate(remaining, k, 1.0, gradient, curvatureWeight, diagonal, difference);
  }

  /**
   * F_k, unweighted, adding {@code weight} times its gradient and {@code curvatureWeight} times
   * its Hessian where asked.
   */
  private double accumulate(
      double[] remaining, int k, double weight, double[] gradient, double curvatureWeight,
      double[] diagonal, double[] difference) {
    double r = remaining[k];
    double value = alpha0 + alpha1 * r + alpha2 * r * r;
    if (gradient != null) {
      gradient[k] += weight * (alpha1 + 2 * alpha2 * r);
    }
    if (diagonal != null) {
      diagonal[k] += curvatureWeight * 2 * alpha2;
    }
    for (int j = 0; j <= k; j++) {
      double n = trade(remaining, j);
      value += squares * n * n + (temporary == 0 ? 0 : temporary * impact.cost(n, conditions));
      if (gradient != null || difference != null) {
        double slope = 2 * squares * n
            + (temporary == 0 ? 0 : temporary * impact.marginalCost(n, conditions));
        // A trade is known to the resolution of the remaining units it is the difference of,
        // about Q 2^-52: below that it reads as 0, where a power law's curvature is infinite, so
        // the curvature is taken at that resolution (huge, finite: the trade is at its floor).
        double curvature = 2 * squares
            + (temporary == 0 || difference == null ? 0
                : temporary * impact.curvature(Math.max(n, held * RESOLUTION), conditions));
        // n_j = r_{j-1} - r_j: d/dr_j = -phi'(n_j), d/dr_{j-1} = +phi'(n_j).
        if (gradient != null) {
          gradient[j] -= weight * slope;
          if (j > 0) {
            gradient[j - 1] += weight * slope;
          }
        }
        if (difference != null) {
          difference[j] += curvatureWeight * curvature;
        }
      }
    }
    return value;
  }
}
