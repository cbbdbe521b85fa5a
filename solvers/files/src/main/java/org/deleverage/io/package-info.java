/**
 * The files of FORMAT.md: the problem file read and written by {@link
 * org.deleverage.io.ProblemJson}, and a plan written as the plan file ({@link
 * org.deleverage.io.PlanJson}), as the liquidation sequence in CSV ({@link
 * org.deleverage.io.PlanCsv}) or as a desk report ({@link org.deleverage.io.PlanTable}); and a
 * daily price history read from CSV ({@link org.deleverage.io.PriceHistoryCsv}). This is
 * the only package that uses Jackson; its public API speaks only the library's own types, and
 * every input error is an {@link org.deleverage.InvalidInputException} naming the JSON
 * path (or the CSV file, row and column) and the rule. Nothing here prints.
 */
package org.deleverage.io;
