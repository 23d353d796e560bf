package org.tessera.dimse.internal.ul;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * The data set of one DIMSE message as its PDVs arrive (PS3.7 8.1): their data in order, then
 * the end after the last fragment. Back-pressure reaches the peer: while more than
 * {@link #HIGH_WATER} bytes wait for a consumer that has paused, the connection stops reading,
 * TCP's window fills and the peer stops sending; reading resumes once they have gone below half.
 * So a data set of any size flows to its destination holding at most about one PDU beyond that.
 *
 * <p>Confined to the association's event loop; not thread-safe. Vert.x stream semantics: data is
 * delivered while there is demand and a handler; the end follows the last delivered buffer.
 */
public final class DatasetStream implements ReadStream<Buffer> {
  /** Bytes queued before the socket is paused: four maximum-length PDUs of ours. */
  static final int HIGH_WATER = 1 << 20;

  /** Pauses and resumes reading from the connection. */
  interface InputFlow {
    void pauseInput();

    void resumeInput();
  }

  private final InputFlow flow;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private final Promise<Void> received = Promise.promise();
  /** What {@link #of} holds, until delivered or taken. */
  private ByteBuf inMemory;
  private long queued;
  private long demand = Long.MAX_VALUE;
  private long length;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean lastReceived;
  private boolean ended;
  private boolean failed;
  private boolean discarding;
  private boolean inputPaused;
  private boolean delivering;

  DatasetStream(InputFlow flow) {
    this.flow = flow;
  }

  /**
   * A data set already in memory, delivered as one that arrived whole, or taken whole by a
   * writer ({@link #takeInMemory}). The stream owns {@code whole}: it releases it once delivered
   * (a handler that keeps the data must copy it).
   */
  static DatasetStream of(ByteBuf whole) {
    DatasetStream s = new DatasetStream(new InputFlow() {
      @Override
      public void pauseInput() {} // nothing to pause: it is all here

      @Override
      public void resumeInput() {}
    });
    s.push(BufferInternal.buffer(whole), true);
    s.inMemory = whole;
    return s;
  }

  /**
   * The whole data set of a stream made by {@link #of} while nothing has been read from it, for
   * a writer that sends it at once: the caller owns it then, and the stream is empty; else null.
   */
  ByteBuf takeInMemory() {
    if (inMemory == null || handler != null || ended) {
      return null;
    }
    ByteBuf whole = inMemory;
    inMemory = null;
    queue.clear();
    queued = 0;
    return whole;
  }

  /** One PDV's data; {@code last} for the data set's last fragment. */
  void push(Buffer data, boolean last) {
    if (ended || failed) {
      return;
    }
    length += data.length();
    if (!discarding) {
      queue.add(data);
      queued += data.length();
    }
    if (last) {
      lastReceived = true;
      received.tryComplete();
    }
    deliver();
    if (!inputPaused && queued > HIGH_WATER) {
      inputPaused = true;
      flow.pauseInput();
    }
  }

  /** The association ended before the last fragment: the consumer sees {@code cause}. */
  void fail(Throwable cause) {
    if (ended || failed || lastReceived) {
      return;
    }
    failed = true;
    queue.clear();
    queued = 0;
    received.tryFail(cause);
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }

  /**
   * Puts {@code data} before everything received (the File Meta a stored file starts with);
   * call before consuming.
   */
  public void prepend(Buffer data) {
    queue.addFirst(data);
    queued += data.length();
  }

  /**
   * Drops what is queued and whatever still arrives, resuming the input: for a request answered
   * without reading all of its data set, whose remaining PDVs must still be received.
   */
  public void discard() {
    releaseInMemory();
    discarding = true;
    handler = null;
    endHandler = null;
    exceptionHandler = null;
    queue.clear();
    queued = 0;
    resumeInputIfLow();
    if (lastReceived) {
      end();
    }
  }

  /**
   * Reads the whole data set into memory: for identifiers and other small data sets only.
   * Fails if it is longer than {@code maxBytes} (the rest is then discarded) or the association
   * ends first.
   */
  public Future<Buffer> collect(int maxBytes) {
    Promise<Buffer> whole = Promise.promise();
    Buffer bytes = Buffer.buffer();
    exceptionHandler(whole::tryFail);
    endHandler(v -> whole.tryComplete(bytes));
    handler(b -> {
      if (bytes.length() + b.length() > maxBytes) {
        discard();
        whole.tryFail(new DatasetTooLongException(maxBytes));
      } else {
        bytes.appendBuffer(b);
      }
    });
    return whole.future();
  }

  /** A data set longer than a service reads into memory. */
  public static final class DatasetTooLongException extends RuntimeException {
    DatasetTooLongException(int maxBytes) {
      super("data set longer than " + maxBytes + " bytes");
    }
  }

  /** Completes when the last fragment has arrived; fails if the association ends first. */
  public Future<Void> received() {
    return received.future();
  }

  /** Data set bytes received so far (what {@link #prepend} added not counted). */
  public long length() {
    return length;
  }

  @Override
  public DatasetStream handler(Handler<Buffer> h) {
    handler = h;
    deliver();
    return this;
  }

  @Override
  public DatasetStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public DatasetStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public DatasetStream fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    deliver();
    return this;
  }

  @Override
  public DatasetStream endHandler(Handler<Void> h) {
    endHandler = h;
    deliver();
    return this;
  }

  @Override
  public DatasetStream exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  private void deliver() {
    if (delivering) {
      return; // a handler asked for more: the loop below already runs
    }
    delivering = true;
    try {
      while (demand > 0 && handler != null && !queue.isEmpty()) {
        Buffer next = queue.poll();
        queued -= next.length();
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(next);
      }
    } finally {
      delivering = false;
    }
    resumeInputIfLow();
    if (queue.isEmpty() && lastReceived && (handler != null || discarding)) {
      end();
    }
  }

  /** Delivered once, to an end handler: one set late still hears it. */
  private void end() {
    if (ended || (endHandler == null && !discarding)) {
      return;
    }
    ended = true;
    if (endHandler != null) {
      endHandler.handle(null);
    }
    releaseInMemory();
  }

  private void releaseInMemory() {
    if (inMemory != null) {
      inMemory.release();
      inMemory = null;
    }
  }

  private void resumeInputIfLow() {
    if (inputPaused && queued <= HIGH_WATER / 2) {
      inputPaused = false;
      flow.resumeInput();
    }
  }
}
