package org.deleverage.solvers.stress;

import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * When an account of a fire-sale cascade sells, and how much. Leverage here is lambda = A / E,
 * the gross value of the positions A = sum_i |Q_i| p_i over the equity E, both at the round's
 * prices (Greenwood, Landier and Thesmar's debt-to-equity b is lambda - 1).
 *
 * <ul>
 *   <li>{@link Threshold}: the account sells when its margin shortfall (MODEL.md section 3) is
 *       positive, with its solver (the optimiser by default), for that shortfall. Today's rule,
 *       and the default.
 *   <li>{@link LeverageTargeting}: Greenwood, Landier and Thesmar (2015, "Vulnerable banks",
 *       Journal of Financial Economics 115(3), 471-485): after any loss the account sells to
 *       return to its target leverage lambda*, V = A - lambda* E of value, in proportion to its
 *       holdings (their model keeps the portfolio weights fixed).
 *   <li>{@link ContSchaanning}: Cont and Schaanning (2017, "Fire sales, indirect contagion and
 *       systemic stress testing", Norges Bank Working Paper 2/2017, SSRN 2541114): only once its
 *       leverage exceeds the threshold lambda_max does the account deleverage, to the target
 *       lambda_0, selling the fraction min(1, (A - lambda_0 E) / A) of every position (pro rata,
 *       as in their paper).
 * </ul>
 *
 * <p>The two leverage rules sell pro rata, not with the optimiser: that is how both papers
 * model the sale, and it is what makes their published measures (systemic, indirect
 * vulnerability) apply. They sell long positions and buy back short ones, they never buy after
 * a gain, and an account whose equity is zero or below sells everything. Retain limits and
 * locks bind the optimiser only. Immutable.
 */
public sealed interface CascadeRule {

  /** Today's rule: sell with the account's solver when the margin shortfall is positive. */
  CascadeRule THRESHOLD = new Threshold();

  /**
   * The rule's name in files and reports: {@code threshold}, {@code leverage-targeting} or
   * {@code cont-schaanning}.
   *
   * @return the rule's name in files and reports
   */
  String label();

  /**
   * The fraction of every position the account sells this round, in [0, 1], for the pro-rata
   * rules (0 for {@link Threshold}, which sells with its solver).
   *
   * @param gross A, the gross value of the positions at the round's prices
   * @param equity E, the equity at the round's prices
   * @param initialLeverage the account's leverage A / E before the shock
   * @return the fraction of every position to sell
   */
  double fraction(double gross, double equity, double initialLeverage);

  /** Today's rule: sell with the account's solver when the margin shortfall is positive. */
  record Threshold() implements CascadeRule {

    @Override
    public String label() {
      return "threshold";
    }

    @Override
    public double fraction(double gross, double equity, double initialLeverage) {
      return 0.0;
    }
  }

  /**
   * Greenwood-Landier-Thesmar leverage targeting: sell V = A - lambda* E, pro rata, whenever
   * that is positive.
   *
   * @param target lambda*, the target leverage A / E (&gt; 0); empty: the account's leverage
   *     before the shock, as in the paper
   */
  record LeverageTargeting(OptionalDouble target) implements CascadeRule {

    /**
     * Validates the target.
     *
     * @param target lambda*, the target leverage A / E (&gt; 0); empty: the account's leverage
     *     before the shock
     * @throws InvalidInputException when the target is not a positive finite number
     */
    public LeverageTargeting {
      Checks.present("target", target);
      if (target.isPresent()) {
        Checks.positive("target", target.getAsDouble());
      }
    }

    @Override
    public String label() {
      return "leverage-targeting";
    }

    @Override
    public double fraction(double gross, double equity, double initialLeverage) {
      double lambda = target.orElse(initialLeverage);
      return proRata(gross, equity, lambda);
    }
  }

  /**
   * The Cont-Schaanning rule: once A / E exceeds {@code threshold}, sell pro rata down to
   * {@code target}.
   *
   * @param threshold lambda_max, the leverage A / E above which the account deleverages, &gt; 0
   * @param target lambda_0, the leverage it deleverages to, in (0, threshold]
   */
  record ContSchaanning(double threshold, double target) implements CascadeRule {

    /**
     * Validates the leverages.
     *
     * @param threshold lambda_max, &gt; 0
     * @param target lambda_0, in (0, threshold]
     * @throws InvalidInputException when a leverage is out of its range
     */
    public ContSchaanning {
      Checks.positive("threshold", threshold);
      Checks.positive("target", target);
      if (target > threshold) {
        throw new InvalidInputException(
            "target", "must be <= threshold (" + threshold + "), was " + target);
      }
    }

    @Override
    public String label() {
      return "cont-schaanning";
    }

    @Override
    public double fraction(double gross, double equity, double initialLeverage) {
      if (equity > 0 && gross <= threshold * equity) {
        return 0.0;
      }
      return proRata(gross, equity, target);
    }
  }

  /** min(1, max(0, (A - lambda E) / A)), and 1 when E &lt;= 0 (0 when nothing is held). */
  private static double proRata(double gross, double equity, double lambda) {
    if (!(gross > 0)) {
      return 0.0;
    }
    if (!(equity > 0)) {
      return 1.0;
    }
    return Math.min(1.0, Math.max(0.0, (gross - lambda * equity) / gross));
  }
}
