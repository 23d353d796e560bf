package org.tessera.dimse.internal.ul;

import io.vertx.core.Future;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.dimse.internal.pdu.AAbort;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.AReleaseRp;
import org.tessera.dimse.internal.pdu.AReleaseRq;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdu;
import org.tessera.dimse.internal.pdu.PduDecoder;
import org.tessera.dimse.internal.pdu.PduEncoder;
import org.tessera.dimse.internal.pdu.PduException;
import org.tessera.dimse.internal.pdu.Pdv;

/**
 * The acceptor side of one association (PS3.8 9.2), on the event loop of its socket. States and
 * actions follow PS3.8 Table 9-10 for the events an acceptor can see; every PDU that is illegal
 * in the current state, and every malformed one, ends in an A-ABORT (AA-1, AA-8) followed by
 * Sta13, where input is ignored until the peer closes or ARTIM expires. Nothing thrown here
 * escapes to Vert.x.
 */
final class Association {
  private static final Logger LOG = LoggerFactory.getLogger(Association.class);

  private final Acceptor acceptor;
  private final NetSocket socket;
  private final int serial;
  private final PduDecoder decoder;
  private AssociationState state = AssociationState.Sta1;
  private String name;
  private DimseChannel channel;
  private final SocketInput input = new SocketInput();
  private boolean reserved;
  private long artimTimer = -1;
  private long idleTimer = -1;
  /**
   * When a PDU last came or went (System.nanoTime). The idle timer is armed once and, when it
   * fires, re-armed for what is left: cancelling and re-arming it for every PDU (32 for a 0.5 MB
   * data set in 16 KB PDUs) was a third of the event loop's work sending C-GET sub-operations.
   */
  private long lastActivity;

  Association(Acceptor acceptor, NetSocket socket, int serial) {
    this.acceptor = acceptor;
    this.socket = socket;
    this.serial = serial;
    this.name = socket.remoteAddress() + "(" + serial + ")";
    this.decoder = new PduDecoder(acceptor.options().maxPduLength(), this::onPdu);
  }

