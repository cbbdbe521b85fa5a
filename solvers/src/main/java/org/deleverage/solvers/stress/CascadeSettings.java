package org.deleverage.solvers.stress;

import java.util.Optional;
import java.util.OptionalDouble;
import org.deleverage.InvalidInputException;
import org.deleverage.models.VolatilityMarginRule;
import org.deleverage.models.internal.Checks;

/**
 * How a fire-sale cascade moves prices, fills the pro-rata sales, calls a default and sets the
 * margin rates round by round. {@link #DEFAULT} is today's cascade: exponential depth, defaults
 * by equity, fixed margin rates. Immutable.
 *
 * <p>Volatility and margin. With a margin rule, each asset's volatility follows the rounds'
 * price moves by the RiskMetrics exponentially weighted moving average (J.P. Morgan/Reuters,
 * RiskMetrics Technical Document, 4th edition 1996, chapter 5; lambda = 0.94 for daily
 * data):
 *
 * <pre>
 *   sigma_r^2 = lambda sigma_(r-1)^2 + (1 - lambda) x_r^2,   x_r = ln(p_r / p_(r-1))
 * </pre>
 *
 * starting from sigma_0, the asset's volatility after the shock, with the shock's own log return
 * as the first x (each round counts as one day); and before each round (and for the final
 * figures) each margin rate is {@link VolatilityMarginRule#rate} of the rate after the shock m0,
 * the volatility before the shock sigma0 and sigma_r. That is the funding-liquidity spiral of
 * Brunnermeier and Pedersen (2009, "Market liquidity and funding liquidity", Review of
 * Financial Studies 22(6), 2201-2238): sales move prices, the moves raise volatility, volatility
 * raises margins, and higher margins force more sales. Without a margin rule (the default) the
 * volatilities and margin rates stay as the shock left them.
 *
 * @param depthFunction how a round's net sales move a price
 * @param executionPrice the price at which the pro-rata rules' sales are filled
 * @param defaultRule when an account is in default
 * @param marginRule the volatility-driven margin rule, if any
 * @param ewmaLambda lambda of the volatility's moving average, in (0, 1) (used with a margin
 *     rule)
 */
