package org.tessera.archive.ingest;

import org.tessera.archive.model.Visibility;

/**
 * How the ingest pipeline decides.
 *
 * @param duplicatePolicy what a second instance with a stored SOP Instance UID does
 * @param workers threads that copy, parse and place files, with fsync waits among them (0: four
 *     per core, which measured best with fsync on and off: a worker waiting for the disk does
 *     not use its core)
 * @param newCollectionVisibility visibility of a collection created because an instance named it
 * @param maxHeaderValueLength longest single non-bulk value accepted in a header, in bytes
 */
public record IngestOptions(
    DuplicatePolicy duplicatePolicy, int workers, Visibility newCollectionVisibility,
    int maxHeaderValueLength) {
  public static final DuplicatePolicy DEFAULT_DUPLICATE_POLICY = DuplicatePolicy.REPLACE;
  public static final int DEFAULT_WORKERS = 0;
  public static final Visibility DEFAULT_NEW_COLLECTION_VISIBILITY = Visibility.RESTRICTED;
  public static final int DEFAULT_MAX_HEADER_VALUE_LENGTH = 64 * 1024 * 1024;

  public static final IngestOptions DEFAULTS = new IngestOptions(
      DEFAULT_DUPLICATE_POLICY, DEFAULT_WORKERS, DEFAULT_NEW_COLLECTION_VISIBILITY,
      DEFAULT_MAX_HEADER_VALUE_LENGTH);

  /** The worker count, 0 resolved. */
  public int effectiveWorkers() {
    return workers > 0 ? workers : 4 * Runtime.getRuntime().availableProcessors();
  }
}
