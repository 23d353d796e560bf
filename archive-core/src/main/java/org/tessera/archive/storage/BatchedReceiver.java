package org.tessera.archive.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives a stream into a new temp file in batches: buffers gather on the event loop until
 * {@link #BATCH} bytes, then one worker task appends them while another updates the MD5; batches
 * are written (and hashed) in order, one at a time, and the source is paused while a full batch
 * waits for the one in hand. The task that writes the last batch closes the file and runs the
 * caller's next step on it without waiting for the last hash: on two cores the digest, the one
 * CPU-heavy step, is computed beside parsing, placing and the file's fsync instead of before them.
 * So an instance smaller than a batch costs one worker task for receiving, parsing and placing
 * (and one for its digest), hashing never runs on the event loop, and at most two batches per
 * stream are held in memory whatever its length.
 */
final class BatchedReceiver<T> {
  /** Bytes gathered before a write: most single-frame instances fit in one. */
  static final int BATCH = 1024 * 1024;

  private final Vertx vertx;
  /** Where batches are written; null for Vert.x's worker pool. */
  private final WorkerExecutor workers;
  private final Path temp;
  private final ReadStream<Buffer> source;
  private final BlobStore.BlockingStep<T> then;
  private final MessageDigest md5 = Md5.newDigest();
  private final Promise<T> result = Promise.promise();
  private List<Buffer> gathered = new ArrayList<>();
  private int gatheredBytes;
  /** Completes when every batch handed to a worker so far is written. */
  private Future<Void> written = Future.succeededFuture();
  /** Completes when every batch handed so far is hashed, with the digest after the last. */
  private Future<byte[]> hashed = Future.succeededFuture();
  private boolean writing;
  private boolean paused;
  private boolean ended;
  private boolean failed;
  /** Touched by the workers only, one task at a time (the batches are chained). */
  private FileChannel channel;
  private long size;

  private BatchedReceiver(Vertx vertx, WorkerExecutor workers, Path temp,
      ReadStream<Buffer> source, BlobStore.BlockingStep<T> then) {
    this.vertx = vertx;
    this.workers = workers;
    this.temp = temp;
    this.source = source;
    this.then = then;
  }

  /** {@code then} failed: its cause is the failure to report. */
  static final class StepFailed extends Exception {
    StepFailed(Throwable cause) {
      super(cause);
    }
  }

  /**
   * Reads {@code source} to its end into {@code temp}, which must not exist yet, then applies
   * {@code then} on the worker that closed it.
   */
  static <T> Future<T> receive(Vertx vertx, WorkerExecutor workers, Path temp,
      ReadStream<Buffer> source, BlobStore.BlockingStep<T> then) {
    BatchedReceiver<T> r = new BatchedReceiver<>(vertx, workers, temp, source, then);
    // paused while the handlers are set: a stream that has all its data already must not end
    // before there is an end handler to hear it
    source.pause();
    source.exceptionHandler(r::onFailure);
    source.endHandler(v -> r.onEnd());
    source.handler(r::onData);
    source.resume();
    return r.result.future();
  }

  private void onData(Buffer data) {
    if (failed) {
      return;
    }
    gathered.add(data);
    gatheredBytes += data.length();
    if (gatheredBytes >= BATCH) {
      if (!writing) {
        writeGathered();
      } else if (!paused) {
        paused = true;
        source.pause();
      }
    }
  }

  private void onEnd() {
    if (failed) {
      return;
    }
    ended = true;
    if (!writing) {
      writeGathered();
    }
  }

  private void writeGathered() {
    List<Buffer> batch = gathered;
    boolean last = ended;
    gathered = new ArrayList<>();
    gatheredBytes = 0;
    writing = true;
    // the write first: the worker woken first starts at once, a second one often a wake-up later
    Promise<byte[]> digest = Promise.promise();
    Future<T> step = written.compose(v -> blocking(() -> {
      append(batch);
      if (!last) {
        return null;
      }
      close();
      try {
        return then.apply(new TempBlob(temp, size, digest.future()));
      } catch (Exception e) {
        throw new StepFailed(e);
      }
    }));
    written = step.mapEmpty();
    hashed = hashed.compose(v -> blocking(() -> hash(batch, last)));
    hashed.onComplete(digest);
    Future<?> inHand = last ? step : Future.all(step, hashed);
    inHand.onComplete(ar -> {
      writing = false;
      if (failed) {
        return;
      } else if (ar.failed()) {
        fail(ar.cause());
      } else if (last) {
        result.tryComplete(step.result());
      } else if (ended || gatheredBytes >= BATCH) {
        writeGathered();
      }
      if (paused && !result.future().isComplete()) {
        paused = false;
        source.resume();
      }
    });
  }

  /** Blocking; the digest after the last batch, else null. */
  private byte[] hash(List<Buffer> batch, boolean last) {
    for (Buffer b : batch) {
      md5.update(view(b));
    }
    return last ? md5.digest() : null;
  }

  /** The bytes of {@code b} without a copy (the writer and the hasher each read their own). */
  private static ByteBuffer view(Buffer b) {
    return ((BufferInternal) b).getByteBuf().nioBuffer();
  }

  /** The temp file could not be created (the cause says why). */
  static final class CannotCreateTempFile extends IOException {
    CannotCreateTempFile(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Blocking. */
  private void append(List<Buffer> batch) throws IOException {
    open();
    ByteBuffer[] views = batch.stream().map(BatchedReceiver::view).toArray(ByteBuffer[]::new);
    long length = batch.stream().mapToLong(Buffer::length).sum();
    for (long left = length; left > 0; ) {
      left -= channel.write(views); // one gathering write for the batch
    }
    size += length;
  }

  /** Blocking. */
  private void close() throws IOException {
    open(); // an empty stream still makes an (empty) file
    channel.close();
  }

  private void open() throws CannotCreateTempFile {
    if (channel == null) {
      try {
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new CannotCreateTempFile(e);
      }
    }
  }

  private void onFailure(Throwable cause) {
    fail(cause);
  }

  /**
   * Stops gathering; once no write runs any more the temp file is deleted, then the result
   * fails with {@code cause}.
   */
  private void fail(Throwable cause) {
    if (failed) {
      return;
    }
    failed = true;
    gathered = List.of();
    if (paused) {
      paused = false;
      source.resume(); // the rest is dropped here rather than stalling the source
    }
    written.transform(ar -> blocking(() -> {
      if (channel != null) {
        channel.close();
      }
      java.nio.file.Files.deleteIfExists(temp);
      return null;
    })).onComplete(deleted -> result.tryFail(cause));
  }

  private <R> Future<R> blocking(java.util.concurrent.Callable<R> task) {
    return workers != null ? workers.executeBlocking(task, false)
        : vertx.executeBlocking(task, false);
  }
}
