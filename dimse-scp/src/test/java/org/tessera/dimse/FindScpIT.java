package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.ArchiveServices;
import org.tessera.archive.delete.DeletionService;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.ingest.IngestResult;
import org.tessera.archive.query.QueryOptions;
import org.tessera.archive.query.QueryService;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dimse.internal.pdu.AAssociateAc;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.internal.pdu.PresentationContextRq;
import org.tessera.dimse.internal.pdu.UserInformation;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * The C-FIND SCP behind a real DIMSE port on a storage core, queried by DCMTK's findscu in both
 * information models at every level. The archive holds:
 *
 * <pre>
 * P1 Doe^John 19700101 M
 *   2.25.4711.1 20240115 101500 A1 "CT Chest"    .1.1 CT #1 (3 instances), .1.2 OT #2 (1)
 *   2.25.4711.2 20230601 083000 A2 "MR Brain"    .2.1 MR #1 (2)
 * P2 山田^太郎 19851231 F (ISO_IR 192)
 *   2.25.4711.3 20220310 143000 A3 "CT Abdomen"  .3.1 CT #1 (2), .3.2 PT #2 (1)
 * </pre>
 *
 * Instances are &lt;series&gt;.&lt;n&gt;, numbered n.
 */
class FindScpIT {
  static final String S1 = "2.25.4711.1";
  static final String S2 = "2.25.4711.2";
  static final String S3 = "2.25.4711.3";
  static final String YAMADA = "山田^太郎";

  @TempDir
  static Path dir;
  static TestArchive archive;
  static DimseServer server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    archive = new TestArchive(dir.resolve("archive"));
    Path files = Files.createDirectories(dir.resolve("in"));
    Attributes p1 = patient("P1", "Doe^John", "19700101", "M", "ISO_IR 100");
    Attributes p2 = patient("P2", YAMADA, "19851231", "F", "ISO_IR 192");
    Attributes s1 = study(p1, S1, "20240115", "101500", "A1", "CT Chest");
    ingest(files, series(s1, ".1", "CT", Uid.CTImageStorage), 3);
    ingest(files, series(s1, ".2", "OT", Uid.SecondaryCaptureImageStorage), 1);
    ingest(files, series(study(p1, S2, "20230601", "083000", "A2", "MR Brain"), ".1", "MR",
        Uid.MRImageStorage), 2);
    Attributes s3 = study(p2, S3, "20220310", "143000", "A3", "CT Abdomen");
    ingest(files, series(s3, ".1", "CT", Uid.CTImageStorage), 2);
    ingest(files, series(s3, ".2", "PT", Uid.PositronEmissionTomographyImageStorage), 1);

