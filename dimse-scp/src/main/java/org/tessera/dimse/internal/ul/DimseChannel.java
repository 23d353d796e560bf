package org.tessera.dimse.internal.ul;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.dicom.data.Attributes;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdu;
import org.tessera.dimse.internal.pdu.PduException;
import org.tessera.dimse.internal.service.DimseRequest;
import org.tessera.dimse.internal.service.DimseResponse;
import org.tessera.dimse.internal.service.DimseService;
import org.tessera.dimse.internal.service.Replies;
import org.tessera.dimse.internal.service.ServiceRegistry;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * DIMSE over an established association: complete requests go to the service of their
 * context's SOP class, responses go back as command PDVs cut to the peer's maximum length.
 * Lives on the association's event loop; not thread-safe.
 */
final class DimseChannel implements MessageAssembler.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(DimseChannel.class);
  private static final String REQUEST = "{} >> {} id={} cuid={}{}";
  private static final String RESPONSE = "{} << {} id={} status={} {} ms";

  private final AssociationInfo info;
  private final ServiceRegistry services;
  private final MessageAssembler assembler;
  private final MessageWriter writer;
  private final DatasetStream.InputFlow input;
  /** Requests being served, by Message ID: what a C-CANCEL-RQ names. */
  private final Map<Integer, Served> serving = new HashMap<>();
  private final SentRequests sent;
  private final Map<Integer, PresentationContext> contexts;
  /** The association's event loop: channels are built on it. */
  private final Context eventLoop = Vertx.currentContext();
  private int outstanding;
  private Promise<Void> drained;

  /**
   * @param info the association
   * @param contexts the accepted presentation contexts
   * @param services the services by SOP class
   * @param fragmentLength the most command or data set bytes to put in one PDV
   * @param write writes encoded PDUs to the peer
   * @param input pauses and resumes reading from the peer, for data sets consumed slowly
   */
  DimseChannel(AssociationInfo info, Map<Integer, PresentationContext> contexts,
      ServiceRegistry services, int fragmentLength, Function<ByteBuf, Future<Void>> write,
      DatasetStream.InputFlow input) {
    this.info = info;
    this.services = services;
    this.input = input;
    this.writer = new MessageWriter(fragmentLength, write);
    this.sent = new SentRequests(info.name(), writer, input);
    this.contexts = contexts;
    this.assembler = new MessageAssembler(contexts, this);
  }

  /** A Message ID for a new request of this side (PS3.7 9.3.1.2: unique among outstanding). */
  int nextMessageId() {
    return sent.nextMessageId();
  }

  /** The accepted presentation contexts, by ID. */
  Map<Integer, PresentationContext> contexts() {
    return contexts;
  }

  /**
   * Sends a request (its data set, if any, from {@code dataset}: Attributes or a
   * {@code ReadStream<Buffer>} already in the context's transfer syntax) and completes with
   * the final response; pending responses and their data sets (null if none) go to
   * {@code pending}.
   */
  Future<DimseResponse> request(PresentationContext context, Command rq, Object dataset,
      BiConsumer<Command, Attributes> pending) {
    LOG.debug(REQUEST, info.name(), name(rq), rq.messageId(), rq.affectedSopClassUid(), "");
    return sent.request(context, rq, dataset, pending);
  }

  void onPData(PDataTf pdu) throws PduException {
    assembler.onPData(pdu);
  }

  /** The association ended (released, aborted or the connection lost). */
  void connectionLost(Throwable cause) {
    assembler.connectionLost(cause);
    sent.connectionLost(cause);
  }

  /** Completes once every request this side sent has its final response. */
  Future<Void> allAnswered() {
    return sent.allAnswered();
  }

  /** Whether a request's data set is still to arrive, wholly or in part. */
  boolean receivingDataset() {
    return assembler.receivingDataset();
  }

  /** Requests received and not yet answered. */
  int outstanding() {
    return outstanding;
  }

  /** Completes once every request received so far has been answered. */
  Future<Void> drained() {
    if (outstanding == 0) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  @Override
  public DatasetStream onCommand(PresentationContext context, Command command)
      throws PduException {
    Dimse dimse = command.dimse();
    if (dimse == Dimse.C_CANCEL_RQ) {
      onCancel(command);
      return command.hasDataset() ? discarded() : null;
    }
    if (dimse != null && !dimse.isRequest()) {
      LOG.debug(RESPONSE, info.name(), name(command), command.messageIdBeingRespondedTo(),
          Status.format(command.status()), "-");
      return sent.onResponse(command, name(command));
    }
    String iuid = command.affectedSopInstanceUid();
    LOG.info(REQUEST, info.name(), name(command), command.messageId(),
        command.affectedSopClassUid(), iuid == null ? "" : " iuid=" + iuid);
    long started = System.nanoTime();
    outstanding++;
    DimseService service = services.service(context.abstractSyntax()).orElseThrow();
    DatasetStream dataset = command.hasDataset() ? new DatasetStream(input) : null;
    Served served = new Served(context);
    serving.put(command.messageId(), served);
    DimseRequest request = new DimseRequest(info.name(), info.callingAeTitle(),
        info.calledAeTitle(), info.archive(), context.id(), context.abstractSyntax(),
        context.transferSyntax(), command, dataset, served);
    invoke(service, request)
        .recover(e -> Future.succeededFuture(failure(command, e)))
        .compose(response -> dataset == null ? Future.succeededFuture(response)
            : afterDataset(dataset).map(response))
        .compose(response -> {
          Command rsp = response.command();
          LOG.info(RESPONSE, info.name(), name(rsp), rsp.messageIdBeingRespondedTo(),
              Status.format(rsp.status()),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
          return writer.send(context.id(), rsp, response.dataset(), context.transferSyntax());
        })
        .onComplete(done -> answered(command.messageId(), served));
    return dataset;
  }

  /** PS3.7 9.3.2.3: the request it names learns of it; a late or unknown one is ignored. */
  private void onCancel(Command cancel) {
    Served served = serving.get(cancel.messageIdBeingRespondedTo());
    LOG.info("{} >> C-CANCEL-RQ for id={}{}", info.name(), cancel.messageIdBeingRespondedTo(),
        served == null ? " (not being served: ignored)" : "");
    if (served != null) {
      served.cancelled = true;
    }
  }

  private static Future<DimseResponse> invoke(DimseService service, DimseRequest request) {
    try {
      return service.onRequest(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * A response goes out only after the request's whole data set has arrived (the peer is still
   * sending it otherwise); what the service did not read is dropped. Fails if the association
   * ends first: there is nobody left to answer.
   */
  private static Future<Void> afterDataset(DatasetStream dataset) {
    dataset.discard();
    return dataset.received();
  }

  private DatasetStream discarded() {
    DatasetStream dataset = new DatasetStream(input);
    dataset.discard();
    return dataset;
  }

  /** A failed service is an internal error: logged here, once, with its stack trace. */
  private DimseResponse failure(Command request, Throwable e) {
    LOG.error("{} {} failed", info.name(), name(request), e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return DimseResponse.of(
        Command.response(request, Status.PROCESSING_FAILURE).withErrorComment(message));
  }

  private void answered(int messageId, Served served) {
    serving.remove(messageId, served);
    outstanding--;
    if (outstanding == 0 && drained != null) {
      Promise<Void> p = drained;
      drained = null;
      p.complete();
    }
  }

  private static String name(Command command) {
    Dimse dimse = command.dimse();
    return dimse != null ? dimse.toString() : String.format("command %04XH", command.commandField());
  }

  /** One request being served: its pending responses and whether it was cancelled. */
  private final class Served implements Replies {
    private final PresentationContext context;
    private boolean cancelled;

    Served(PresentationContext context) {
      this.context = context;
    }

    @Override
    public Future<Void> pending(Command response, Attributes dataset) {
      LOG.debug(RESPONSE, info.name(), name(response), response.messageIdBeingRespondedTo(),
          Status.format(response.status()), "-");
      return writer.send(context.id(), response, dataset, context.transferSyntax());
    }

    @Override
    public boolean cancelled() {
      return cancelled;
    }

    @Override
    public Future<Command> store(Part10Header.Opened opened) {
      Part10Header h = opened.header();
      // its own syntax if the peer took one for it, else one it can be re-encoded in
      PresentationContext pc = contexts.values().stream()
          .filter(c -> c.peerIsScp() && c.abstractSyntax().equals(h.sopClassUid())
              && h.canBeSentIn(c.transferSyntax()))
          .min(java.util.Comparator.comparing(
              c -> !c.transferSyntax().equals(h.transferSyntax())))
          .orElse(null);
      if (pc == null) {
        opened.close();
        return Future.failedFuture(new IllegalStateException("no presentation context for "
            + h.sopClassUid() + " in " + h.transferSyntax() + " on which the peer is SCP"));
      }
      Command rq = Command.storeRq(nextMessageId(), h.sopClassUid(), h.sopInstanceUid());
      return opened.streamDatasetIn(eventLoop.owner(), pc.transferSyntax(),
          data -> request(pc, rq, data, null)).map(DimseResponse::command);
    }
  }
}
