package org.tessera.dimse.scu;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Uid;
import org.tessera.dimse.internal.service.DimseResponse;
import org.tessera.dimse.internal.ul.Part10Header;
import org.tessera.dimse.internal.ul.PresentationContext;
import org.tessera.dimse.internal.ul.Requestor;
import org.tessera.dimse.message.Command;

/**
 * An established association of this side: C-ECHO, C-STORE and C-FIND requests, one after
 * another or several at once (their messages never interleave), then release or abort.
 */
public final class ClientAssociation {
  private final Vertx vertx;
  private final Requestor requestor;

  ClientAssociation(Vertx vertx, Requestor requestor) {
    this.vertx = vertx;
    this.requestor = requestor;
  }

  /** The transfer syntax accepted for {@code sopClassUid} and {@code transferSyntax}, if any. */
  public boolean accepts(String sopClassUid, String transferSyntax) {
    return context(sopClassUid, transferSyntax) != null;
  }

  /** C-ECHO (PS3.7 9.1.5); completes with the response. */
  public Future<Command> echo() {
    PresentationContext pc = context(Uid.Verification, null);
    if (pc == null) {
      return notAccepted(Uid.Verification, null);
    }
    return requestor.request(pc, Command.echoRq(requestor.nextMessageId(), Uid.Verification),
        null, null).map(DimseResponse::command);
  }

  /**
   * C-STORE of a Part 10 file (PS3.7 9.1.1): its data set streams from the file as stored when
   * a context for its SOP class and transfer syntax was accepted, else re-encoded for one in
   * another uncompressed syntax (compressed data is never decompressed). File Meta is read on a
   * worker thread.
   *
   * @return the C-STORE-RSP (any status: the caller judges it)
   */
  public Future<Command> store(Path file) {
    return store(file, null, 0);
  }

  /**
   * C-STORE of a Part 10 file as a sub-operation of a C-MOVE: as {@link #store(Path)}, with the
   * Move Originator AE Title and Message ID in the request (PS3.7 9.3.1.1).
   *
   * @param moveOriginatorAeTitle the AE that asked for the C-MOVE; null for a plain C-STORE
   */
  public Future<Command> store(Path file, String moveOriginatorAeTitle,
      int moveOriginatorMessageId) {
    return Part10Header.open(vertx, file)
        .compose(opened -> store(opened, moveOriginatorAeTitle, moveOriginatorMessageId));
  }

  /** As {@link #store(Path, String, int)} for a file opened already ({@link Part10Header#open}). */
  public Future<Command> store(Part10Header.Opened opened, String moveOriginatorAeTitle,
      int moveOriginatorMessageId) {
    Part10Header h = opened.header();
    PresentationContext pc = contextFor(h);
    if (pc == null) {
      opened.close();
      return notAccepted(h.sopClassUid(), h.transferSyntax());
    }
    Command store = Command.storeRq(requestor.nextMessageId(), h.sopClassUid(),
        h.sopInstanceUid());
    Command rq = moveOriginatorAeTitle == null ? store
        : store.withMoveOriginator(moveOriginatorAeTitle, moveOriginatorMessageId);
    return opened.streamDatasetIn(vertx, pc.transferSyntax(),
        data -> requestor.request(pc, rq, data, null)).map(DimseResponse::command);
  }

  /**
   * C-FIND (PS3.7 9.1.2): each match's identifier goes to {@code onMatch} as it arrives.
   *
   * @return the final response
   */
  public Future<Command> find(String sopClassUid, Attributes identifier,
      Consumer<Attributes> onMatch) {
    PresentationContext pc = context(sopClassUid, null);
    if (pc == null) {
      return notAccepted(sopClassUid, null);
    }
    return requestor.request(pc, Command.findRq(requestor.nextMessageId(), sopClassUid),
        identifier, (rsp, ds) -> {
          if (ds != null) {
            onMatch.accept(ds);
          }
        }).map(DimseResponse::command);
  }

  /** A-RELEASE once every request has been answered; completes when the connection closed. */
  public Future<Void> release() {
    return requestor.release();
  }

  /** A-ABORT at once; outstanding requests fail. */
  public void abort() {
    requestor.abort();
  }

  /**
   * The context to send {@code h}'s data set on: one in its own transfer syntax, else one in a
   * syntax it can be re-encoded in (uncompressed to uncompressed).
   */
  private PresentationContext contextFor(Part10Header h) {
    PresentationContext exact = context(h.sopClassUid(), h.transferSyntax());
    if (exact != null) {
      return exact;
    }
    return requestor.contexts().values().stream()
        .filter(pc -> pc.abstractSyntax().equals(h.sopClassUid())
            && h.canBeSentIn(pc.transferSyntax()))
        .findFirst().orElse(null);
  }

  private PresentationContext context(String sopClassUid, String transferSyntax) {
    for (PresentationContext pc : requestor.contexts().values()) {
      if (pc.abstractSyntax().equals(sopClassUid)
          && (transferSyntax == null || pc.transferSyntax().equals(transferSyntax))) {
        return pc;
      }
    }
    return null;
  }

  private <T> Future<T> notAccepted(String sopClassUid, String transferSyntax) {
    return Future.failedFuture(new IllegalStateException(requestor.name() + ": no presentation "
        + "context accepted for " + sopClassUid + (transferSyntax == null ? ""
        : " in " + transferSyntax)));
  }
}