    server = new DimseServer(new DimseOptions(0, "TESSERA"), services(archive));
    archive.vertx.deployVerticle(server).await();
    port = server.actualPort();
  }

  @AfterAll
  static void stop() {
    if (archive != null) {
      archive.close();
    }
  }

  @Test
  void studyRootStudiesWithComputedKeysAndAUtf8Name() throws IOException {
    Findscu.Result r = find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID",
        "-k", "PatientName", "-k", "PatientID", "-k", "StudyDate", "-k", "AccessionNumber",
        "-k", "ReferringPhysicianName", "-k", "ModalitiesInStudy",
        "-k", "NumberOfStudyRelatedSeries", "-k", "NumberOfStudyRelatedInstances");
    assertThat(r.finalStatus()).isEqualTo(Status.SUCCESS);
    assertThat(r.pendingStatuses()).containsOnly(Status.PENDING).hasSize(3);
    // newest first: the engine's study order
    assertThat(r.values(Tag.StudyInstanceUID)).containsExactly(S1, S2, S3);
    assertThat(r.values(Tag.PatientName)).containsExactly("Doe^John", "Doe^John", YAMADA);
    assertThat(r.values(Tag.StudyDate)).containsExactly("20240115", "20230601", "20220310");
    assertThat(r.values(Tag.NumberOfStudyRelatedSeries)).containsExactly("2", "1", "2");
    assertThat(r.values(Tag.NumberOfStudyRelatedInstances)).containsExactly("4", "2", "3");
    assertThat(r.responses()).extracting(a -> List.of(a.getStrings(Tag.ModalitiesInStudy)))
        .containsExactly(List.of("CT", "OT"), List.of("MR"), List.of("CT", "PT"));
    Attributes first = r.responses().get(0);
    assertThat(tags(first)).containsExactly(Tag.StudyDate, Tag.AccessionNumber,
        Tag.QueryRetrieveLevel, Tag.RetrieveAETitle, Tag.ModalitiesInStudy,
        Tag.ReferringPhysicianName, Tag.PatientName, Tag.PatientID, Tag.StudyInstanceUID,
        Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances);
    assertThat(first.getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
    assertThat(first.getString(Tag.RetrieveAETitle)).isEqualTo("TESSERA");
    assertThat(first.getString(Tag.ReferringPhysicianName)).isNull(); // none stored: empty
    assertThat(first.contains(Tag.SpecificCharacterSet)).isFalse(); // ASCII needs none
    // the third is UTF-8 and says so, as findscu wrote it to its file
    assertThat(r.responses().get(2).getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(Files.readAllBytes(r.files().get(2)))
        .containsSequence(YAMADA.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void studyRootStudyKeysMatchByRangeWildcardAndUidList() throws IOException {
    assertThat(studies("-k", "StudyDate=20230101-20241231")).containsExactly(S1, S2);
    assertThat(studies("-k", "StudyDate=-20230601")).containsExactly(S2, S3);
    assertThat(studies("-k", "StudyDate=20240115", "-k", "StudyTime=1000-1100"))
        .containsExactly(S1);
    assertThat(studies("-k", "PatientName=DOE*")).containsExactly(S1, S2);
    assertThat(studies("-k", "StudyDescription=?T *")).containsExactly(S1, S3);
    assertThat(studies("-k", "StudyInstanceUID=" + S3 + "\\" + S1 + "\\2.25.9"))
        .containsExactly(S1, S3);
    assertThat(studies("-k", "ModalitiesInStudy=PT")).containsExactly(S3);
    assertThat(studies("-k", "AccessionNumber=A2")).containsExactly(S2);
    assertThat(studies("-k", "PatientBirthDate=19800101-")).containsExactly(S3);
  }

  @Test
  void studyRootSeriesAndImages() throws IOException {
    Findscu.Result series = find("-S", "-k", "QueryRetrieveLevel=SERIES",
        "-k", "StudyInstanceUID=" + S3, "-k", "SeriesInstanceUID", "-k", "Modality",
        "-k", "SeriesNumber", "-k", "NumberOfSeriesRelatedInstances");
    assertThat(series.values(Tag.SeriesInstanceUID)).containsExactly(S3 + ".1", S3 + ".2");
    assertThat(series.values(Tag.Modality)).containsExactly("CT", "PT");
    assertThat(series.values(Tag.NumberOfSeriesRelatedInstances)).containsExactly("2", "1");
    assertThat(series.values(Tag.StudyInstanceUID)).containsOnly(S3);
    assertThat(find("-S", "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + S1,
        "-k", "Modality=OT", "-k", "SeriesInstanceUID").values(Tag.SeriesInstanceUID))
        .containsExactly(S1 + ".2");

    Findscu.Result images = find("-S", "-k", "QueryRetrieveLevel=IMAGE",
        "-k", "StudyInstanceUID=" + S1, "-k", "SeriesInstanceUID=" + S1 + ".1",
        "-k", "SOPInstanceUID", "-k", "SOPClassUID", "-k", "InstanceNumber");
    assertThat(images.values(Tag.SOPInstanceUID))
        .containsExactly(S1 + ".1.1", S1 + ".1.2", S1 + ".1.3");
    assertThat(images.values(Tag.InstanceNumber)).containsExactly("1", "2", "3");
    assertThat(images.values(Tag.SOPClassUID)).containsOnly(Uid.CTImageStorage);
    assertThat(images.values(Tag.QueryRetrieveLevel)).containsOnly("IMAGE");
    assertThat(find("-S", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + S1,
        "-k", "SeriesInstanceUID=" + S1 + ".1", "-k",
        "SOPInstanceUID=" + S1 + ".1.3\\" + S1 + ".1.1").values(Tag.SOPInstanceUID))
        .containsExactly(S1 + ".1.1", S1 + ".1.3");
  }

  @Test
  void patientRootAtEveryLevel() throws IOException {
    Findscu.Result patients = find("-P", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID",
        "-k", "PatientName", "-k", "PatientSex", "-k", "NumberOfPatientRelatedStudies",
        "-k", "NumberOfPatientRelatedInstances");
    assertThat(patients.values(Tag.PatientID)).containsExactlyInAnyOrder("P1", "P2");
    Attributes p1 = patients.responses().stream()
        .filter(a -> "P1".equals(a.getString(Tag.PatientID))).findFirst().orElseThrow();
    assertThat(p1.getString(Tag.NumberOfPatientRelatedStudies)).isEqualTo("2");
    assertThat(p1.getString(Tag.NumberOfPatientRelatedInstances)).isEqualTo("6");
    assertThat(p1.getString(Tag.PatientSex)).isEqualTo("M");
    assertThat(find("-P", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID",
        "-k", "PatientBirthDate=-19751231").values(Tag.PatientID)).containsExactly("P1");

    assertThat(find("-P", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=P1",
        "-k", "StudyInstanceUID").values(Tag.StudyInstanceUID)).containsExactly(S1, S2);
    assertThat(find("-P", "-k", "QueryRetrieveLevel=SERIES", "-k", "PatientID=P1",
        "-k", "StudyInstanceUID=" + S1, "-k", "SeriesInstanceUID", "-k", "Modality=C?")
        .values(Tag.SeriesInstanceUID)).containsExactly(S1 + ".1");
    Findscu.Result images = find("-P", "-k", "QueryRetrieveLevel=IMAGE", "-k", "PatientID=P2",
        "-k", "StudyInstanceUID=" + S3, "-k", "SeriesInstanceUID=" + S3 + ".1",
        "-k", "SOPInstanceUID", "-k", "InstanceNumber=2");
    assertThat(images.values(Tag.SOPInstanceUID)).containsExactly(S3 + ".1.2");
    // the unique keys of the levels above come back as requested
    assertThat(images.values(Tag.PatientID)).containsExactly("P2");
    assertThat(images.values(Tag.StudyInstanceUID)).containsExactly(S3);
  }

  @Test
  void aUtf8KeyMatchesAUtf8Name() throws IOException {
    // a query file rather than -k: the command line's encoding depends on the JVM's locale
    Attributes query = new Attributes();
    query.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    query.setString(Tag.QueryRetrieveLevel, VR.CS, "PATIENT");
    query.setString(Tag.PatientName, VR.PN, "山田*");
    query.setNull(Tag.PatientID, VR.LO);
    Path file = dir.resolve("yamada.dcm");
    DicomWriter.write(file, FileMetaInformation.create(
        Uid.PatientRootQueryRetrieveInformationModelFind, Uid.generate(),
        Uid.ExplicitVRLittleEndian), query);
    Findscu.Result r = find("-P", file.toString());
    assertThat(r.values(Tag.PatientID)).containsExactly("P2");
    assertThat(r.values(Tag.PatientName)).containsExactly(YAMADA);
  }

  @Test
  void keysTheEngineCannotMatchGiveFf01AndAreLeftOut() throws IOException {
    Findscu.Result r = find("-P", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID",
        "-k", "PatientBirthName=X");
    assertThat(r.values(Tag.PatientID)).containsExactlyInAnyOrder("P1", "P2");
    assertThat(r.pendingStatuses()).containsOnly(Status.PENDING_OPTIONAL_KEYS_NOT_SUPPORTED);
    assertThat(r.finalStatus()).isEqualTo(Status.SUCCESS);
    assertThat(r.responses()).noneMatch(a -> a.contains(Tag.PatientBirthName));
  }

  @Test
  void identifiersThatDoNotFitTheModelAreRefused() throws IOException {
    assertRefused(find("-S", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID"),
        Tag.QueryRetrieveLevel, "Study Root has no PATIENT level (PS3.4 C.3.2)");
    assertRefused(find("-S", "-k", "QueryRetrieveLevel=SERIES", "-k", "Modality"),
        Tag.StudyInstanceUID, "StudyInstanceUID (0020,000D) missing: unique key above SERIES");
    assertRefused(find("-P", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=Doe*"),
        Tag.PatientID, "PatientID (0010,0020) missing: unique key above STUDY");
    assertRefused(find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "Modality=CT"),
        Tag.Modality, "Modality (0008,0060) is below the STUDY level");
    assertRefused(find("-S", "-k", "QueryRetrieveLevel=FRAME"),
        Tag.QueryRetrieveLevel, "QueryRetrieveLevel \"FRAME\" is unknown");
    assertRefused(find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyDate=2024-01-15"),
        Tag.StudyDate, "StudyDate (0008,0020): \"2024-01-15\" is not a date (YYYYMMDD) or");
  }

  @Test
  void cancelAfterOneResponseEndsWithFe00() throws Exception {
    // 200 responses of 32 KiB: more than findscu's receive buffer (TCP_BUFFER_LENGTH) and our
    // send buffer hold, so the SCP is still sending when the C-CANCEL-RQ that findscu sends
    // after the first response arrives
    int instances = 200;
    try (TestArchive big = new TestArchive(dir.resolve("big"))) {
      String study = "2.25.4712.1";
      Attributes series = series(study(patient("P9", "Big^Series", "20000101", "O",
          "ISO_IR 100"), study, "20000101", "000000", "A9", "Big"), ".1", "OT",
          Uid.SecondaryCaptureImageStorage);
      series.setString(Tag.TextValue, VR.UT, "0123456789abcdef".repeat(2048));
      ingest(big, Files.createDirectories(dir.resolve("big-in")), series, instances);
      DimseServer bigServer = new DimseServer(new DimseOptions(0, "TESSERA"), services(big));
      big.vertx.deployVerticle(bigServer).await();

      Findscu.Result r = Findscu.run(dir, bigServer.actualPort(), "-S", List.of("--cancel", "1",
          "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + study,
          "-k", "SeriesInstanceUID=" + study + ".1", "-k", "SOPInstanceUID", "-k", "TextValue"),
          Map.of("TCP_BUFFER_LENGTH", "32768"));
      assertThat(r.run().stderr()).contains("Sending Cancel Request");
      assertThat(r.finalStatus()).as(r.run().describe()).isEqualTo(Status.CANCEL);
      assertThat(r.responses()).hasSizeBetween(1, instances - 1);
      assertThat(r.pendingStatuses()).hasSize(r.responses().size()).containsOnly(Status.PENDING);
      assertThat(r.responses().get(0).getString(Tag.TextValue)).hasSize(32768);
    }
  }

  /** The same archive behind a server where FINDSCU may only see another collection. */
  @Test
  void anAeFindsOnlyInTheCollectionsItIsAllowed() throws Exception {
    DimseServer limited = new DimseServer(new DimseOptions(0, "TESSERA")
        .withAeAccess("FINDSCU=other"), services(archive));
    archive.vertx.deployVerticle(limited).await();
    try {
      Findscu.Result r = Findscu.run(dir, limited.actualPort(), "-S",
          List.of("-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID"));
      assertThat(r.finalStatus()).isEqualTo(Status.SUCCESS);
      assertThat(r.responses()).isEmpty();
      assertThat(find("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID")
          .responses()).hasSize(3);
    } finally {
      archive.vertx.undeploy(limited.deploymentID()).await();
    }
  }

  @Test
  void anIdentifierOverOneMebibyteIsRefusedWithA700() throws Exception {
    try (DimseServerIT.Peer peer = new DimseServerIT.Peer(port)) {
      peer.send(new AAssociateRq(1, "TESSERA", "RAW", AAssociateRq.DICOM_APPLICATION_CONTEXT,
          List.of(new PresentationContextRq(1, Uid.StudyRootQueryRetrieveInformationModelFind,
              List.of(Uid.ImplicitVRLittleEndian))),
          new UserInformation(0, "1.2.3", null, null, List.of(), List.of(), List.of())));
      assertThat(peer.receive()).isInstanceOf(AAssociateAc.class);
      Attributes rq = RawStorePeer.requestWithDataset(Dimse.C_FIND_RQ, 7,
          Uid.StudyRootQueryRetrieveInformationModelFind);
      peer.send(new PDataTf(List.of(new Pdv(1, true, true,
          Buffer.buffer(Command.of(rq).encode())))));
      byte[] chunk = new byte[64 * 1024];
      for (int i = 1; i <= 17; i++) { // 17 * 64 KiB: 1 MiB and 64 KiB
        peer.send(new PDataTf(List.of(new Pdv(1, false, i == 17, Buffer.buffer(chunk)))));
      }
      Command rsp = peer.receiveCommand();
      assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(7);
      assertThat(rsp.status()).isEqualTo(Status.OUT_OF_RESOURCES);
      assertThat(rsp.errorComment()).isEqualTo("Identifier longer than 1048576 bytes");
      assertThat(rsp.hasDataset()).isFalse();
    }
  }

  private static Findscu.Result find(String model, String... args) throws IOException {
    return Findscu.run(dir, port, model, Arrays.asList(args));
  }

  /** The Study Instance UIDs of a Study Root STUDY query with {@code keys}. */
  private static List<String> studies(String... keys) throws IOException {
    List<String> args = new ArrayList<>(List.of("-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID"));
    args.addAll(Arrays.asList(keys));
    Findscu.Result r = Findscu.run(dir, port, "-S", args);
    assertThat(r.finalStatus()).as(r.run().describe()).isEqualTo(Status.SUCCESS);
    return r.values(Tag.StudyInstanceUID);
  }

  private static void assertRefused(Findscu.Result r, int offending, String comment) {
    assertThat(r.responses()).isEmpty();
    assertThat(r.statuses()).containsExactly(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS);
    assertThat(r.offendingElement()).isEqualTo(offending);
    assertThat(r.errorComment()).isEqualTo(comment);
  }

  private static List<Integer> tags(Attributes a) {
    List<Integer> tags = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      tags.add(a.tagAt(i));
    }
    return tags;
  }

  // ---- the data set

  private static ArchiveServices services(TestArchive a) {
    return new ArchiveServices(a.ingest,
        new QueryService(a.database.pool(), QueryOptions.DEFAULTS),
        new RetrieveService(a.database.pool()),
        new DeletionService(a.vertx, a.database.pool(), a.blobs), a.blobs);
  }

  private static Attributes patient(String id, String name, String birthDate, String sex,
      String charset) {
    Attributes a = new Attributes();
    a.setString(Tag.SpecificCharacterSet, VR.CS, charset);
    a.setString(Tag.PatientID, VR.LO, id);
    a.setString(Tag.PatientName, VR.PN, name);
    a.setString(Tag.PatientBirthDate, VR.DA, birthDate);
    a.setString(Tag.PatientSex, VR.CS, sex);
    return a;
  }

  private static Attributes study(Attributes patient, String uid, String date, String time,
      String accession, String description) {
    Attributes a = new Attributes(patient);
    a.setString(Tag.StudyInstanceUID, VR.UI, uid);
    a.setString(Tag.StudyDate, VR.DA, date);
    a.setString(Tag.StudyTime, VR.TM, time);
    a.setString(Tag.AccessionNumber, VR.SH, accession);
    a.setString(Tag.StudyDescription, VR.LO, description);
    a.setString(Tag.StudyID, VR.SH, accession);
    return a;
  }

  /** Series {@code <study>.<suffix>}, numbered as the suffix, dated as the study. */
  private static Attributes series(Attributes study, String suffix, String modality,
      String sopClass) {
    Attributes a = new Attributes(study);
    a.setString(Tag.SeriesInstanceUID, VR.UI, study.getString(Tag.StudyInstanceUID) + suffix);
    a.setString(Tag.SeriesNumber, VR.IS, suffix.substring(1));
    a.setString(Tag.SeriesDate, VR.DA, study.getString(Tag.StudyDate));
    a.setString(Tag.Modality, VR.CS, modality);
    a.setString(Tag.SeriesDescription, VR.LO, modality + " series");
    a.setString(Tag.SOPClassUID, VR.UI, sopClass);
    return a;
  }

  private static void ingest(Path files, Attributes series, int count) {
    ingest(archive, files, series, count);
  }

  /** Instances {@code <series>.1} to {@code <series>.<count>} of {@code series}. */
  private static void ingest(TestArchive into, Path files, Attributes series, int count) {
    List<Future<IngestResult>> ingests = new ArrayList<>();
    String seriesUid = series.getString(Tag.SeriesInstanceUID);
    for (int n = 1; n <= count; n++) {
      String uid = seriesUid + "." + n;
      Attributes ds = TestInstances.ct(series.getString(Tag.StudyInstanceUID), seriesUid, uid);
      ds.addAll(series);
      ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
      ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(n));
      ds.setString(Tag.InstitutionName, VR.LO, "General Hospital");
      ds.remove(Tag.ReferringPhysicianName);
      ingests.add(into.ingest.ingestFile(IngestContext.of(IngestContext.DEFAULT_ARCHIVE,
          "FindScpIT"), TestInstances.write(files.resolve(uid + ".dcm"), ds)));
    }
    for (Future<IngestResult> ingest : ingests) {
      IngestResult result = ingest.await();
      assertThat(result.outcome().isSuccess()).as(result.message()).isTrue();
    }
  }
}
