package org.tessera.dimse.internal.ul;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dimse.internal.pdu.PduEncoder;
import org.tessera.dimse.message.Command;

/**
 * Sends DIMSE messages as PDVs cut to the peer's maximum length (PS3.8 9.3.5, Annex E), one
 * message after another: the fragments of two messages never interleave, whichever of the
 * association's requests produces them. Event-loop confined.
 */
final class MessageWriter {
  /** Bytes of a streamed data set written but not yet on the wire before reading pauses. */
  private static final int MAX_UNWRITTEN = 2 << 20;

  private final int fragmentLength;
  private final Function<ByteBuf, Future<Void>> write;
  /** Completes when everything queued so far has been written. */
  private Future<Void> tail = Future.succeededFuture();

  /**
   * @param fragmentLength the most command or data set bytes in one PDV
   * @param write writes encoded PDUs to the peer, releasing them once written (or not)
   */
  MessageWriter(int fragmentLength, Function<ByteBuf, Future<Void>> write) {
    this.fragmentLength = fragmentLength;
    this.write = write;
  }

  /**
   * Queues a message: the command, then the data set (null for none) encoded in
   * {@code transferSyntax}. Completes once written.
   */
  Future<Void> send(int contextId, Command command, Attributes dataset, String transferSyntax) {
    Command cmd = command.withDataset(dataset != null);
    byte[] data = dataset == null ? null : encode(dataset, transferSyntax);
    return queue(() -> write.apply(data == null ? commandPdus(contextId, cmd)
        : messagePdus(contextId, cmd, Unpooled.wrappedBuffer(data))));
  }

  /**
   * Queues a message whose data set streams from {@code dataset} (a file being read), cut into
   * PDVs as it comes; the last PDV is held back until the stream ends, so that it can carry the
   * last-fragment bit. A data set in memory ({@link DatasetStream#of}) goes in one write with its
   * command. Completes once written; fails if the stream fails (the association must then be
   * aborted: the peer has part of a data set).
   */
  Future<Void> send(int contextId, Command command, ReadStream<Buffer> dataset) {
    Command cmd = command.withDataset(true);
    ByteBuf whole = dataset instanceof DatasetStream s ? s.takeInMemory() : null;
    if (whole != null) {
      return queue(() -> {
        try {
          return write.apply(messagePdus(contextId, cmd, whole));
        } finally {
          whole.release(); // the PDUs hold references of their own
        }
      });
    }
    dataset.pause();
    return queue(() -> {
      PdvStream pdvs = new PdvStream(contextId, commandPdus(contextId, cmd));
      return dataset.pipeTo(pdvs).onFailure(e -> pdvs.releaseUnsent());
    });
  }

  /** Runs {@code message} once everything queued before it is written. */
  private Future<Void> queue(Supplier<Future<Void>> message) {
    Future<Void> written = tail.transform(previous -> message.get());
    tail = written.recover(e -> Future.succeededFuture()); // one failed write stops no other
    return written;
  }

  /** The PDUs of a whole message: its command's, then its data set's. */
  private ByteBuf messagePdus(int contextId, Command cmd, ByteBuf dataset) {
    return PduEncoder.pData(commandPdus(contextId, cmd), contextId, false, dataset,
        fragmentLength, true);
  }

  private ByteBuf commandPdus(int contextId, Command cmd) {
    return PduEncoder.pData(null, contextId, true, Unpooled.wrappedBuffer(cmd.encode()),
        fragmentLength, true);
  }

  /**
   * Data set bytes in, PDVs of at most fragmentLength out, each buffer read in one write (copied
   * once into direct memory); back-pressure from the socket.
   */
  private final class PdvStream implements WriteStream<Buffer> {
    private final int contextId;
    /** The command's PDUs until they go out with the first data. */
    private ByteBuf command;
    /** At most one fragment, kept back: the last one is only known at the end. */
    private Buffer held = Buffer.buffer();
    private Future<Void> lastWrite = Future.succeededFuture();
    private long unwritten;
    private Handler<Void> drainHandler;

    PdvStream(int contextId, ByteBuf command) {
      this.contextId = contextId;
      this.command = command;
    }

    @Override
    public Future<Void> write(Buffer data) {
      ByteBuf pdus = null;
      if (held.length() > 0) {
        int missing = fragmentLength - held.length();
        if (data.length() <= missing) {
          held.appendBuffer(data);
          return lastWrite;
        }
        held.appendBuffer(data, 0, missing);
        pdus = fragments(null, held, false);
        held = Buffer.buffer();
        data = data.slice(missing, data.length());
      }
      int full = (data.length() - 1) / fragmentLength * fragmentLength; // keep the end back
      if (full > 0) {
        pdus = fragments(pdus, data.slice(0, full), false);
      }
      held = data.getBuffer(Math.max(full, 0), data.length());
      return pdus == null ? lastWrite : track(pdus);
    }

    @Override
    public Future<Void> end() {
      return track(fragments(null, held, true));
    }

    /** The PDUs of {@code bytes} after {@code before}, or else the command's if not yet sent. */
    private ByteBuf fragments(ByteBuf before, Buffer bytes, boolean last) {
      if (before == null) {
        before = command;
        command = null;
      }
      return PduEncoder.pData(before, contextId, false, ((BufferInternal) bytes).getByteBuf(),
          fragmentLength, last);
    }

    /** The command's PDUs if the data set failed before any of it was sent. */
    void releaseUnsent() {
      if (command != null) {
        command.release();
        command = null;
      }
    }

    private Future<Void> track(ByteBuf pdus) {
      int length = pdus.readableBytes();
      unwritten += length;
      lastWrite = write.apply(pdus);
      lastWrite.onComplete(ar -> {
        unwritten -= length;
        if (unwritten <= MAX_UNWRITTEN / 2 && drainHandler != null) {
          Handler<Void> h = drainHandler;
          drainHandler = null;
          h.handle(null);
        }
      });
      return lastWrite;
    }

    @Override
    public boolean writeQueueFull() {
      return unwritten >= MAX_UNWRITTEN;
    }

    @Override
    public PdvStream drainHandler(Handler<Void> handler) {
      drainHandler = handler;
      return this;
    }

    @Override
    public PdvStream exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public PdvStream setWriteQueueMaxSize(int maxSize) {
      return this;
    }
  }

  /** Small data sets (identifiers, status details): encoded whole on the event loop. */
  private static byte[] encode(Attributes dataset, String transferSyntax) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try {
      new DicomWriter(out).writeDataset(dataset, TransferSyntax.of(transferSyntax));
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
