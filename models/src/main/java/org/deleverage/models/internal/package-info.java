/**
 * Internal: validation of single values and matrices, shared by the library's modules and not
 * part of its API. The module exports this package only to the library's own modules; on the
 * class path it is public only because Java has no narrower access across packages.
 */
package org.deleverage.models.internal;
