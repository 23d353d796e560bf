package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.dimse.Part10Bytes.assertSameBytes;
import static org.tessera.dimse.Part10Bytes.assertSameDataset;
import static org.tessera.dimse.Part10Bytes.dataset;
import static org.tessera.dimse.Part10Bytes.datasetOffset;
import static org.tessera.dimse.Part10Bytes.fileMeta;
import static org.tessera.dimse.Part10Bytes.md5;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveServices;
import org.tessera.archive.delete.DeletionService;
import org.tessera.archive.query.QueryOptions;
import org.tessera.archive.query.QueryService;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dicom.testing.Dcmdump;
import org.tessera.dicom.testing.ExternalTool;
import org.tessera.dicom.testing.SampleDatasets;
import org.tessera.dimse.internal.pdu.AAbort;
import org.tessera.dimse.internal.pdu.AReleaseRq;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;

/**
 * The Storage SCP into a real archive (embedded PostgreSQL, a blob store in a temp directory):
 * DCMTK's storescu sends instances of several SOP classes and transfer syntaxes, a multi-frame
 * instance of more than 100 MB and one the archive refuses; raw peers send what storescu will
 * not (a data set cut short, one that is not the announced instance, requests refused before
 * their data set, a data set many times the back-pressure mark, a sender that vanishes). Each
 * test checks the responses, the index, the stored bytes, and that the blob store holds exactly
 * the files the index points to. Vert.x runs with a 200 ms maximum event-loop execute time so
 * blocking shows.
 */
class StoreScpIT {
  static final String CALLED = "TESSERA";
  static final Duration DEADLINE = Duration.ofSeconds(5);
  static final String JPEG_BASELINE = Uid.JPEGBaseline8Bit;

  /**
   * One context per SOP class and syntax, so that storescu sends each file in its own syntax;
   * Secondary Capture gets neither Implicit VR nor Deflated on their own, so that storescu
   * converts those files to the syntax we choose from "ExplicitOrImplicit" (Explicit VR).
   */
  static final String MIXED_PROFILE = """
      [[TransferSyntaxes]]
      [ExplicitOrImplicit]
      TransferSyntax1 = LittleEndianExplicit
      TransferSyntax2 = LittleEndianImplicit
      [Implicit]
      TransferSyntax1 = LittleEndianImplicit
      [BigEndian]
      TransferSyntax1 = BigEndianExplicit
      [Deflated]
      TransferSyntax1 = DeflatedLittleEndianExplicit
      [JPEGBaseline]
      TransferSyntax1 = JPEGBaseline

      [[PresentationContexts]]
      [Mixed]
      PresentationContext1 = CTImageStorage\\ExplicitOrImplicit
      PresentationContext2 = CTImageStorage\\Implicit
      PresentationContext3 = CTImageStorage\\BigEndian
      PresentationContext4 = CTImageStorage\\Deflated
      PresentationContext5 = SecondaryCaptureImageStorage\\ExplicitOrImplicit
      PresentationContext6 = SecondaryCaptureImageStorage\\BigEndian
      PresentationContext7 = SecondaryCaptureImageStorage\\JPEGBaseline

      [[Profiles]]
      [Mixed]
      PresentationContexts = Mixed
      """;

  @TempDir static Path dir;
  static TestArchive archive;
  static Path blobRoot;
  static DimseServer server;
  static int port;
  /** Exceptions that reached Vert.x instead of being handled. */
  static final List<Throwable> unhandled = new CopyOnWriteArrayList<>();

