package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.testing.ExternalTool;
import org.tessera.dimse.internal.pdu.AAbort;
import org.tessera.dimse.internal.pdu.AAssociateAc;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.AReleaseRp;
import org.tessera.dimse.internal.pdu.AReleaseRq;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdu;
import org.tessera.dimse.internal.pdu.PduDecoder;
import org.tessera.dimse.internal.pdu.PduEncoder;
import org.tessera.dimse.internal.pdu.PduException;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.internal.pdu.PresentationContextRq;
import org.tessera.dimse.internal.pdu.UserInformation;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * The DIMSE server on a real socket: DCMTK's echoscu against it, and raw peers that break the
 * protocol. Vert.x runs with a 200 ms maximum event-loop execute time so blocking shows.
 */
class DimseServerIT {
  static final Duration ARTIM = Duration.ofMillis(500);

  static Vertx vertx;
  static DimseServer server;
  static int port;
  final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    DimseOptions options = new DimseOptions(0, "TESSERA", DimseOptions.DEFAULT_MAX_PDU_LENGTH,
        ARTIM, Duration.ofSeconds(5), 4, DimseOptions.DEFAULT_TRANSFER_SYNTAXES);
    server = new DimseServer(options);
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void captureLog() {
    log.start();
    ((Logger) LoggerFactory.getLogger("org.tessera.dimse")).addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger("org.tessera.dimse")).detachAppender(log);
  }

  @Test
  void echoscuSucceeds() throws IOException {
    ExternalTool.require("echoscu", "dcmtk");
    ExternalTool.Result r = ExternalTool.of("echoscu", "-v", "-aet", "SCU", "-aec", "TESSERA",
        "127.0.0.1", String.valueOf(port)).timeout(Duration.ofSeconds(30)).run();

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout() + r.stderr()).contains("Received Echo Response (Success)");
    assertThat(messages()).anyMatch(m -> m.matches("SCU->TESSERA\\(\\d+\\) established: 1 of 1 .*"))
        .anyMatch(m -> m.matches("SCU->TESSERA\\(\\d+\\) >> C-ECHO-RQ id=1 cuid=1.2.840.10008.1.1"))
        .anyMatch(m -> m.matches("SCU->TESSERA\\(\\d+\\) << C-ECHO-RSP id=1 status=0000H \\d+ ms"))
        .anyMatch(m -> m.matches("SCU->TESSERA\\(\\d+\\) released"));
  }

  @Test
  void echoscuWithAnUnknownCalledAeTitleIsRejectedWithReason7() throws IOException {
    ExternalTool.require("echoscu", "dcmtk");
    ExternalTool.Result r = ExternalTool.of("echoscu", "-aet", "SCU", "-aec", "NOT_US",
        "127.0.0.1", String.valueOf(port)).timeout(Duration.ofSeconds(30)).run();

    assertThat(r.exitCode()).as(r.describe()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("Called AE Title Not Recognized");
    assertThat(messages()).anyMatch(m -> m.matches("SCU->NOT_US\\(\\d+\\) rejected: "
        + "rejected-permanent called-AE-title-not-recognized \\(source 1, reason 7\\)"));
  }

  @Test
  void echoOverARawSocketAnswersEveryField() throws Exception {
    try (Peer peer = new Peer()) {
      peer.send(associateRq("TESSERA", 1));
      AAssociateAc ac = (AAssociateAc) peer.receive();
      assertThat(ac.presentationContexts()).extracting(pc -> pc.result())
          .containsExactly(0, 3);
      assertThat(ac.presentationContexts().get(0).transferSyntax())
          .isEqualTo(Uid.ExplicitVRLittleEndian);
      assertThat(ac.userInformation().maxLength()).isEqualTo(DimseOptions.DEFAULT_MAX_PDU_LENGTH);
      assertThat(ac.userInformation().asyncOpsWindow())
          .isEqualTo(new UserInformation.AsyncOpsWindow(1, 1));

      // the command split in two fragments, as peers with small PDUs send it
      byte[] rq = Command.echoRq(42, Uid.Verification).encode();
      peer.send(new PDataTf(List.of(
          new Pdv(1, true, false, Buffer.buffer().appendBytes(rq, 0, 10)),
          new Pdv(1, true, true, Buffer.buffer().appendBytes(rq, 10, rq.length - 10)))));
      Command rsp = peer.receiveCommand();
      assertThat(rsp.dimse()).isEqualTo(Dimse.C_ECHO_RSP);
      assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(42);
      assertThat(rsp.affectedSopClassUid()).isEqualTo(Uid.Verification);
      assertThat(rsp.status()).isEqualTo(Status.SUCCESS);
      assertThat(rsp.hasDataset()).isFalse();

      peer.send(AReleaseRq.INSTANCE);
      assertThat(peer.receive()).isEqualTo(AReleaseRp.INSTANCE);
    }
  }

  @Test
  void responsesAreCutToThePeersMaximumLength() throws Exception {
    try (Peer peer = new Peer()) {
      // 20 bytes per PDU leave 14 per PDV: the ~76-byte response needs six PDUs
      peer.send(associateRq("TESSERA", 20));
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);
      byte[] rq = Command.echoRq(7, Uid.Verification).encode();
      peer.send(new PDataTf(List.of(new Pdv(1, true, true, Buffer.buffer(rq)))));
      ByteArrayOutputStream command = new ByteArrayOutputStream();
      int pdus = 0;
      for (boolean last = false; !last; pdus++) {
        Pdv pdv = ((PDataTf) peer.receive()).pdvs().get(0);
        assertThat(pdv.data().length()).isLessThanOrEqualTo(14);
        command.writeBytes(pdv.data().getBytes());
        last = pdv.last();
      }
      assertThat(pdus).isGreaterThan(1);
      assertThat(Command.decode(command.toByteArray()).messageIdBeingRespondedTo()).isEqualTo(7);
    }
  }

  @Test
  void garbageGetsAnAbortAndTheConnectionEnds() throws Exception {
    try (Peer peer = new Peer()) {
      peer.out().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      assertThat(peer.receive()).isEqualTo(new AAbort(2, AAbort.UNRECOGNIZED_PDU));
      peer.assertClosedWithin(ARTIM.multipliedBy(4));
    }
    assertThat(messages()).anyMatch(m -> m.contains("aborted: unrecognized PDU type 47H"));
  }

  @Test
  void aTwoGigabytePduIsAbortedWithoutWaitingForIt() throws Exception {
    try (Peer peer = new Peer()) {
      peer.send(associateRq("TESSERA", 0));
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);
      peer.out().write(HexFormat.of().parseHex("04007ffffff0" + "7fffffec0103"));
      assertThat(peer.receive()).isEqualTo(new AAbort(2, AAbort.INVALID_PDU_PARAMETER_VALUE));
      peer.assertClosedWithin(ARTIM.multipliedBy(4));
    }
    assertThat(messages()).anyMatch(m -> m.contains("P-DATA-TF announces 2147483632 bytes"));
  }

  @Test
  void aPeerThatSendsNothingIsClosedByArtim() throws Exception {
    try (Peer peer = new Peer()) {
      peer.assertClosedWithin(ARTIM.multipliedBy(4));
    }
    assertThat(messages()).anyMatch(m -> m.contains("closed: no A-ASSOCIATE-RQ within 500 ms"));
  }

  @Test
  void aPduIllegalInTheStateIsAborted() throws Exception {
    try (Peer peer = new Peer()) {
      peer.send(associateRq("TESSERA", 0));
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);
      peer.send(associateRq("TESSERA", 0));
      assertThat(peer.receive()).isEqualTo(new AAbort(2, AAbort.UNEXPECTED_PDU));
    }
  }

  @Test
  void aPdvOnAContextNotAcceptedIsAborted() throws Exception {
    try (Peer peer = new Peer()) {
      peer.send(associateRq("TESSERA", 0));
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);
      byte[] rq = Command.echoRq(1, Uid.Verification).encode();
      peer.send(new PDataTf(List.of(new Pdv(3, true, true, Buffer.buffer(rq)))));
      assertThat(peer.receive()).isEqualTo(new AAbort(2, AAbort.UNEXPECTED_PDU_PARAMETER));
    }
    assertThat(messages())
        .anyMatch(m -> m.contains("PDV on presentation context 3, which is not accepted"));
  }

  @Test
  void associationsBeyondTheLimitAreRejectedTransiently() throws Exception {
    // earlier tests' connections close asynchronously; start from none
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.activeAssociations() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<Peer> open = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Peer p = new Peer();
        open.add(p);
        p.send(associateRq("TESSERA", 0));
        assertThat(p.receive()).isInstanceOf(AAssociateAc.class);
      }
      try (Peer fifth = new Peer()) {
        fifth.send(associateRq("TESSERA", 0));
        assertThat(fifth.receive()).isEqualTo(
            new org.tessera.dimse.internal.pdu.AAssociateRj(2, 3, 2));
      }
    } finally {
      for (Peer p : open) {
        p.close();
      }
    }
  }

  /** Verification with two syntaxes on context 1; an unknown SOP class on context 3. */
  static AAssociateRq associateRq(String called, long maxLength) {
    return new AAssociateRq(1, called, "RAW", AAssociateRq.DICOM_APPLICATION_CONTEXT,
        List.of(new PresentationContextRq(1, Uid.Verification,
                List.of(Uid.ImplicitVRLittleEndian, Uid.ExplicitVRLittleEndian)),
            new PresentationContextRq(3, "1.2.3.4.5", List.of(Uid.ImplicitVRLittleEndian))),
        new UserInformation(maxLength, "1.2.3", null, new UserInformation.AsyncOpsWindow(0, 0),
            List.of(), List.of(), List.of()));
  }

  private List<String> messages() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** A blocking test peer speaking raw PDUs (the JUnit thread may block). */
  static final class Peer implements AutoCloseable {
    final Socket socket;

    /** Connects to the server of this class. */
    Peer() throws IOException {
      this(port);
    }

    Peer(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(5000);
      socket.setTcpNoDelay(true);
    }

    java.io.OutputStream out() throws IOException {
      return socket.getOutputStream();
    }

    void send(Pdu pdu) throws IOException {
      out().write(PduEncoder.encode(pdu).getBytes());
    }

    Pdu receive() throws IOException, PduException {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[6];
      in.readFully(header);
      int length = Buffer.buffer(header).getInt(2);
      byte[] body = new byte[length];
      in.readFully(body);
      List<Pdu> pdus = new ArrayList<>();
      new PduDecoder(Integer.MAX_VALUE, pdus::add)
          .feed(Buffer.buffer(header).appendBytes(body));
      return pdus.get(0);
    }

    Command receiveCommand() throws Exception {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (boolean last = false; !last; ) {
        for (Pdv pdv : ((PDataTf) receive()).pdvs()) {
          bytes.writeBytes(pdv.data().getBytes());
          last = pdv.last();
        }
      }
      return Command.decode(bytes.toByteArray());
    }

    /** Reads until the server closes; fails if it does not within {@code limit}. */
    void assertClosedWithin(Duration limit) throws IOException {
      socket.setSoTimeout((int) limit.toMillis());
      InputStream in = socket.getInputStream();
      try {
        while (in.read() >= 0) {
          // discard anything else it sends
        }
      } catch (SocketException | EOFException e) {
        // a reset is a close too
      }
    }

    /**
     * Everything the server sends until it closes the connection; fails (SocketTimeoutException)
     * if it does not close within {@code limit}.
     */
    byte[] readUntilClosed(Duration limit) throws IOException {
      socket.setSoTimeout((int) limit.toMillis());
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] chunk = new byte[4096];
      for (int n; (n = in.read(chunk)) >= 0; ) {
        bytes.write(chunk, 0, n);
      }
      return bytes.toByteArray();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
