package org.deleverage.solvers;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.solvers.baseline.GreedyMarginCallSolver;
import org.deleverage.solvers.baseline.ProRataSolver;
import org.deleverage.solvers.optimal.InteriorPointOptions;
import org.deleverage.solvers.optimal.InteriorPointSolver;

/**
 * The entry point for Java users: every solver of the library, with the one default, {@link
 * #optimal()}, and by name as the command line's {@code --solver} takes them.
 *
 * <p>A plan is {@code Solvers.optimal().plan(problem)}. What builds on solvers takes one of these:
 * the cost curve and the efficient frontier ({@link org.deleverage.solvers.analysis.CostCurve},
 * {@link org.deleverage.solvers.analysis.EfficientFrontier}), stress scenarios and fire-sale
 * cascades ({@link org.deleverage.solvers.stress.StressRunner}, {@link
 * org.deleverage.solvers.stress.Cascade}), and many problems at once ({@link
 * org.deleverage.core.solve.BatchSolver}). Every solver is stateless and thread-safe.
 */
public final class Solvers {

  /** The solver used when none is named. */
  public static final String DEFAULT_NAME = InteriorPointSolver.NAME;

  private static final InteriorPointSolver OPTIMAL =
      new InteriorPointSolver(InteriorPointOptions.DEFAULTS);

  private static final Map<String, DeleveragingSolver> SOLVERS = solvers();

  private Solvers() {}

  /**
   * The default solver: the exact optimiser with its default options ({@link
   * InteriorPointOptions#DEFAULTS}).
   *
   * @return the default solver
   */
  public static InteriorPointSolver optimal() {
    return OPTIMAL;
  }

  /**
   * The exact optimiser with other options (a time limit, concurrent runs, a local solve of a
   * non-convex instance).
   *
   * @param options the tolerances, limits and choices of the method
   * @return the optimiser with those options
   */
  public static InteriorPointSolver optimal(InteriorPointOptions options) {
    return options.equals(InteriorPointOptions.DEFAULTS) ? OPTIMAL : new InteriorPointSolver(options);
  }

  /**
   * The solver called {@code name}, if there is one.
   *
   * @param name a solver's name, as {@link #names()} lists them
   * @return the solver called {@code name}, if there is one
   */
  public static Optional<DeleveragingSolver> named(String name) {
    return Optional.ofNullable(SOLVERS.get(name));
  }

  /**
   * Every solver name, in a stable order.
   *
   * @return every solver name, in a stable order
   */
  public static List<String> names() {
    return List.copyOf(SOLVERS.keySet());
  }

  private static Map<String, DeleveragingSolver> solvers() {
    ImmutableMap.Builder<String, DeleveragingSolver> solvers = ImmutableMap.builder();
    solvers.put(InteriorPointSolver.NAME, OPTIMAL);
    for (GreedyMarginCallSolver.Priority priority : GreedyMarginCallSolver.Priority.values()) {
      GreedyMarginCallSolver solver = new GreedyMarginCallSolver(priority);
      solvers.put(solver.name(), solver);
    }
    solvers.put(ProRataSolver.DEFAULT.name(), ProRataSolver.DEFAULT);
    return solvers.build();
  }
}
