package org.deleverage.models;

import com.google.common.collect.ImmutableList;
import java.util.Comparator;
import java.util.List;
import org.deleverage.InvalidInputException;
import org.deleverage.models.internal.Checks;

/**
 * Order-book temporary impact: a sale of n units in a period walks a ladder of resting orders,
 * cheapest first, and the book refills completely before the next period (MODEL.md section 1).
 * With the levels sorted by offset o_1 &lt;= o_2 &lt;= ... and sizes z_l, a trade of n units fills
 * f_l(n) = min(z_l, max(0, n - (z_1 + ... + z_{l-1}))) at level l, and
 *
 * <pre>
 *   T(n) = p sum_l o_l f_l(n)          money lost to the walk
 *   h(n) = T(n) / n                    the size-weighted average offset of the n cheapest units, times p
 *   T'(n) = p o_l                      for n inside level l (the slope to the right at a level's end)
 * </pre>
 *
 * T is convex and piecewise linear: its slope steps up at the end of each level whose successor
 * rests further away ({@link #kinks}) and its curvature is zero elsewhere. The ladder holds
 * {@link #maxUnitsPerPeriod} = z_1 + ... + z_L units per period; the problem caps every period's
 * trade there, so selling beyond the ladder is infeasible (the evaluator reports the cap as
 * broken and the largest coverable shortfall accounts for it). Beyond the ladder this object
 * continues the last level's slope, only so that a cost near the cap stays finite under rounding.
 * The levels may be given in any order. Immutable and thread-safe.
 */
public final class OrderBookTemporaryImpact implements TemporaryImpactModel {

  private final ImmutableList<BookLevel> levels;
  private final double[] ends;
  private final double depth;

  private OrderBookTemporaryImpact(List<BookLevel> levels) {
    this.levels =
        ImmutableList.sortedCopyOf(Comparator.comparingDouble(BookLevel::offset), levels);
    ends = new double[this.levels.size()];
    double total = 0.0;
    for (int l = 0; l < ends.length; l++) {
      total += this.levels.get(l).size();
      ends[l] = total;
    }
    depth = total;
  }

  /**
   * A ladder of the given levels, in any order.
   *
   * @param levels the levels
   * @return a ladder of the given levels, in any order
   * @throws InvalidInputException naming {@code levels} if there is none, or {@code
   *     levels[l]} if one is null
   */
  public static OrderBookTemporaryImpact of(List<BookLevel> levels) {
    Checks.present("levels", levels);
    if (levels.isEmpty()) {
      throw new InvalidInputException("levels", "must hold at least one level");
    }
    for (int l = 0; l < levels.size(); l++) {
      Checks.present("levels[" + l + "]", levels.get(l));
    }
    return new OrderBookTemporaryImpact(levels);
  }

  /**
   * A ladder of the given levels, in any order.
   *
   * @param levels the levels
   * @return a ladder of the given levels, in any order
   */
  public static OrderBookTemporaryImpact of(BookLevel... levels) {
    return of(java.util.Arrays.asList(levels));
  }

  /**
   * The levels, cheapest first.
   *
   * @return the levels, cheapest first
   */
  public List<BookLevel> levels() {
    return levels;
  }

  /**
   * z_1 + ... + z_L: the units the ladder holds.
   *
   * @return the units the ladder holds, the sum of its sizes
   */
  public double depth() {
    return depth;
  }

  @Override
  public String name() {
    return "book";
  }

  @Override
  public double concession(double units, TradingConditions conditions) {
    if (units <= 0) {
      return levels.get(0).offset() * conditions.price();
    }
    return cost(units, conditions) / units;
  }

  @Override
  public double cost(double units, TradingConditions conditions) {
    if (units <= 0) {
      return 0.0;
    }
    double walked = 0.0;
    double start = 0.0;
    for (int l = 0; l < levels.size(); l++) {
      double end = l == levels.size() - 1 ? Math.max(ends[l], units) : ends[l];
      double fill = Math.min(units, end) - start;
      if (fill <= 0) {
        break;
      }
      walked += levels.get(l).offset() * fill;
      start = end;
    }
    return walked * conditions.price();
  }

  @Override
  public double marginalCost(double units, TradingConditions conditions) {
    for (int l = 0; l < levels.size() - 1; l++) {
      if (units < ends[l]) {
        return levels.get(l).offset() * conditions.price();
      }
    }
    return levels.get(levels.size() - 1).offset() * conditions.price();
  }

  @Override
  public double curvature(double units, TradingConditions conditions) {
    return 0.0;
  }

  @Override
  public double maxUnitsPerPeriod(TradingConditions conditions) {
    return depth;
  }

  @Override
  public double[] kinks(TradingConditions conditions) {
    double[] kinks = new double[levels.size() - 1];
    int count = 0;
    for (int l = 0; l < levels.size() - 1; l++) {
      if (levels.get(l + 1).offset() > levels.get(l).offset()) {
        kinks[count++] = ends[l];
      }
    }
    return java.util.Arrays.copyOf(kinks, count);
  }

  /**
   * The book under a liquidity stress: the first {@code bookLevels} levels, cheapest first, of
   * which those no further from the mid than {@code bookMaxOffset}, each with its size multiplied
   * by {@code bookSizeMultiplier}. The offsets are kept, so the depth falls and the walk reaches
   * the dearer levels sooner; removed levels cap the trade of a period at the smaller depth.
   *
   * @param stress the liquidity stress
   * @return the cut and scaled book
   * @throws InvalidInputException naming {@code bookMaxOffset} when no level is within it
   */
  @Override
  public OrderBookTemporaryImpact stressed(ImpactStress stress) {
    List<BookLevel> kept = new java.util.ArrayList<>();
    for (BookLevel level : levels.subList(0, Math.min(levels.size(), stress.bookLevels()))) {
      if (level.offset() <= stress.bookMaxOffset()) {
        kept.add(BookLevel.of(level.offset(), level.size() * stress.bookSizeMultiplier()));
      }
    }
    if (kept.isEmpty()) {
      throw new InvalidInputException("bookMaxOffset", "must keep at least one level of the"
          + " book, whose cheapest is at offset " + levels.get(0).offset() + "; was "
          + stress.bookMaxOffset());
    }
    return new OrderBookTemporaryImpact(kept);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OrderBookTemporaryImpact book && book.levels.equals(levels);
  }

  @Override
  public int hashCode() {
    return levels.hashCode();
  }

  @Override
  public String toString() {
    return "OrderBookTemporaryImpact" + levels;
  }
}
