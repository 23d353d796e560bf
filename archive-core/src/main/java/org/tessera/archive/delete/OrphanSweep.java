package org.tessera.archive.delete;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.storage.BlobStore;

/**
 * Deletes placed files that no instance row points to. A process killed between placing a file
 * and committing its row leaves one behind (harmless: nothing refers to it, but it takes space);
 * so does a deletion killed between its commit and its file deletions. Only files last modified
 * before a cutoff are considered: files of ingests in flight (placed, about to be committed) must
 * be younger than it. A node sweeping at start-up, before it ingests, takes its start time; nodes
 * sharing a store with others still ingesting must take a cutoff older than any ingest's duration.
 */
public final class OrphanSweep {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);
  private static final int BATCH = 1000;
  private static final long QUERY_TIMEOUT_SECONDS = 60;
  private static final String UNREFERENCED = """
      SELECT k FROM unnest($1::text[]) AS k
      WHERE NOT EXISTS (SELECT 1 FROM instance WHERE blob_key = k)""";

  private final Vertx vertx;
  private final Pool pool;
  private final BlobStore blobs;

  public OrphanSweep(Vertx vertx, Pool pool, BlobStore blobs) {
    this.vertx = vertx;
    this.pool = pool;
    this.blobs = blobs;
  }

  /**
   * Walks the store on a worker thread, deleting unreferenced files modified before
   * {@code cutoff}; completes with the number of files deleted.
   */
  public Future<Integer> run(Instant cutoff) {
    return vertx.executeBlocking(() -> sweepBlocking(cutoff), false).onSuccess(n -> {
      if (n > 0) {
        LOG.info("deleted {} files no index row referred to", n);
      }
    });
  }

  private int sweepBlocking(Instant cutoff) throws Exception {
    int deleted = 0;
    try (Stream<String> keys = blobs.keysBlocking(cutoff)) {
      Iterator<String> it = keys.iterator();
      List<String> batch = new ArrayList<>(BATCH);
      while (it.hasNext()) {
        batch.add(it.next());
        if (batch.size() == BATCH || !it.hasNext()) {
          deleted += deleteUnreferencedBlocking(batch);
          batch.clear();
        }
      }
    }
    return deleted;
  }

  private int deleteUnreferencedBlocking(List<String> keys)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    // a worker thread may wait for the pool; the query itself runs on an event loop
    List<String> unreferenced = pool.preparedQuery(UNREFERENCED)
        .execute(Tuple.tuple().addArrayOfString(keys.toArray(String[]::new)))
        .map(rows -> {
          List<String> found = new ArrayList<>();
          for (Row r : rows) {
            found.add(r.getString(0));
          }
          return found;
        })
        .toCompletionStage().toCompletableFuture().get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    for (String key : unreferenced) {
      blobs.deleteBlocking(key);
      LOG.debug("deleted unreferenced file {}", key);
    }
    return unreferenced.size();
  }
}
