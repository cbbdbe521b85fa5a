/**
 * The adapter to Apache Commons Math: the only package of the library that imports its types.
 * It offers what the rest of the library needs in the library's own terms: eigenvalues of
 * symmetric matrices and their square roots, and one-dimensional maximisation and root finding.
 */
package org.deleverage.models.numerics;
