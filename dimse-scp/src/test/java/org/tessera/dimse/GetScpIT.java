package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.ingest.IngestOutcome;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.testing.ExternalTool;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.ReadOptions;
import org.tessera.dicom.testing.SampleDatasets;
import org.tessera.dimse.DimseServerIT.Peer;
import org.tessera.dimse.internal.pdu.AAssociateAc;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.AReleaseRp;
import org.tessera.dimse.internal.pdu.AReleaseRq;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.internal.pdu.PresentationContextAc;
import org.tessera.dimse.internal.pdu.PresentationContextRq;
import org.tessera.dimse.internal.pdu.UserInformation;
import org.tessera.dimse.internal.pdu.UserInformation.RoleSelection;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * C-GET with DCMTK's getscu: the instances come back on the same association (getscu takes the
 * SCP role for the storage SOP classes it proposes) and are what is stored, byte for byte.
 */
class GetScpIT {
  @TempDir static Path dir;
  static TwoStudiesArchive a;

  @BeforeAll
  static void start() throws Exception {
    ExternalTool.require("getscu", "dcmtk");
    // the instances are in collection "default"; LIMITED may only see another one
    a = new TwoStudiesArchive(dir, new DimseOptions(0, "TESSERA").withAeAccess("LIMITED=other"));
  }

  @AfterAll
  static void stop() {
    a.close();
  }

