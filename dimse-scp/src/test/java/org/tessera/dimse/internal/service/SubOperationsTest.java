package org.tessera.dimse.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tessera.archive.retrieve.StoredInstance;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dimse.internal.ul.Part10Header;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;

/** The counters, pending responses and final statuses of C-MOVE and C-GET (PS3.4 C.4.2.1.5). */
class SubOperationsTest {
  static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() {
    VERTX.close().await();
  }

  @Test
  void allStoredIsSuccessWithCountsAndAPendingResponseEach() throws Exception {
    Run run = run(3, i -> Future.succeededFuture(rsp(Status.SUCCESS)), -1);

    assertThat(run.response.command().status()).isEqualTo(Status.SUCCESS);
    assertThat(counts(run.response.command())).containsExactly(-1, 3, 0, 0);
    assertThat(run.response.dataset()).isNull();
    assertThat(run.replies.pending).extracting(SubOperationsTest::counts)
        .containsExactly(List.of(2, 1, 0, 0), List.of(1, 2, 0, 0), List.of(0, 3, 0, 0));
    assertThat(run.replies.pending).allMatch(c -> c.status() == Status.PENDING);
  }

  @Test
  void someFailedIsB000WithTheFailedListAndWarningsCount() throws Exception {
    Run run = run(4, i -> switch (i) {
      case 0 -> Future.succeededFuture(rsp(Status.SUCCESS));
      case 1 -> Future.succeededFuture(rsp(Status.OUT_OF_RESOURCES));
      case 2 -> Future.succeededFuture(rsp(Status.COERCION_OF_DATA_ELEMENTS));
      default -> Future.failedFuture("no context");
    }, -1);

    assertThat(run.response.command().status()).isEqualTo(Status.SUBOPERATIONS_COMPLETE_WITH_FAILURES);
    assertThat(counts(run.response.command())).containsExactly(-1, 1, 2, 1);
    assertThat(run.response.dataset().getStrings(Tag.FailedSOPInstanceUIDList))
        .containsExactly(run.uids.get(1), run.uids.get(3));
  }

  @Test
  void noneStoredIsA702AndNothingToDoIsSuccess() throws Exception {
    Run failed = run(2, i -> Future.failedFuture("gone"), -1);
    assertThat(failed.response.command().status())
        .isEqualTo(Status.UNABLE_TO_PERFORM_SUBOPERATIONS);
    assertThat(counts(failed.response.command())).containsExactly(-1, 0, 2, 0);

    Run nothing = run(0, i -> Future.failedFuture("never called"), -1);
    assertThat(nothing.response.command().status()).isEqualTo(Status.SUCCESS);
    assertThat(counts(nothing.response.command())).containsExactly(-1, 0, 0, 0);
  }

  @Test
  void aCancelStopsBeforeTheNextAndReportsWhatRemains() throws Exception {
    Run run = run(5, i -> Future.succeededFuture(rsp(Status.SUCCESS)), 2);

    assertThat(run.response.command().status()).isEqualTo(Status.CANCEL);
    assertThat(counts(run.response.command())).containsExactly(3, 2, 0, 0);
  }

  @Test
  void thousandsOfSynchronousSubOperationsNeedNoDeepStack() throws Exception {
    Run run = run(20_000, i -> Future.succeededFuture(rsp(Status.SUCCESS)), -1);

    assertThat(counts(run.response.command())).containsExactly(-1, 20_000, 0, 0);
  }

  @Test
  void theNextFileIsOpenedWhileOneIsSentAndACancelDiscardsIt() throws Exception {
    List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    List<StoredInstance> instances = instances(4, new ArrayList<>());
    FakeReplies replies = new FakeReplies(2);
    DimseResponse response = Future.<DimseResponse>future(p -> VERTX.runOnContext(v ->
        SubOperations.run(request(replies), instances,
            inst -> {
              events.add("open " + inst.blobKey());
              return Future.succeededFuture(inst.blobKey());
            },
            key -> {
              events.add("send " + key);
              return Future.succeededFuture(rsp(Status.SUCCESS));
            },
            key -> events.add("discard " + key)).onComplete(p)))
        .await(60, TimeUnit.SECONDS);

    assertThat(response.command().status()).isEqualTo(Status.CANCEL);
    // each file is opened before the one ahead of it is sent, and the one opened for nothing
    // after the cancel is closed; no file is opened twice or left open
    assertThat(events).containsExactly("open key0", "open key1", "send key0", "open key2",
        "send key1", "discard key2");
  }

  // ---------------------------------------------------------------------------------------------

  record Run(DimseResponse response, FakeReplies replies, List<String> uids) {}

  /** Runs on an event loop; the request is cancelled once {@code cancelAfter} were pending. */
  private static Run run(int n, Function<Integer, Future<Command>> store, int cancelAfter)
      throws Exception {
    List<String> uids = new ArrayList<>();
    List<StoredInstance> instances = instances(n, uids);
    FakeReplies replies = new FakeReplies(cancelAfter);
    DimseResponse response = Future.<DimseResponse>future(p -> VERTX.runOnContext(v ->
        SubOperations.run(request(replies), instances,
            inst -> Future.succeededFuture(Integer.parseInt(inst.blobKey().substring(3))), store,
            i -> { }).onComplete(p)))
        .await(60, TimeUnit.SECONDS);
    return new Run(response, replies, uids);
  }

  private static List<StoredInstance> instances(int n, List<String> uids) {
    List<StoredInstance> instances = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String uid = Uid.generate();
      uids.add(uid);
      instances.add(new StoredInstance("1.2", "1.2.3", uid, Uid.CTImageStorage,
          Uid.ExplicitVRLittleEndian, 10, new byte[16], "key" + i, "default"));
    }
    return instances;
  }

  private static DimseRequest request(FakeReplies replies) {
    return new DimseRequest("SCU->TESSERA(1)", "SCU", "TESSERA", "default", 1,
        Uid.StudyRootQueryRetrieveInformationModelMove, Uid.ImplicitVRLittleEndian,
        Command.of(moveRq()), null, replies);
  }

  private static Attributes moveRq() {
    Attributes a = new Attributes();
    a.setString(Tag.AffectedSOPClassUID, org.tessera.dicom.data.VR.UI,
        Uid.StudyRootQueryRetrieveInformationModelMove);
    a.setInt(Tag.CommandField, org.tessera.dicom.data.VR.US, 0x0021);
    a.setInt(Tag.MessageID, org.tessera.dicom.data.VR.US, 7);
    a.setInt(Tag.CommandDataSetType, org.tessera.dicom.data.VR.US, 0);
    return a;
  }

  private static Command rsp(int status) {
    return Command.response(Command.of(moveRq()), status);
  }

  private static List<Integer> counts(Command c) {
    return List.of(c.count(Tag.NumberOfRemainingSuboperations),
        c.count(Tag.NumberOfCompletedSuboperations), c.count(Tag.NumberOfFailedSuboperations),
        c.count(Tag.NumberOfWarningSuboperations));
  }

  static final class FakeReplies implements Replies {
    final List<Command> pending = new ArrayList<>();
    final int cancelAfter;

    FakeReplies(int cancelAfter) {
      this.cancelAfter = cancelAfter;
    }

    @Override
    public Future<Void> pending(Command response, Attributes dataset) {
      pending.add(response);
      return Future.succeededFuture();
    }

    @Override
    public boolean cancelled() {
      return cancelAfter >= 0 && pending.size() >= cancelAfter;
    }

    @Override
    public Future<Command> store(Part10Header.Opened file) {
      return Future.failedFuture("not used");
    }
  }
}