public record CascadeSettings(
    DepthFunction depthFunction,
    ExecutionPrice executionPrice,
    DefaultRule defaultRule,
    Optional<VolatilityMarginRule> marginRule,
    double ewmaLambda) {

  /** RiskMetrics' decay factor for daily data (Technical Document, 1996). */
  public static final double RISKMETRICS_LAMBDA = 0.94;

  /** Today's cascade: exponential depth, defaults by equity, fixed margin rates. */
  public static final CascadeSettings DEFAULT = new CascadeSettings(DepthFunction.EXPONENTIAL,
      ExecutionPrice.END, DefaultRule.EQUITY, Optional.empty(), RISKMETRICS_LAMBDA);

  /**
   * Validates the settings.
   *
   * @param depthFunction how a round's net sales move a price
   * @param executionPrice the price at which the pro-rata rules' sales are filled
   * @param defaultRule when an account is in default
   * @param marginRule the volatility-driven margin rule, if any
   * @param ewmaLambda lambda of the volatility's moving average, in (0, 1)
   * @throws InvalidInputException naming the setting that is missing or out of range
   */
  public CascadeSettings {
    Checks.present("depthFunction", depthFunction);
    Checks.present("executionPrice", executionPrice);
    Checks.present("defaultRule", defaultRule);
    Checks.present("marginRule", marginRule);
    Checks.finite("volatility.lambda", ewmaLambda);
    if (!(ewmaLambda > 0 && ewmaLambda < 1)) {
      throw new InvalidInputException(
          "volatility.lambda", "must be in (0, 1), was " + ewmaLambda);
    }
  }

  /**
   * A copy with another depth function.
   *
   * @param value the depth function
   * @return the copy
   */
  public CascadeSettings withDepthFunction(DepthFunction value) {
    return new CascadeSettings(value, executionPrice, defaultRule, marginRule, ewmaLambda);
  }

  /**
   * A copy with another execution price.
   *
   * @param value the execution price
   * @return the copy
   */
  public CascadeSettings withExecutionPrice(ExecutionPrice value) {
    return new CascadeSettings(depthFunction, value, defaultRule, marginRule, ewmaLambda);
  }

  /**
   * A copy with another default rule.
   *
   * @param value the default rule
   * @return the copy
   */
  public CascadeSettings withDefaultRule(DefaultRule value) {
    return new CascadeSettings(depthFunction, executionPrice, value, marginRule, ewmaLambda);
  }

  /**
   * A copy with a volatility-driven margin rule and the moving average's lambda.
   *
   * @param rule the margin rule
   * @param lambda the moving average's lambda, in (0, 1)
   * @return the copy
   */
  public CascadeSettings withMarginRule(VolatilityMarginRule rule, double lambda) {
    return new CascadeSettings(depthFunction, executionPrice, defaultRule,
        Optional.of(Checks.present("marginRule", rule)), lambda);
  }

  /**
   * A copy without a margin rule: the margin rates stay as the shock left them.
   *
   * @return the copy
   */
  public CascadeSettings withStaticMargins() {
    return new CascadeSettings(
        depthFunction, executionPrice, defaultRule, Optional.empty(), ewmaLambda);
  }

  /**
   * The price at which the pro-rata rules' sales of a round are filled; the threshold rule's
   * solver plans carry their own execution model (MODEL.md section 3) whatever this is.
   */
  public enum ExecutionPrice {
    /** The round's end price p'. */
    END("end"),
    /**
     * The midpoint (p + p') / 2 of the prices before and after the round: the seller bears half
     * of the round's impact on what it sells, Cont and Schaanning's (2017) implementation
     * shortfall with their alpha = 1/2.
     */
    MIDPOINT("midpoint");

    private final String label;

    ExecutionPrice(String label) {
      this.label = label;
    }

    /**
     * The name in files and reports: {@code end} or {@code midpoint}.
     *
     * @return the name in files and reports
     */
    public String label() {
      return label;
    }

    /**
     * The fill price.
     *
     * @param before p, the price before the round
     * @param after p', the price after it
     * @return p' or (p + p') / 2
     */
    public double fill(double before, double after) {
      return this == END ? after : (before + after) / 2;
    }
  }

  /**
   * When an account is in default: always when its equity is below zero (today's rule); with a
   * leverage ceiling also when its equity is zero or its leverage A / E is above the ceiling (a
   * Basel III leverage-ratio floor E / A &gt;= 3% is a ceiling of 1 / 0.03 = 33.3). A default is
   * reported; it does not stop the account from selling.
   *
   * @param maxLeverage the leverage ceiling, if any, &gt; 0
   */
  public record DefaultRule(OptionalDouble maxLeverage) {

    /** Default when equity is below zero. */
    public static final DefaultRule EQUITY = new DefaultRule(OptionalDouble.empty());

    /**
     * Validates the ceiling.
     *
     * @param maxLeverage the leverage ceiling, if any, &gt; 0
     * @throws InvalidInputException when the ceiling is not a positive finite number
     */
    public DefaultRule {
      Checks.present("maxLeverage", maxLeverage);
      if (maxLeverage.isPresent()) {
        Checks.positive("maxLeverage", maxLeverage.getAsDouble());
      }
    }

    /**
     * The rule with a leverage ceiling.
     *
     * @param ceiling the leverage ceiling A / E, &gt; 0
     * @return the rule
     */
    public static DefaultRule leverage(double ceiling) {
      return new DefaultRule(OptionalDouble.of(ceiling));
    }

    /**
     * The name in files and reports: {@code equity} or {@code leverage}.
     *
     * @return the name in files and reports
     */
    public String label() {
      return maxLeverage.isPresent() ? "leverage" : "equity";
    }

    /**
     * Whether an account is in default.
     *
     * @param gross A, the gross value of its positions
     * @param equity E, its equity
     * @return whether it is in default under this rule
     */
    public boolean inDefault(double gross, double equity) {
      if (equity < 0) {
        return true;
      }
      if (maxLeverage.isEmpty()) {
        return false;
      }
      return !(equity > 0) || gross > maxLeverage.getAsDouble() * equity;
    }
  }
}
