package org.deleverage.solvers.optimal;

import java.util.Locale;
import java.util.Optional;
import org.deleverage.core.CoverageMode;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.models.TradingConditions;
import org.deleverage.models.TransientImpact;

/**
 * The convexity conditions of MODEL.md section 4, asset by asset: the objective must be convex and
 * every coverage constraint concave in the trades of the asset. With kappa the least curvature
 * of the temporary cost T(n) = n h(n) over [0, cap] (2 eta / tau for linear impact; at the cap
 * for a power law, whose curvature falls as n grows; zero for an order book, whose cost is
 * piecewise linear, so an order-book asset needs gamma = 0; kappa_t (1 - a) / (1 + a) for transient
 * impact, the least eigenvalue bound of its kappa_t G, below) and k the last period that carries
 * a coverage constraint, the Hessians of MODEL.md section 3 in (n_1..n_k) are diag(T'') - gamma I
 * + a gamma 1 1' (kappa_t G_k - gamma I + a gamma 1 1' for transient impact) with
 *
 * <pre>
 *   loss (if w > 0)    a = -1 (times -1: convex)    needs kappa >= gamma (N + 1)
 *   margin excess      a = 1 - 2 m d                needs kappa >= gamma (1 + max(0, 1 - 2 m d) k)
 *   cash raised        a = -1                       needs kappa >= gamma
 * </pre>
 *
 * (d = +1 long, -1 short: a short's requirement rises with its own permanent impact, which
 * tightens the condition). These are sufficient conditions, checked for every asset that can
 * trade. For transient impact the cost of the trades through any period k is (kappa_t / 2) n' G_k
 * n with G_k the k x k Kac-Murdock-Szego matrix a^|j-l|, whose eigenvalues all lie in [(1 - a) /
 * (1 + a), (1 + a) / (1 - a)] (MODEL.md section 9), so kappa_t G_k &gt;= kappa_t (1 - a) / (1 + a)
 * I whatever k. Stateless.
 */
final class ConvexityCheck {

  private ConvexityCheck() {}

  /**
   * A broken condition: the asset's index and what is wrong.
   *
   * @param asset the index of the asset
   * @param message the condition, the values and the remedies
   */
  record Violation(int asset, String message) {}

  /** The first broken condition, or empty if all hold. */
  static Optional<Violation> violation(ResolvedProblem problem) {
    int periods = problem.periods();
    int lastConstraint = problem.deadlineIndex() + 1;
    for (int s = 0; s < problem.scheduleSize(); s++) {
      lastConstraint = Math.max(lastConstraint, problem.scheduleIndex(s) + 1);
    }
    for (int i = 0; i < problem.assetCount(); i++) {
      if (problem.locked(i) || problem.held(i) == 0 || problem.sellableUnits(i) <= 0) {
        continue;
      }
      double kappa = leastCurvature(problem, i);
      double lossNeeded = lossCurvatureNeeded(problem, i);
      if (problem.costWeight() > 0 && kappa < lossNeeded * (1 - 1e-12)) {
        return Optional.of(new Violation(i, message(problem, i, "the expected loss",
            "kappa >= gamma (N + 1)", kappa, lossNeeded, periods)));
      }
      double needed = excessCurvatureNeeded(problem, i, lastConstraint);
      if (kappa < needed * (1 - 1e-12)) {
        boolean cash = problem.mode() == CoverageMode.CASH;
        String rule = cash
            ? "kappa >= gamma"
            : problem.direction(i) < 0
                ? "kappa >= gamma (1 + (1 + 2 m) k)"
                : "kappa >= gamma (1 + (1 - 2 m) k)";
        return Optional.of(new Violation(i, message(problem, i,
            cash ? "the cash raised" : "the margin excess", rule, kappa, needed,
            lastConstraint)));
      }
    }
    return Optional.empty();
  }

  /** The curvature of T that the expected loss needs in asset i's trades: gamma (N + 1). */
  static double lossCurvatureNeeded(ResolvedProblem problem, int i) {
    return problem.gamma(i) * (problem.periods() + 1);
  }

  /**
   * The curvature of T that minus the excess after the first {@code periods} periods needs in
   * asset i's trades: gamma (1 + max(0, a) periods), a = 1 - 2 m d in margin mode and -1 in cash
   * mode (so gamma there). kappa above it is the excess's least curvature in those trades.
   */
  static double excessCurvatureNeeded(ResolvedProblem problem, int i, int periods) {
    double a = problem.mode() == CoverageMode.CASH
        ? -1.0 : 1 - 2 * problem.marginRate(i) * problem.direction(i);
    return problem.gamma(i) * (1 + Math.max(0.0, a) * periods);
  }

  /**
   * kappa: the smaller curvature of T at no trade and at the cap; for transient impact kappa_t (1 -
   * a) / (1 + a), a lower bound of the least eigenvalue of its Hessian kappa_t G_k for every k.
   */
  static double leastCurvature(ResolvedProblem problem, int i) {
    TradingConditions conditions = problem.conditions(i);
    if (problem.temporaryImpact(i) instanceof TransientImpact decaying) {
      double a = decaying.decay(conditions);
      return decaying.kappa() * (1 - a) / (1 + a);
    }
    double cap = Math.min(problem.periodCap(i), problem.sellableUnits(i));
    return Math.min(
        problem.temporaryImpact(i).curvature(0.0, conditions),
        problem.temporaryImpact(i).curvature(cap, conditions));
  }

  private static String message(
      ResolvedProblem problem, int i, String what, String rule, double kappa, double needed,
      int k) {
    return String.format(
        Locale.ROOT,
        "not convex: %s is convex in the trades of %s only if %s (k = %d, N = %d; kappa is the"
            + " least curvature of the %s temporary cost n h(n) up to the period cap, 2 eta / tau"
            + " for linear impact, zero for an order book, kappa (1 - a) / (1 + a) for transient"
            + " impact), here %.6g < %s; raise the temporary"
            + " impact, lower gamma, or ask for a local solve",
        what.equals("the expected loss") ? what : what + " (negated)",
        problem.id(i),
        rule,
        k,
        problem.periods(),
        problem.temporaryImpact(i).name(),
        kappa,
        // A gamma near the largest double makes the bound overflow: say so, not "Infinity".
        Double.isFinite(needed)
            ? String.format(Locale.ROOT, "%.6g", needed)
            : "a bound beyond double precision (gamma " + problem.gamma(i) + " is too large)");
  }
}
