package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tessera.archive.ArchiveServices;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.ingest.IngestOutcome;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.io.DicomFile;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.ReadOptions;

/**
 * What the retrieve tests stand on: a DIMSE server over an archive holding five CT instances of
 * one patient in two studies (A: series A1 with two, A2 with one; B: series B1 with two), and
 * checks of what a peer received against what is stored.
 */
final class TwoStudiesArchive implements AutoCloseable {
  static final String PATIENT = "TESSERA-0001"; // TestInstances' Patient ID

  final TestArchive archive;
  final DimseServer server;
  final int port;
  /** SOP Instance UID to the file that was ingested (byte for byte what is stored). */
  final Map<String, Path> stored = new TreeMap<>();
  final Map<String, String> studyOf = new TreeMap<>();
  final String studyA = Uid.generate();
  final String studyB = Uid.generate();
  final String seriesA1 = Uid.generate();
  final String seriesA2 = Uid.generate();
  final String seriesB1 = Uid.generate();

  TwoStudiesArchive(Path dir, DimseOptions options) throws Exception {
    archive = new TestArchive(dir.resolve("archive"));
    Path in = Files.createDirectories(dir.resolve("in"));
    for (String[] ss : new String[][] {{studyA, seriesA1}, {studyA, seriesA1}, {studyA, seriesA2},
        {studyB, seriesB1}, {studyB, seriesB1}}) {
      Path file = TestInstances.writeCt(in, ss[0], ss[1]);
      var r = archive.ingest.ingestFile(IngestContext.of("default", "test"), file)
          .await(20, TimeUnit.SECONDS);
      assertThat(r.outcome()).isEqualTo(IngestOutcome.STORED);
      stored.put(r.instance().sopInstanceUid(), file);
      studyOf.put(r.instance().sopInstanceUid(), ss[0]);
    }
    ArchiveServices services = new ArchiveServices(archive.ingest, null,
        new RetrieveService(archive.database.pool()), null, archive.blobs);
    server = new DimseServer(options, services);
    archive.vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  List<String> instancesOf(String study) {
    return studyOf.entrySet().stream().filter(e -> e.getValue().equals(study))
        .map(Map.Entry::getKey).toList();
  }

  /** The files in {@code dir}, by SOP Instance UID (DCMTK names them MODALITY.iuid). */
  static Map<String, Path> received(Path dir) throws IOException {
    Map<String, Path> received = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        received.put(f.getFileName().toString().replaceFirst("^[A-Z]+\\.", ""), f);
      }
    }
    return received;
  }

  /** Each received data set is byte for byte the stored one. */
  void assertReceivedAsStored(Map<String, Path> received) throws IOException {
    for (Map.Entry<String, Path> e : received.entrySet()) {
      assertThat(Part10Bytes.dataset(e.getValue())).as(e.getKey())
          .isEqualTo(Part10Bytes.dataset(stored.get(e.getKey())));
    }
  }

  /**
   * Each received file holds the stored instance re-encoded in Implicit VR Little Endian: that
   * syntax, and the same UIDs, patient, rows and Pixel Data bytes.
   */
  void assertReceivedImplicitOfStored(Map<String, Path> received) throws IOException {
    for (Map.Entry<String, Path> e : received.entrySet()) {
      DicomFile got = DicomReader.read(e.getValue(),
          ReadOptions.DEFAULTS);
      DicomFile sent = DicomReader.read(
          stored.get(e.getKey()), ReadOptions.DEFAULTS);
      assertThat(got.transferSyntax().uid()).isEqualTo(Uid.ImplicitVRLittleEndian);
      assertThat(sent.transferSyntax().uid()).isEqualTo(Uid.ExplicitVRLittleEndian);
      for (int tag : new int[] {Tag.SOPInstanceUID,
          Tag.StudyInstanceUID, Tag.PatientName,
          Tag.Rows}) {
        assertThat(got.dataset().getString(tag)).as(e.getKey() + " " + tag)
            .isEqualTo(sent.dataset().getString(tag));
      }
      assertThat(got.dataset().getBytes(Tag.PixelData))
          .isEqualTo(sent.dataset().getBytes(Tag.PixelData));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void awaitListening(int port) throws Exception {
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

  @Override
  public void close() {
    archive.close();
  }
}
