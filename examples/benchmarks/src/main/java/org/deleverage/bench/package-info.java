/**
 * JMH benchmarks of the solvers on generated portfolios: {@link
 * org.deleverage.bench.PortfolioGenerator} makes realistic, convex margin-call portfolios of any
 * size from a seed, and {@link
 * org.deleverage.bench.SolverBenchmark} times a solver of the catalog on them. Nothing here runs
 * during the build; the benchmarks run from {@code examples/benchmarks/target/benchmarks.jar}.
 */
package org.deleverage.bench;
