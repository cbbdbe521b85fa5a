package org.deleverage.solvers.stress;

import java.util.Map;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * How a round's net sales move an asset's price in a fire-sale cascade. With n the net units
 * sold in the round (negative for net buying), p the price before the round and D the depth in
 * units (the cascade's {@code depth} for the asset, else p / gamma with gamma the asset's
 * permanent impact), the new price p' is:
 *
 * <ul>
 *   <li>{@link Exponential} (the default, today's): p' = p exp(-n / D);
 *   <li>{@link Linear}: p' = p (1 - n / D), a linear inverse demand as in Greenwood, Landier and
 *       Thesmar (2015), whose price moves in proportion to the value sold; when n reaches D the
 *       book is exhausted and the price falls to {@link Linear#EXHAUSTED} of p (a price must
 *       stay above zero);
 *   <li>{@link PriceFloor}: Cont and Schaanning's (2017) market impact with a price floor B:
 *       p' = B + (p - B) exp(-n / delta), delta = D (1 - B / p0), with B = f p0 for the floor
 *       fraction f and p0 the price before the shock. The price tends to B as sales grow, and its
 *       first-order move at p0 is -p0 n / D, the same as the other two.
 * </ul>
 *
 * <p>All three agree to first order: a small sale n moves the price by -n / D relative, which is
 * the asset's permanent impact when D = p / gamma. Immutable.
 */
public sealed interface DepthFunction {

  /** The default: p' = p exp(-n / D). */
  DepthFunction EXPONENTIAL = new Exponential();

  /**
   * The function's name in files and reports: {@code exponential}, {@code linear} or {@code
   * floor}.
   *
   * @return the function's name in files and reports
   */
  String label();

  /**
   * The price after a round.
   *
   * @param asset the asset's id
   * @param price p, the price before the round
   * @param sold n, net units sold in the round
   * @param depth D, in units, &gt; 0 (infinite for an asset that does not move)
   * @param initial p0, the price before the shock
   * @return p', the price after the round
   */
  double move(String asset, double price, double sold, double depth, double initial);

  /** p' = p exp(-n / D). */
  record Exponential() implements DepthFunction {

    @Override
    public String label() {
      return "exponential";
    }

    @Override
    public double move(String asset, double price, double sold, double depth, double initial) {
      return price * Math.exp(-sold / depth);
    }
  }

  /** p' = p (1 - n / D), at least {@link #EXHAUSTED} p. */
  record Linear() implements DepthFunction {

    /** The fraction of its price an asset keeps when a round's sales exhaust its depth. */
    public static final double EXHAUSTED = 1e-9;

    @Override
    public String label() {
      return "linear";
    }

    @Override
    public double move(String asset, double price, double sold, double depth, double initial) {
      return price * Math.max(EXHAUSTED, 1 - sold / depth);
    }
  }

  /**
   * Cont-Schaanning's impact with a price floor: p' = B + (p - B) exp(-n / delta), delta = D (1 -
   * B / p0), B = f p0.
   *
   * @param floor f, the floor as a fraction of the price before the shock, for every asset not
   *     in {@code floors}, in [0, 1)
   * @param floors f per asset id, each in [0, 1)
   */
  record PriceFloor(double floor, Map<String, Double> floors) implements DepthFunction {

    /**
     * Validates the floors and copies the map.
     *
     * @param floor f for every asset not in {@code floors}, in [0, 1)
     * @param floors f per asset id, each in [0, 1)
     * @throws InvalidInputException naming the floor that is out of range
     */
    public PriceFloor {
      fraction("floor", floor);
      Checks.present("floors", floors);
      floors.forEach((id, f) -> {
        String field = Checks.member("floors", id);
        fraction(field, Checks.present(field, f));
      });
      floors = Map.copyOf(floors);
    }

    private static void fraction(String field, double value) {
      Checks.finite(field, value);
      if (!(value >= 0 && value < 1)) {
        throw new InvalidInputException(field, "must be in [0, 1), was " + value);
      }
    }

    /**
     * The floor fraction f of {@code asset}.
     *
     * @param asset the asset's id
     * @return its floor as a fraction of its price before the shock
     */
    public double floorOf(String asset) {
      return floors.getOrDefault(asset, floor);
    }

    @Override
    public String label() {
      return "floor";
    }

    @Override
    public double move(String asset, double price, double sold, double depth, double initial) {
      double bottom = floorOf(asset) * initial;
      double delta = depth * (1 - bottom / initial);
      return bottom + (price - bottom) * Math.exp(-sold / delta);
    }
  }
}
