/** The adapter to Apache Commons Math: the only package that imports its types. */
package org.deleverage.models.linalg;
