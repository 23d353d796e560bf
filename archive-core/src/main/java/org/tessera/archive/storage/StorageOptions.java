package org.tessera.archive.storage;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how instance files are kept.
 *
 * @param directory root of the blob store (a relative path is taken from the data directory); instance files live under hashed fan-out
 *     directories, temp files under {@code tmp/}
 * @param fsync whether a file (and its directory entry) is forced to disk before the index
 *     commit that acknowledges it; off trades durability on power loss for speed
 * @param staleTempAge temp files older than this are removed at start-up (they belong to
 *     ingests that died before acknowledging)
 */
public record StorageOptions(Path directory, boolean fsync, Duration staleTempAge) {
  public static final Path DEFAULT_DIRECTORY = Path.of("blobs");
  public static final boolean DEFAULT_FSYNC = true;
  public static final Duration DEFAULT_STALE_TEMP_AGE = Duration.ZERO;

  public static final StorageOptions DEFAULTS =
      new StorageOptions(DEFAULT_DIRECTORY, DEFAULT_FSYNC, DEFAULT_STALE_TEMP_AGE);

  public StorageOptions withDirectory(Path dir) {
    return new StorageOptions(dir, fsync, staleTempAge);
  }

  public StorageOptions withFsync(boolean on) {
    return new StorageOptions(directory, on, staleTempAge);
  }
}
