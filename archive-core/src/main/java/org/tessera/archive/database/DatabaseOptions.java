package org.tessera.archive.database;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How Tessera reaches its index.
 *
 * @param url {@code postgresql://user:password@host:port/database} of an external server, or
 *     empty for the embedded server
 * @param embeddedDirectory data directory of the embedded server, kept across restarts (a
 *     relative path is taken from the data directory)
 * @param poolSize connections in the pool of each node
 * @param connectTimeout how long to wait for a connection (open or from the pool)
 */
public record DatabaseOptions(
    String url, Path embeddedDirectory, int poolSize, Duration connectTimeout) {
  public static final String DEFAULT_URL = "";
  public static final Path DEFAULT_EMBEDDED_DIRECTORY = Path.of("pg");
  public static final int DEFAULT_POOL_SIZE = 8;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public static final DatabaseOptions DEFAULTS = new DatabaseOptions(
      DEFAULT_URL, DEFAULT_EMBEDDED_DIRECTORY, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);

  public boolean embedded() {
    return url == null || url.isBlank();
  }

  public DatabaseOptions withUrl(String u) {
    return new DatabaseOptions(u, embeddedDirectory, poolSize, connectTimeout);
  }

  public DatabaseOptions withEmbeddedDirectory(Path dir) {
    return new DatabaseOptions(url, dir, poolSize, connectTimeout);
  }
}
