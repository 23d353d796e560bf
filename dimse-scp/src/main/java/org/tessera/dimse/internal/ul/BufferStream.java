package org.tessera.dimse.internal.ul;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A data set already in memory as a {@link ReadStream}: one buffer, then the end, delivered on
 * demand (Vert.x stream semantics), so that it is sent the way a data set read from a file is.
 * Not thread-safe: use it on one event loop.
 */
final class BufferStream implements ReadStream<Buffer> {
  private Buffer data;
  private long demand = Long.MAX_VALUE;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private boolean ended;
  private boolean delivering;

  BufferStream(Buffer data) {
    this.data = data;
  }

  @Override
  public BufferStream handler(Handler<Buffer> h) {
    handler = h;
    deliver();
    return this;
  }

  @Override
  public BufferStream endHandler(Handler<Void> h) {
    endHandler = h;
    deliver();
    return this;
  }

  @Override
  public BufferStream exceptionHandler(Handler<Throwable> h) {
    return this; // nothing can fail
  }

  @Override
  public BufferStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public BufferStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public BufferStream fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    deliver();
    return this;
  }

  private void deliver() {
    if (delivering || handler == null) {
      return;
    }
    delivering = true;
    try {
      if (data != null && demand > 0) {
        Buffer b = data;
        data = null;
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(b);
      }
      if (data == null && !ended && endHandler != null) {
        ended = true;
        endHandler.handle(null);
      }
    } finally {
      delivering = false;
    }
  }
}
