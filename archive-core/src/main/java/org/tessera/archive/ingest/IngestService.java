package org.tessera.archive.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.sqlclient.Pool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

  public IngestService(Vertx vertx, Pool pool, BlobStore blobs, IngestOptions options,
      MeterRegistry registry) {
    this.blobs = blobs;
    this.options = options;
    this.pool = pool;
    this.workers = vertx.createSharedWorkerExecutor("tessera-ingest", options.effectiveWorkers());
    this.collections = new Collections(options.newCollectionVisibility());
    this.index = new IndexWriter(pool);
    this.parser = new InstanceParser(options.maxHeaderValueLength());
    this.metrics = new IngestMetrics(registry);
  }

  /** Ingests a Part 10 stream (File Meta Information, then the data set) from the network. */
  public Future<IngestResult> ingest(IngestContext ctx, ReadStream<Buffer> part10) {
    long start = System.nanoTime();
    return measured(blobs.receive(part10).compose(temp -> process(ctx, temp)), start);
  }

  /** Ingests a local Part 10 file; the file itself is copied, never moved or changed. */
  public Future<IngestResult> ingestFile(IngestContext ctx, Path file) {
    long start = System.nanoTime();
    Future<TempBlob> received = workers.executeBlocking(() -> {
      try (InputStream in = Files.newInputStream(file)) {
        return blobs.receiveBlocking(in);
      }
    }, false);
    return measured(received.compose(temp -> process(ctx, temp)), start);
  }

  /** Releases the worker threads. */
  public Future<Void> close() {
    return workers.close();
  }

  private Future<IngestResult> measured(Future<IngestResult> f, long start) {
    return f.onSuccess(r -> metrics.record(r, start))
        .onFailure(e -> metrics.recordFailure(ArchiveException.of(e).problem()));
  }

  /** A received instance on its way: what is known so far. */
  private record Received(IngestContext ctx, TempBlob temp, InstanceRecord record) {
    IngestedInstance instance() {
      return new IngestedInstance(record.studyInstanceUid(), record.seriesInstanceUid(),
          record.sopInstanceUid(), record.sopClassUid(), record.transferSyntaxUid(),
          temp.size(), temp.md5(), record.collection());
    }
  }

  /** Either a final result before placement (a duplicate), or an instance ready to place. */
  private record Checked(Received received, long archivePk, long collectionPk,
      IngestResult done) {}

  private Future<IngestResult> process(IngestContext ctx, TempBlob temp) {
    return workers.executeBlocking(() -> describe(ctx, temp), false)
        .compose(r -> collections.archive(pool, ctx.archive())
            .compose(archivePk -> check(r, archivePk)))
        .transform(ar -> {
          if (ar.succeeded() && ar.result().done() == null) {
            Checked c = ar.result();
            return placeAndCommit(c.received(), c.archivePk(), c.collectionPk());
          }
          Future<IngestResult> result = ar.failed() ? rejectedOrFailed(ctx, null, ar.cause())
              : Future.succeededFuture(ar.result().done());
          return discard(temp).transform(x -> result);
        });
  }

  /** Parse, validate and map (blocking). */
  private Received describe(IngestContext ctx, TempBlob temp) {
    ParsedInstance parsed = parser.parseBlocking(temp.path());
    InstanceValidator.validate(parsed, ctx);
    String own = InstanceRecordMapper.ownCollection(parsed.dataset());
    String collection = own != null ? own
        : ctx.collectionHint() != null ? ctx.collectionHint() : DEFAULT_COLLECTION;
    return new Received(ctx, temp, InstanceRecordMapper.map(parsed, collection));
  }

  /** Identical bytes already stored end here; different ones go on unless refused. */
  private Future<Checked> check(Received r, long archivePk) {
    return index.existing(archivePk, r.record().sopInstanceUid()).compose(existing -> {
      if (existing.isPresent() && existing.get().sameBytes(r.temp().size(), r.temp().md5())) {
        return Future.succeededFuture(new Checked(r, archivePk, 0,
            IngestResult.success(IngestOutcome.DUPLICATE, r.instance(), null)));
      }
      if (existing.isPresent() && options.duplicatePolicy() == DuplicatePolicy.REJECT) {
        return Future.failedFuture(new ArchiveException(Problem.CONFLICT, "SOP Instance UID "
            + r.record().sopInstanceUid() + " is stored with different content"));
      }
      return collections.collection(pool, archivePk, r.record().collection())
          .map(collectionPk -> new Checked(r, archivePk, collectionPk, null));
    });
  }

  private Future<IngestResult> placeAndCommit(Received r, long archivePk, long collectionPk) {
    Future<String> placed = workers.executeBlocking(
        () -> blobs.placeBlocking(r.temp(), r.record().sopInstanceUid()), false);
    return placed
        .transform(ar -> {
          if (ar.failed()) {
            Problem problem = String.valueOf(ar.cause().getMessage()).contains("No space left")
                ? Problem.OUT_OF_RESOURCES : Problem.STORAGE_FAILURE;
            Future<IngestResult> failed = rejectedOrFailed(r.ctx(), r.instance(),
                new ArchiveException(problem, "cannot store the file: " + ar.cause().getMessage(),
                    ar.cause()));
            return discard(r.temp()).transform(x -> failed);
          }
          String key = ar.result();
          return index.write(archivePk, collectionPk, r.record(),
                  new IndexWriter.Blob(key, r.temp().size(), r.temp().md5()),
                  options.duplicatePolicy())
              .map(w -> committed(r, w))
              .recover(e -> {
                deleteLater(key);
                return rejectedOrFailed(r.ctx(), r.instance(), e);
              });
        });
  }

  private IngestResult committed(Received r, IndexWriter.Written w) {
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

  private Future<Void> discard(TempBlob temp) {
    return workers.executeBlocking(() -> {
      blobs.discardBlocking(temp);
      return null;
    }, false);
  }

  private void deleteLater(String key) {
    workers.executeBlocking(() -> {
      blobs.deleteBlocking(key);
      return null;
    }, false).onFailure(e -> LOG.warn("cannot delete {}: {}", key, e.getMessage()));
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
    LOG.error("{}: ingest failed: {}", ctx.source(), failure.getMessage(), e);
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
