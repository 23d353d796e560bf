package org.tessera.archive.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.internal.index.Collections;
import org.tessera.archive.internal.index.IndexWriter;
import org.tessera.archive.internal.index.InstanceRecord;
import org.tessera.archive.internal.index.InstanceRecordMapper;
import org.tessera.archive.internal.ingest.IngestMetrics;
import org.tessera.archive.internal.ingest.InstanceParser;
import org.tessera.archive.internal.ingest.InstanceValidator;
import org.tessera.archive.internal.ingest.ParsedInstance;
import org.tessera.archive.storage.BlobStore;
import org.tessera.archive.storage.StorageProblems;
import org.tessera.archive.storage.TempBlob;

/**
 * The one ingest pipeline (ARCHITECTURE "Data flow"): bytes to a temp file with size and MD5,
 * header parse, validation, collection, durable placement of the file, one index transaction,
 * and only then the result. Whatever fails, no index row points to a missing file and no temp
 * file is left behind; a rejection changes nothing.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final String DEFAULT_COLLECTION = "default";

  private final BlobStore blobs;
  private final IngestOptions options;
  private final WorkerExecutor workers;
  private final Collections collections;
  private final IndexWriter index;
  private final InstanceParser parser;
  private final IngestMetrics metrics;
  private final Pool pool;
  private final Vertx vertx;
  /** Ingests started and not yet ended; close waits for them. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Promise<Void> drained = Promise.promise();
  private volatile boolean closing;

  public IngestService(Vertx vertx, Pool pool, BlobStore blobs, IngestOptions options,
      MeterRegistry registry) {
    this.blobs = blobs;
    this.options = options;
    this.pool = pool;
    this.vertx = vertx;
    this.workers = vertx.createSharedWorkerExecutor("tessera-ingest", options.effectiveWorkers());
    this.collections = new Collections(options.newCollectionVisibility());
    this.index = new IndexWriter(pool);
    this.parser = new InstanceParser(options.maxHeaderValueLength());
    this.metrics = new IngestMetrics(registry);
  }

  /** Ingests a Part 10 stream (File Meta Information, then the data set) from the network. */
  public Future<IngestResult> ingest(IngestContext ctx, ReadStream<Buffer> part10) {
    if (!enter()) {
      return stopping();
    }
    long start = System.nanoTime();
    Future<IngestResult> result = collections.archive(pool, ctx.archive())
        .transform(archive -> {
          if (archive.failed()) {
            // an unknown archive: what still arrives is dropped, not left stuck
            part10.handler(null).resume();
            return rejectedOrFailed(ctx, null, archive.cause());
          }
          // received, parsed, placed and forced on one worker; indexed on the event loop
          Promise<Placed> placed = Promise.promise();
          Context loop = vertx.getOrCreateContext();
          return whenPlaced(ctx, placed, blobs.receive(part10, workers,
              temp -> placeAndForce(ctx, archive.result(), () -> temp, loop, placed)));
        });
    return measured(result, start);
  }

  /** Ingests a local Part 10 file; the file itself is copied, never moved or changed. */
  public Future<IngestResult> ingestFile(IngestContext ctx, Path file) {
    if (!enter()) {
      return stopping();
    }
    long start = System.nanoTime();
    return measured(process(ctx, collections.archive(pool, ctx.archive()),
        () -> blobs.copyBlocking(file)), start);
  }

  /**
   * Refuses new ingests (UNAVAILABLE), waits up to {@code timeout} for those in flight to end,
   * then releases the worker threads; completes with whether every ingest had ended (if not,
   * their files may stay behind unreferenced, see {@code OrphanSweep}).
   */
  public Future<Boolean> close(Duration timeout) {
    closing = true;
    if (inFlight.get() == 0) {
      drained.tryComplete();
    }
    return drained.future()
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .transform(ar -> {
          if (ar.failed()) {
            LOG.warn("{} ingests still running after {} ms; stopping anyway", inFlight.get(),
                timeout.toMillis());
          }
          return workers.close().map(ar.succeeded());
        });
  }

  private boolean enter() {
    inFlight.incrementAndGet();
    if (closing) {
      leave();
      return false;
    }
    return true;
  }

  private void leave() {
    if (inFlight.decrementAndGet() == 0 && closing) {
      drained.tryComplete();
    }
  }

  private static Future<IngestResult> stopping() {
    return Future.failedFuture(new ArchiveException(Problem.UNAVAILABLE,
        "the archive is stopping; send it again later"));
  }

  /**
   * The caller's future completes first, then the ingest counts as ended: a close that waits
   * for the last ingest never returns before that ingest's future is complete.
   */
  private Future<IngestResult> measured(Future<IngestResult> f, long start) {
    Promise<IngestResult> done = Promise.promise();
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        metrics.record(ar.result(), start);
      } else {
        metrics.recordFailure(ArchiveException.of(ar.cause()).problem());
      }
      done.handle(ar);
      leave();
    });
    return done.future();
  }

  /** A received instance whose file is placed under {@code key}, not yet indexed. */
  private record Placed(IngestContext ctx, long archivePk, TempBlob temp, InstanceRecord record,
      String key) {
    IngestedInstance instance() {
      return new IngestedInstance(record.studyInstanceUid(), record.seriesInstanceUid(),
          record.sopInstanceUid(), record.sopClassUid(), record.transferSyntaxUid(),
          temp.size(), temp.md5().result(), record.collection());
    }
  }

  /**
   * Copy, parse, validate, place and force on one worker, index meanwhile. A duplicate is placed
   * too and its file deleted once the index has recognised it: the index decides, in the same
   * transaction that would store it, so two copies arriving at once cannot both be new.
   */
  private Future<IngestResult> process(IngestContext ctx, Future<Long> archive,
      Callable<TempBlob> source) {
    Promise<Placed> placed = Promise.promise();
    Context loop = vertx.getOrCreateContext();
    return archive.transform(ar -> whenPlaced(ctx, placed, ar.failed()
        ? Future.failedFuture(ar.cause())
        : workers.executeBlocking(
            () -> placeAndForce(ctx, ar.result(), source, loop, placed), false)));
  }

  /**
   * Blocking: places the instance, hands it to {@code loop} to be indexed, then forces its file
   * on this same thread, so the index statements run while the file goes to the device without
   * a hand-over to another worker. The caller's future completes once the file is durable.
   */
  private Void placeAndForce(IngestContext ctx, long archivePk, Callable<TempBlob> source,
      Context loop, Promise<Placed> placed) throws Exception {
    Placed p = place(ctx, archivePk, source);
    loop.runOnContext(v -> placed.complete(p));
    try {
      blobs.forceBlocking(p.key());
    } catch (IOException e) {
      throw cannotStore(e);
    }
    return null;
  }

  /** Indexes what {@code placed} gives, committing once {@code durable}; or what failed. */
  private Future<IngestResult> whenPlaced(IngestContext ctx, Promise<Placed> placed,
      Future<Void> durable) {
    // a failure before the placing; one after it reaches the commit, which waits for durable
    durable.onFailure(placed::tryFail);
    return placed.future().transform(ar -> ar.succeeded() ? commit(ar.result(), durable)
        : rejectedOrFailed(ctx, null, ar.cause()));
  }

  /** Blocking; on failure the temp file is gone. */
  private Placed place(IngestContext ctx, long archivePk, Callable<TempBlob> source)
      throws Exception {
    TempBlob temp = source.call();
    InstanceRecord record;
    try {
      record = describe(ctx, temp);
    } catch (RuntimeException e) {
      blobs.discardBlocking(temp);
      throw e;
    }
    try {
      return new Placed(ctx, archivePk, temp, record,
          blobs.moveBlocking(temp, record.sopInstanceUid()));
    } catch (IOException e) {
      blobs.discardBlocking(temp);
      throw cannotStore(e);
    }
  }

  /** Parse, validate and map (blocking). */
  private InstanceRecord describe(IngestContext ctx, TempBlob temp) {
    ParsedInstance parsed = parser.parseBlocking(temp.path());
    InstanceValidator.validate(parsed, ctx);
    String own = InstanceRecordMapper.ownCollection(parsed.dataset());
    String collection = own != null ? own
        : ctx.collectionHint() != null ? ctx.collectionHint() : DEFAULT_COLLECTION;
    return InstanceRecordMapper.map(parsed, collection);
  }

  /**
   * The index statements run once the digest is complete, while the file is forced to the device
   * ({@code durable}); the index commits only after it is durable.
   */
  private Future<IngestResult> commit(Placed p, Future<Void> durable) {
    return Future.all(p.temp().md5(),
            collections.collection(pool, p.archivePk(), p.record().collection()))
        .compose(both -> index.write(p.archivePk(), both.<Long>resultAt(1), p.record(),
            new IndexWriter.Blob(p.key(), p.temp().size(), both.resultAt(0)),
            options.duplicatePolicy(), durable))
        .transform(ar -> {
          if (ar.succeeded()) {
            return Future.succeededFuture(committed(p, ar.result()));
          }
          deleteLater(p.key());
          return rejectedOrFailed(p.ctx(), p.instance(), ar.cause());
        });
  }

  private static ArchiveException cannotStore(Throwable e) {
    return new ArchiveException(StorageProblems.of(e), "cannot store the file: " + e.getMessage(),
        e);
  }

  private IngestResult committed(Placed r, IndexWriter.Written w) {
    if (w.obsoleteBlobKey() != null) {
      deleteLater(w.obsoleteBlobKey());
    }
    String message = null;
    if (w.outcome() == IngestOutcome.REPLACED) {
      message = "replaced the stored instance with different content";
      LOG.info("{}: replaced SOP Instance UID {} (new content, {} bytes)", r.ctx().source(),
          r.record().sopInstanceUid(), r.temp().size());
    }
    return IngestResult.success(w.outcome(), r.instance(), message);
  }

  private void deleteLater(String key) {
    cleanUp(() -> blobs.deleteBlocking(key), key);
  }

  /** Runs after the result; a stop waits for it too, so that no file is left behind. */
  private void cleanUp(BlockingCleanUp task, String what) {
    inFlight.incrementAndGet();
    workers.executeBlocking(() -> {
      task.run();
      return null;
    }, false)
        .onFailure(e -> LOG.warn("cannot delete {}: {}", what, e.getMessage()))
        .onComplete(ar -> leave());
  }

  private interface BlockingCleanUp {
    void run() throws Exception;
  }

  /** An expected problem becomes a REJECTED result; anything else fails the future. */
  private static Future<IngestResult> rejectedOrFailed(IngestContext ctx,
      IngestedInstance instance, Throwable e) {
    if (e instanceof ArchiveException ae && isRejection(ae.problem())) {
      LOG.info("{}: rejected {}: {}", ctx.source(),
          instance == null ? "an instance" : instance.sopInstanceUid(), ae.getMessage());
      return Future.succeededFuture(IngestResult.rejected(instance, ae));
    }
    ArchiveException failure = ArchiveException.of(e);
    if (failure.problem() == Problem.CANCELLED) {
      // the sender went away (a connection lost mid data set): nothing stored, nobody to tell
      LOG.info("{}: ingest cancelled: {}", ctx.source(), failure.getMessage());
    } else {
      LOG.error("{}: ingest failed: {}", ctx.source(), failure.getMessage(), e);
    }
    return Future.failedFuture(failure);
  }

  private static boolean isRejection(Problem p) {
    return switch (p) {
      case INVALID_REQUEST, CANNOT_UNDERSTAND, MISSING_ATTRIBUTE, INVALID_ATTRIBUTE,
          DATASET_MISMATCH, UNSUPPORTED_SOP_CLASS, UNSUPPORTED_TRANSFER_SYNTAX, CONFLICT,
          NOT_FOUND, FORBIDDEN -> true;
      default -> false;
    };
  }
}
