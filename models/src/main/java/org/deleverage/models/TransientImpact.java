package org.deleverage.models;

import org.deleverage.models.internal.Checks;


/**
 * Transient impact of Obizhaeva and Wang: a trade walks a limit order book of constant depth, and
 * the displacement it leaves decays exponentially between periods, with a resilience half-life.
 *
 * <p>The book holds 1 / kappa units per unit of price, so a trade of n units moves the price it
 * trades at by kappa n and pays kappa n^2 / 2 beyond the displacement D it starts from. The
 * displacement then decays by the factor a = 2^(-tau / halfLife) = exp(-rho tau) a period (rho =
 * ln 2 / halfLife). With D_1 = 0 and D_k+1 = a (D_k + kappa n_k) (MODEL.md section 9),
 *
 * <pre>
 *   concession of trade k   D_k + kappa n_k / 2                   money per unit
 *   cost of trades 1..k     sum_j n_j (D_j + kappa n_j / 2) = (kappa / 2) n' G n,   G_jl = a^|j-l|
 * </pre>
 *
 * G is the Kac-Murdock-Szego matrix, positive definite for 0 &lt;= a &lt; 1, so the cost is a
 * convex quadratic form in the trades. Half-life to 0 (a = 0) is linear temporary impact with
 * eta = kappa tau / 2; half-life to infinity (a = 1) costs what a permanent impact gamma = kappa
 * plus that linear impact costs in execution.
 *
 * <p>The per-trade methods of {@link TemporaryImpactModel} describe one trade on an undisturbed
 * book (D = 0): h(n) = kappa n / 2, T(n) = kappa n^2 / 2. What a trade pays on top, n_k D_k,
 * depends on the earlier trades; {@link #displacements}, {@link #carriedCost} and {@link
 * #carriedGradient} give it, and the evaluator and every solver add it to the per-trade cost.
 * {@link #cost(double[], int, TradingConditions)} and {@link #gradient} give the whole cost and
 * its gradient in one call. Immutable and thread-safe.
 *
 * <p>Reference: A. A. Obizhaeva and J. Wang, "Optimal trading strategy and supply/demand
 * dynamics", Journal of Financial Markets 16(1) (2013), 1-32.
 *
 * @param kappa the price move per unit traded, 1 / depth of the book, money per unit per unit,
 *     {@code >= 0}
 * @param halfLife the time the displacement takes to halve, days, {@code > 0}
 */
public record TransientImpact(double kappa, double halfLife) implements TemporaryImpactModel {

  /**
   * Validates {@code kappa >= 0} and {@code halfLife > 0}, both finite.
   *
   * @param kappa the price move per unit traded, money per unit per unit, {@code >= 0}
   * @param halfLife the time the displacement takes to halve, days, {@code > 0}
   */
  public TransientImpact {
    Checks.nonNegative("kappa", kappa);
    Checks.positive("halfLife", halfLife);
  }

  /**
   * Transient impact with book depth 1 / {@code kappa} and resilience half-life {@code halfLife}.
   *
   * @param kappa the price move per unit traded, money per unit per unit, {@code >= 0}
   * @param halfLife the time the displacement takes to halve, days, {@code > 0}
   * @return the model
   */
  public static TransientImpact of(double kappa, double halfLife) {
    return new TransientImpact(kappa, halfLife);
  }

  @Override
  public String name() {
    return "transient";
  }

  /**
   * a = 2^(-tau / halfLife): the fraction of the displacement left one period later, in [0, 1).
   *
   * @param conditions the asset's conditions; only the period length tau is read
   * @return a = 2^(-tau / halfLife): the fraction of the displacement left one period later
   */
  public double decay(TradingConditions conditions) {
    return Math.pow(2.0, -conditions.periodLength() / halfLife);
  }

  /** {@inheritDoc} On an undisturbed book: kappa n / 2. */
  @Override
  public double concession(double units, TradingConditions conditions) {
    return 0.5 * kappa * units;
  }

  /** {@inheritDoc} On an undisturbed book: kappa n. */
  @Override
  public double marginalCost(double units, TradingConditions conditions) {
    return kappa * units;
  }

  /** {@inheritDoc} kappa, the diagonal of kappa G. */
  @Override
  public double curvature(double units, TradingConditions conditions) {
    return kappa;
  }

