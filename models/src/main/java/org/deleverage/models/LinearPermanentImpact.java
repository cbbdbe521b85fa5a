package org.deleverage.models;

import org.deleverage.models.internal.Checks;


/**
 * Linear permanent impact: every unit traded towards flat moves the mark by gamma against the
 * position, for good. After c units of a position of Q units have been traded, the mark has moved
 * by
 *
 * <pre>
 *   markMove(c) = gamma * c                                 money per unit
 * </pre>
 *
 * (down for a long that sells, up for a short that buys back). Trades of a period execute at the
 * mark moved by the earlier periods, and the units still held are marked at the moved price, so
 * through trades n_1..n_k with c = n_1 + ... + n_k the loss is (MODEL.md section 3)
 *
 * <pre>
 *   cost = gamma * (Q * c - c^2 / 2 - (n_1^2 + ... + n_k^2) / 2)   money
 * </pre>
 *
 * which equals the sum over trades of gamma * n_j * (Q - c_j): each trade marks down the units
 * kept after it. Immutable and thread-safe.
 *
 * @param gamma price move per unit traded, money per unit per unit, {@code >= 0}
 */
public record LinearPermanentImpact(double gamma) {

  /** No permanent impact. */
  public static final LinearPermanentImpact NONE = new LinearPermanentImpact(0.0);

  /**
   * Validates {@code gamma >= 0}.
   *
   * @param gamma price move per unit traded, money per unit per unit, {@code >= 0}
   */
  public LinearPermanentImpact {
    Checks.nonNegative("gamma", gamma);
  }

  /**
   * Linear permanent impact with coefficient {@code gamma}.
   *
   * @param gamma price move per unit traded, money per unit per unit, {@code >= 0}
   * @return the model
   */
  public static LinearPermanentImpact of(double gamma) {
    return new LinearPermanentImpact(gamma);
  }

  /**
   * gamma * c: how far the mark has moved after {@code traded} units, money per unit.
   *
   * @param traded the units traded so far
   * @return gamma * c: how far the mark has moved after {@code traded} units, money per unit
   */
  public double markMove(double traded) {
    return gamma * traded;
  }

  /**
   * gamma * (Q * c - c^2 / 2 - sumOfSquares / 2): the permanent-impact loss after trades whose
   * total is {@code traded} (c) and whose squares sum to {@code sumOfSquares}, on a position of
   * {@code held} units (Q).
   *
   * @param held Q, the units held
   * @param traded the units traded so far
   * @param sumOfSquares the sum over the trades so far of n_j^2, units squared
   * @return gamma * (Q * c - c^2 / 2 - sumOfSquares / 2): the permanent-impact loss after trades
   *     whose total is {@code traded} (c) and whose squares sum to {@code sumOfSquares}, on a
   *     position of {@code held} units (Q)
   */
  public double cost(double held, double traded, double sumOfSquares) {
    return gamma * (held * traded - 0.5 * traded * traded - 0.5 * sumOfSquares);
  }

  /**
   * gamma * n * (Q - c): the part of the loss owed to one trade of {@code units} (n) that leaves
   * {@code remaining} units (Q - c) held, the mark-down it causes on what is kept.
   *
   * @param units n, the units traded in one period
   * @param remaining the units still held after the trade
   * @return gamma * n * (Q - c): the part of the loss owed to one trade of {@code units} (n) that
   *     leaves {@code remaining} units (Q - c) held, the mark-down it causes on what is kept
   */
  public double tradeCost(double units, double remaining) {
    return gamma * units * remaining;
  }

  /**
   * Permanent impact with gamma multiplied, gamma' = multiplier x gamma: a liquidity stress of
   * the lasting price move.
   *
   * @param multiplier the multiplier, finite and {@code >= 0}
   * @return the model with gamma' = multiplier x gamma
   * @throws org.deleverage.InvalidInputException naming {@code gammaMultiplier} when the
   *     multiplier is negative or not finite
   */
  public LinearPermanentImpact scaled(double multiplier) {
    Checks.nonNegative("gammaMultiplier", multiplier);
    return new LinearPermanentImpact(gamma * multiplier);
  }
}
