package org.tessera.archive.testing;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessera.archive.database.EmbeddedPostgresServer;

/**
 * One embedded PostgreSQL server per test JVM, and a fresh, empty database on it for each test
 * class that asks: real SQL, no shared state between classes.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgresServer server;

  private TestDatabase() {}

  /** The URL of a new empty database (no schema: {@code Database.open} migrates it). */
  public static synchronized String newDatabaseUrl() {
    EmbeddedPostgresServer s = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    Vertx vertx = Vertx.vertx();
    try {
      Pool admin = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(s.url()))
          .using(vertx).build();
      admin.query("CREATE DATABASE " + name).execute().await();
      admin.close().await();
    } finally {
      vertx.close().await();
    }
    return s.url().substring(0, s.url().lastIndexOf('/') + 1) + name;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static EmbeddedPostgresServer server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("tessera-test-pg");
        server = EmbeddedPostgresServer.startBlocking(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
            deleteTree(dir); // ~120 MB per test JVM: left behind, they fill /tmp run after run
          } catch (IOException e) {
            // the JVM is exiting; what is left goes with the machine
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
    }
    return server;
  }
}
