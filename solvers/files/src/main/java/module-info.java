/**
 * The file format of FORMAT.md: problems and portfolios, price histories and the covariance from
 * them, plans, curves, stress, cascade and auto-deleveraging files, in JSON and CSV. Jackson is
 * its only third-party dependency, and no Jackson type appears in its API.
 */
module org.deleverage.files {
  requires transitive org.deleverage.solvers;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;

  exports org.deleverage.io;

  opens org.deleverage.io to
      com.fasterxml.jackson.databind;
}
