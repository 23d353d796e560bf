package org.tessera.dimse.internal.ul;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.dicom.data.Attributes;
import org.tessera.dimse.internal.pdu.AAbort;
import org.tessera.dimse.internal.pdu.PduException;
import org.tessera.dimse.internal.service.DimseResponse;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;

/**
 * The requests this side sends on an association (an SCU's, and a C-GET's C-STORE
 * sub-operations) until their final responses: Message IDs, pending responses with their
 * identifiers, and the final response by Message ID Being Responded To. Event-loop confined.
 */
final class SentRequests {
  private static final Logger LOG = LoggerFactory.getLogger(SentRequests.class);
  /** Identifiers and status details in responses are small; more is a broken or hostile peer. */
  private static final int MAX_RESPONSE_DATASET = 4 << 20;

  private final String association;
  private final MessageWriter writer;
  private final DatasetStream.InputFlow input;
  private final Map<Integer, Sent> sent = new HashMap<>();
  private int lastMessageId;
  /** Completed, and replaced by null, whenever the last request is answered. */
  private Promise<Void> allAnswered;

  /** One request this side sent. */
  private record Sent(PresentationContext context, Promise<DimseResponse> done,
      BiConsumer<Command, Attributes> pending) {}

  SentRequests(String association, MessageWriter writer, DatasetStream.InputFlow input) {
    this.association = association;
    this.writer = writer;
    this.input = input;
  }

  /** A Message ID for a new request (PS3.7 9.3.1.2: unique among outstanding ones). */
  int nextMessageId() {
    lastMessageId = lastMessageId == 0xFFFF ? 1 : lastMessageId + 1;
    return lastMessageId;
  }

  /** See {@link DimseChannel#request}. */
  Future<DimseResponse> request(PresentationContext context, Command rq, Object dataset,
      BiConsumer<Command, Attributes> pending) {
    Sent s = new Sent(context, Promise.promise(), pending);
    sent.put(rq.messageId(), s);
    Future<Void> written;
    if (dataset instanceof ReadStream<?> stream) {
      @SuppressWarnings("unchecked")
      ReadStream<Buffer> bytes = (ReadStream<Buffer>) stream;
      written = writer.send(context.id(), rq, bytes);
    } else {
      written = writer.send(context.id(), rq, (Attributes) dataset, context.transferSyntax());
    }
    written.onFailure(e -> {
      if (sent.remove(rq.messageId(), s)) {
        s.done().tryFail(e);
        answered();
      }
    });
    return s.done().future();
  }

  /**
   * A response to one of our requests: where its data set goes (null if it has none). One we
   * never asked for ends the association.
   */
  DatasetStream onResponse(Command rsp, String name) throws PduException {
    Sent s = sent.get(rsp.messageIdBeingRespondedTo());
    if (s == null) {
      throw new PduException(AAbort.UNEXPECTED_PDU_PARAMETER, "P-DATA-TF: " + name
          + " for message " + rsp.messageIdBeingRespondedTo() + ", which is not outstanding");
    }
    boolean pending = Status.category(rsp.status()) == Status.Category.PENDING;
    if (!pending) {
      sent.remove(rsp.messageIdBeingRespondedTo());
      answered();
    }
    if (!rsp.hasDataset()) {
      deliver(s, rsp, pending, null);
      return null;
    }
    DatasetStream dataset = new DatasetStream(input);
    dataset.collect(MAX_RESPONSE_DATASET)
        .map(bytes -> Identifiers.decode(bytes, s.context().transferSyntax()))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            deliver(s, rsp, pending, ar.result());
          } else if (!pending) {
            s.done().tryFail(ar.cause());
          } else {
            LOG.warn("{} {} data set dropped: {}", association, name, ar.cause().getMessage());
          }
        });
    return dataset;
  }

  /** Completes once no request is waiting for its final response (at once if none is). */
  Future<Void> allAnswered() {
    if (sent.isEmpty()) {
      return Future.succeededFuture();
    }
    if (allAnswered == null) {
      allAnswered = Promise.promise();
    }
    return allAnswered.future();
  }

  private void answered() {
    if (sent.isEmpty() && allAnswered != null) {
      Promise<Void> p = allAnswered;
      allAnswered = null;
      p.complete();
    }
  }

  /** The association ended: every request still waiting fails with {@code cause}. */
  void connectionLost(Throwable cause) {
    for (Sent s : sent.values()) {
      s.done().tryFail(cause);
    }
    sent.clear();
    answered();
  }

  private static void deliver(Sent s, Command rsp, boolean pending, Attributes dataset) {
    if (pending) {
      if (s.pending() != null) {
        s.pending().accept(rsp, dataset);
      }
    } else {
      s.done().tryComplete(new DimseResponse(rsp, dataset));
    }
  }
}
