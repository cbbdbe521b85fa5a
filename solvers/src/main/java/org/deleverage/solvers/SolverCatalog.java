package org.deleverage.solvers;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deleverage.core.solve.DeleveragingSolver;
import org.deleverage.solvers.baseline.GreedyMarginCallSolver;
import org.deleverage.solvers.baseline.ProRataSolver;
import org.deleverage.solvers.optimal.InteriorPointSolver;

/** The solvers of the library by name, as the command line's {@code --solver} takes them. */
public final class SolverCatalog {

  /** The solver used when none is named. */
  public static final String DEFAULT_NAME = InteriorPointSolver.NAME;

  private static final Map<String, DeleveragingSolver> SOLVERS = solvers();

  private SolverCatalog() {}

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
   * The solver used when none is named.
   *
   * @return the solver used when none is named
   */
  public static DeleveragingSolver defaultSolver() {
    return SOLVERS.get(DEFAULT_NAME);
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
    solvers.put(InteriorPointSolver.NAME, InteriorPointSolver.DEFAULT);
    for (GreedyMarginCallSolver.Priority priority : GreedyMarginCallSolver.Priority.values()) {
      GreedyMarginCallSolver solver = new GreedyMarginCallSolver(priority);
      solvers.put(solver.name(), solver);
    }
    solvers.put(ProRataSolver.DEFAULT.name(), ProRataSolver.DEFAULT);
    return solvers.build();
  }
}
