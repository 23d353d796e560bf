package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.dicom.testing.ExternalTool;

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
