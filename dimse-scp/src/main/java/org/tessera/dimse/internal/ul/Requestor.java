package org.tessera.dimse.internal.ul;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.dicom.data.Attributes;
import org.tessera.dimse.internal.pdu.AAbort;
import org.tessera.dimse.internal.pdu.AAssociateAc;
import org.tessera.dimse.internal.pdu.AAssociateRj;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.AReleaseRp;
import org.tessera.dimse.internal.pdu.AReleaseRq;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdu;
import org.tessera.dimse.internal.pdu.PduDecoder;
import org.tessera.dimse.internal.pdu.PduEncoder;
import org.tessera.dimse.internal.pdu.PduException;
import org.tessera.dimse.internal.pdu.PresentationContextAc;
import org.tessera.dimse.internal.pdu.PresentationContextRq;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.internal.service.DimseResponse;
import org.tessera.dimse.internal.service.ServiceRegistry;
import org.tessera.dimse.message.Command;

/**
 * The requestor side of one association (PS3.8 9.2, Sta4 to Sta7) on a connected socket: sends
 * the A-ASSOCIATE-RQ, waits for the answer (ARTIM), then carries DIMSE requests of this side
 * through a {@link DimseChannel} until it releases or aborts. Event-loop confined.
 */
public final class Requestor {
  private static final Logger LOG = LoggerFactory.getLogger(Requestor.class);

  /** Why an association could not be established: rejected, aborted or no answer. */
  public static final class AssociationRefusedException extends IOException {
    AssociationRefusedException(String message) {
      super(message);
    }
  }

  private final Vertx vertx;
  private final NetSocket socket;
  private final AAssociateRq rq;
  private final long maxPduLength;
  private final Duration timeout;
  private final PduDecoder decoder;
  private final Promise<Requestor> established = Promise.promise();
  private final Promise<Void> closed = Promise.promise();
  private AssociationState state = AssociationState.Sta5;
  private String name;
  private DimseChannel channel;
  private Promise<Void> released;
  private long timer = -1;

  private Requestor(Vertx vertx, NetSocket socket, AAssociateRq rq, long maxPduLength,
      Duration timeout) {
    this.vertx = vertx;
    this.socket = socket;
    this.rq = rq;
    this.maxPduLength = maxPduLength;
    this.timeout = timeout;
    this.name = rq.callingAeTitle() + "->" + rq.calledAeTitle() + "@" + socket.remoteAddress();
    this.decoder = new PduDecoder(maxPduLength, this::onPdu);
  }

  /**
   * Requests an association on {@code socket} (AE-2: A-ASSOCIATE-RQ sent, Sta5).
   *
   * @param maxPduLength the maximum length we announce in {@code rq} (for the decoder)
   * @param timeout ARTIM: how long to wait for the answer, and for the release answer
   * @return the established association; fails with {@link AssociationRefusedException}
   */
  public static Future<Requestor> open(Vertx vertx, NetSocket socket, AAssociateRq rq,
      long maxPduLength, Duration timeout) {
    Requestor r = new Requestor(vertx, socket, rq, maxPduLength, timeout);
    socket.handler(r::onBytes);
    socket.closeHandler(v -> r.onClosed());
    socket.exceptionHandler(e -> LOG.debug("{} socket error: {}", r.name, e.getMessage()));
    socket.write(PduEncoder.encode(rq));
    r.startTimer();
    return r.established.future();
  }

  /** A Message ID for the next request. */
  public int nextMessageId() {
    return channel.nextMessageId();
  }

  /**
   * Sends a request on an accepted context; see {@link DimseChannel#request}.
   *
   * @param dataset null, {@code Attributes}, or a {@code ReadStream<Buffer>} of data set bytes
   *     already in the context's transfer syntax
   */
  public Future<DimseResponse> request(PresentationContext context, Command rq, Object dataset,
      BiConsumer<Command, Attributes> pending) {
    if (state != AssociationState.Sta6) {
      return Future.failedFuture(new IOException(name + ": association not established"));
    }
    return channel.request(context, rq, dataset, pending);
  }

  /** Accepted presentation contexts by ID. */
  public Map<Integer, PresentationContext> contexts() {
    return channel.contexts();
  }

  public String name() {
    return name;
  }

  /** AR-1: A-RELEASE-RQ once every request has its final response; completes when closed. */
  public Future<Void> release() {
    if (state != AssociationState.Sta6) {
      return closed.future();
    }
    released = Promise.promise();
    channel.allAnswered().onComplete(v -> {
      if (state == AssociationState.Sta6) {
        state = AssociationState.Sta7;
        socket.write(PduEncoder.encode(AReleaseRq.INSTANCE));
        startTimer();
      }
    });
    return released.future();
  }

  /** AA-1: A-ABORT and close. */
  public void abort() {
    if (state == AssociationState.Sta1) {
      return;
    }
    socket.write(PduEncoder.encode(new AAbort(AAbort.SOURCE_SERVICE_USER,
        AAbort.REASON_NOT_SPECIFIED)));
    close("aborted by this side");
  }

  /** Completes when the connection is closed, however. */
  public Future<Void> closed() {
    return closed.future();
  }

