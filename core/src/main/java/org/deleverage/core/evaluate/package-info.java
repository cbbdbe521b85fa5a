/**
 * The evaluator: MODEL.md sections 3 and 4 recomputed from a {@link
 * org.deleverage.core.evaluate.TradeTable} alone. It is the single source of truth that every
 * solver's plan passes through.
 */
package org.deleverage.core.evaluate;
