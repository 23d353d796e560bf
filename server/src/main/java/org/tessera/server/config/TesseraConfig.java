package org.tessera.server.config;

import java.nio.file.Path;
import org.tessera.archive.database.DatabaseOptions;
import org.tessera.archive.ingest.IngestOptions;
import org.tessera.archive.storage.StorageOptions;
import org.tessera.dimse.DimseOptions;

/**
 * The effective configuration of a node: defaults, then tessera.yaml, then TESSERA_*
 * environment variables, then command-line flags.
 *
 * @param data the directory that holds everything the node stores by default: relative storage
 *     and embedded database directories are taken from it
 */
public record TesseraConfig(
    Path data, HttpOptions http, DimseOptions dimse, StorageOptions storage,
    DatabaseOptions database, IngestOptions ingest) {
  public static final Path DEFAULT_DATA = Path.of("data");

  public static final TesseraConfig DEFAULTS = new TesseraConfig(
      DEFAULT_DATA, HttpOptions.DEFAULTS, DimseOptions.DEFAULTS,
      StorageOptions.DEFAULTS, DatabaseOptions.DEFAULTS, IngestOptions.DEFAULTS);
}
