/**
 * The model's formulas (cost, impact, margin), the risk matrices from price histories, and the
 * library's exceptions. The leaf of the library: every other module builds on it.
 *
 * <p>Exported: {@code org.deleverage} (the exceptions), {@code org.deleverage.models} (the
 * formulas) and {@code org.deleverage.models.risk} (covariances, their repair and stress). The
 * validation helpers and the adapter to Commons Math are internal, exported only to the library's
 * own modules.
 */
module org.deleverage.models {
  requires com.google.common;
  requires commons.math3;

  exports org.deleverage;
  exports org.deleverage.models;
  exports org.deleverage.models.risk;
  exports org.deleverage.models.internal to
      org.deleverage.core,
      org.deleverage.solvers,
      org.deleverage.files;
  exports org.deleverage.models.numerics to
      org.deleverage.solvers;
}
