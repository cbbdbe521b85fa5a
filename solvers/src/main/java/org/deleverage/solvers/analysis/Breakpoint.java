package org.deleverage.solvers.analysis;

/**
 * Where the optimum's structure changes along a {@link CostCurve}: an asset changes state (enters,
 * reaches its cap, a retain limit, or is exhausted) between two shortfalls that bracket the
 * change within the curve's tolerance. Immutable.
 *
 * @param shortfall the midpoint of the bracket, money
 * @param width the width of the bracket, money
 * @param asset the asset's id
 * @param from its state just below
 * @param to its state just above
 */
public record Breakpoint(double shortfall, double width, String asset, AssetState from,
    AssetState to) {

  /**
   * In words, e.g. "BTC: not needed -> interior".
   *
   * @return the breakpoint in words
   */
  public String describe() {
    return asset + ": " + from.label() + " -> " + to.label();
  }

}
