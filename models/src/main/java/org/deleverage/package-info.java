/**
 * The library's exceptions, one hierarchy under {@link org.deleverage.DeleverageException}: invalid
 * input (the path of the field and the rule), an infeasible shortfall (with S_max) and a solver
 * failure. Every module throws these and only these on purpose.
 */
package org.deleverage;
