package org.tessera.archive.storage;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Instance files: received into temp files while their size and MD5 are computed, then placed
 * under a final key by an atomic rename (after fsync when configured). A key never names a
 * half-written file. Keys are opaque relative paths chosen by the store; the index keeps them.
 */
public interface BlobStore {

  /** Streams {@code data} into a new temp file, with back-pressure, computing size and MD5. */
  Future<TempBlob> receive(ReadStream<Buffer> data);

  /**
   * Streams {@code data} into a new temp file as {@link #receive(ReadStream)} does, writing on
   * {@code workers}, then runs {@code then} with it on the worker that closed the file: the
   * blocking steps that follow (parse, place) need no hand-over to the event loop and back. If
   * {@code then} fails, the temp file is deleted if it is still there.
   */
  <T> Future<T> receive(ReadStream<Buffer> data, WorkerExecutor workers, BlockingStep<T> then);

  /** Blocking work on a received temp file. */
  interface BlockingStep<T> {
    T apply(TempBlob temp) throws Exception;
  }

  /** Copies {@code in} into a new temp file, computing size and MD5. Runs on a worker thread. */
  TempBlob receiveBlocking(InputStream in) throws IOException;

  /**
   * Copies the file {@code source} (left as it is) into a new temp file, computing size and MD5.
   * Runs on a worker thread.
   */
  TempBlob copyBlocking(Path source) throws IOException;

  /**
   * Makes {@code temp} durable (when fsync is on) and renames it to a new key derived from
   * {@code name} (a SOP Instance UID); a second placement of the same name gets a different key,
   * so replacing an instance never overwrites the file the index still points to.
   */
  String placeBlocking(TempBlob temp, String name) throws IOException;

  /**
   * The first half of {@link #placeBlocking}: renames {@code temp} to a new key derived from
   * {@code name} without making it durable. The key may be indexed only once
   * {@link #forceBlocking} of it has succeeded; until then a crash may leave it empty (unindexed,
   * so swept at start-up).
   */
  String moveBlocking(TempBlob temp, String name) throws IOException;

  /**
   * The second half of {@link #placeBlocking}: makes the file of a moved key durable (nothing to
   * do when fsync is off). Blocking; on failure the file stays under its key for the caller,
   * which will not index it, to delete.
   */
  void forceBlocking(String key) throws IOException;

  /** Removes a temp file that will not be placed; no error if it is gone. */
  void discardBlocking(TempBlob temp);

  /** Removes the file of {@code key}; no error if it is gone. */
  void deleteBlocking(String key) throws IOException;

  /** The file of {@code key}, for streaming reads ({@code sendFile}, channels). */
  Path path(String key);

  /**
   * The keys of placed files last modified before {@code cutoff}, in no particular order; close
   * the stream. Blocking, lazily: a store of millions of files is walked, not loaded.
   */
  Stream<String> keysBlocking(Instant cutoff) throws IOException;

  /** Removes temp files left by ingests that died; returns how many. Run at start-up. */
  int sweepTempFilesBlocking() throws IOException;
}
