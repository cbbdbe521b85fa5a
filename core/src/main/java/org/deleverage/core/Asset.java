package org.deleverage.core;

import org.deleverage.InvalidInputException;
import org.deleverage.models.LinearPermanentImpact;
import org.deleverage.models.LinearTemporaryImpact;
import org.deleverage.models.TemporaryImpactModel;
import org.deleverage.models.TransactionCostModel;
import org.deleverage.models.internal.Checks;

/**
 * One position of the account with its market data, costs and constraints (MODEL.md section 1).
 * Immutable and thread-safe; build with {@link #builder(String)}, change one field of a copy with
 * the {@code with...} methods (a stress or a cascade moves prices and quantities this way).
 *
 * @param id the asset's identifier, unique in a problem, not blank
 * @param quantity q, the signed position in units: long {@code > 0}, short {@code < 0}
 * @param price p, the current mid mark, money per unit, {@code > 0}
 * @param volatility sigma, the daily standard deviation of returns, {@code >= 0}
 * @param adv V, the average daily volume, units per day, {@code > 0}
 * @param costs the half spread s, the fee f and the fee per unit u
 * @param temporaryImpact h(n), the per-unit concession for trading n units in a period
 * @param permanentImpact gamma, the lasting price move per unit traded
 * @param marginRate m, the margin required per unit of market value, in [0, 1]
 * @param maxParticipation rho: at most rho * V * tau units trade in a period, in (0, 1]
 * @param locked true when the position may not be traded at all
 * @param retainMin the fewest units to hold at the end, {@code >= 0}
 * @param retainMax the most units to hold at the end, {@code <= |q|}; 0 closes the position
 * @param reluctance omega, the objective added per unit sold, money per unit, {@code >= 0}
 * @param lotSize the smallest tradable amount, units: every trade of a plan rounded to lots is a
 *     whole number of lots (1 share, 0.001 coin), {@code > 0}, default 1
 */
