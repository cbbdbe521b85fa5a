/**
 * The cost, impact and margin models of MODEL.md: pure formulas with their units, with no domain
 * types, shared by the evaluator and every solver. Validation of single values ({@link
 * org.deleverage.models.internal.Checks}) and its exception live here too, because every other module
 * builds on this one.
 */
package org.deleverage.models;
