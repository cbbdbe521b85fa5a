/**
 * The adapter to Apache Commons Math: the only package of the library that imports its types.
 * It offers what the rest of the library needs in the library's own terms: eigenvalues of
 * symmetric matrices, their square roots and the projection onto the positive semidefinite cone,
 * sample variances, covariances and correlations, and one-dimensional maximisation and root
 * finding.
 */
package org.deleverage.models.numerics;