  @Test
  void getsAStudyWithStudyRoot() throws Exception {
    Got got = get("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + a.studyA);

    assertThat(got.result.exitCode()).as(got.result.describe()).isZero();
    assertThat(got.received.keySet()).containsExactlyInAnyOrderElementsOf(a.instancesOf(a.studyA));
    a.assertReceivedAsStored(got.received);
    assertThat(got.output()).contains("Completed Suboperations       : 3");
  }

  @Test
  void getsSeriesInstancesAndAPatient() throws Exception {
    Got series = get("-S", "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + a.studyB,
        "-k", "SeriesInstanceUID=" + a.seriesB1);
    assertThat(series.received.keySet()).containsExactlyInAnyOrderElementsOf(a.instancesOf(a.studyB));

    String one = a.instancesOf(a.studyA).get(0);
    Got image = get("-S", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + a.studyA,
        "-k", "SOPInstanceUID=" + one);
    assertThat(image.received.keySet()).containsExactly(one);
    a.assertReceivedAsStored(image.received);

    Got patient = get("-P", "-k", "QueryRetrieveLevel=PATIENT",
        "-k", "PatientID=" + TwoStudiesArchive.PATIENT);
    assertThat(patient.received.keySet()).containsExactlyInAnyOrderElementsOf(a.stored.keySet());
    a.assertReceivedAsStored(patient.received);
  }

  @Test
  void anAeSeesOnlyTheCollectionsItIsAllowed() throws Exception {
    Got limited = getAs("LIMITED", "-S", "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID=" + a.studyA);

    assertThat(limited.result.exitCode()).as(limited.result.describe()).isZero();
    assertThat(limited.received).isEmpty();
    assertThat(limited.output()).contains("Completed Suboperations       : 0");
  }

  @Test
  void anIdentifierWithoutItsUniqueKeyIsRefused() throws Exception {
    Got got = get("-S", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + a.studyA);

    assertThat(got.output()).containsIgnoringCase("A900");
    assertThat(got.received).isEmpty();
  }

  @Test
  void anInstanceLongerThanOneReadStreamsFromItsFileByteForByte() throws Exception {
    // 2 MiB of Pixel Data: sent from the open file in reads of 1 MiB, not from memory
    Attributes large = SampleDatasets.secondaryCapture(1024, 1024, 16);
    large.setString(Tag.PatientID, VR.LO, "LARGE-GET");
    String study = large.getString(Tag.StudyInstanceUID);
    String sop = large.getString(Tag.SOPInstanceUID);
    Path file = TestInstances.write(dir.resolve("large.dcm"), large);
    assertThat(a.archive.ingest.ingestFile(IngestContext.of("default", "test"), file)
        .await(20, TimeUnit.SECONDS).outcome()).isEqualTo(IngestOutcome.STORED);

    Got got = get("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study);

    assertThat(got.result.exitCode()).as(got.result.describe()).isZero();
    assertThat(got.received.keySet()).containsExactly(sop);
    assertThat(Part10Bytes.dataset(got.received.get(sop))).isEqualTo(Part10Bytes.dataset(file));
  }

  /**
   * A peer that takes CT only in Implicit VR Little Endian (getscu always offers all uncompressed
   * syntaxes, so a raw peer): the stored Explicit VR instances come re-encoded.
   */
  @Test
  void reEncodesForAPeerThatTakesOnlyImplicitVrLittleEndian() throws Exception {
    Map<String, byte[]> received = new TreeMap<>();
    try (Peer peer = new Peer(a.port)) {
      peer.send(new AAssociateRq(AAssociateRq.PROTOCOL_VERSION_1, "TESSERA", "RAWGET",
          AAssociateRq.DICOM_APPLICATION_CONTEXT, List.of(
              new PresentationContextRq(1, Uid.StudyRootQueryRetrieveInformationModelGet,
                  List.of(Uid.ExplicitVRLittleEndian)),
              new PresentationContextRq(3, Uid.CTImageStorage,
                  List.of(Uid.ImplicitVRLittleEndian))),
          new UserInformation(16384, "1.2.3", null, null,
              List.of(new RoleSelection(Uid.CTImageStorage, 0, 1)), List.of(), List.of())));
      AAssociateAc ac = (AAssociateAc) peer.receive();
      assertThat(ac.presentationContexts()).extracting(PresentationContextAc::result)
          .containsExactly(0, 0);
      Attributes identifier = new Attributes();
      identifier.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
      identifier.setString(Tag.StudyInstanceUID, VR.UI, a.studyA);
      Attributes rq = RawStorePeer.requestWithDataset(Dimse.C_GET_RQ, 1,
          Uid.StudyRootQueryRetrieveInformationModelGet);
      peer.send(new PDataTf(List.of(new Pdv(1, true, true,
          Buffer.buffer(Command.of(rq).encode())))));
      peer.send(new PDataTf(List.of(new Pdv(1, false, true,
          Buffer.buffer(RawStorePeer.encode(identifier))))));

      for (Command rsp = peer.receiveCommand(); ; rsp = peer.receiveCommand()) {
        if (rsp.commandField() == Dimse.C_STORE_RQ.commandField()) {
          received.put(rsp.affectedSopInstanceUid(), receiveDataset(peer));
          peer.send(new PDataTf(List.of(new Pdv(3, true, true,
              Buffer.buffer(Command.response(rsp, Status.SUCCESS).encode())))));
        } else if (rsp.status() != Status.PENDING) {
          assertThat(rsp.status()).isEqualTo(Status.SUCCESS);
          break;
        }
      }
      peer.send(AReleaseRq.INSTANCE);
      assertThat(peer.receive()).isEqualTo(AReleaseRp.INSTANCE);
    }

    assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(a.instancesOf(a.studyA));
    for (Map.Entry<String, byte[]> e : received.entrySet()) {
      Attributes got = DicomReader.forDataset(new ByteArrayInputStream(e.getValue()),
          TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULTS).readDataset();
      Attributes sent = DicomReader.read(a.stored.get(e.getKey()), ReadOptions.DEFAULTS).dataset();
      for (int tag : new int[] {Tag.SOPInstanceUID, Tag.StudyInstanceUID, Tag.PatientName,
          Tag.Rows}) {
        assertThat(got.getString(tag)).as(e.getKey() + " " + tag).isEqualTo(sent.getString(tag));
      }
      assertThat(got.getBytes(Tag.PixelData)).isEqualTo(sent.getBytes(Tag.PixelData));
    }
  }

  /** The data set PDVs of one message, up to the last. */
  private static byte[] receiveDataset(Peer peer) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (boolean last = false; !last; ) {
      for (Pdv pdv : ((PDataTf) peer.receive()).pdvs()) {
        assertThat(pdv.command()).isFalse();
        assertThat(pdv.contextId()).isEqualTo(3);
        bytes.writeBytes(pdv.data().getBytes());
        last = pdv.last();
      }
    }
    return bytes.toByteArray();
  }

  record Got(ExternalTool.Result result, Map<String, Path> received) {
    String output() {
      return result.stdout() + result.stderr();
    }
  }

  private static Got get(String... args) throws Exception {
    return getAs("GETSCU", args);
  }

  private static Got getAs(String callingAeTitle, String... args) throws Exception {
    Path out = Files.createTempDirectory(dir, "received");
    List<String> command = new ArrayList<>(List.of("getscu", "-d", "-aet", callingAeTitle,
        "-aec", "TESSERA", "+B", "-od", out.toString()));
    command.addAll(Arrays.asList(args));
    command.addAll(List.of("localhost", String.valueOf(a.port)));
    ExternalTool.Result result = ExternalTool.of(command).env("TCP_NODELAY", "1")
        .timeout(Duration.ofSeconds(30)).run();
    return new Got(result, TwoStudiesArchive.received(out));
  }
}