public record Asset(
    String id,
    double quantity,
    double price,
    double volatility,
    double adv,
    TransactionCostModel costs,
    TemporaryImpactModel temporaryImpact,
    LinearPermanentImpact permanentImpact,
    double marginRate,
    double maxParticipation,
    boolean locked,
    double retainMin,
    double retainMax,
    double reluctance,
    double lotSize) {

  /** The lot size when none is given: one unit (a share, a coin, a contract). */
  public static final double DEFAULT_LOT_SIZE = 1.0;

  /**
   * The largest value of one position, |quantity| * price, in money: 1e18, above any book in any
   * currency, and small enough that its square (a variance of money) and the sums of a few
   * thousand of them stay far inside double precision.
   */
  public static final double MAX_NOTIONAL = 1e18;


  /**
   * Validates every field and the rules that join them.
   *
   * @param id the asset's identifier, unique in a problem, not blank
   * @param quantity q, the signed position in units: long {@code > 0}, short {@code < 0}
   * @param price p, the current mid mark, money per unit, {@code > 0}
   * @param volatility sigma, the daily standard deviation of returns, {@code >= 0}
   * @param adv V, the average daily volume, units per day, {@code > 0}
   * @param costs the half spread s, the fee f and the fee per unit u
   * @param temporaryImpact h(n), the per-unit concession for trading n units in a period
   * @param permanentImpact gamma, the lasting price move per unit traded
   * @param marginRate m, the margin required per unit of market value, in [0, 1]
   * @param maxParticipation rho: at most rho * V * tau units trade in a period, in (0, 1]
   * @param locked true when the position may not be traded at all
   * @param retainMin the fewest units to hold at the end, {@code >= 0}
   * @param retainMax the most units to hold at the end, {@code <= |q|}; 0 closes the position
   * @param reluctance omega, the objective added per unit sold, money per unit, {@code >= 0}
   * @param lotSize the smallest tradable amount, units, {@code > 0}
   */
  public Asset {
    Checks.present("id", id);
    if (id.isBlank()) {
      throw new InvalidInputException("id", "must not be blank");
    }
    Checks.finite("quantity", quantity);
    Checks.positive("price", price);
    if (!(Math.abs(quantity) * price <= MAX_NOTIONAL)) {
      throw new InvalidInputException("quantity", "the position's value |quantity| * price must"
          + " be at most " + MAX_NOTIONAL + ", was " + Math.abs(quantity) * price);
    }
    Checks.nonNegative("volatility", volatility);
    Checks.positive("adv", adv);
    Checks.present("costs", costs);
    Checks.present("impact.temporary", temporaryImpact);
    Checks.present("impact.permanent", permanentImpact);
    Checks.inClosedRange("marginRate", marginRate, 0.0, 1.0);
    Checks.inHalfOpenRange("maxParticipation", maxParticipation, 0.0, 1.0);
    Checks.nonNegative("retain.min", retainMin);
    Checks.nonNegative("retain.max", retainMax);
    double held = Math.abs(quantity);
    if (retainMax > held) {
      throw new InvalidInputException(
          "retain.max", "must be <= abs(quantity) = " + held + ", was " + retainMax);
    }
    if (retainMin > retainMax) {
      throw new InvalidInputException(
          "retain.min", "must be <= retain.max = " + retainMax + ", was " + retainMin);
    }
    if (locked && retainMax < held) {
      throw new InvalidInputException(
          "retain.max",
          "must be abs(quantity) = " + held + " for a locked asset (it cannot sell), was "
              + retainMax);
    }
    Checks.nonNegative("reluctance", reluctance);
    Checks.positive("lotSize", lotSize);
  }

  /**
   * An asset traded in single units (lot size 1), as before lot sizes existed.
   *
   * @param id the asset's identifier, unique in a problem, not blank
   * @param quantity q, the signed position in units: long {@code > 0}, short {@code < 0}
   * @param price p, the current mid mark, money per unit, {@code > 0}
   * @param volatility sigma, the daily standard deviation of returns, {@code >= 0}
   * @param adv V, the average daily volume, units per day, {@code > 0}
   * @param costs the half spread s, the fee f and the fee per unit u
   * @param temporaryImpact h(n), the per-unit concession for trading n units in a period
   * @param permanentImpact gamma, the lasting price move per unit traded
   * @param marginRate m, the margin required per unit of market value, in [0, 1]
   * @param maxParticipation rho: at most rho * V * tau units trade in a period, in (0, 1]
   * @param locked true when the position may not be traded at all
   * @param retainMin the fewest units to hold at the end, {@code >= 0}
   * @param retainMax the most units to hold at the end, {@code <= |q|}; 0 closes the position
   * @param reluctance omega, the objective added per unit sold, money per unit, {@code >= 0}
   * @throws InvalidInputException naming the first field that breaks its rule
   */
  public Asset(
      String id,
      double quantity,
      double price,
      double volatility,
      double adv,
      TransactionCostModel costs,
      TemporaryImpactModel temporaryImpact,
      LinearPermanentImpact permanentImpact,
      double marginRate,
      double maxParticipation,
      boolean locked,
      double retainMin,
      double retainMax,
      double reluctance) {
    this(id, quantity, price, volatility, adv, costs, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, locked, retainMin, retainMax, reluctance, DEFAULT_LOT_SIZE);
  }

  /**
   * A builder for the asset {@code id}, with the defaults of FORMAT.md.
   *
   * @param id the asset's identifier, unique in a problem, not blank
   * @return a builder for the asset {@code id}, with the defaults of FORMAT.md
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * This asset with another id, everything else the same; validated like any asset.
   *
   * @param value the asset's identifier, unique in a problem, not blank
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withId(String value) {
    return new Asset(value, quantity, price, volatility, adv, costs, temporaryImpact,
        permanentImpact, marginRate, maxParticipation, locked, retainMin, retainMax, reluctance,
        lotSize);
  }

  /**
   * This asset with another quantity, everything else the same; validated like any asset.
   *
   * @param value q, the signed position in units
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withQuantity(double value) {
    return new Asset(id, value, price, volatility, adv, costs, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, locked, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another price, everything else the same; validated like any asset.
   *
   * @param value p, the current mid mark, money per unit
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withPrice(double value) {
    return new Asset(id, quantity, value, volatility, adv, costs, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, locked, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another volatility, everything else the same; validated like any asset.
   *
   * @param value sigma, the daily standard deviation of returns
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withVolatility(double value) {
    return new Asset(id, quantity, price, value, adv, costs, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, locked, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another adv, everything else the same; validated like any asset.
   *
   * @param value V, the average daily volume, units per day
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withAdv(double value) {
    return new Asset(id, quantity, price, volatility, value, costs, temporaryImpact,
        permanentImpact, marginRate, maxParticipation, locked, retainMin, retainMax, reluctance,
        lotSize);
  }

  /**
   * This asset with another costs, everything else the same; validated like any asset.
   *
   * @param value the half spread s, the fee f and the fee per unit u
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withCosts(TransactionCostModel value) {
    return new Asset(id, quantity, price, volatility, adv, value, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, locked, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another temporaryImpact, everything else the same; validated like any asset.
   *
   * @param value h(n), the per-unit concession for trading n units in a period
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withTemporaryImpact(TemporaryImpactModel value) {
    return new Asset(id, quantity, price, volatility, adv, costs, value, permanentImpact,
        marginRate, maxParticipation, locked, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another permanentImpact, everything else the same; validated like any asset.
   *
   * @param value gamma, the lasting price move per unit traded
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withPermanentImpact(LinearPermanentImpact value) {
    return new Asset(id, quantity, price, volatility, adv, costs, temporaryImpact, value,
        marginRate, maxParticipation, locked, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another marginRate, everything else the same; validated like any asset.
   *
   * @param value m, the margin required per unit of market value
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withMarginRate(double value) {
    return new Asset(id, quantity, price, volatility, adv, costs, temporaryImpact, permanentImpact,
        value, maxParticipation, locked, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another maxParticipation, everything else the same; validated like any asset.
   *
   * @param value rho, the most of a period's volume the asset may trade
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withMaxParticipation(double value) {
    return new Asset(id, quantity, price, volatility, adv, costs, temporaryImpact, permanentImpact,
        marginRate, value, locked, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another locked, everything else the same; validated like any asset.
   *
   * @param value true when the position may not be traded at all
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withLocked(boolean value) {
    return new Asset(id, quantity, price, volatility, adv, costs, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, value, retainMin, retainMax, reluctance, lotSize);
  }

  /**
   * This asset with another reluctance, everything else the same; validated like any asset.
   *
   * @param value omega, the objective added per unit sold, money per unit
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withReluctance(double value) {
    return new Asset(id, quantity, price, volatility, adv, costs, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, locked, retainMin, retainMax, value, lotSize);
  }

  /**
   * This asset with other retain limits, everything else the same; validated like any asset.
   *
   * @param min the fewest units to hold at the end
   * @param max the most units to hold at the end
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withRetain(double min, double max) {
    return new Asset(id, quantity, price, volatility, adv, costs, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, locked, min, max, reluctance, lotSize);
  }

  /**
   * This asset with another lot size, everything else the same; validated like any asset.
   *
   * @param value the smallest tradable amount, units, {@code > 0}
   * @return the copy
   * @throws InvalidInputException naming the field when the copy breaks a rule
   */
  public Asset withLotSize(double value) {
    return new Asset(id, quantity, price, volatility, adv, costs, temporaryImpact, permanentImpact,
        marginRate, maxParticipation, locked, retainMin, retainMax, reluctance, value);
  }

  /**
   * Q = |q|, the units held.
   *
   * @return Q = |q|, the units held
   */
  public double held() {
    return Math.abs(quantity);
  }

  /**
   * d = sign(q): +1 for a long (sold), -1 for a short (bought back), 0 for no position.
   *
   * @return d = sign(q): +1 for a long (sold), -1 for a short (bought back), 0 for no position
   */
  public int direction() {
    return (int) Math.signum(quantity);
  }

  /**
   * Builds an {@link Asset}. Defaults (FORMAT.md): volatility 0, no spread, fees or impact,
   * marginRate 1, maxParticipation 1, not locked, retain min 0 and max |q|, reluctance 0,
   * lot size 1.
   * Quantity, price and adv have no default.
   */
  public static final class Builder {
    private final String id;
    private Double quantity;
    private Double price;
    private double volatility;
    private Double adv;
    private double halfSpread;
    private double fee;
    private double feePerUnit;
    private TemporaryImpactModel temporaryImpact = LinearTemporaryImpact.NONE;
    private double permanentImpact;
    private double marginRate = 1.0;
    private double maxParticipation = 1.0;
    private boolean locked;
    private double retainMin;
    private Double retainMax;
    private double reluctance;
    private double lotSize = DEFAULT_LOT_SIZE;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * q, the signed position in units (required).
     *
     * @param value q, the signed position in units (required)
     * @return this builder
     */
    public Builder quantity(double value) {
      this.quantity = value;
      return this;
    }

    /**
     * p, the mid mark (required).
     *
     * @param value p, the mid mark (required)
     * @return this builder
     */
    public Builder price(double value) {
      this.price = value;
      return this;
    }

    /**
     * sigma, the daily volatility of returns.
     *
     * @param value sigma, the daily volatility of returns
     * @return this builder
     */
    public Builder volatility(double value) {
      this.volatility = value;
      return this;
    }

    /**
     * V, the average daily volume in units (required).
     *
     * @param value V, the average daily volume in units (required)
     * @return this builder
     */
    public Builder adv(double value) {
      this.adv = value;
      return this;
    }

    /**
     * s, half the bid-ask spread as a fraction of price.
     *
     * @param value s, half the bid-ask spread as a fraction of price
     * @return this builder
     */
    public Builder halfSpread(double value) {
      this.halfSpread = value;
      return this;
    }

    /**
     * f, the fee as a fraction of notional.
     *
     * @param value f, the fee as a fraction of notional
     * @return this builder
     */
    public Builder fee(double value) {
      this.fee = value;
      return this;
    }

    /**
     * u, the fee in money per unit.
     *
     * @param value u, the fee in money per unit
     * @return this builder
     */
    public Builder feePerUnit(double value) {
      this.feePerUnit = value;
      return this;
    }

    /**
     * The temporary impact model.
     *
     * @param model the model
     * @return this builder
     */
    public Builder temporaryImpact(TemporaryImpactModel model) {
      this.temporaryImpact = model;
      return this;
    }

    /**
     * Linear temporary impact with coefficient eta (Almgren-Chriss).
     *
     * @param value Linear temporary impact with coefficient eta (Almgren-Chriss)
     * @return this builder
     * @throws InvalidInputException naming {@code impact.temporary.eta} if eta is not {@code >= 0}
     */
    public Builder eta(double value) {
      try {
        return temporaryImpact(LinearTemporaryImpact.of(value));
      } catch (InvalidInputException e) {
        throw e.under("impact.temporary");
      }
    }

    /**
     * gamma, the linear permanent impact.
     *
     * @param value gamma, the linear permanent impact
     * @return this builder
     */
    public Builder gamma(double value) {
      this.permanentImpact = value;
      return this;
    }

    /**
     * m, the margin rate.
     *
     * @param value m, the margin rate
     * @return this builder
     */
    public Builder marginRate(double value) {
      this.marginRate = value;
      return this;
    }

    /**
     * rho, the most of the daily volume the plan may take in a period.
     *
     * @param value rho, the most of the daily volume the plan may take in a period
     * @return this builder
     */
    public Builder maxParticipation(double value) {
      this.maxParticipation = value;
      return this;
    }

    /**
     * Whether the position may not be traded.
     *
     * @param value whether the position may not be traded
     * @return this builder
     */
    public Builder locked(boolean value) {
      this.locked = value;
      return this;
    }

    /**
     * The fewest and most units to hold at the end.
     *
     * @param min the fewest units to hold at the end, >= 0
     * @param max the most units to hold at the end, {@code <= |q|}
     * @return this builder
     */
    public Builder retain(double min, double max) {
      this.retainMin = min;
      this.retainMax = max;
      return this;
    }

    /**
     * omega, the objective added per unit sold.
     *
     * @param value omega, the objective added per unit sold
     * @return this builder
     */
    public Builder reluctance(double value) {
      this.reluctance = value;
      return this;
    }

    /**
     * The lot size, the smallest tradable amount in units (default 1).
     *
     * @param value the lot size, units, {@code > 0}
     * @return this builder
     */
    public Builder lotSize(double value) {
      this.lotSize = value;
      return this;
    }

    /**
     * The asset.
     *
     * @return the asset
     * @throws InvalidInputException naming the first field that breaks its rule
     */
    public Asset build() {
      Checks.present("quantity", quantity);
      Checks.present("price", price);
      Checks.present("adv", adv);
      TransactionCostModel costs = new TransactionCostModel(halfSpread, fee, feePerUnit);
      LinearPermanentImpact permanent;
      try {
        permanent = LinearPermanentImpact.of(permanentImpact);
      } catch (InvalidInputException e) {
        throw e.under("impact.permanent");
      }
      double max = retainMax == null ? Math.abs(quantity) : retainMax;
      return new Asset(id, quantity, price, volatility, adv, costs, temporaryImpact, permanent,
          marginRate, maxParticipation, locked, retainMin, max, reluctance, lotSize);
    }
  }
}
