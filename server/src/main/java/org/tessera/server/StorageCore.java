package org.tessera.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveServices;
import org.tessera.archive.database.ArchiveCreationService;
import org.tessera.archive.database.Database;
import org.tessera.archive.database.EmbeddedPostgresServer;
import org.tessera.archive.delete.DeletionService;
import org.tessera.archive.delete.OrphanSweep;
import org.tessera.archive.ingest.IngestService;
import org.tessera.archive.query.QueryService;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.storage.FileBlobStore;
import org.tessera.server.config.TesseraConfig;

/**
 * The storage core of one process, started in order: the data directory (locked), the embedded
 * PostgreSQL server unless an external one is configured, the index (migrated, the configured
 * archives created), the blob store (stale temp files swept), and the archive services on top.
 * {@code run} and {@code import} both stand on it.
 *
 * <p>After a process died on the directory (see {@link DataDirectoryLock}), files it placed but
 * never indexed are deleted in the background ({@link OrphanSweep}, files older than this start).
 * A stop is recorded as clean only if every ingest ended and no such sweep is owed.
 */
final class StorageCore {
  private static final Logger LOG = LoggerFactory.getLogger(StorageCore.class);
  /** How long a stop waits for ingests in flight (inside the launcher's own stop timeout). */
  private static final Duration INGEST_DRAIN_TIMEOUT = Duration.ofSeconds(20);

  private final DataDirectoryLock lock;
  private final EmbeddedPostgresServer embedded;
  private final Database database;
  private final ArchiveServices services;
  /**
   * The sweep for unreferenced files started at start-up if the previous process died (else
   * done already); a stop waits for it, and records itself clean only if it succeeded.
   */
  private volatile Future<Integer> sweep = Future.succeededFuture(0);

  private StorageCore(DataDirectoryLock lock, EmbeddedPostgresServer embedded, Database database,
      ArchiveServices services) {
    this.lock = lock;
    this.embedded = embedded;
    this.database = database;
    this.services = services;
  }

  /** Deletes what a process that died left unreferenced, in the background. */
  private StorageCore sweepIfOwed(Vertx vertx, Instant started) {
    if (lock.previousStopUnclean()) {
      LOG.info("the previous process did not stop cleanly: looking for files it left unindexed");
      sweep = new OrphanSweep(vertx, database.pool(), services.blobs()).run(started)
          .onFailure(e -> LOG.warn("cannot sweep unindexed files: {}", e.getMessage()));
    }
    return this;
  }

  /** Starts everything; on failure, closes what was started. {@code config} paths are absolute. */
  static Future<StorageCore> start(Vertx vertx, TesseraConfig config, MeterRegistry registry) {
    Instant started = Instant.now();
    record Local(DataDirectoryLock lock, EmbeddedPostgresServer embedded, FileBlobStore blobs) {}
    Future<Local> local = vertx.executeBlocking(() -> {
      try {
        Files.createDirectories(config.data());
      } catch (IOException e) {
        throw new IOException("cannot create data directory " + config.data() + ": " + e, e);
      }
      DataDirectoryLock lock = DataDirectoryLock.acquireBlocking(config.data());
      try {
        EmbeddedPostgresServer pg = config.database().embedded()
            ? EmbeddedPostgresServer.startBlocking(config.database().embeddedDirectory()) : null;
        FileBlobStore blobs = new FileBlobStore(vertx, config.storage());
        int swept = blobs.sweepTempFilesBlocking();
        if (swept > 0) {
          LOG.info("removed {} temp files of ingests that did not finish", swept);
        }
        return new Local(lock, pg, blobs);
      } catch (IOException | RuntimeException e) {
        lock.close(!lock.previousStopUnclean());
        throw e;
      }
    }, false);
    return local.compose(l -> {
      String url = l.embedded() != null ? l.embedded().url() : config.database().url();
      // building the services loads many classes in a fresh JVM: not on an event loop
      return Database.open(vertx, url, config.database())
          .compose(db -> createArchives(db, config))
          .compose(db -> vertx.executeBlocking(() -> new StorageCore(l.lock(), l.embedded(), db,
              new ArchiveServices(
              new IngestService(vertx, db.pool(), l.blobs(), config.ingest(), registry),
              new QueryService(db.pool(), config.query(), registry),
              new RetrieveService(db.pool()),
              new DeletionService(vertx, db.pool(), l.blobs()),
              l.blobs())), false))
          .map(core -> core.sweepIfOwed(vertx, started))
          .recover(e -> closeLocal(vertx, l.lock(), l.embedded(), !l.lock().previousStopUnclean())
              .transform(x -> Future.failedFuture(new IllegalStateException(
                  "cannot open the index database: " + e.getMessage(), e))));
    });
  }

  /**
   * Creates the archives the configuration names besides {@code default}, which the schema
   * holds; closes the pool if that fails.
   */
  private static Future<Database> createArchives(Database db, TesseraConfig config) {
    return new ArchiveCreationService(db.pool())
        .createMissing(config.dimse().archiveAeTitles().furtherArchives())
        .transform(created -> created.succeeded() ? Future.succeededFuture(db)
            : db.close().transform(closed -> Future.failedFuture(created.cause())));
  }

  ArchiveServices services() {
    return services;
  }

  Database database() {
    return database;
  }

  /**
   * Stops accepting ingests and waits for those in flight, then closes the pool (rolling back
   * open transactions) and the server.
   */
  Future<Void> close(Vertx vertx) {
    return services.ingest().close(INGEST_DRAIN_TIMEOUT)
        .otherwise(false)
        .compose(drained -> sweep.transform(swept -> Future.succeededFuture(
            drained && swept.succeeded())))
        .compose(clean -> database.close().transform(x -> closeLocal(vertx, lock, embedded,
            clean)));
  }

  private static Future<Void> closeLocal(Vertx vertx, DataDirectoryLock lock,
      EmbeddedPostgresServer embedded, boolean clean) {
    return vertx.executeBlocking(() -> {
      try {
        if (embedded != null) {
          embedded.close();
        }
      } finally {
        lock.close(clean);
      }
      return null;
    }, false);
  }

}
