package org.tessera.server;

/** A parsed command line: what {@link Main} is asked to do. */
sealed interface Command permits RunCommand, ImportCommand, HelpCommand {
}
