package org.tessera.dimse.internal.service;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.retrieve.StoredInstance;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dimse.internal.ul.Part10Header;
import org.tessera.dimse.internal.ul.Part10Header.Opened;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;

/**
 * The C-STORE sub-operations of one C-MOVE or C-GET (PS3.4 C.4.2.3, C.4.3.3), one after another:
 * a pending response with the counts after each, C-CANCEL honoured between two, and the final
 * response with the counts and, if any failed, the Failed SOP Instance UID List.
 */
final class SubOperations<F> {
  private static final Logger LOG = LoggerFactory.getLogger(SubOperations.class);

  private final DimseRequest request;
  private final List<StoredInstance> instances;
  private final Function<StoredInstance, Future<F>> open;
  private final Function<F, Future<Command>> store;
  private final Consumer<F> discard;
  private final List<String> failedUids = new ArrayList<>();
  private final Promise<DimseResponse> done = Promise.promise();
  private final Context context = Vertx.currentContext();
  /** The file of the instance after the one being sent, opened meanwhile; null if none. */
  private Future<F> next;
  private int completed;
  private int failed;
  private int warning;

  /**
   * @param open opens an instance's file for its sub-operation
   * @param store performs one sub-operation with the opened file: the C-STORE-RSP, or a failed
   *     future if it could not be attempted (no context accepted, the destination went away)
   * @param discard closes an opened file that will not be sent (after a C-CANCEL)
   */
  private SubOperations(DimseRequest request, List<StoredInstance> instances,
      Function<StoredInstance, Future<F>> open, Function<F, Future<Command>> store,
      Consumer<F> discard) {
    this.request = request;
    this.instances = instances;
    this.open = open;
    this.store = store;
    this.discard = discard;
  }

  /**
   * Call on the association's event loop. While one instance is sent, the next one's file is
   * opened (and read, if small): waiting for that is then off the path from one C-STORE-RSP to
   * the next C-STORE-RQ.
   */
  static <F> Future<DimseResponse> run(DimseRequest request, List<StoredInstance> instances,
      Function<StoredInstance, Future<F>> open, Function<F, Future<Command>> store,
      Consumer<F> discard) {
    SubOperations<F> s = new SubOperations<>(request, instances, open, store, discard);
    s.next(0);
    return s.done.future();
  }

  /** {@link #run} for stored files: opened and sent as {@link Part10Header} does. */
  static Future<DimseResponse> run(Vertx vertx, DimseRequest request,
      List<StoredInstance> instances, Function<StoredInstance, Path> path,
      Function<Opened, Future<Command>> store) {
    return run(request, instances, i -> Part10Header.open(vertx, path.apply(i)), store,
        Opened::close);
  }

  /** Every instance failed before a sub-operation could start (destination unreachable). */
  static DimseResponse allFailed(Command rq, List<StoredInstance> instances, String why) {
    SubOperations<Void> s = new SubOperations<>(null, instances, null, null, null);
    for (StoredInstance i : instances) {
      s.failed++;
      s.failedUids.add(i.sopInstanceUid());
    }
    return s.finalResponse(rq, 0, false).withComment(why);
  }

  /**
   * One sub-operation, then the next from a new event-loop task: no stack or future chain grows
   * with the number of instances, however the futures complete.
   */
  private void next(int index) {
    Command rq = request.command();
    if (index == instances.size()) {
      done.complete(finalResponse(rq, 0, false));
      return;
    }
    if (request.replies().cancelled()) {
      next.onSuccess(discard::accept);
      done.complete(finalResponse(rq, instances.size() - index, true));
      return;
    }
    StoredInstance instance = instances.get(index);
    Future<F> file = index == 0 ? invoke(open, instance) : next;
    next = index + 1 < instances.size() ? invoke(open, instances.get(index + 1)) : null;
    file.compose(opened -> invoke(store, opened)).onComplete(ar -> {
      count(instance, ar.succeeded() ? ar.result().status() : -1,
          ar.succeeded() ? null : ar.cause());
      Command pending = counts(Command.response(rq, Status.PENDING),
          instances.size() - index - 1);
      request.replies().pending(pending, null)
          .onComplete(written -> context.runOnContext(v -> next(index + 1)));
    });
  }

  private static <T, R> Future<R> invoke(Function<T, Future<R>> f, T t) {
    try {
      return f.apply(t);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void count(StoredInstance instance, int status, Throwable failure) {
    Status.Category category = status < 0 ? Status.Category.FAILURE : Status.category(status);
    switch (category) {
      case SUCCESS -> completed++;
      case WARNING -> warning++;
      default -> {
        failed++;
        failedUids.add(instance.sopInstanceUid());
        LOG.info("{} sub-operation C-STORE of {} failed: {}", request.association(),
            instance.sopInstanceUid(), failure != null ? failure.getMessage()
            : Status.format(status));
      }
    }
  }

  /** PS3.4 C.4.2.1.5: success, warning B000 if some failed, A702 if none could be done. */
  private DimseResponse finalResponse(Command rq, int remaining, boolean cancelled) {
    int status;
    if (cancelled) {
      status = Status.CANCEL;
    } else if (failed == 0 && warning == 0) {
      status = Status.SUCCESS;
    } else if (completed == 0 && warning == 0) {
      status = Status.UNABLE_TO_PERFORM_SUBOPERATIONS;
    } else {
      status = Status.SUBOPERATIONS_COMPLETE_WITH_FAILURES;
    }
    Command rsp = counts(Command.response(rq, status), cancelled ? remaining : -1);
    Attributes failedList = null;
    if (!failedUids.isEmpty()) {
      failedList = new Attributes();
      failedList.setString(Tag.FailedSOPInstanceUIDList, VR.UI, failedUids.toArray(String[]::new));
    }
    return new DimseResponse(rsp, failedList);
  }

  /** The four counters (PS3.7 9.3.3.2, 9.3.4.2); remaining left out if negative. */
  private Command counts(Command rsp, int remaining) {
    return rsp.withSubOperationCounts(remaining, completed, failed, warning);
  }
}
