package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.ArchiveServices;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.ingest.IngestOutcome;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.testing.ExternalTool;

/**
 * C-MOVE with DCMTK's movescu against an archive holding two studies of one patient, to DCMTK's
 * storescp as the Move Destination: what arrives is compared byte for byte with what is stored,
 * at every retrieve level of both models, and the failures a movescu user meets have the
 * standard's statuses.
 */
class MoveScpIT {
  static final String PATIENT = "TESSERA-0001"; // TestInstances' Patient ID

  @TempDir static Path dir;
  static TestArchive archive;
  static DimseServer server;
  static int port;
  static int destinationPort;
  static int closedPort;
  /** SOP Instance UID to stored file, per study. */
  static Map<String, Path> stored = new TreeMap<>();
  static String studyA = Uid.generate();
  static String studyB = Uid.generate();
  static String seriesA1 = Uid.generate();
  static String seriesA2 = Uid.generate();
  static String seriesB1 = Uid.generate();

  @BeforeAll
  static void start() throws Exception {
    ExternalTool.require("movescu", "dcmtk");
    ExternalTool.require("storescp", "dcmtk");
    archive = new TestArchive(dir.resolve("archive"));
    Path in = Files.createDirectories(dir.resolve("in"));
    for (String[] ss : new String[][] {{studyA, seriesA1}, {studyA, seriesA1}, {studyA, seriesA2},
        {studyB, seriesB1}, {studyB, seriesB1}}) {
      Path file = TestInstances.writeCt(in, ss[0], ss[1]);
      var r = archive.ingest.ingestFile(IngestContext.of("default", "test"), file)
          .await(20, TimeUnit.SECONDS);
      assertThat(r.outcome()).isEqualTo(IngestOutcome.STORED);
      stored.put(r.instance().sopInstanceUid(), file);
    }
    destinationPort = freePort();
    closedPort = freePort();
    ArchiveServices services = new ArchiveServices(archive.ingest, null,
        new RetrieveService(archive.database.pool()), null, archive.blobs);
    DimseOptions options = new DimseOptions(0, "TESSERA").withMoveDestinations(
        "STORESCP=localhost:" + destinationPort + ",NOBODY=localhost:" + closedPort);
    server = new DimseServer(options, services);
    archive.vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  @AfterAll
  static void stop() {
    archive.close();
  }

  @Test
  void movesAStudyAtStudyLevelOfStudyRoot() throws Exception {
    Moved moved = move("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyA);

    assertThat(moved.result.exitCode()).as(moved.result.describe()).isZero();
    assertThat(moved.received.keySet()).containsExactlyInAnyOrderElementsOf(instancesOf(studyA));
    assertReceivedAsStored(moved);
    assertThat(moved.result.stderr() + moved.result.stdout())
        .contains("Completed Suboperations       : 3");
  }

  @Test
  void movesSeriesAndInstancesByUidList() throws Exception {
    Moved series = move("-S", "-k", "QueryRetrieveLevel=SERIES",
        "-k", "StudyInstanceUID=" + studyA, "-k", "SeriesInstanceUID=" + seriesA2 + "\\" + seriesB1);
    assertThat(series.received.keySet()).hasSize(3);
    assertReceivedAsStored(series);

    List<String> two = new ArrayList<>(stored.keySet()).subList(0, 2);
    Moved images = move("-S", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + studyA,
        "-k", "SeriesInstanceUID=" + seriesA1, "-k", "SOPInstanceUID=" + String.join("\\", two));
    assertThat(images.received.keySet()).containsExactlyInAnyOrderElementsOf(two);
    assertReceivedAsStored(images);
  }

  @Test
  void movesAPatientWithPatientRoot() throws Exception {
    Moved moved = move("-P", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID=" + PATIENT);

    assertThat(moved.received.keySet()).containsExactlyInAnyOrderElementsOf(stored.keySet());
    assertReceivedAsStored(moved);
  }

  @Test
  void refusesWhatTheStandardRefuses() throws Exception {
    Moved unknown = move("-S", "-aem", "ELSEWHERE", "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID=" + studyA);
    assertThat(unknown.output()).containsIgnoringCase("A801");
    assertThat(unknown.received).isEmpty();

    // the Study Root model has no PATIENT level
    Moved wrongLevel = move("-S", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID=" + PATIENT);
    assertThat(wrongLevel.output()).containsIgnoringCase("A900");

    // no unique key at the level
    Moved noKey = move("-S", "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + studyA);
    assertThat(noKey.output()).containsIgnoringCase("A900");

    // a destination that does not listen: every sub-operation failed
    Moved down = move("-S", "-aem", "NOBODY", "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID=" + studyB);
    assertThat(down.output()).containsIgnoringCase("A702")
        .contains("Failed Suboperations          : 2");
  }

  @Test
  void nothingMatchingIsASuccessWithNothingMoved() throws Exception {
    Moved moved = move("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3.4");

    assertThat(moved.result.exitCode()).as(moved.result.describe()).isZero();
    assertThat(moved.received).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  record Moved(ExternalTool.Result result, Map<String, Path> received) {
    String output() {
      return result.stdout() + result.stderr();
    }
  }

  /** movescu with {@code args} (-aem STORESCP unless given) while storescp receives. */
  private static Moved move(String... args) throws Exception {
    Path out = Files.createTempDirectory(dir, "received");
    List<String> command = new ArrayList<>(List.of("movescu", "-d", "-aet", "MOVESCU",
        "-aec", "TESSERA"));
    if (!Arrays.asList(args).contains("-aem")) {
      command.addAll(List.of("-aem", "STORESCP"));
    }
    command.addAll(Arrays.asList(args));
    command.addAll(List.of("localhost", String.valueOf(port)));
    ExternalTool.Result result;
    try (ExternalTool.Running scp = ExternalTool.of("storescp", "-aet", "STORESCP", "+B",
        "-od", out.toString(), "-uf", "+xa", "-dhl", String.valueOf(destinationPort))
        .env("TCP_NODELAY", "1").start()) {
      awaitListening(destinationPort);
      result = ExternalTool.of(command).env("TCP_NODELAY", "1")
          .timeout(Duration.ofSeconds(30)).run();
    }
    Map<String, Path> received = new TreeMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.toList()) {
        received.put(f.getFileName().toString().replaceFirst("^[A-Z]+\\.", ""), f);
      }
    }
    return new Moved(result, received);
  }

  private static void assertReceivedAsStored(Moved moved) throws IOException {
    for (Map.Entry<String, Path> e : moved.received.entrySet()) {
      assertThat(datasetBytes(e.getValue())).as(e.getKey())
          .isEqualTo(datasetBytes(stored.get(e.getKey())));
    }
  }

  private static List<String> instancesOf(String study) throws IOException {
    List<String> uids = new ArrayList<>();
    for (Map.Entry<String, Path> e : stored.entrySet()) {
      try (InputStream in = Files.newInputStream(e.getValue());
          DicomReader r = new DicomReader(in)) {
        if (study.equals(r.readFile().dataset().getString(Tag.StudyInstanceUID))) {
          uids.add(e.getKey());
        }
      }
    }
    return uids;
  }

  /** The bytes after File Meta. */
  private static byte[] datasetBytes(Path file) throws IOException {
    long offset;
    try (InputStream in = Files.newInputStream(file);
        DicomReader r = new DicomReader(in)) {
      r.readFileMetaInformation();
      offset = r.position();
    }
    byte[] all = Files.readAllBytes(file);
    return Arrays.copyOfRange(all, (int) offset, all.length);
  }

  private static void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (java.net.Socket s = new java.net.Socket("localhost", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
