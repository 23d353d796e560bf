package org.tessera.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.file.OpenOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.Problem;
import org.tessera.archive.internal.index.InstanceRecordMapper;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;

class IngestServiceTest {
  @TempDir Path dir;
  private TestArchive archive;
  private final IngestContext ctx = IngestContext.of("default", "test");

  @BeforeEach
  void start() {
    archive = new TestArchive(dir);
  }

  @AfterEach
  void stop() {
    archive.close();
  }

  @Test
  void storesAnInstanceWithItsIndexRowsJsonAndFile() throws Exception {
    String study = Uid.generate();
    String series = Uid.generate();
    Path file = TestInstances.writeCt(dir, study, series);

    IngestResult r = archive.ingest.ingestFile(ctx, file).await();

    assertThat(r.outcome()).isEqualTo(IngestOutcome.STORED);
    assertThat(r.instance().studyInstanceUid()).isEqualTo(study);
    assertThat(r.instance().size()).isEqualTo(Files.size(file));
    assertThat(r.instance().md5()).isEqualTo(md5(file));
    assertThat(r.instance().collection()).isEqualTo("default");
    assertThat(archive.rows("SELECT patient_id, patient_name, patient_name_ci, patient_sex, "
        + "num_studies, num_series, num_instances FROM patient"))
        .containsExactly(List.of("TESSERA-0001", "Müller^Jürgen", "MÜLLER^JÜRGEN", "M", 1, 1, 1));
    assertThat(archive.rows("SELECT study_instance_uid, study_date, study_id, "
        + "modalities_in_study[1], num_series, num_instances, total_bytes FROM study"))
        .containsExactly(List.of(study, "20240131", "4711", "CT", 1, 1, Files.size(file)));
    assertThat(archive.rows("SELECT series_instance_uid, modality, series_number, "
        + "body_part_examined, software_versions, slice_thickness, num_instances FROM series"))
        .containsExactly(List.of(series, "CT", 3, "HEAD", "0.1\\recon 2.4", 5.0, 1));
    String key = (String) archive.value("SELECT blob_key FROM instance");
    assertThat(Files.readAllBytes(archive.blobs.path(key))).isEqualTo(Files.readAllBytes(file));
    String json = (String) archive.value("SELECT attrs FROM instance");
    assertThat(json).contains("\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller^Jürgen\"}]}")
        .contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"bulkdata/7FE00010\"}");
    assertThat((String) archive.value("SELECT attrs FROM series")).contains("\"00080060\"")
        .doesNotContain("\"00100010\"").doesNotContain("\"7FE00010\"");
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void closeLetsIngestsInFlightFinishThenRefusesNewOnes() throws Exception {
    String study = Uid.generate();
    List<io.vertx.core.Future<IngestResult>> inFlight = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      inFlight.add(archive.ingest.ingestFile(ctx, TestInstances.writeCt(dir, study,
          Uid.generate())));
    }
    Path duplicate = TestInstances.writeCt(dir, study, Uid.generate());
    archive.ingest.ingestFile(ctx, duplicate).await();
    inFlight.add(archive.ingest.ingestFile(ctx, duplicate)); // its new file is deleted after

    boolean drained = archive.ingest.close(java.time.Duration.ofSeconds(30)).await();

