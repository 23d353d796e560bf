package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.query.QueryResult;
import org.tessera.archive.query.QueryService;
import org.tessera.dicom.data.Attributes;
import org.tessera.dimse.AeAccess;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * The C-FIND SCP of the Query/Retrieve Service Class (PS3.4 C.4.1) for the Patient Root and
 * Study Root information models. The identifier is read by {@link IdentifierReader} (longer
 * than its limit: Refused: Out of Resources), translated by
 * {@link FindIdentifierMapper}, and run on the query engine a page at a time. Each match goes out
 * as a pending response once the one before it has been written, so that a slow peer holds back
 * the query rather than filling memory. A C-CANCEL-RQ (PS3.7 9.3.2.3) is looked for before
 * each and ends the request with Cancel (PS3.4 C.4.1.1.4).
 */
public final class FindScp implements DimseService {
  private static final Logger LOG = LoggerFactory.getLogger(FindScp.class);
  /** Matches fetched per query of the engine: at most one page per request in memory. */
  static final int PAGE_SIZE = 100;
  /** Pending responses sent in one event-loop turn at most (see {@code sendMatches}). */
  static final int BURST = 32;

  private final Vertx vertx;
  private final QueryService query;
  private final AeAccess access;

  /**
   * @param vertx where identifiers are parsed (on workers)
   * @param query the engine every model runs on
   * @param access what each calling AE may see
   */
  public FindScp(Vertx vertx, QueryService query, AeAccess access) {
    this.vertx = vertx;
    this.query = query;
    this.access = access;
  }

  @Override
  public Set<String> sopClasses() {
    return Set.of(QueryRetrieveModel.PATIENT_ROOT.findSopClass(),
        QueryRetrieveModel.STUDY_ROOT.findSopClass());
  }

  @Override
  public Future<DimseResponse> onRequest(DimseRequest request) {
    Command rq = request.command();
    if (rq.dimse() != Dimse.C_FIND_RQ) {
      return DimseResponse.refuse(rq, Status.UNRECOGNIZED_OPERATION, "only C-FIND-RQ on a FIND context");
    }
    if (!request.abstractSyntax().equals(rq.affectedSopClassUid())) {
      // PS3.7 9.1.2.1.2: the Affected SOP Class is the context's abstract syntax
      return DimseResponse.refuse(rq, Status.SOP_CLASS_NOT_SUPPORTED, "Affected SOP Class UID "
          + rq.affectedSopClassUid() + " is not the context's");
    }
    if (request.dataset() == null) {
      return DimseResponse.refuse(rq, FindStatus.IDENTIFIER_UNREADABLE, "C-FIND-RQ without an identifier");
    }
    QueryRetrieveModel model = QueryRetrieveModel.ofFind(request.abstractSyntax()).orElseThrow();
    return IdentifierReader.read(vertx, request)
        .map(identifier -> FindIdentifierMapper.toQuery(model, identifier, request.archive(),
            access.of(request.callingAeTitle())))
        .compose(find -> new Matches(request, find).send())
        .recover(e -> Future.succeededFuture(failure(request, e)))
        .map(DimseResponse::of);
  }

  /** The final response of a failed request; only an internal error is worth a stack trace. */
  private static Command failure(DimseRequest request, Throwable e) {
    ArchiveException failure = ArchiveException.of(e);
    if (failure.problem() == Problem.INTERNAL) {
      LOG.error("{} C-FIND failed", request.association(), e);
    } else {
      LOG.debug("{} C-FIND refused: {}", request.association(), failure.getMessage());
    }
    return FindStatus.response(request.command(), failure);
  }

  /**
   * One request's matches, a page at a time, each pending response sent once the one before it
   * is written. Pages are taken by offset in the engine's stable order: an instance stored
   * between two pages may shift a match across the boundary (sent twice or not at all), which a
   * query of the live archive cannot rule out anyway. Confined to the association's event loop.
   */
  private final class Matches {
    private final DimseRequest request;
    private final Command rq;
    private final FindQuery find;
    private final Promise<Command> done = Promise.promise();
    private List<Attributes> page = List.of();
    private int next;
    private int offset;
    private boolean morePages;
    /** The keys left out of every response, and the pending status: known from page one. */
    private Set<Integer> unsupported;
    private int pendingStatus;

    Matches(DimseRequest request, FindQuery find) {
      this.request = request;
      this.rq = request.command();
      this.find = find;
    }

    /** Sends every match; completes with the final response. */
    Future<Command> send() {
      fetch();
      return done.future();
    }

    private void fetch() {
      if (cancelled()) {
        return;
      }
      query.find(find.query().withLimit(PAGE_SIZE).withOffset(offset)).onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
          return;
        }
        QueryResult result = ar.result();
        if (unsupported == null) {
          unsupported = find.unsupported(result.unsupportedKeys());
          pendingStatus = unsupported.isEmpty() ? Status.PENDING
              : Status.PENDING_OPTIONAL_KEYS_NOT_SUPPORTED;
        }
        page = result.matches();
        next = 0;
        offset += page.size();
        morePages = result.truncated() && !page.isEmpty();
        sendMatches();
      });
    }

    /**
     * Sends the page's matches, then fetches the next page or ends. A write that completes at
     * once (the socket took it) lets the next match follow in the same turn, up to
     * {@link #BURST} of them; then a timer hands the event loop back for a moment. Netty runs
     * queued tasks for up to a second ({@code io.netty.eventLoop.maxTaskProcessingQuantumMs})
     * before it reads sockets again, so without the pause a C-CANCEL-RQ, and every other
     * association of the loop, would wait for the whole page.
     */
    private void sendMatches() {
      for (int sent = 0; sent < BURST; sent++) {
        if (cancelled()) {
          return;
        }
        if (next == page.size()) {
          if (morePages) {
            fetch();
          } else {
            done.tryComplete(Command.response(rq, Status.SUCCESS));
          }
          return;
        }
        Attributes identifier = FindIdentifierMapper.toResponse(find, page.get(next++),
            unsupported, request.calledAeTitle());
        Future<Void> written = request.replies().pending(
            Command.response(rq, pendingStatus), identifier);
        if (!written.isComplete()) {
          // the peer reads slower than we write: go on when it has caught up
          written.onComplete(ar -> {
            if (ar.succeeded()) {
              sendMatches();
            } else {
              writeFailed(ar.cause());
            }
          });
          return;
        }
        if (written.failed()) {
          writeFailed(written.cause());
          return;
        }
      }
      vertx.setTimer(1, id -> sendMatches());
    }

    /** The association is gone (or going): nobody is left to answer. */
    private void writeFailed(Throwable cause) {
      done.tryFail(new ArchiveException(Problem.CANCELLED,
          "a pending response could not be sent: " + cause.getMessage()));
    }

    /** PS3.4 C.4.1.1.4: a cancelled request ends with FE00 and no identifier. */
    private boolean cancelled() {
      if (!request.replies().cancelled()) {
        return false;
      }
      page = List.of();
      done.tryComplete(Command.response(rq, Status.CANCEL));
      return true;
    }
  }
}
