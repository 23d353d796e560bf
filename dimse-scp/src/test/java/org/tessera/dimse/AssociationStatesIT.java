package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.tessera.dicom.data.Uid;
import org.tessera.dimse.DimseServerIT.Peer;
import org.tessera.dimse.internal.pdu.AAbort;
import org.tessera.dimse.internal.pdu.AAssociateAc;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.AReleaseRp;
import org.tessera.dimse.internal.pdu.AReleaseRq;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdu;
import org.tessera.dimse.internal.pdu.PduDecoder;
import org.tessera.dimse.internal.pdu.PduEncoder;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * The acceptor's state machine (PS3.8 Table 9-10) at its edges, over raw sockets: a release
 * while a response is owed (AR-2 then AR-4 in Sta8), the idle timer, an abort from the peer
 * (AA-3) and a connection lost in the middle of a PDU (AA-4). Each test runs its own server, so
 * that the association counter and the log are its alone; Vert.x runs with a 200 ms maximum
 * event-loop execute time so blocking shows.
 */
class AssociationStatesIT {
  /** Long enough that a close seen before it is not ARTIM's. */
  static final Duration LONG = Duration.ofSeconds(10);
  /** How long a test waits for something asynchronous before failing. */
  static final Duration DEADLINE = Duration.ofSeconds(2);
  /** The calling AE title of these tests' peers, so that log lines are recognisably theirs. */
  static final String CALLING = "STATES";

  static Vertx vertx;
  /** Exceptions that reached Vert.x instead of being handled. */
  static final List<Throwable> unhandled = new CopyOnWriteArrayList<>();

  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  DimseServer server;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    vertx.exceptionHandler(unhandled::add);
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void captureLog() {
    unhandled.clear();
    log.start();
    root().addAppender(log); // all loggers: Vert.x and Netty report escaped exceptions there
  }

  @AfterEach
  void stopServer() throws Exception {
    root().detachAppender(log);
    if (server != null) {
      vertx.undeploy(server.deploymentID()).await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aReleaseWhileAnEchoIsOutstandingIsAnsweredAfterTheResponse() throws Exception {
    int port = start(Duration.ofMillis(300), LONG);
    try (Peer peer = new Peer(port)) {
      peer.send(associateRq());
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);

      // C-ECHO-RQ and A-RELEASE-RQ in one write: the server decodes the release before the
      // response it owes has been written (AR-2 in Sta6, then Sta8 until it has)
      byte[] rq = Command.echoRq(5, Uid.Verification).encode();
      Buffer both = PduEncoder.encode(new PDataTf(List.of(new Pdv(1, true, true,
          Buffer.buffer(rq))))).appendBuffer(PduEncoder.encode(AReleaseRq.INSTANCE));
      peer.out().write(both.getBytes());

      // the peer does not close: the server does, when ARTIM expires in Sta13
      List<Pdu> received = decodeAll(peer.readUntilClosed(DEADLINE));
      assertThat(received).extracting(pdu -> Pdu.name(pdu.type()))
          .containsExactly("P-DATA-TF", "A-RELEASE-RP");
      List<Pdv> pdvs = ((PDataTf) received.get(0)).pdvs();
      assertThat(pdvs).singleElement().satisfies(pdv -> {
        assertThat(pdv.contextId()).isEqualTo(1);
        assertThat(pdv.command()).isTrue();
        assertThat(pdv.last()).isTrue();
      });
      Command rsp = Command.decode(pdvs.get(0).data().getBytes());
      assertThat(rsp.dimse()).isEqualTo(Dimse.C_ECHO_RSP);
      assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(5);
      assertThat(rsp.status()).isEqualTo(Status.SUCCESS);
      assertThat(received.get(1)).isEqualTo(AReleaseRp.INSTANCE);
    }
    awaitActive(0);
    assertThat(messages()).filteredOn(m -> m.startsWith(CALLING + "->TESSERA(1) "))
        .map(m -> m.replaceFirst("\\d+ ms$", "N ms"))
        .containsSubsequence(
            "STATES->TESSERA(1) >> C-ECHO-RQ id=5 cuid=1.2.840.10008.1.1",
            "STATES->TESSERA(1) << C-ECHO-RSP id=5 status=0000H N ms",
            "STATES->TESSERA(1) released")
        .noneMatch(m -> m.contains("aborted"));
    assertNothingEscaped();
  }

  @Test
  void aSilentAssociationIsAbortedWhenIdleAndThenClosed() throws Exception {
    int port = start(Duration.ofMillis(300), Duration.ofMillis(300));
    try (Peer peer = new Peer(port)) {
      peer.send(associateRq());
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);
      assertThat(server.activeAssociations()).isEqualTo(1);

      // idle timer, then A-ABORT and ARTIM in Sta13, then the close
      byte[] bytes = peer.readUntilClosed(DEADLINE);
      // A-ABORT: type 07H, reserved 00H, length 4, reserved 00H 00H,
      // source 0 (service-user: idleness is our own decision), reason 0 (not significant)
      assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("07" + "00" + "00000004"
          + "0000" + "00" + "00");
    }
    awaitActive(0);
    assertThat(messages()).filteredOn(m -> m.contains(" aborted"))
        .containsExactly("STATES->TESSERA(1) aborted: idle for 300 ms "
            + "(service-user reason-not-specified (source 0, reason 0))");
    assertNothingEscaped();
  }

