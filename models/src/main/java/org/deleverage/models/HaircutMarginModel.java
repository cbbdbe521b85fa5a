package org.deleverage.models;

/**
 * The haircut margin model: each position needs a fixed fraction of its market value as margin.
 * For cash C and signed positions q_i at marks p_i with margin rates m_i (MODEL.md section 3):
 *
 * <pre>
 *   equity       E = C + sum_i q_i * p_i                    money
 *   requirement  R = sum_i m_i * |q_i| * p_i                money
 *   excess       X = E - R                                  money
 *   shortfall    S = max(0, -X)                             money
 * </pre>
 *
 * Trading c units of a position towards flat frees the requirement on those units, and the
 * permanent impact gamma moves the requirement on the units kept:
 *
 * <pre>
 *   requirementRelief = m * (c * p + d * gamma * c * (Q - c))    d = sign(q), Q = |q|
 * </pre>
 *
 * Stateless and thread-safe; use {@link #DEFAULT}.
 */
public final class HaircutMarginModel {

  /** The single instance. */
  public static final HaircutMarginModel DEFAULT = new HaircutMarginModel();

  private HaircutMarginModel() {}

  /**
   * E = C + sum_i q_i * p_i.
   *
   * @param cash the account's cash, money (negative when borrowed)
   * @param quantities the signed quantities in units
   * @param prices the prices, money per unit
   * @return E = C + sum_i q_i * p_i
   */
  public double equity(double cash, double[] quantities, double[] prices) {
    double equity = cash;
    for (int i = 0; i < quantities.length; i++) {
      equity += quantities[i] * prices[i];
    }
    return equity;
  }

  /**
   * R = sum_i m_i * |q_i| * p_i.
   *
   * @param marginRates the margin rates m_i, in [0, 1]
   * @param quantities the signed quantities in units
   * @param prices the prices, money per unit
   * @return R = sum_i m_i * |q_i| * p_i
   */
  public double requirement(double[] marginRates, double[] quantities, double[] prices) {
    double requirement = 0.0;
    for (int i = 0; i < quantities.length; i++) {
      requirement += marginRates[i] * Math.abs(quantities[i]) * prices[i];
    }
    return requirement;
  }

  /**
   * X = E - R.
   *
   * @param cash the account's cash, money (negative when borrowed)
   * @param marginRates the margin rates m_i, in [0, 1]
   * @param quantities the signed quantities in units
   * @param prices the prices, money per unit
   * @return X = E - R
   */
  public double excess(double cash, double[] marginRates, double[] quantities, double[] prices) {
    return equity(cash, quantities, prices) - requirement(marginRates, quantities, prices);
  }

  /**
   * S = max(0, -X).
   *
   * @param cash the account's cash, money (negative when borrowed)
   * @param marginRates the margin rates m_i, in [0, 1]
   * @param quantities the signed quantities in units
   * @param prices the prices, money per unit
   * @return S = max(0, -X)
   */
  public double shortfall(
      double cash, double[] marginRates, double[] quantities, double[] prices) {
    return Math.max(0.0, -excess(cash, marginRates, quantities, prices));
  }

  /**
   * m * (c * p + d * gamma * c * (Q - c)): the fall in the requirement of one position of
   * {@code held} units (Q) with sign {@code direction} (d) after {@code traded} units (c) have
   * been traded towards flat.
   *
   * @param marginRate m, the margin rate, in [0, 1]
   * @param price p, the price, money per unit
   * @param gamma gamma, money per unit per unit traded
   * @param held Q, the units held
   * @param traded the units traded so far
   * @param direction d, +1 for a long and -1 for a short
   * @return m * (c * p + d * gamma * c * (Q - c)): the fall in the requirement of one position of
   *     {@code held} units (Q) with sign {@code direction} (d) after {@code traded} units (c) have
   *     been traded towards flat
   */
  public double requirementRelief(
      double marginRate, double price, int direction, double gamma, double held, double traded) {
    return marginRate * (traded * price + direction * gamma * traded * (held - traded));
  }

  /**
   * d/dc of {@link #requirementRelief}: m * (p + d * gamma * (Q - 2c)).
   *
   * @param marginRate m, the margin rate, in [0, 1]
   * @param price p, the price, money per unit
   * @param gamma gamma, money per unit per unit traded
   * @param held Q, the units held
   * @param traded the units traded so far
   * @param direction d, +1 for a long and -1 for a short
   * @return d/dc of {@link #requirementRelief}: m * (p + d * gamma * (Q - 2c))
   */
  public double marginalRequirementRelief(
      double marginRate, double price, int direction, double gamma, double held, double traded) {
    return marginRate * (price + direction * gamma * (held - 2.0 * traded));
  }
}
