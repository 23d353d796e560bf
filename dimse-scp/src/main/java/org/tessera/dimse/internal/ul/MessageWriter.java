package org.tessera.dimse.internal.ul;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdu;
import org.tessera.dimse.internal.pdu.PduEncoder;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.message.Command;

/**
 * Sends DIMSE messages as PDVs cut to the peer's maximum length (PS3.8 9.3.5, Annex E), one
 * message after another: the fragments of two messages never interleave, whichever of the
 * association's requests produces them. Event-loop confined.
 */
final class MessageWriter {
  /** PDUs of a streamed data set written but not yet on the wire before reading pauses. */
  private static final int IN_FLIGHT = 8;

  private final int fragmentLength;
  private final Function<Buffer, Future<Void>> write;
  /** Completes when everything queued so far has been written. */
  private Future<Void> tail = Future.succeededFuture();

  /**
   * @param fragmentLength the most command or data set bytes in one PDV
   * @param write writes encoded PDUs to the peer
   */
  MessageWriter(int fragmentLength, Function<Buffer, Future<Void>> write) {
    this.fragmentLength = fragmentLength;
    this.write = write;
  }

  /**
   * Queues a message: the command, then the data set (null for none) encoded in
   * {@code transferSyntax}. Completes once written.
   */
  Future<Void> send(int contextId, Command command, Attributes dataset, String transferSyntax) {
    Command cmd = command.withDataset(dataset != null);
    Buffer data = dataset == null ? null : encode(dataset, transferSyntax);
    Future<Void> written = tail.transform(previous -> {
      Future<Void> last = fragments(contextId, true, Buffer.buffer(cmd.encode()));
      return data == null ? last : fragments(contextId, false, data);
    });
    tail = written.recover(e -> Future.succeededFuture()); // one failed write stops no other
    return written;
  }

  /**
   * Queues a message whose data set streams from {@code dataset} (a file being read), cut into
   * PDVs as it comes; the last PDV is held back until the stream ends, so that it can carry the
   * last-fragment bit. Completes once written; fails if the stream fails (the association must
   * then be aborted: the peer has part of a data set).
   */
  Future<Void> send(int contextId, Command command, ReadStream<Buffer> dataset) {
    Command cmd = command.withDataset(true);
    if (dataset instanceof DatasetStream s && s.inMemory() != null) {
      return sendWhole(contextId, cmd, s.inMemory());
    }
    dataset.pause();
    Future<Void> written = tail.transform(previous -> {
      fragments(contextId, true, Buffer.buffer(cmd.encode()));
      return dataset.pipeTo(new PdvStream(contextId));
    });
    tail = written.recover(e -> Future.succeededFuture());
    return written;
  }

  /**
   * A data set in memory goes with its command in one write of PDUs that slice it: no copy on
   * the event loop but the socket's, one system call for all its PDUs.
   */
  private Future<Void> sendWhole(int contextId, Command cmd, Buffer dataset) {
    Future<Void> written = tail.transform(previous -> {
      Buffer command = PduEncoder.pData(null, contextId, true, Buffer.buffer(cmd.encode()),
          fragmentLength);
      return write.apply(PduEncoder.pData(command, contextId, false, dataset, fragmentLength));
    });
    tail = written.recover(e -> Future.succeededFuture());
    return written;
  }

  /** Data set bytes in, PDVs of at most fragmentLength out; back-pressure from the socket. */
  private final class PdvStream implements WriteStream<Buffer> {
    private final int contextId;
    private Buffer held = Buffer.buffer();
    private Future<Void> lastWrite = Future.succeededFuture();
    private int unfinished;
    private Handler<Void> drainHandler;

    PdvStream(int contextId) {
      this.contextId = contextId;
    }

    @Override
    public Future<Void> write(Buffer data) {
      held.appendBuffer(data);
      // keep more than one fragment back: the last one is only known at the end
      int full = (held.length() - 1) / fragmentLength * fragmentLength;
      if (full > 0) {
        track(fragmentsOf(held.slice(0, full), false));
        held = held.getBuffer(full, held.length());
      }
      return lastWrite;
    }

    @Override
    public Future<Void> end() {
      return track(fragmentsOf(held, true));
    }

    private Future<Void> fragmentsOf(Buffer bytes, boolean endsDataset) {
      Future<Void> last = Future.succeededFuture();
      for (int start = 0; start < bytes.length() || (start == 0 && endsDataset); ) {
        int end = Math.min(bytes.length(), start + fragmentLength);
        boolean lastFragment = endsDataset && end == bytes.length();
        last = send(new PDataTf(List.of(
            new Pdv(contextId, false, lastFragment, bytes.slice(start, end)))));
        start = end;
        if (lastFragment) {
          break;
        }
      }
      return last;
    }

    private Future<Void> track(Future<Void> write) {
      lastWrite = write;
      unfinished++;
      write.onComplete(ar -> {
        unfinished--;
        if (unfinished <= IN_FLIGHT / 2 && drainHandler != null) {
          Handler<Void> h = drainHandler;
          drainHandler = null;
          h.handle(null);
        }
      });
      return write;
    }

    @Override
    public boolean writeQueueFull() {
      return unfinished >= IN_FLIGHT;
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

  private Future<Void> fragments(int contextId, boolean command, Buffer bytes) {
    Future<Void> last = Future.succeededFuture();
    int start = 0;
    do {
      int end = Math.min(bytes.length(), start + fragmentLength);
      Pdv pdv = new Pdv(contextId, command, end == bytes.length(), bytes.slice(start, end));
      last = send(new PDataTf(List.of(pdv)));
      start = end;
    } while (start < bytes.length());
    return last;
  }

  private Future<Void> send(Pdu pdu) {
    return write.apply(PduEncoder.encode(pdu));
  }

  /** Small data sets (identifiers, status details): encoded whole on the event loop. */
  private static Buffer encode(Attributes dataset, String transferSyntax) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try {
      new DicomWriter(out).writeDataset(dataset, TransferSyntax.of(transferSyntax));
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
