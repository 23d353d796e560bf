package org.tessera.server;

import java.nio.file.Path;
import java.util.List;
import org.tessera.server.config.TesseraConfig;

/**
 * {@code tessera import DIR...}: bulk-import directory trees through the ingest pipeline.
 *
 * @param config the effective configuration (paths absolute)
 * @param roots the directories (or files) to import, absolute
 * @param verbose print one line per instance stored
 */
record ImportCommand(TesseraConfig config, List<Path> roots, boolean verbose) implements Command {}
