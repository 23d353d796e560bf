package org.tessera.archive.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tessera.archive.database.Database;
import org.tessera.archive.database.DatabaseOptions;
import org.tessera.archive.ingest.IngestOptions;
import org.tessera.archive.ingest.IngestService;
import org.tessera.archive.storage.FileBlobStore;
import org.tessera.archive.storage.StorageOptions;

/**
 * A storage core on a fresh database and a blob store in a temp directory, with a real Vertx
 * that reports a blocked event loop after 200 ms: what archive-core tests and protocol module
 * tests stand on.
 */
public final class TestArchive implements AutoCloseable {
  public final Vertx vertx;
  public final Database database;
  public final FileBlobStore blobs;
  public final IngestService ingest;
  public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  public TestArchive(Path dir, IngestOptions options) {
    vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    database = Database.open(vertx, TestDatabase.newDatabaseUrl(), DatabaseOptions.DEFAULTS).await();
    blobs = new FileBlobStore(vertx,
        new StorageOptions(dir.resolve("blobs"), false, Duration.ZERO));
    ingest = new IngestService(vertx, database.pool(), blobs, options, metrics);
  }

  public TestArchive(Path dir) {
    this(dir, IngestOptions.DEFAULTS);
  }

  /** The rows of a query with positional parameters, each row's columns as a list. */
  public List<List<Object>> rows(String sql, Object... params) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : database.pool().preparedQuery(sql).execute(Tuple.wrap(new ArrayList<>(java.util.Arrays.asList(params)))).await()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(r.getValue(i));
      }
      out.add(row);
    }
    return out;
  }

  /** The single value of a single-row query. */
  public Object value(String sql, Object... params) {
    return rows(sql, params).get(0).get(0);
  }

  @Override
  public void close() {
    ingest.close(java.time.Duration.ofSeconds(10)).await();
    database.close().await();
    vertx.close().await();
  }
}
