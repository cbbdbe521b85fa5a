/**
 * The command line's charts, drawn headless with XChart and returned as PNG bytes: this is the
 * only package of the library that imports XChart types.
 */
package org.deleverage.chart;
