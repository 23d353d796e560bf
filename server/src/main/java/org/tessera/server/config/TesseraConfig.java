package org.tessera.server.config;

import java.nio.file.Path;
import org.tessera.archive.database.DatabaseOptions;
import org.tessera.archive.ingest.IngestOptions;
import org.tessera.archive.query.QueryOptions;
import org.tessera.archive.storage.StorageOptions;
import org.tessera.dimse.DimseOptions;

/**
 * The effective configuration of a node: defaults, then tessera.yaml, then TESSERA_*
 * environment variables, then command-line flags ({@link ConfigLoader}). Each component is a
 * key or a section of keys, named after the component.
 *
 * @param data the directory that holds everything the node stores by default: relative storage
 *     and embedded database directories are taken from it
 * @param http the HTTP APIs
 * @param dimse the DICOM upper layer service
 * @param storage where and how instance files are kept
 * @param database how the index is reached
 * @param ingest how instances are accepted
 * @param query limits of the query engine, every query API alike
 */
public record TesseraConfig(
    Path data, HttpOptions http, DimseOptions dimse, StorageOptions storage,
    DatabaseOptions database, IngestOptions ingest, QueryOptions query) {
  public static final Path DEFAULT_DATA = Path.of("data");

  public static final TesseraConfig DEFAULTS = new TesseraConfig(
      DEFAULT_DATA, HttpOptions.DEFAULTS, DimseOptions.DEFAULTS,
      StorageOptions.DEFAULTS, DatabaseOptions.DEFAULTS, IngestOptions.DEFAULTS,
      QueryOptions.DEFAULTS);
}
