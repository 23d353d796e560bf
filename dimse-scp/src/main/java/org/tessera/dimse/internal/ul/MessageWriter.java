package org.tessera.dimse.internal.ul;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.message.Command;

/**
 * Sends DIMSE messages as PDVs cut to the peer's maximum length (PS3.8 9.3.5, Annex E), one
 * message after another: the fragments of two messages never interleave, whichever of the
 * association's requests produces them. Event-loop confined.
 */
final class MessageWriter {
  private final int fragmentLength;
  private final Function<Pdu, Future<Void>> send;
  /** Completes when everything queued so far has been written. */
  private Future<Void> tail = Future.succeededFuture();

  /**
   * @param fragmentLength the most command or data set bytes in one PDV
   * @param send writes one PDU to the peer
   */
  MessageWriter(int fragmentLength, Function<Pdu, Future<Void>> send) {
    this.fragmentLength = fragmentLength;
    this.send = send;
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

  private Future<Void> fragments(int contextId, boolean command, Buffer bytes) {
    Future<Void> last = Future.succeededFuture();
    int start = 0;
    do {
      int end = Math.min(bytes.length(), start + fragmentLength);
      Pdv pdv = new Pdv(contextId, command, end == bytes.length(), bytes.slice(start, end));
      last = send.apply(new PDataTf(List.of(pdv)));
      start = end;
    } while (start < bytes.length());
    return last;
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
