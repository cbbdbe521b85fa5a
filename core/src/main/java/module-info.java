/**
 * The problem, its resolved form, the evaluator, the plan and the solver vocabulary, with the
 * batch solver. The shared accounting and plan assembly are internal, exported only to the
 * solvers.
 */
module org.deleverage.core {
  requires transitive org.deleverage.models;
  requires com.google.common;

  exports org.deleverage.core;
  exports org.deleverage.core.evaluate;
  exports org.deleverage.core.plan;
  exports org.deleverage.core.solve;
  exports org.deleverage.core.internal to
      org.deleverage.solvers;
}