  /**
   * D_1..D_N: the displacement each trade starts from, D_1 = 0, D_k+1 = a (D_k + kappa n_k), money
   * per unit.
   *
   * @param units n_1..n_N, the units traded in each period
   * @param conditions the asset's conditions
   * @return D_k for each period
   */
  public double[] displacements(double[] units, TradingConditions conditions) {
    double a = decay(conditions);
    double[] d = new double[units.length];
    for (int k = 1; k < units.length; k++) {
      d[k] = a * (d[k - 1] + kappa * units[k - 1]);
    }
    return d;
  }

  /**
   * sum_{j &lt;= k} n_j (D_j + kappa n_j / 2) = (kappa / 2) n' G_k n: the money lost to the impact
   * of the trades of periods 1..k+1 (0-based k), every term non-negative.
   *
   * @param units n_1..n_N, the units traded in each period
   * @param k the 0-based last period counted
   * @param conditions the asset's conditions
   * @return the cost of the trades through period k
   */
  public double cost(double[] units, int k, TradingConditions conditions) {
    double total = carriedCost(units, k, conditions);
    for (int j = 0; j <= k; j++) {
      total += cost(units[j], conditions);
    }
    return total;
  }

  /**
   * sum_{j &lt;= k} n_j D_j: the part of the cost through period k (0-based) that the earlier
   * trades' displacement adds, kappa sum_{l &lt; j &lt;= k} a^(j-l) n_l n_j.
   *
   * @param units n_1..n_N, the units traded in each period
   * @param k the 0-based last period counted
   * @param conditions the asset's conditions
   * @return the cost the displacement adds to the trades through period k
   */
  public double carriedCost(double[] units, int k, TradingConditions conditions) {
    double a = decay(conditions);
    double d = 0.0;
    double total = 0.0;
    for (int j = 0; j <= k; j++) {
      double n = units[j];
      total += n * d;
      d = a * (d + kappa * n);
    }
    return total;
  }

  /**
   * d/dn_j of the cost through period k: kappa (G_k n)_j = D_j + kappa n_j + kappa sum_{j &lt; l
   * &lt;= k} a^(l-j) n_l for j &lt;= k, zero after (O(k) by a forward and a backward pass).
   *
   * @param units n_1..n_N, the units traded in each period
   * @param k the 0-based last period counted
   * @param conditions the asset's conditions
   * @return the gradient, of the length of {@code units}
   */
  public double[] gradient(double[] units, int k, TradingConditions conditions) {
    double[] gradient = carriedGradient(units, k, conditions);
    for (int j = 0; j <= k; j++) {
      gradient[j] += marginalCost(units[j], conditions);
    }
    return gradient;
  }

  /**
   * d/dn_j of {@link #carriedCost}: D_j + kappa sum_{j &lt; l &lt;= k} a^(l-j) n_l for j &lt;= k,
   * zero after.
   *
   * @param units n_1..n_N, the units traded in each period
   * @param k the 0-based last period counted
   * @param conditions the asset's conditions
   * @return the gradient, of the length of {@code units}
   */
  public double[] carriedGradient(double[] units, int k, TradingConditions conditions) {
    double a = decay(conditions);
    double[] gradient = new double[units.length];
    double before = 0.0;
    for (int j = 0; j <= k; j++) {
      gradient[j] = before;
      before = a * (before + kappa * units[j]);
    }
    double after = 0.0;
    for (int j = k; j >= 0; j--) {
      gradient[j] += after;
      after = a * (after + kappa * units[j]);
    }
    return gradient;
  }

  /**
   * kappa' = etaMultiplier x kappa / bookSizeMultiplier, the half-life kept. Kappa is both an
   * impact coefficient, scaled as a linear eta is, and the inverse of the book's depth 1 / kappa,
   * which a book-size multiplier M makes M times as deep. A transient book has no levels, so a
   * level or offset cut does not apply to it.
   *
   * @param stress the liquidity stress
   * @return the transient model with kappa scaled
   */
  @Override
  public TransientImpact stressed(ImpactStress stress) {
    return new TransientImpact(
        kappa * stress.etaMultiplier() / stress.bookSizeMultiplier(), halfLife);
  }
}
