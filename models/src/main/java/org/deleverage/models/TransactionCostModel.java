package org.deleverage.models;

import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;


/**
 * The linear costs of trading: half the bid-ask spread, a proportional fee and a fee per unit.
 * For n units traded at the mark p:
 *
 * <pre>
 *   spread cost = s * p * n          s = halfSpread, a fraction of price
 *   fee         = f * p * n + u * n  f = fee, a fraction of notional; u = feePerUnit, money per unit
 *   e           = (s + f) * p + u    the linear cost per unit of MODEL.md section 3
 * </pre>
 *
 * The fee is charged on the notional at the initial mark p, as MODEL.md defines it. Immutable and
 * thread-safe.
 *
 * @param halfSpread s, {@code >= 0}
 * @param fee f, {@code >= 0}
 * @param feePerUnit u, money per unit, {@code >= 0}
 */
public record TransactionCostModel(double halfSpread, double fee, double feePerUnit) {

  /** Trading at the mark with no spread and no fees. */
  public static final TransactionCostModel NONE = new TransactionCostModel(0.0, 0.0, 0.0);

  /**
   * Validates every field.
   *
   * @param halfSpread s, a fraction of the price in [0, 1)
   * @param fee f, a fraction of the notional in [0, 1)
   * @param feePerUnit u, money per unit, {@code >= 0}
   */
  public TransactionCostModel {
    Checks.fractionOfPrice("halfSpread", halfSpread);
    Checks.fractionOfPrice("fee", fee);
    Checks.nonNegative("feePerUnit", feePerUnit);
  }

  /**
   * The spread cost s * p * n of trading {@code units} at the mark {@code price}.
   *
   * @param units n, the units traded in one period
   * @param price p, the price, money per unit
   * @return the spread cost s * p * n of trading {@code units} at the mark {@code price}
   */
  public double spreadCost(double units, double price) {
    return halfSpread * price * units;
  }

  /**
   * The fees f * p * n + u * n of trading {@code units} at the mark {@code price}.
   *
   * @param units n, the units traded in one period
   * @param price p, the price, money per unit
   * @return the fees f * p * n + u * n of trading {@code units} at the mark {@code price}
   */
  public double feeCost(double units, double price) {
    return (fee * price + feePerUnit) * units;
  }

  /**
   * e = (s + f) * p + u, the linear cost of one unit at the mark {@code price}.
   *
   * @param price p, the price, money per unit
   * @return e, money per unit
   */
  public double costPerUnit(double price) {
    return (halfSpread + fee) * price + feePerUnit;
  }

  /**
   * These costs with another halfSpread, everything else the same.
   *
   * @param value s, half the bid-ask spread as a fraction of the mid, {@code >= 0}
   * @return the copy
   * @throws InvalidInputException naming {@code halfSpread} when the value breaks its rule
   */
  public TransactionCostModel withHalfSpread(double value) {
    return new TransactionCostModel(value, fee, feePerUnit);
  }

  /**
   * These costs with another fee, everything else the same.
   *
   * @param value f, the fee as a fraction of notional, {@code >= 0}
   * @return the copy
   * @throws InvalidInputException naming {@code fee} when the value breaks its rule
   */
  public TransactionCostModel withFee(double value) {
    return new TransactionCostModel(halfSpread, value, feePerUnit);
  }

  /**
   * These costs with another feePerUnit, everything else the same.
   *
   * @param value u, the fee per unit traded, money per unit, {@code >= 0}
   * @return the copy
   * @throws InvalidInputException naming {@code feePerUnit} when the value breaks its rule
   */
  public TransactionCostModel withFeePerUnit(double value) {
    return new TransactionCostModel(halfSpread, fee, value);
  }
}
