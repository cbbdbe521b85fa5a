/**
 * The cost, impact and margin models of MODEL.md: pure formulas with their units, with no domain
 * types, shared by the evaluator and every solver. The temporary impact models are a sealed
 * family ({@link org.deleverage.models.TemporaryImpactModel}).
 */
package org.deleverage.models;
