package org.tessera.archive.internal.index;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.ingest.DuplicatePolicy;
import org.tessera.archive.ingest.IngestOutcome;

/**
 * Commits instances to the index with group commit: an instance that arrives while a
 * transaction runs waits (unless {@value #SECOND_BATCH} wait: then up to {@value #IN_FLIGHT}
 * run), and the next transaction takes every instance
 * waiting (up to {@value #MAX_BATCH}, distinct SOP Instance UIDs), so that under load the
 * per-transaction costs (round trips, row locks on the hot patient, study and series rows, the
 * WAL flush at commit) are shared and an idle archive still commits each instance at once.
 * {@link IndexBatch} writes them: patient, study and series rows created or updated with their
 * aggregates, instance rows inserted, stored instances with the same SOP Instance UID
 * recognised as duplicates or replaced.
 *
 * <p>A batch that fails is written again one instance per transaction, so that one instance's
 * problem is its own. A transaction that loses a race (unique violation, deadlock) is retried
 * on its own: the retry sees the winner's rows.
 */
public final class IndexWriter {
  static final int MAX_BATCH = 64;
  static final int IN_FLIGHT = 2;
  /**
   * Instances waiting before a second transaction starts beside a running one. Fewer wait for
   * the running one and go in the next batch together: a few associations storing at once
   * (one instance each in flight) then share transactions instead of paying one each (C-STORE
   * over 4 associations: 20 % more instances/s, a third less PostgreSQL CPU), while an import,
   * which keeps many instances in flight, still overlaps one batch's commit with the next.
   */
  static final int SECOND_BATCH = 8;
  private static final int ATTEMPTS = 10;
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String DEADLOCK = "40P01";
  private static final String SERIALIZATION = "40001";

  private final Pool pool;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int running;
  /** Whether the last batch found none of its instances stored: see {@link #transaction}. */
  private volatile boolean assumeNew = true;

  public IndexWriter(Pool pool) {
    this.pool = pool;
  }

  /** What is stored under a SOP Instance UID. */
  record Existing(long pk, long size, byte[] md5, String blobKey) {
    /** Whether content of this size and MD5 is what is stored. */
    boolean sameBytes(long otherSize, byte[] otherMd5) {
      return size == otherSize && Arrays.equals(md5, otherMd5);
    }
  }

  /**
   * What the commit did.
   *
   * @param obsoleteBlobKey the file to delete once committed: the replaced instance's, or the
   *     new one's when it turned out a duplicate; null if none
   */
  public record Written(IngestOutcome outcome, String obsoleteBlobKey) {}

  /** The file a placed blob went to. */
  public record Blob(String key, long size, byte[] md5) {}

  private record Pending(IndexBatch.Item item, Future<Void> durable, Promise<Written> promise) {
    String uid() {
      return item.archivePk() + "/" + item.rec().sopInstanceUid();
    }
  }

  /**
   * Commits {@code rec}, whose file is placed under {@code blob}; completes once committed, or
   * fails (CONFLICT when the instance cannot be stored as it is, or a database failure).
   */
  public Future<Written> write(long archivePk, long collectionPk, InstanceRecord rec, Blob blob,
      DuplicatePolicy policy) {
    return write(archivePk, collectionPk, rec, blob, policy, Future.succeededFuture());
  }

  /**
   * As {@link #write(long, long, InstanceRecord, Blob, DuplicatePolicy)} for a blob that is
   * being made durable meanwhile: the statements run at once, the commit waits for
   * {@code durable}, and fails with its failure (the transaction then holds only the
   * instances whose files are durable).
   */
  public Future<Written> write(long archivePk, long collectionPk, InstanceRecord rec, Blob blob,
      DuplicatePolicy policy, Future<Void> durable) {
    Pending p = new Pending(new IndexBatch.Item(archivePk, collectionPk, rec, blob, policy),
        durable, Promise.promise());
    List<Pending> batch = null;
    synchronized (queue) {
      queue.add(p);
      if (running == 0 || (running < IN_FLIGHT && queue.size() >= SECOND_BATCH)) {
        running++;
        batch = takeBatch();
      }
    }
    if (batch != null) {
      run(batch);
    }
    return p.promise().future();
  }

