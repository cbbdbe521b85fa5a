package org.deleverage.core.plan;

/**
 * The account after one period of the plan. Immutable and thread-safe.
 *
 * @param period the 1-based period
 * @param excess X_k: equity less requirement in margin mode, K_k - S in cash mode, money
 * @param cashRaised K_k, the net cash raised by the trades so far, money
 * @param loss L_k, the expected loss so far, money
 */
public record PeriodResult(int period, double excess, double cashRaised, double loss) {}