  /**
   * A peer that stops in the middle of a data set holds a request open: waiting for it is
   * idleness all the same (not our own back-pressure), so the idle timer aborts it.
   */
  @Test
  void aPeerStalledInTheMiddleOfADataSetIsAbortedWhenIdle() throws Exception {
    int port = start(Duration.ofMillis(300), Duration.ofMillis(300));
    try (Peer peer = new Peer(port)) {
      peer.send(associateRq());
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);

      // a C-ECHO-RQ that announces a data set, and the first fragment of it, then silence
      byte[] rq = Command.echoRq(4, Uid.Verification).withDataset(true).encode();
      peer.send(new PDataTf(List.of(new Pdv(1, true, true, Buffer.buffer(rq)))));
      peer.send(new PDataTf(List.of(new Pdv(1, false, false, Buffer.buffer(new byte[64])))));

      List<Pdu> received = decodeAll(peer.readUntilClosed(DEADLINE));
      assertThat(received).extracting(pdu -> Pdu.name(pdu.type())).containsExactly("A-ABORT");
    }
    awaitActive(0);
    assertThat(messages()).filteredOn(m -> m.contains(" aborted"))
        .containsExactly("STATES->TESSERA(1) aborted: idle for 300 ms "
            + "(service-user reason-not-specified (source 0, reason 0))");
    assertThat(messages()).noneMatch(m -> m.contains("C-ECHO-RSP"));
    assertNothingEscaped();
  }

  @Test
  void anAbortFromThePeerClosesAtOnceWithoutAnAnswer() throws Exception {
    int port = start(LONG, LONG);
    try (Peer peer = new Peer(port)) {
      peer.send(associateRq());
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);
      assertThat(server.activeAssociations()).isEqualTo(1);

      peer.send(new AAbort(AAbort.SOURCE_SERVICE_USER, AAbort.REASON_NOT_SPECIFIED));
      // AA-3: close, no PDU in answer; ARTIM being 10 s, a close within 2 s is not ARTIM's
      assertThat(peer.readUntilClosed(DEADLINE)).isEmpty();
    }
    awaitActive(0);
    assertThat(messages()).filteredOn(m -> m.contains(" aborted"))
        .containsExactly("STATES->TESSERA(1) aborted by peer: "
            + "service-user reason-not-specified (source 0, reason 0)");
    assertNothingEscaped();
  }

  /**
   * Half a P-DATA-TF, then the connection goes: with a FIN, after the half PDU has arrived;
   * with a reset (SO_LINGER 0), possibly before, as a peer that crashes does.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"FIN", "RST"})
  void aConnectionLostInTheMiddleOfAPduEndsTheAssociation(String how) throws Exception {
    int port = start(LONG, LONG);
    try (Peer peer = new Peer(port)) {
      peer.send(associateRq());
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);
      assertThat(server.activeAssociations()).isEqualTo(1);

      byte[] rq = Command.echoRq(9, Uid.Verification).encode();
      byte[] pdu = PduEncoder.encode(new PDataTf(List.of(new Pdv(1, true, true,
          Buffer.buffer(rq))))).getBytes();
      peer.out().write(pdu, 0, pdu.length / 2); // header and part of the command set
      peer.out().flush();
      if (how.equals("RST")) {
        peer.socket.setSoLinger(true, 0);
      }
    }
    awaitActive(0);
    assertThat(messages()).filteredOn(m -> m.contains(" aborted"))
        .containsExactly("STATES->TESSERA(1) aborted: connection closed by peer without release");
    assertThat(messages()).noneMatch(m -> m.contains("C-ECHO"));
    assertNothingEscaped();
  }

  /** Deploys a server with these timers; the association limit and the rest are defaults. */
  private int start(Duration artim, Duration idle) throws Exception {
    server = new DimseServer(new DimseOptions(0, "TESSERA", DimseOptions.DEFAULT_MAX_PDU_LENGTH,
        artim, idle, DimseOptions.DEFAULT_MAX_ASSOCIATIONS,
        DimseOptions.DEFAULT_TRANSFER_SYNTAXES));
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  /** {@link DimseServerIT#associateRq} with calling AE title {@link #CALLING}. */
  private static AAssociateRq associateRq() {
    AAssociateRq rq = DimseServerIT.associateRq("TESSERA", 0);
    return new AAssociateRq(rq.protocolVersion(), rq.calledAeTitle(), CALLING,
        rq.applicationContext(), rq.presentationContexts(), rq.userInformation());
  }

  /** Polls the association counter; the server updates it after the socket has closed. */
  private void awaitActive(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (server.activeAssociations() != expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(server.activeAssociations()).as("active associations").isEqualTo(expected);
  }

  /** Every PDU in {@code bytes}, which must end on a PDU boundary. */
  private static List<Pdu> decodeAll(byte[] bytes) throws Exception {
    List<Pdu> pdus = new ArrayList<>();
    PduDecoder decoder = new PduDecoder(Integer.MAX_VALUE, pdus::add);
    decoder.feed(Buffer.buffer(bytes));
    assertThat(decoder.buffered()).as("bytes after the last whole PDU").isZero();
    return pdus;
  }

  private void assertNothingEscaped() {
    assertThat(unhandled).as("exceptions that reached Vert.x").isEmpty();
    assertThat(events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
        .isEmpty();
    assertThat(events()).as("blocked event loop warnings")
        .noneMatch(e -> e.getLoggerName().contains("BlockedThreadChecker"));
  }

  private List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private List<ILoggingEvent> events() {
    synchronized (log) { // appended to on the event loop
      return List.copyOf(log.list);
    }
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
