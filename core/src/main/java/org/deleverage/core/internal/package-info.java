/**
 * Internal: the per-asset accounting and the plan assembly that the evaluator and the solvers
 * share. Not part of the API; the module exports this package only to the solvers.
 */
package org.deleverage.core.internal;