  final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    blobRoot = dir.resolve("archive").resolve("blobs");
    archive = new TestArchive(dir.resolve("archive"));
    archive.vertx.exceptionHandler(unhandled::add);
    Pool pool = archive.database.pool();
    ArchiveServices services = new ArchiveServices(archive.ingest,
        new QueryService(pool, QueryOptions.DEFAULTS), new RetrieveService(pool),
        new DeletionService(archive.vertx, pool, archive.blobs), archive.blobs);
    server = new DimseServer(new DimseOptions(0, CALLED), services);
    archive.vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (archive != null) {
      archive.vertx.undeploy(server.deploymentID()).await(10, TimeUnit.SECONDS);
      archive.close();
    }
  }

  @BeforeEach
  void captureLog() {
    unhandled.clear();
    log.start();
    root().addAppender(log); // all loggers: Vert.x reports blocked threads and escapes there
  }

  @AfterEach
  void releaseLog() {
    root().detachAppender(log);
  }

  @Test
  void instancesOfSeveralSopClassesAndSyntaxesAreStoredAsSent() throws Exception {
    Path source = Files.createDirectories(dir.resolve("mixed"));
    List<Path> files = new ArrayList<>();
    for (String ts : List.of(Uid.ExplicitVRLittleEndian, Uid.ImplicitVRLittleEndian,
        Uid.ExplicitVRBigEndian, Uid.DeflatedExplicitVRLittleEndian)) {
      String suffix = TransferSyntax.of(ts).name().replace(' ', '-') + ".dcm";
      files.add(write(source.resolve("ct-" + suffix), SampleDatasets.ct(64, 64, 12), ts));
      files.add(write(source.resolve("sc-" + suffix),
          SampleDatasets.secondaryCapture(64, 48, 8), ts));
    }
    Path jpeg = Dcmtk.img2dcm(source.resolve("sc-jpeg.dcm"));
    assertThat(fileMeta(jpeg).transferSyntaxUid()).isEqualTo(JPEG_BASELINE);
    files.add(jpeg);
    Path profile = Files.writeString(dir.resolve("mixed.cfg"), MIXED_PROFILE);
    List<String> options = List.of("-xf", profile.toString(), "Mixed", "+sd", "+r");

    ExternalTool.Result sent = Dcmtk.storescu("MIXED_SCU", CALLED, port, options, source);
    assertThat(sent.exitCode()).as(sent.describe()).isZero();
    assertThat(Dcmtk.storeResponses(sent)).as(sent.describe()).hasSize(files.size())
        .allMatch(status -> status.equals("Success"));
    Map<String, Path> witnessed = Dcmtk.witness(dir.resolve("witness"), "MIXED_SCU", options,
        source);

    Map<String, InstanceRow> rows = instanceRows();
    Set<String> storedSyntaxes = new HashSet<>();
    int converted = 0;
    for (Path file : files) {
      FileMetaInformation sourceMeta = fileMeta(file);
      String iuid = sourceMeta.mediaStorageSopInstanceUid();
      Path theirs = witnessed.get(iuid);
      String sentSyntax = fileMeta(theirs).transferSyntaxUid();
      InstanceRow row = rows.get(iuid);
      assertThat(row).as("index row of %s", file.getFileName()).isNotNull();
      assertThat(row.sopClassUid()).isEqualTo(sourceMeta.mediaStorageSopClassUid());
      assertThat(row.transferSyntaxUid()).as("transfer syntax of %s", file.getFileName())
          .isEqualTo(sentSyntax);
      Path stored = archive.blobs.path(row.blobKey());
      assertThat(row.size()).isEqualTo(Files.size(stored));
      assertThat(row.md5()).isEqualTo(md5(stored));
      assertFileMeta(stored, "MIXED_SCU", sourceMeta.mediaStorageSopClassUid(), iuid, sentSyntax);

      assertSameDataset(stored, theirs);
      if (sentSyntax.equals(sourceMeta.transferSyntaxUid())) {
        byte[] expected = dataset(file);
        if (sentSyntax.equals(Uid.DeflatedExplicitVRLittleEndian) && expected.length % 2 == 1) {
          // storescu sends an odd-length deflate stream with one NUL after it, so that the
          // data set has even length; in files DCMTK (and our writer) leave it odd
          expected = Arrays.copyOf(expected, expected.length + 1);
        }
        assertSameBytes(dataset(stored), expected, "data set of " + file.getFileName());
      } else {
        converted++;
      }
      storedSyntaxes.add(sentSyntax);
    }
    assertThat(storedSyntaxes).containsExactlyInAnyOrder(Uid.ExplicitVRLittleEndian,
        Uid.ImplicitVRLittleEndian, Uid.ExplicitVRBigEndian, Uid.DeflatedExplicitVRLittleEndian,
        JPEG_BASELINE);
    assertThat(converted).as("files storescu converted (SC Implicit VR and Deflated)")
        .isEqualTo(2);
    assertThat(messages()).filteredOn(m -> m.startsWith("MIXED_SCU->TESSERA("))
        .filteredOn(m -> m.contains("<< C-STORE-RSP"))
        .hasSize(files.size())
        .allMatch(m -> m.contains("status=0000H"));
    assertBlobStoreMatchesIndex();
    assertNothingWentWrong();
  }

  @Test
  void aMultiFrameInstanceOfMoreThan100MegabytesIsStoredWhole() throws Exception {
    Path file = writeMultiFrame(dir.resolve("multi-frame.dcm"), 512, 512, 220);
    assertThat(Files.size(file)).isGreaterThan(100_000_000L);
    String iuid = fileMeta(file).mediaStorageSopInstanceUid();

    ExternalTool.Result sent = Dcmtk.storescu("BIG_SCU", CALLED, port, List.of("-R"), file);
    assertThat(sent.exitCode()).as(sent.describe()).isZero();
    assertThat(Dcmtk.storeResponses(sent)).as(sent.describe()).containsExactly("Success");

    InstanceRow row = instanceRows().get(iuid);
    assertThat(row).as("index row").isNotNull();
    assertThat(row.transferSyntaxUid()).isEqualTo(Uid.ExplicitVRLittleEndian);
    assertThat(row.numberOfFrames()).isEqualTo(220);
    Path stored = archive.blobs.path(row.blobKey());
    assertThat(Files.size(stored))
        .isEqualTo(Files.size(file) - datasetOffset(file) + datasetOffset(stored));
    assertThat(row.size()).isEqualTo(Files.size(stored));
    assertThat(row.md5()).isEqualTo(md5(stored));
    assertThat(fileMeta(stored).sourceApplicationEntityTitle()).isEqualTo("BIG_SCU");
    assertSameDataset(stored, file);
    assertBlobStoreMatchesIndex();
    assertNothingWentWrong();
    Files.delete(file); // 115 MB less for the tests after

  }

  @Test
  void aDataSetWithoutStudyInstanceUidIsRefusedWithA900AndLeavesNothing() throws Exception {
    Path file = Dcmtk.dump2dcm(dir, "sc-without-study-uid");
    String iuid = fileMeta(file).mediaStorageSopInstanceUid();

    // debug level prints the response's status and its Status Detail: Offending Element and
    // Error Comment
    ExternalTool.Result sent =
        Dcmtk.storescu("BAD_SCU", CALLED, port, List.of("-R", "-d"), file);
    assertThat(sent.exitCode()).as("storescu reports the failed store").isNotZero();
    assertThat(sent.lines()).as(sent.describe())
        .anyMatch(l -> l.matches(
            "D: DIMSE Status +: 0xa900: Error: Data Set does not match SOP Class"))
        .anyMatch(l -> l.matches(
            "D: \\(0000,0901\\) AT \\(0020,000d\\) +# +4, 1 OffendingElement"))
        .anyMatch(l -> l.startsWith(
            "D: (0000,0902) LO [StudyInstanceUID (0020,000D) is missing] "));

    assertThat(instanceRows()).doesNotContainKey(iuid);
    assertThat(messages()).anyMatch(m -> m.matches(
        "BAD_SCU->TESSERA\\(\\d+\\) << C-STORE-RSP id=1 status=A900H \\d+ ms"));
    assertBlobStoreMatchesIndex();
    assertNothingWentWrong();
  }

  @Test
  void aDataSetCutInsideItsPixelDataIsRefusedAndTheAssociationGoesOn() throws Exception {
    String iuid = Uid.generate();
    Attributes ds = TestInstances.ct(Uid.generate(), Uid.generate(), iuid);
    byte[] whole = RawStorePeer.encode(ds);
    // Pixel Data (32 x 32 x 2 bytes) ends the data set: cut it in half
    byte[] cut = Arrays.copyOf(whole, whole.length - 1024);

    String good = Uid.generate();
    try (RawStorePeer scu = RawStorePeer.associate(port, "CUT_SCU", CALLED, Uid.CTImageStorage)) {
      Command rsp = scu.store(RawStorePeer.storeRq(1, Uid.CTImageStorage, iuid), cut);
      assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(1);
      assertThat(rsp.affectedSopInstanceUid()).isEqualTo(iuid);
      assertThat(Status.category(rsp.status())).isEqualTo(Status.Category.FAILURE);
      assertThat(rsp.status()).as(rsp.errorComment()).isEqualTo(Status.CANNOT_UNDERSTAND);
      assertThat(rsp.errorComment()).startsWith("cannot ").hasSizeLessThanOrEqualTo(64);

      Command next = scu.store(RawStorePeer.storeRq(2, Uid.CTImageStorage, good),
          RawStorePeer.encode(TestInstances.ct(Uid.generate(), Uid.generate(), good)));
      assertThat(next.status()).as(next.errorComment()).isEqualTo(Status.SUCCESS);
      scu.release();
    }
    assertThat(instanceRows()).doesNotContainKey(iuid).containsKey(good);
    assertBlobStoreMatchesIndex();
    assertNothingWentWrong();
  }

  @Test
  void aDataSetThatIsNotTheAnnouncedInstanceIsRefusedWithA900() throws Exception {
    String announced = Uid.generate();
    String actual = Uid.generate();
    byte[] dataset = RawStorePeer.encode(TestInstances.ct(Uid.generate(), Uid.generate(), actual));

    try (RawStorePeer scu = RawStorePeer.associate(port, "LIAR_SCU", CALLED, Uid.CTImageStorage)) {
      Command rsp = scu.store(RawStorePeer.storeRq(7, Uid.CTImageStorage, announced), dataset);
      assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(7);
      assertThat(rsp.status()).as(rsp.errorComment())
          .isEqualTo(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
      assertThat(rsp.offendingElements()).containsExactly(Tag.SOPInstanceUID);
      // the archive's reason, cut to the 64 characters of LO (PS3.7 C.4 Error Comment)
      assertThat("SOPInstanceUID (0008,0018) '" + actual + "' differs from "
          + "AffectedSOPInstanceUID (0000,1000) '" + announced + "'")
          .startsWith(rsp.errorComment());
      assertThat(rsp.errorComment()).hasSize(64);
      scu.release();
    }
    assertThat(instanceRows()).doesNotContainKeys(announced, actual);
    assertBlobStoreMatchesIndex();
    assertNothingWentWrong();
  }

  /**
   * Requests refused from their command set alone are answered once their data set has arrived,
   * which is dropped unread; an instance sent twice is a success both times and is kept once.
   */
  @Test
  void refusedRequestsHaveTheirDataSetsDroppedAndTheAssociationGoesOn() throws Exception {
    String iuid = Uid.generate();
    byte[] dataset = RawStorePeer.encode(TestInstances.ct(Uid.generate(), Uid.generate(), iuid));
    // twice HIGH_WATER: dropping it must keep the input flowing
    byte[] large = RawStorePeer.encode(SampleDatasets.secondaryCapture(1024, 1024, 16));
    assertThat(large.length).isGreaterThan(2 << 20);

    try (RawStorePeer scu = RawStorePeer.associate(port, "REFUSED_SCU", CALLED,
        Uid.CTImageStorage)) {
      Command rsp = scu.store(
          RawStorePeer.storeRq(1, Uid.SecondaryCaptureImageStorage, Uid.generate()), large);
      assertThat(rsp.status()).isEqualTo(Status.SOP_CLASS_NOT_SUPPORTED);
      assertThat("Affected SOP Class UID " + Uid.SecondaryCaptureImageStorage
          + " is not the presentation context's " + Uid.CTImageStorage)
          .startsWith(rsp.errorComment());

      rsp = scu.store(RawStorePeer.storeRq(2, Uid.CTImageStorage, "1.2.x"), dataset);
      assertThat(rsp.status()).isEqualTo(Status.CANNOT_UNDERSTAND);
      assertThat(rsp.errorComment())
          .isEqualTo("Affected SOP Instance UID '1.2.x' is not a valid UID");

      Attributes noDataset = RawStorePeer.storeRq(3, Uid.CTImageStorage, iuid).attributes();
      noDataset.setInt(Tag.CommandDataSetType, VR.US, Command.NO_DATASET);
      scu.send(Command.of(noDataset));
      rsp = scu.peer.receiveCommand();
      assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(3);
      assertThat(rsp.status()).isEqualTo(Status.CANNOT_UNDERSTAND);
      assertThat(rsp.errorComment()).isEqualTo("C-STORE-RQ without a data set");

      for (int id = 4; id <= 5; id++) {
        rsp = scu.store(RawStorePeer.storeRq(id, Uid.CTImageStorage, iuid), dataset);
        assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(id);
        assertThat(rsp.status()).as(rsp.errorComment()).isEqualTo(Status.SUCCESS);
      }
      scu.release();
    }
    assertThat(archive.value("SELECT count(*) FROM instance WHERE sop_instance_uid = $1", iuid))
        .isEqualTo(1L);
    assertBlobStoreMatchesIndex(); // the second copy's file is gone
    assertNothingWentWrong();
  }

  /**
   * The peer goes in the middle of a data set, with a FIN or (SO_LINGER 0) a reset: the ingest
   * sees the data set fail, its temp file goes, nothing is indexed, no response is attempted,
   * and the server goes on serving.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"FIN", "RST"})
  void aPeerThatVanishesInTheMiddleOfADataSetLeavesNothingBehind(String how) throws Exception {
    String iuid = Uid.generate();
    // 2 MiB: half of it is more than the blob store gathers before its temp file exists
    byte[] dataset = RawStorePeer.encode(SampleDatasets.ct(1024, 1024, 16));
    String calling = "GONE_" + how;
    try (RawStorePeer scu = RawStorePeer.associate(port, calling, CALLED, Uid.CTImageStorage)) {
      scu.send(RawStorePeer.storeRq(3, Uid.CTImageStorage, iuid));
      scu.sendDataset(dataset, 0, dataset.length / 2, false);
      scu.peer.out().flush();
      // the ingest has started: its temp file exists
      await(() -> !tempFiles().isEmpty(), "a temp file in " + blobRoot.resolve("tmp"));
      if (how.equals("RST")) {
        scu.peer.socket.setSoLinger(true, 0);
      }
    }

    await(() -> tempFiles().isEmpty(), "the temp file removed");
    await(() -> server.activeAssociations() == 0, "the association ended");
    assertThat(instanceRows()).doesNotContainKey(iuid);
    assertBlobStoreMatchesIndex();
    assertThat(messages()).filteredOn(m -> m.startsWith(calling + "->TESSERA("))
        .anyMatch(m -> m.contains(">> C-STORE-RQ id=3"))
        .anyMatch(m -> m.contains("aborted: connection closed by peer without release"))
        .noneMatch(m -> m.contains("C-STORE-RSP"));

    ExternalTool.require("echoscu", "dcmtk");
    ExternalTool.Result echo = ExternalTool.of("echoscu", "-v", "-aet", "AFTER", "-aec", CALLED,
        "127.0.0.1", String.valueOf(port)).timeout(Duration.ofSeconds(30)).run();
    assertThat(echo.exitCode()).as(echo.describe()).isZero();
    assertThat(echo.stdout() + echo.stderr()).contains("Received Echo Response (Success)");
    // a lost connection is expected: logged as a cancelled ingest, nothing at ERROR
    assertNothingWentWrong();
    assertThat(messages()).anyMatch(m -> m.contains("ingest cancelled"));
  }

  /**
   * An A-RELEASE-RQ between two fragments of a data set: the rest can never come, since a
   * requestor awaiting the release sends no more P-DATA, so the association is aborted and the
   * ingest drops what it had, rather than waiting in Sta8 for as long as the peer keeps the
   * connection open.
   */
  @Test
  void aReleaseInTheMiddleOfADataSetIsAbortedAndLeavesNothing() throws Exception {
    String iuid = Uid.generate();
    byte[] dataset = RawStorePeer.encode(SampleDatasets.ct(256, 256, 12));
    try (RawStorePeer scu = RawStorePeer.associate(port, "HALF_SCU", CALLED,
        Uid.CTImageStorage)) {
      scu.send(RawStorePeer.storeRq(1, Uid.CTImageStorage, iuid));
      scu.sendDataset(dataset, 0, dataset.length / 2, false);
      scu.peer.send(AReleaseRq.INSTANCE);
      assertThat(scu.peer.receive())
          .isEqualTo(new AAbort(AAbort.SOURCE_SERVICE_PROVIDER, AAbort.UNEXPECTED_PDU));
    }
    await(() -> tempFiles().isEmpty(), "the temp file removed");
    assertThat(instanceRows()).doesNotContainKey(iuid);
    assertBlobStoreMatchesIndex();
    assertThat(messages()).anyMatch(m -> m.matches("HALF_SCU->TESSERA\\(\\d+\\) aborted: "
        + "A-RELEASE-RQ in the middle of a data set \\(.*\\)"));
    assertNothingEscaped();
  }

  /**
   * A data set many times {@code DatasetStream.HIGH_WATER}, written as fast as the socket takes
   * it in PDUs of the server's maximum length: whatever the queue does on the way, every byte
   * arrives in order.
   */
  @Test
  void aDataSetFarAboveTheHighWaterMarkArrivesWhole() throws Exception {
    String iuid = Uid.generate();
    Attributes ds = SampleDatasets.secondaryCapture(2048, 4096, 16);
    ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
    byte[] dataset = RawStorePeer.encode(ds);
    assertThat(dataset.length).isGreaterThan(16 << 20);

    try (RawStorePeer scu = RawStorePeer.associate(port, "FAST_SCU", CALLED,
        Uid.SecondaryCaptureImageStorage)) {
      Command rsp = scu.store(RawStorePeer.storeRq(1, Uid.SecondaryCaptureImageStorage, iuid),
          dataset);
      assertThat(rsp.status()).as(rsp.errorComment()).isEqualTo(Status.SUCCESS);
      scu.release();
    }
    Path stored = archive.blobs.path(instanceRows().get(iuid).blobKey());
    assertSameBytes(dataset(stored), dataset, "stored data set");
    assertBlobStoreMatchesIndex();
    assertNothingWentWrong();
  }

  // --- files

  private static Path write(Path file, Attributes ds, String transferSyntax) throws IOException {
    DicomWriter.write(file, FileMetaInformation.forDataset(ds, transferSyntax), ds);
    return file;
  }

  /**
   * A Multi-frame Grayscale Word SC instance of {@code frames} frames, 16 bits allocated: the
   * pixels go to a raw file frame by frame and the writer streams them from there, so the
   * instance is never in memory.
   */
  private static Path writeMultiFrame(Path file, int rows, int columns, int frames)
      throws IOException {
    Path raw = file.resolveSibling("pixels.raw");
    ByteBuffer frame = ByteBuffer.allocate(rows * columns * 2).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = Files.newOutputStream(raw)) {
      for (int f = 0; f < frames; f++) {
        frame.clear();
        for (int i = 0; i < rows * columns; i++) {
          // every frame different, so that frames out of order would show
          frame.putShort((short) ((i + f * 31) & 0x0FFF));
        }
        out.write(frame.array());
      }
    }
    Attributes ds = SampleDatasets.secondaryCapture(rows, columns, 16);
    ds.setString(Tag.SOPClassUID, VR.UI, Uid.MultiFrameGrayscaleWordSecondaryCaptureImageStorage);
    ds.setString(Tag.NumberOfFrames, VR.IS, String.valueOf(frames));
    ds.setInt(Tag.FrameIncrementPointer, VR.AT, Tag.FrameTime);
    ds.setString(Tag.FrameTime, VR.DS, "40");
    ds.setBulkDataRef(Tag.PixelData, VR.OW, BulkDataRef.ofFile(raw, 0, Files.size(raw)));
    try {
      return write(file, ds, Uid.ExplicitVRLittleEndian);
    } finally {
      Files.delete(raw);
    }
  }

  /** What DCMTK reads in the File Meta we wrote in front of a received data set. */
  private static void assertFileMeta(Path stored, String calling, String sopClass,
      String sopInstance, String transferSyntax) throws IOException {
    Dcmdump.Dump dump = Dcmdump.dump(stored);
    assertThat(dump.exitCode()).as(dump.result().describe()).isZero();
    assertThat(dump.diagnostics()).as(dump.result().describe()).isEmpty();
    Dcmdump.Node meta = dump.meta();
    assertThat(meta.get(Tag.SourceApplicationEntityTitle).text().strip()).isEqualTo(calling);
    assertThat(meta.get(Tag.MediaStorageSOPClassUID).text()).isEqualTo(sopClass);
    assertThat(meta.get(Tag.MediaStorageSOPInstanceUID).text()).isEqualTo(sopInstance);
    assertThat(meta.get(Tag.TransferSyntaxUID).text()).isEqualTo(transferSyntax);
    assertThat(meta.get(Tag.ImplementationClassUID).text())
        .isEqualTo(FileMetaInformation.IMPLEMENTATION_CLASS_UID);
  }

  // --- the archive

  /** The columns of an instance row these tests look at. */
  record InstanceRow(String sopInstanceUid, String sopClassUid, String transferSyntaxUid,
      String blobKey, long size, byte[] md5, Integer numberOfFrames) {}

  /** Every instance row, by SOP Instance UID. */
  private static Map<String, InstanceRow> instanceRows() {
    Map<String, InstanceRow> rows = new HashMap<>();
    for (List<Object> r : archive.rows("SELECT sop_instance_uid, sop_class_uid, "
        + "transfer_syntax_uid, blob_key, size, md5, number_of_frames FROM instance")) {
      rows.put((String) r.get(0), new InstanceRow((String) r.get(0), (String) r.get(1),
          (String) r.get(2), (String) r.get(3), (Long) r.get(4), ((Buffer) r.get(5)).getBytes(),
          (Integer) r.get(6)));
    }
    return rows;
  }

  private static List<Path> tempFiles() {
    try (Stream<Path> files = Files.list(blobRoot.resolve("tmp"))) {
      return files.toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Files under the blob store's root outside tmp/, as keys. */
  private static Set<String> blobKeys() {
    try (Stream<Path> files = Files.walk(blobRoot)) {
      Set<String> keys = new HashSet<>();
      files.filter(Files::isRegularFile)
          .map(f -> blobRoot.relativize(f).toString().replace('\\', '/'))
          .filter(k -> !k.startsWith("tmp/"))
          .forEach(keys::add);
      return keys;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * No temp file is left and every placed file is one an index row points to, and the other
   * way round (deletions run after a result, so this waits for them).
   */
  private static void assertBlobStoreMatchesIndex() throws InterruptedException {
    BooleanSupplier consistent = () -> tempFiles().isEmpty() && blobKeys().equals(indexedKeys());
    await(consistent, () -> "the blob store holding exactly the indexed files: temp files "
        + tempFiles() + ", files " + blobKeys() + ", indexed " + indexedKeys());
  }

  private static Set<String> indexedKeys() {
    Set<String> keys = new HashSet<>();
    for (InstanceRow row : instanceRows().values()) {
      keys.add(row.blobKey());
    }
    return keys;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    await(condition, () -> what);
  }

  private static void await(BooleanSupplier condition, Supplier<String> what)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + DEADLINE.toMillis() + " ms for " + what.get());
      }
      Thread.sleep(10);
    }
  }

  // --- the log

  /** Nothing reached Vert.x unhandled, no event loop was blocked, nothing was logged as error. */
  private void assertNothingWentWrong() {
    assertNothingEscaped();
    assertThat(events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
        .isEmpty();
  }

  private void assertNothingEscaped() {
    assertThat(unhandled).as("exceptions that reached Vert.x").isEmpty();
    assertThat(events()).as("blocked event loop warnings")
        .noneMatch(e -> e.getLoggerName().contains("BlockedThreadChecker"));
  }

  private List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private List<ILoggingEvent> events() {
    synchronized (log) { // appended to on event loops and workers
      return List.copyOf(log.list);
    }
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
