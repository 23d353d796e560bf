package org.tessera.archive.storage;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Passes buffers on to a delegate while counting their bytes and updating an MD5 digest
 * (okio's {@code HashingSink}, for a Vert.x {@link WriteStream}). Back-pressure is the
 * delegate's: {@link #writeQueueFull()} and {@link #drainHandler} go straight through.
 *
 * <p>Owned by the pipe that writes to it, so it is used from one context at a time; the size and
 * digest are read once the pipe has completed.
 */
final class HashingWriteStream implements WriteStream<Buffer> {
  /** Buffers are hashed through this much scratch space, however large they are. */
  private static final int SCRATCH_SIZE = 64 * 1024;

  private final WriteStream<Buffer> delegate;
  private final MessageDigest md5 = newMd5();
  private final byte[] scratch = new byte[SCRATCH_SIZE];
  private long size;
  private byte[] digest;
  private Future<Void> end;

  HashingWriteStream(WriteStream<Buffer> delegate) {
    this.delegate = delegate;
  }

  /** A fresh MD5 digest; every Java platform is required to provide one. */
  static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The Java platform lacks MD5", e);
    }
  }

  /** Bytes written so far. */
  long size() {
    return size;
  }

  /** The MD5 of everything written; call once the last buffer has been written. */
  byte[] md5() {
    if (digest == null) {
      digest = md5.digest();
    }
    return digest.clone();
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (end != null) {
      return Future.failedFuture(new IllegalStateException("Write after end"));
    }
    int length = data.length();
    for (int start = 0; start < length; start += SCRATCH_SIZE) {
      int stop = Math.min(length, start + SCRATCH_SIZE);
      data.getBytes(start, stop, scratch, 0);
      md5.update(scratch, 0, stop - start);
    }
    size += length;
    return delegate.write(data);
  }

  /** Ends the delegate once; later calls return the same future, so callers can wait on it. */
  @Override
  public Future<Void> end() {
    if (end == null) {
      end = delegate.end();
    }
    return end;
  }

  @Override
  public HashingWriteStream exceptionHandler(Handler<Throwable> handler) {
    delegate.exceptionHandler(handler);
    return this;
  }

  @Override
  public HashingWriteStream setWriteQueueMaxSize(int maxSize) {
    delegate.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return delegate.writeQueueFull();
  }

  @Override
  public HashingWriteStream drainHandler(Handler<Void> handler) {
    delegate.drainHandler(handler);
    return this;
  }
}
