package org.tessera.server;

/**
 * Print usage to standard output.
 *
 * @param text the usage text to print (general, or one command's)
 */
record HelpCommand(String text) implements Command {
}
