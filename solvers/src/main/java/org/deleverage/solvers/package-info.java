/** The library's solvers, found by name through the {@link org.deleverage.solvers.Solvers}. */
package org.deleverage.solvers;
