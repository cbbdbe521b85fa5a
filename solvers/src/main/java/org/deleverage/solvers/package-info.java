/** The library's solvers, found by name through the {@link org.deleverage.solvers.SolverCatalog}. */
package org.deleverage.solvers;
