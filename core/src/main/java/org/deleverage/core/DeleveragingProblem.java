package org.deleverage.core;

import com.google.common.collect.ImmutableList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deleverage.InvalidInputException;
import org.deleverage.models.TradingConditions;
import org.deleverage.models.internal.Checks;

/**
 * A deleveraging problem as the user states it (MODEL.md section 1): the account, its assets,
 * how their prices move together, the horizon, the requirement and the objective. Immutable and
 * thread-safe. Validation runs when it is built and names the offending field by its path in the
 * problem file, for example {@code assets[2].retain.max}. Solvers read its {@link #resolve()
 * resolved} form.
 *
 * @param account the account
 * @param assets the positions, at least one, with unique ids
 * @param dependence correlation, covariance or factor model, sized to the assets, or independence
 * @param horizon N periods of tau days
 * @param requirement what must be covered, by when
 * @param objective the weights of the objective
 */
public record DeleveragingProblem(
    Account account,
    List<Asset> assets,
    Dependence dependence,
    Horizon horizon,
    Requirement requirement,
    Objective objective) {

  /**
   * Validates every field and the rules that join them.
   *
   * @param account the account
   * @param assets the positions, at least one, with unique ids
   * @param dependence correlation, covariance or factor model, sized to the assets, or independence
   * @param horizon N periods of tau days
   * @param requirement what must be covered, by when
   * @param objective the weights of the objective
   */
  public DeleveragingProblem {
    Checks.present("account", account);
    Checks.present("assets", assets);
    Checks.present("correlation", dependence);
    Checks.present("horizon", horizon);
    Checks.present("requirement", requirement);
    Checks.present("objective", objective);
    for (int i = 0; i < assets.size(); i++) {
      Checks.present("assets[" + i + "]", assets.get(i));
    }
    assets = ImmutableList.copyOf(assets);
    if (assets.isEmpty()) {
      throw new InvalidInputException("assets", "must hold at least one asset");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < assets.size(); i++) {
      Integer earlier = seen.putIfAbsent(assets.get(i).id(), i);
      if (earlier != null) {
        throw new InvalidInputException(
            "assets[" + i + "].id",
            "must be unique, was \"" + assets.get(i).id() + "\" as assets[" + earlier + "].id");
      }
    }
    if (dependence.size().isPresent() && dependence.size().getAsInt() != assets.size()) {
      int rows = dependence.size().getAsInt();
      if (dependence instanceof Dependence.Factor) {
        throw new InvalidInputException(
            Dependence.Factor.LOADINGS,
            "must have " + assets.size() + " rows (a row per asset), had " + rows);
      }
      throw new InvalidInputException(
          dependence instanceof Dependence.Covariance ? "covariance" : "correlation",
          "must be " + assets.size() + " x " + assets.size() + " (a row per asset), was "
              + rows + " x " + rows);
    }
    int periods = horizon.periods();
    if (requirement.deadline().isPresent() && requirement.deadline().getAsInt() > periods) {
      throw new InvalidInputException(
          "requirement.deadline",
          "must be <= horizon.periods = " + periods + ", was " + requirement.deadline().getAsInt());
    }
    for (int s = 0; s < requirement.schedule().size(); s++) {
      int period = requirement.schedule().get(s).period();
      if (period > periods) {
        throw new InvalidInputException(
            "requirement.schedule[" + s + "].period",
            "must be <= horizon.periods = " + periods + ", was " + period);
      }
    }
    checkRiskRange(assets, dependence, horizon, objective);
    for (int i = 0; i < assets.size(); i++) {
      Asset asset = assets.get(i);
      double mustSell = asset.held() - asset.retainMax();
      double canSell = periods * maxUnitsPerPeriod(asset, horizon.periodLength());
      if (mustSell > canSell * (1 + 1e-12)) {
        throw new InvalidInputException(
            "assets[" + i + "].retain.max",
            "needs " + mustSell + " units sold, more than the " + canSell
                + " that maxParticipation and the impact model allow over the horizon, was "
                + asset.retainMax());
      }
    }
  }

  /**
   * The largest risk term of the objective, in money: (riskAversion * periodLength * periods +
   * residualRiskAversion) times the largest price variance any part of the book can have, (sum_i
   * |q_i| sqrt(Sigma_ii))^2 (so a hedged book is held to the variance of its legs apart). 1e250:
   * the optimiser's objective, its gradients and the certificate's sums over assets and periods
   * then stay finite in double precision, with orders of magnitude to spare; a risk term beyond
   * it is no loss any book can mean.
   */
  public static final double MAX_RISK_TERM = 1e250;

  /**
   * Rejects risk aversions whose product with the book's price variance is above {@link
   * #MAX_RISK_TERM}, naming the larger of the two terms.
   */
  private static void checkRiskRange(
      List<Asset> assets, Dependence dependence, Horizon horizon, Objective objective) {
    double timing = objective.riskAversion() * horizon.periodLength() * horizon.periods();
    double residual = objective.residualRiskAversion();
    if (timing == 0.0 && residual == 0.0) {
      return;
    }
    int n = assets.size();
    double[] volatility = new double[n];
    double[] price = new double[n];
    for (int i = 0; i < n; i++) {
      volatility[i] = assets.get(i).volatility();
      price[i] = assets.get(i).price();
    }
    PriceCovariance sigma = PriceCovariance.of(dependence, volatility, price);
    double deviation = 0.0;
    for (int i = 0; i < n; i++) {
      deviation += assets.get(i).held() * Math.sqrt(Math.max(0.0, sigma.entry(i, i)));
    }
    double term = (timing + residual) * deviation * deviation;
    if (!(term <= MAX_RISK_TERM)) {
      throw new InvalidInputException(
          timing >= residual ? "objective.riskAversion" : "objective.residualRiskAversion",
          "must keep the risk term (riskAversion * periodLength * periods + residualRiskAversion)"
              + " * (sum of |quantity| * the price's daily standard deviation)^2 at most "
              + MAX_RISK_TERM + ", was " + term);
    }
  }

  /**
   * A builder with the defaults of FORMAT.md.
   *
   * @return a builder with the defaults of FORMAT.md
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * This problem with another account, everything else the same; validated like any problem.
   *
   * @param value the account
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public DeleveragingProblem withAccount(Account value) {
    return new DeleveragingProblem(value, assets, dependence, horizon, requirement, objective);
  }

  /**
   * This problem with another assets, everything else the same; validated like any problem.
   *
   * @param value the positions, at least one, with unique ids
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public DeleveragingProblem withAssets(List<Asset> value) {
    return new DeleveragingProblem(account, value, dependence, horizon, requirement, objective);
  }

  /**
   * This problem with another horizon, everything else the same; validated like any problem.
   *
   * @param value N periods of tau days
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public DeleveragingProblem withHorizon(Horizon value) {
    return new DeleveragingProblem(account, assets, dependence, value, requirement, objective);
  }

  /**
   * This problem with another requirement, everything else the same; validated like any problem.
   *
   * @param value what must be covered, by when
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public DeleveragingProblem withRequirement(Requirement value) {
    return new DeleveragingProblem(account, assets, dependence, horizon, value, objective);
  }

  /**
   * This problem with another objective, everything else the same; validated like any problem.
   *
   * @param value the weights of the objective
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public DeleveragingProblem withObjective(Objective value) {
    return new DeleveragingProblem(account, assets, dependence, horizon, requirement, value);
  }

  /**
   * This problem with the shortfall set to {@code amount}, the requirement's mode, deadline,
   * buffer and schedule kept: the point of a cost curve, or a stressed margin call.
   *
   * @param amount S, the shortfall to cover, money, {@code >= 0}
   * @return the copy
   * @throws InvalidInputException naming {@code shortfall} when the amount breaks its rule
   */
  public DeleveragingProblem withShortfall(double amount) {
    return withRequirement(requirement.withShortfall(amount));
  }

  /**
   * This problem with {@code replacement} in place of its dependence, everything else the same;
   * validated like any problem (the matrix must have a row per asset).
   *
   * @param replacement the new dependence
   * @return the copy
   * @throws InvalidInputException if the replacement does not fit the assets
   */
  public DeleveragingProblem withDependence(Dependence replacement) {
    return new DeleveragingProblem(account, assets, replacement, horizon, requirement, objective);
  }

  /**
   * The dense, index-based form that the evaluator and the solvers read.
   *
   * @return the dense, index-based form that the evaluator and the solvers read
   */
  public ResolvedProblem resolve() {
    return new ResolvedProblem(this);
  }

  /** The most units of {@code asset} that may trade in one period of {@code tau} days. */
  static double maxUnitsPerPeriod(Asset asset, double tau) {
    if (asset.locked()) {
      return 0.0;
    }
    TradingConditions conditions =
        new TradingConditions(asset.price(), asset.volatility(), asset.adv(), tau);
    return Math.min(
        asset.maxParticipation() * asset.adv() * tau,
        asset.temporaryImpact().maxUnitsPerPeriod(conditions));
  }

  /**
   * Builds a {@link DeleveragingProblem}. Defaults (FORMAT.md): independent returns, one period
   * of one day, a margin call computed from the account, expected loss only. Account and assets
   * have no default.
   */
  public static final class Builder {
    private Account account;
    private final List<Asset> assets = new java.util.ArrayList<>();
    private Dependence dependence = Dependence.independent();
    private Horizon horizon = Horizon.ONE_DAY;
    private Requirement requirement = Requirement.margin();
    private Objective objective = Objective.EXPECTED_LOSS;

    private Builder() {}

    /**
     * The account.
     *
     * @param value the account
     * @return this builder
     */
    public Builder account(Account value) {
      this.account = value;
      return this;
    }

    /**
     * An account holding {@code cash}.
     *
     * @param cash the account's cash, money (negative when borrowed)
     * @return this builder
     */
    public Builder cash(double cash) {
      return account(Account.of(cash));
    }

    /**
     * Adds a position.
     *
     * @param value Adds a position
     * @return this builder
     */
    public Builder asset(Asset value) {
      this.assets.add(value);
      return this;
    }

    /**
     * Adds positions.
     *
     * @param values the positions, in order
     * @return this builder
     */
    public Builder assets(List<Asset> values) {
      this.assets.addAll(values);
      return this;
    }

    /**
     * Correlation, covariance or factor model.
     *
     * @param value Correlation, covariance or factor model
     * @return this builder
     */
    public Builder dependence(Dependence value) {
      this.dependence = value;
      return this;
    }

    /**
     * The horizon.
     *
     * @param value the horizon
     * @return this builder
     */
    public Builder horizon(Horizon value) {
      this.horizon = value;
      return this;
    }

    /**
     * The requirement.
     *
     * @param value the requirement
     * @return this builder
     */
    public Builder requirement(Requirement value) {
      this.requirement = value;
      return this;
    }

    /**
     * The objective weights.
     *
     * @param value the objective weights
     * @return this builder
     */
    public Builder objective(Objective value) {
      this.objective = value;
      return this;
    }

    /**
     * The problem.
     *
     * @return the problem
     * @throws InvalidInputException naming the first field that breaks its rule
     */
    public DeleveragingProblem build() {
      return new DeleveragingProblem(
          account, assets, dependence, horizon, requirement, objective);
    }
  }
}