  /** AE-5: the connection is open; ARTIM runs until the A-ASSOCIATE-RQ arrives. */
  void start() {
    state = AssociationState.Sta2;
    socket.handler(this::onBytes);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> LOG.debug("{} socket error: {}", name, e.getMessage()));
    startArtim();
    LOG.debug("{} connected", name);
  }

  private void onBytes(Buffer bytes) {
    if (state == AssociationState.Sta13 || state == AssociationState.Sta1) {
      return; // AA-6, AA-7: ignored while waiting for the close
    }
    try {
      decoder.feed(bytes);
    } catch (PduException e) {
      abort(AAbort.SOURCE_SERVICE_PROVIDER, e.abortReason(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} internal error", name, e);
      abort(AAbort.SOURCE_SERVICE_PROVIDER, AAbort.REASON_NOT_SPECIFIED, "internal error");
    }
  }

  private void onPdu(Pdu pdu) {
    LOG.debug("{} received {}", name, pdu);
    switch (state) {
      case Sta2 -> inSta2(pdu);
      case Sta6 -> inSta6(pdu);
      case Sta8 -> abort(AAbort.SOURCE_SERVICE_PROVIDER, AAbort.UNEXPECTED_PDU,
          Pdu.name(pdu.type()) + " after A-RELEASE-RQ");
      default -> { } // Sta13: AA-6/AA-7, ignored
    }
  }

  private void inSta2(Pdu pdu) {
    stopArtim();
    if (pdu instanceof AAssociateRq rq) {
      onAssociateRq(rq);
    } else if (pdu instanceof AAbort) {
      close(); // AA-2
    } else {
      // AA-1: a service-user abort, so reason is not significant
      abort(AAbort.SOURCE_SERVICE_USER, AAbort.REASON_NOT_SPECIFIED,
          Pdu.name(pdu.type()) + " before A-ASSOCIATE-RQ");
    }
  }

  /** AE-6, then (negotiation being synchronous) AE-7 or AE-8 straight from Sta3. */
  private void onAssociateRq(AAssociateRq rq) {
    state = AssociationState.Sta3;
    name = rq.callingAeTitle() + "->" + rq.calledAeTitle() + "(" + serial + ")";
    Negotiation.Outcome outcome;
    if (acceptor.reserve()) {
      reserved = true;
      outcome = acceptor.negotiation().negotiate(rq);
    } else {
      outcome = Negotiation.localLimitExceeded();
    }
    if (outcome instanceof Negotiation.Accepted accepted) {
      established(rq, accepted);
    } else {
      Negotiation.Rejected rejected = (Negotiation.Rejected) outcome;
      LOG.info("{} rejected: {}", name, rejected.rj().describe());
      send(rejected.rj());
      awaitClose(); // AE-8: send A-ASSOCIATE-RJ, start ARTIM
    }
  }

  private void established(AAssociateRq rq, Negotiation.Accepted accepted) {
    long peerMax = rq.userInformation().maxLength();
    // PS3.8 D.1: 0 means unlimited; we then cut at our own maximum all the same
    long pduLength = peerMax == 0 ? acceptor.options().maxPduLength()
        : Math.min(peerMax, acceptor.options().maxPduLength());
    int fragmentLength = (int) Math.max(1, pduLength - Pdv.HEADER_LENGTH);
    channel = new DimseChannel(
        new AssociationInfo(name, rq.callingAeTitle(), rq.calledAeTitle(), accepted.archive()),
        accepted.contexts(), acceptor.services(), fragmentLength, this::write, input);
    send(accepted.ac());
    state = AssociationState.Sta6;
    LOG.info("{} established: {} of {} presentation contexts accepted, peer {} {}, archive {}",
        name, accepted.contexts().size(), rq.presentationContexts().size(),
        rq.userInformation().implementationClassUid(),
        rq.userInformation().implementationVersionName(), accepted.archive());
    restartIdle();
  }

  private void inSta6(Pdu pdu) {
    restartIdle();
    if (pdu instanceof PDataTf pData) {
      try {
        channel.onPData(pData); // DT-2
      } catch (PduException e) {
        abort(AAbort.SOURCE_SERVICE_PROVIDER, e.abortReason(), e.getMessage());
      }
    } else if (pdu instanceof AReleaseRq && channel.receivingDataset()) {
      // a requestor issues no P-DATA once it has asked for release (PS3.8 Table 9-10, Sta7):
      // the data set would never end nor its request be answered, and AR-2 would wait forever
      abort(AAbort.SOURCE_SERVICE_PROVIDER, AAbort.UNEXPECTED_PDU,
          "A-RELEASE-RQ in the middle of a data set");
    } else if (pdu instanceof AReleaseRq) {
      // AR-2: wait for the answers still owed, then AR-4
      state = AssociationState.Sta8;
      channel.drained().onComplete(done -> release());
    } else if (pdu instanceof AAbort abort) {
      LOG.info("{} aborted by peer: {}", name, abort.describe()); // AA-3
      close();
    } else {
      abort(AAbort.SOURCE_SERVICE_PROVIDER, AAbort.UNEXPECTED_PDU,
          Pdu.name(pdu.type()) + " on an established association"); // AA-8
    }
  }

  private void release() {
    if (state != AssociationState.Sta8) {
      return; // aborted meanwhile
    }
    send(AReleaseRp.INSTANCE);
    LOG.info("{} released", name);
    awaitClose();
  }

  /** AA-1 / AA-8: send A-ABORT, then wait in Sta13 for the peer to close. */
  private void abort(int source, int reason, String why) {
    if (state == AssociationState.Sta13 || state == AssociationState.Sta1) {
      return;
    }
    AAbort pdu = new AAbort(source, reason);
    LOG.info("{} aborted: {} ({})", name, why, pdu.describe());
    send(pdu);
    awaitClose();
  }

  /**
   * Sta13. The requestor closes the connection after our A-RELEASE-RP, A-ASSOCIATE-RJ or
   * A-ABORT (PS3.8 9.1.3-9.1.5); closing first could reset the connection before it has read
   * them, so we only close when ARTIM expires.
   */
  private void awaitClose() {
    state = AssociationState.Sta13;
    cancelIdle();
    endDimse("association ended while a data set was arriving");
    socket.resume(); // paused for a data set, it would not notice the peer closing
    startArtim();
  }

  /** A data set still arriving fails: its ingest rolls back and nothing partial is stored. */
  private void endDimse(String why) {
    if (channel != null) {
      // expected, not an archive failure: the ingest logs it as cancelled, without a trace
      channel.connectionLost(new ArchiveException(Problem.CANCELLED, name + ": " + why));
    }
  }

  Future<Void> send(Pdu pdu) {
    return write(((BufferInternal) PduEncoder.encode(pdu)).getByteBuf());
  }

  /** Writes encoded PDUs to the peer; they are released once written or dropped. */
  Future<Void> write(ByteBuf pdus) {
    if (state == AssociationState.Sta13 || state == AssociationState.Sta1) {
      pdus.release();
      return Future.succeededFuture(); // the association is over; late responses are dropped
    }
    restartIdle();
    return ((NetSocketInternal) socket).writeMessage(pdus);
  }

  private void onArtim() {
    artimTimer = -1;
    if (state == AssociationState.Sta2) {
      LOG.info("{} closed: no A-ASSOCIATE-RQ within {} ms", name, artimMillis());
    } else if (state == AssociationState.Sta13) {
      LOG.debug("{} closed: the peer did not close within {} ms", name, artimMillis());
    }
    close();
  }

  private void onIdle() {
    idleTimer = -1;
    if (state != AssociationState.Sta6) {
      return;
    }
    long timeout = millis(acceptor.options().idleTimeout());
    long quiet = (System.nanoTime() - lastActivity) / 1_000_000;
    if (quiet < timeout) {
      idleTimer = acceptor.vertx().setTimer(timeout - quiet, id -> onIdle());
      return;
    }
    // a request being served is not idleness, unless we are only waiting for the rest of its
    // data set from a peer that stopped sending (our own back-pressure does not count)
    boolean peerStalled = channel.receivingDataset() && !input.paused;
    if (channel.outstanding() > 0 && !peerStalled) {
      restartIdle();
      return;
    }
    abort(AAbort.SOURCE_SERVICE_USER, AAbort.REASON_NOT_SPECIFIED,
        "idle for " + acceptor.options().idleTimeout().toMillis() + " ms");
  }

  /** AA-2, AA-3: we close the connection ourselves, so Sta1 and not a close by the peer. */
  private void close() {
    state = AssociationState.Sta1;
    stopArtim();
    cancelIdle();
    endDimse("association aborted while a data set was arriving");
    socket.close();
  }

  /** AA-4, AA-5, AR-5: the connection is gone, whoever closed it. */
  private void onClosed() {
    if (state == AssociationState.Sta6 || state == AssociationState.Sta8) {
      LOG.info("{} aborted: connection closed by peer without release", name);
    }
    state = AssociationState.Sta1;
    stopArtim();
    cancelIdle();
    endDimse("connection closed while a data set was arriving");
    if (reserved) {
      reserved = false;
      acceptor.release();
    }
    LOG.debug("{} connection closed", name);
  }

  /** Back-pressure from a data set's consumer onto the connection. */
  private final class SocketInput implements DatasetStream.InputFlow {
    private boolean paused;

    @Override
    public void pauseInput() {
      paused = true;
      socket.pause();
    }

    @Override
    public void resumeInput() {
      paused = false;
      socket.resume();
    }
  }

  private void startArtim() {
    stopArtim();
    artimTimer = acceptor.vertx().setTimer(artimMillis(), id -> onArtim());
  }

  private void stopArtim() {
    if (artimTimer >= 0) {
      acceptor.vertx().cancelTimer(artimTimer);
      artimTimer = -1;
    }
  }

  /** Activity: the idle period starts again (the armed timer finds out when it fires). */
  private void restartIdle() {
    if (state != AssociationState.Sta6) {
      return;
    }
    lastActivity = System.nanoTime();
    if (idleTimer < 0) {
      idleTimer = acceptor.vertx().setTimer(millis(acceptor.options().idleTimeout()),
          id -> onIdle());
    }
  }

  private void cancelIdle() {
    if (idleTimer >= 0) {
      acceptor.vertx().cancelTimer(idleTimer);
      idleTimer = -1;
    }
  }

  private long artimMillis() {
    return millis(acceptor.options().artimTimeout());
  }

  private static long millis(Duration d) {
    return Math.max(1, d.toMillis());
  }
}