  private void onBytes(Buffer bytes) {
    if (state == AssociationState.Sta1) {
      return;
    }
    try {
      decoder.feed(bytes);
    } catch (PduException e) {
      socket.write(PduEncoder.encode(new AAbort(AAbort.SOURCE_SERVICE_PROVIDER, e.abortReason())));
      close(e.getMessage());
    }
  }

  private void onPdu(Pdu pdu) {
    if (pdu instanceof AAbort abort) {
      close("aborted by peer: " + abort.describe());
      return;
    }
    switch (state) {
      case Sta5 -> inSta5(pdu);
      case Sta6, Sta7 -> inSta6or7(pdu);
      default -> { }
    }
  }

  private void inSta5(Pdu pdu) {
    stopTimer();
    if (pdu instanceof AAssociateAc ac) {
      established(ac);
    } else if (pdu instanceof AAssociateRj rj) {
      close("rejected: " + rj.describe());
    } else {
      abortProtocol(Pdu.name(pdu.type()) + " instead of A-ASSOCIATE-AC or -RJ");
    }
  }

  private void established(AAssociateAc ac) {
    Map<Integer, PresentationContext> accepted = new LinkedHashMap<>();
    for (PresentationContextAc pc : ac.presentationContexts()) {
      PresentationContextRq proposed = rq.presentationContexts().stream()
          .filter(p -> p.id() == pc.id()).findFirst().orElse(null);
      if (pc.accepted() && proposed != null
          && proposed.transferSyntaxes().contains(pc.transferSyntax())) {
        accepted.put(pc.id(), new PresentationContext(pc.id(), proposed.abstractSyntax(),
            pc.transferSyntax(), true));
      }
    }
    long peerMax = ac.userInformation().maxLength();
    long pduLength = peerMax == 0 ? maxPduLength : peerMax;
    int fragmentLength = (int) Math.max(1, Math.min(Integer.MAX_VALUE, pduLength)
        - Pdv.HEADER_LENGTH);
    channel = new DimseChannel(
        new AssociationInfo(name, rq.callingAeTitle(), rq.calledAeTitle(), null),
        accepted, ServiceRegistry.of(java.util.List.of()), fragmentLength, this::write,
        new DatasetStream.InputFlow() {
          @Override
          public void pauseInput() {
            socket.pause();
          }

          @Override
          public void resumeInput() {
            socket.resume();
          }
        });
    state = AssociationState.Sta6;
    LOG.info("{} established: {} of {} presentation contexts accepted", name, accepted.size(),
        rq.presentationContexts().size());
    established.complete(this);
  }

  private void inSta6or7(Pdu pdu) {
    if (pdu instanceof PDataTf pData) {
      try {
        channel.onPData(pData);
      } catch (PduException e) {
        abortProtocol(e.getMessage());
      }
    } else if (pdu instanceof AReleaseRp && state == AssociationState.Sta7) {
      stopTimer();
      LOG.info("{} released", name);
      close(null); // AR-3: the requestor closes the connection
    } else if (pdu instanceof AReleaseRq) {
      // the peer wants out (or a release collision): answer and close (AR-2, AR-8 simplified)
      send(AReleaseRp.INSTANCE);
      close("released by peer");
    } else {
      abortProtocol(Pdu.name(pdu.type()) + " on an established association");
    }
  }

  private void abortProtocol(String why) {
    socket.write(PduEncoder.encode(new AAbort(AAbort.SOURCE_SERVICE_PROVIDER,
        AAbort.UNEXPECTED_PDU)));
    close(why);
  }

  private Future<Void> send(Pdu pdu) {
    return write(((BufferInternal) PduEncoder.encode(pdu)).getByteBuf());
  }

  /** Writes encoded PDUs to the peer; they are released once written or dropped. */
  private Future<Void> write(ByteBuf pdus) {
    if (state == AssociationState.Sta1) {
      pdus.release();
      return Future.failedFuture(new IOException(name + ": association closed"));
    }
    return ((NetSocketInternal) socket).writeMessage(pdus);
  }

  private void close(String why) {
    if (state == AssociationState.Sta1) {
      return;
    }
    boolean wasEstablishing = state == AssociationState.Sta5;
    state = AssociationState.Sta1;
    stopTimer();
    if (why != null) {
      LOG.info("{} {}", name, why);
    }
    IOException cause = new AssociationRefusedException(name + ": " + (why == null ? "released" : why));
    if (channel != null) {
      channel.connectionLost(cause);
    }
    if (wasEstablishing) {
      established.tryFail(cause);
    }
    if (released != null) {
      if (why == null) {
        released.tryComplete();
      } else {
        released.tryFail(cause);
      }
    }
    socket.close().onComplete(v -> closed.tryComplete());
  }

  private void onClosed() {
    if (state != AssociationState.Sta1) {
      close("connection closed by peer");
    }
    closed.tryComplete();
  }

  private void startTimer() {
    stopTimer();
    timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
      timer = -1;
      if (state == AssociationState.Sta5 || state == AssociationState.Sta7) {
        socket.write(PduEncoder.encode(new AAbort(AAbort.SOURCE_SERVICE_USER,
            AAbort.REASON_NOT_SPECIFIED)));
        close("no answer within " + timeout.toMillis() + " ms");
      }
    });
  }

  private void stopTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