  /** The next batch: waiting instances in order, a UID already taken waits for the next one. */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    Set<String> uids = new HashSet<>();
    for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
      Pending p = it.next();
      if (uids.add(p.uid())) {
        batch.add(p);
        it.remove();
      }
    }
    return batch;
  }

  private void run(List<Pending> batch) {
    commit(batch).onComplete(ar -> {
      List<Pending> next;
      synchronized (queue) {
        next = queue.isEmpty() ? null : takeBatch();
        if (next == null) {
          running--;
        }
      }
      if (next != null) {
        run(next);
      }
    });
  }

  private Future<Void> commit(List<Pending> batch) {
    if (batch.size() == 1) {
      return commitAlone(batch.get(0), 1);
    }
    List<IndexBatch.Item> items = batch.stream().map(Pending::item).toList();
    List<Future<Void>> durables = batch.stream().map(Pending::durable).toList();
    // committed only once every file is durable; a failed one fails the batch, and the
    // instances are then written one by one
    return transaction(items, durables).transform(ar -> {
      if (ar.succeeded()) {
        for (int i = 0; i < batch.size(); i++) {
          complete(batch.get(i), ar.result().get(i));
        }
        return Future.succeededFuture();
      }
      List<Future<Void>> alone = batch.stream().map(p -> commitAlone(p, 1)).toList();
      return Future.join(alone).mapEmpty();
    });
  }

  private Future<Void> commitAlone(Pending p, int attempt) {
    return transaction(List.of(p.item()), List.of(p.durable())).transform(ar -> {
      if (ar.succeeded()) {
        complete(p, ar.result().get(0));
      } else if (lostRace(ar.cause()) && attempt < ATTEMPTS) {
        return commitAlone(p, attempt + 1);
      } else {
        p.promise().fail(lostRace(ar.cause()) ? new ArchiveException(Problem.CONFLICT,
            "SOP Instance UID " + p.item().rec().sopInstanceUid() + " is being stored by other "
            + "ingests at the same time; send it again") : ar.cause());
      }
      return Future.succeededFuture();
    });
  }

  /**
   * Writes {@code items} in one transaction that commits once {@code durables} have all
   * succeeded. BEGIN goes out with the batch's statements, not ahead of them, and they are
   * first written as all new (one round trip for all, then COMMIT); if some turn out stored,
   * that transaction is rolled back and the batch written again the way that looks first, as
   * are the batches after it until one finds nothing stored.
   */
  private Future<List<IndexBatch.Result>> transaction(List<IndexBatch.Item> items,
      List<Future<Void>> durables) {
    if (!assumeNew) {
      return transaction(items, durables, IndexBatch::write);
    }
    return transaction(items, durables, IndexBatch::writeAssumingNew).recover(e -> {
      if (!(e instanceof IndexBatch.StoredBefore)) {
        return Future.failedFuture(e);
      }
      assumeNew = false;
      return transaction(items, durables, IndexBatch::write);
    });
  }

  private Future<List<IndexBatch.Result>> transaction(List<IndexBatch.Item> items,
      List<Future<Void>> durables, Statements statements) {
    return pool.withConnection(conn -> {
      Future<?> begin = conn.query("BEGIN").execute();
      Future<List<IndexBatch.Result>> written = statements.write(conn, items);
      return Future.all(begin, written)
          .compose(v -> Future.all(durables))
          .compose(v -> conn.query("COMMIT").execute())
          .map(v -> {
            if (!assumeNew && written.result().stream().allMatch(IndexWriter::stored)) {
              assumeNew = true;
            }
            return written.result();
          })
          .recover(e -> conn.query("ROLLBACK").execute()
              .transform(rolledBack -> Future.failedFuture(e)));
    });
  }

  /** The statements of a batch, sent in a transaction. */
  private interface Statements {
    Future<List<IndexBatch.Result>> write(SqlConnection conn, List<IndexBatch.Item> items);
  }

  private static boolean stored(IndexBatch.Result r) {
    return r.written() != null && r.written().outcome() == IngestOutcome.STORED;
  }

  private static void complete(Pending p, IndexBatch.Result result) {
    if (result.refused() != null) {
      p.promise().fail(result.refused());
    } else {
      p.promise().complete(result.written());
    }
  }

  private static boolean lostRace(Throwable e) {
    return e instanceof PgException pg && (UNIQUE_VIOLATION.equals(pg.getSqlState())
        || DEADLOCK.equals(pg.getSqlState()) || SERIALIZATION.equals(pg.getSqlState()));
  }
}
