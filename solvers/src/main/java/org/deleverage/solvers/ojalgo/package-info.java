/** The adapter to ojAlgo: the only package of the library that imports its types. */
package org.deleverage.solvers.ojalgo;
