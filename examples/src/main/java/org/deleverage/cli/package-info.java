/**
 * The {@code deleverage} command line (picocli): the only package of the library that prints or
 * exits. {@link org.deleverage.cli.DeleverageCommand} is the entry point of {@code
 * deleverage.jar}; its {@code run} method runs the command in-process for tests and embedding.
 */
package org.deleverage.cli;
