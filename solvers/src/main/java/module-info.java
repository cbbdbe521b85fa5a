/**
 * The solvers and what builds on them: the exact optimiser, the baselines, the cost curve,
 * frontier and hierarchy, stress scenarios and fire-sale cascades, and auto-deleveraging.
 * {@link org.deleverage.solvers.Solvers} is the entry point. The adapter to ojAlgo is internal.
 */
module org.deleverage.solvers {
  requires transitive org.deleverage.core;
  requires com.google.common;
  requires ojalgo;

  exports org.deleverage.solvers;
  exports org.deleverage.solvers.adl;
  exports org.deleverage.solvers.analysis;
  exports org.deleverage.solvers.baseline;
  exports org.deleverage.solvers.exchange;
  exports org.deleverage.solvers.optimal;
  exports org.deleverage.solvers.stress;
}