    assertThat(drained).isTrue();
    assertThat(inFlight).allSatisfy(f -> assertThat(f.isComplete()).isTrue());
    assertThat(inFlight.subList(0, 20))
        .allSatisfy(f -> assertThat(f.result().outcome()).isEqualTo(IngestOutcome.STORED));
    assertThat(inFlight.get(20).result().outcome()).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(21L);
    assertThat(blobFiles()).hasSize(21); // the duplicate's copy is gone before close ends
    io.vertx.core.Future<IngestResult> late = archive.ingest.ingestFile(ctx,
        TestInstances.writeCt(dir, study, Uid.generate()));
    assertThat(late.failed()).isTrue();
    assertThat(late.cause()).isInstanceOfSatisfying(org.tessera.archive.ArchiveException.class,
        e -> assertThat(e.problem()).isEqualTo(Problem.UNAVAILABLE));
  }

  @Test
  void identicalBytesAreADuplicateAndChangeNothing() throws Exception {
    Path file = TestInstances.writeCt(dir, Uid.generate(), Uid.generate());
    archive.ingest.ingestFile(ctx, file).await();

    IngestResult again = archive.ingest.ingestFile(ctx, file).await();

    assertThat(again.outcome()).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(archive.value("SELECT num_instances FROM study")).isEqualTo(1);
    assertThat(blobFiles()).hasSize(1);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void differentBytesReplaceTheStoredInstance() throws Exception {
    String study = Uid.generate();
    String series = Uid.generate();
    String sop = Uid.generate();
    Path first = TestInstances.write(dir.resolve("a.dcm"), TestInstances.ct(study, series, sop));
    Attributes changed = TestInstances.ct(study, series, sop);
    changed.setString(Tag.SeriesDescription, VR.LO, "corrected");
    Path second = TestInstances.write(dir.resolve("b.dcm"), changed);
    archive.ingest.ingestFile(ctx, first).await();

    IngestResult r = archive.ingest.ingestFile(ctx, second).await();

    assertThat(r.outcome()).isEqualTo(IngestOutcome.REPLACED);
    assertThat(archive.rows("SELECT num_instances, total_bytes FROM series"))
        .containsExactly(List.of(1, Files.size(second)));
    assertThat(archive.value("SELECT series_description FROM series")).isEqualTo("corrected");
    String key = (String) archive.value("SELECT blob_key FROM instance");
    assertThat(Files.readAllBytes(archive.blobs.path(key))).isEqualTo(Files.readAllBytes(second));
    awaitBlobCount(1);
  }

  @Test
  void rejectPolicyRefusesDifferentBytes() throws Exception {
    archive.close();
    archive = new TestArchive(dir, new IngestOptions(DuplicatePolicy.REJECT, 2,
        IngestOptions.DEFAULT_NEW_COLLECTION_VISIBILITY, IngestOptions.DEFAULT_MAX_HEADER_VALUE_LENGTH));
    String sop = Uid.generate();
    String study = Uid.generate();
    String series = Uid.generate();
    Path first = TestInstances.write(dir.resolve("a.dcm"), TestInstances.ct(study, series, sop));
    Attributes changed = TestInstances.ct(study, series, sop);
    changed.setString(Tag.SeriesDescription, VR.LO, "changed");
    archive.ingest.ingestFile(ctx, first).await();

    IngestResult r = archive.ingest.ingestFile(ctx,
        TestInstances.write(dir.resolve("b.dcm"), changed)).await();

    assertThat(r.outcome()).isEqualTo(IngestOutcome.REJECTED);
    assertThat(r.problem()).isEqualTo(Problem.CONFLICT);
    String key = (String) archive.value("SELECT blob_key FROM instance");
    assertThat(Files.readAllBytes(archive.blobs.path(key))).isEqualTo(Files.readAllBytes(first));
    awaitBlobCount(1);
  }

  @Test
  void badInputIsRejectedWithItsReasonAndStoresNothing() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "this is not DICOM at all\n".repeat(20));
    Attributes noSop = TestInstances.ct(Uid.generate(), Uid.generate(), Uid.generate());
    noSop.remove(Tag.SOPInstanceUID);
    Path missing = dir.resolve("nosop.dcm");
    org.tessera.dicom.io.DicomWriter.write(missing, org.tessera.dicom.io.FileMetaInformation.create(
        Uid.CTImageStorage, "1.2.3.4", Uid.ExplicitVRLittleEndian), noSop);
    Path whole = TestInstances.writeCt(dir, Uid.generate(), Uid.generate());
    byte[] bytes = Files.readAllBytes(whole);
    Path truncated = Files.write(dir.resolve("cut.dcm"), java.util.Arrays.copyOf(bytes, 700));
    Attributes badUid = TestInstances.ct(Uid.generate(), "1.2.abc", Uid.generate());
    Path bad = TestInstances.write(dir.resolve("baduid.dcm"), badUid);

    assertRejected(text, Problem.CANNOT_UNDERSTAND, "not a DICOM Part 10 file");
    assertRejected(missing, Problem.MISSING_ATTRIBUTE, "SOPInstanceUID (0008,0018) is missing");
    assertRejected(truncated, Problem.CANNOT_UNDERSTAND, "cannot");
    assertRejected(bad, Problem.INVALID_ATTRIBUTE, "SeriesInstanceUID (0020,000E) '1.2.abc'");
    assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(0L);
    assertThat(archive.value("SELECT count(*) FROM patient")).isEqualTo(0L);
    awaitBlobCount(0);
    awaitTempCount(0);
  }

  @Test
  void announcedUidsMustMatchTheDataSet() throws Exception {
    Path file = TestInstances.writeCt(dir, Uid.generate(), Uid.generate());
    IngestResult r = archive.ingest.ingestFile(
        ctx.expecting(Uid.CTImageStorage, "1.2.3.999"), file).await();
    assertThat(r.problem()).isEqualTo(Problem.DATASET_MISMATCH);
    assertThat(r.message()).contains("differs from AffectedSOPInstanceUID (0000,1000) '1.2.3.999'");
    IngestResult s = archive.ingest.ingestFile(ctx.expectingStudy("1.2.3.4"), file).await();
    assertThat(s.problem()).isEqualTo(Problem.DATASET_MISMATCH);
    assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(0L);
  }

  @Test
  void streamsFromAReadStream() throws Exception {
    Path file = TestInstances.writeCt(dir, Uid.generate(), Uid.generate());
    IngestResult r = archive.vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
        .compose(f -> archive.ingest.ingest(ctx, f)).await();
    assertThat(r.outcome()).isEqualTo(IngestOutcome.STORED);
    assertThat(r.instance().md5()).isEqualTo(md5(file));
  }

  @Test
  void theCtpCollectionTagWinsOverTheHintAndAStudyStaysInItsCollection() throws Exception {
    String study = Uid.generate();
    Attributes ds = TestInstances.ct(study, Uid.generate(), Uid.generate());
    ds.setString(ds.reserve(InstanceRecordMapper.CTP_COLLECTION), VR.LO, "LIDC-IDRI");
    ds.setString(ds.reserve(InstanceRecordMapper.CTP_SITE), VR.LO, "Site 7");
    IngestResult r = archive.ingest.ingestFile(ctx.withCollectionHint("from-ae"),
        TestInstances.write(dir.resolve("ctp.dcm"), ds)).await();
    assertThat(r.instance().collection()).isEqualTo("LIDC-IDRI");
    assertThat(archive.rows("SELECT c.name, c.visibility, s.site FROM series s "
        + "JOIN collection c ON c.pk = s.collection_fk"))
        .containsExactly(List.of("LIDC-IDRI", "restricted", "Site 7"));

    Path other = TestInstances.writeCt(dir, study, Uid.generate());
    IngestResult conflict = archive.ingest.ingestFile(ctx.withCollectionHint("from-ae"), other).await();
    assertThat(conflict.problem()).isEqualTo(Problem.CONFLICT);
    assertThat(conflict.message()).contains("another collection");
    assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(1L);
    awaitBlobCount(1);
  }

  private void assertRejected(Path file, Problem problem, String message) {
    IngestResult r = archive.ingest.ingestFile(ctx, file).await();
    assertThat(r.outcome()).isEqualTo(IngestOutcome.REJECTED);
    assertThat(r.problem()).isEqualTo(problem);
    assertThat(r.message()).contains(message);
  }

  private List<Path> blobFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("blobs"))) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getParent().endsWith("tmp")).toList();
    }
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("blobs").resolve("tmp"))) {
      return s.toList();
    }
  }

  /** Files of obsolete blobs are removed after the commit, asynchronously. */
  private void awaitBlobCount(int n) throws Exception {
    for (int i = 0; i < 100 && blobFiles().size() != n; i++) {
      Thread.sleep(20);
    }
    assertThat(blobFiles()).hasSize(n);
  }

  private void awaitTempCount(int n) throws Exception {
    for (int i = 0; i < 100 && tempFiles().size() != n; i++) {
      Thread.sleep(20);
    }
    assertThat(tempFiles()).hasSize(n);
  }

  static byte[] md5(Path file) throws Exception {
    return MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file));
  }
}
