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
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.testing.ExternalTool;

/**
 * C-MOVE with DCMTK's movescu, to DCMTK's storescp as the Move Destination: what arrives is
 * compared byte for byte with what is stored, at every retrieve level of both models, and the
 * failures a movescu user meets have the standard's statuses.
 */
class MoveScpIT {
  @TempDir static Path dir;
  static TwoStudiesArchive a;
  static int destinationPort;

  @BeforeAll
  static void start() throws Exception {
    ExternalTool.require("movescu", "dcmtk");
    ExternalTool.require("storescp", "dcmtk");
    destinationPort = TwoStudiesArchive.freePort();
    int closedPort = TwoStudiesArchive.freePort();
    a = new TwoStudiesArchive(dir, new DimseOptions(0, "TESSERA").withMoveDestinations(
        "STORESCP=localhost:" + destinationPort + ",NOBODY=localhost:" + closedPort));
  }

  @AfterAll
  static void stop() {
    a.close();
  }

  @Test
  void movesAStudyAtStudyLevelOfStudyRoot() throws Exception {
    Moved moved = move("-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + a.studyA);

    assertThat(moved.result.exitCode()).as(moved.result.describe()).isZero();
    assertThat(moved.received.keySet()).containsExactlyInAnyOrderElementsOf(a.instancesOf(a.studyA));
    a.assertReceivedAsStored(moved.received);
    assertThat(moved.output()).contains("Completed Suboperations       : 3");
  }

  @Test
  void movesSeriesAndInstancesByUidList() throws Exception {
    Moved series = move("-S", "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + a.studyA,
        "-k", "SeriesInstanceUID=" + a.seriesA2 + "\\" + a.seriesB1);
    assertThat(series.received.keySet()).hasSize(3);
    a.assertReceivedAsStored(series.received);

    List<String> two = new ArrayList<>(a.instancesOf(a.studyA)).subList(0, 2);
    Moved images = move("-S", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + a.studyA,
        "-k", "SOPInstanceUID=" + String.join("\\", two));
    assertThat(images.received.keySet()).containsExactlyInAnyOrderElementsOf(two);
    a.assertReceivedAsStored(images.received);
  }

  @Test
  void movesAPatientWithPatientRoot() throws Exception {
    Moved moved = move("-P", "-k", "QueryRetrieveLevel=PATIENT",
        "-k", "PatientID=" + TwoStudiesArchive.PATIENT);

    assertThat(moved.received.keySet()).containsExactlyInAnyOrderElementsOf(a.stored.keySet());
    a.assertReceivedAsStored(moved.received);
  }

  /** A destination that takes Implicit VR Little Endian only gets the stored instances re-encoded. */
  @Test
  void reencodesForADestinationThatTakesImplicitVrOnly() throws Exception {
    Moved moved = move(List.of("+xi"), "-S", "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID=" + a.studyB);

    assertThat(moved.result.exitCode()).as(moved.result.describe()).isZero();
    assertThat(moved.received.keySet()).containsExactlyInAnyOrderElementsOf(a.instancesOf(a.studyB));
    a.assertReceivedImplicitOfStored(moved.received);
  }

  @Test
  void refusesWhatTheStandardRefuses() throws Exception {
    Moved unknown = move("-S", "-aem", "ELSEWHERE", "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID=" + a.studyA);
    assertThat(unknown.output()).containsIgnoringCase("A801");
    assertThat(unknown.received).isEmpty();

    // the Study Root model has no PATIENT level
    Moved wrongLevel = move("-S", "-k", "QueryRetrieveLevel=PATIENT",
        "-k", "PatientID=" + TwoStudiesArchive.PATIENT);
    assertThat(wrongLevel.output()).containsIgnoringCase("A900");

    // no unique key at the level
    Moved noKey = move("-S", "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + a.studyA);
    assertThat(noKey.output()).containsIgnoringCase("A900");

    // a destination that does not listen: every sub-operation failed
    Moved down = move("-S", "-aem", "NOBODY", "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID=" + a.studyB);
    assertThat(down.output()).containsIgnoringCase("A702")
        .contains("Failed Suboperations          : 2");
  }

  @Test
  void nothingMatchingIsASuccessWithNothingMoved() throws Exception {
    Moved moved = move("-S", "-k", "QueryRetrieveLevel=STUDY",
        "-k", "StudyInstanceUID=" + Uid.generate());

    assertThat(moved.result.exitCode()).as(moved.result.describe()).isZero();
    assertThat(moved.received).isEmpty();
  }

  record Moved(ExternalTool.Result result, Map<String, Path> received) {
    String output() {
      return result.stdout() + result.stderr();
    }
  }

  /** movescu -d with {@code args} (-aem STORESCP unless given) while storescp receives. */
  private static Moved move(String... args) throws Exception {
    return move(List.of(), args);
  }

  /** As {@link #move(String...)}, with {@code scpOptions} for storescp. */
  private static Moved move(List<String> scpOptions, String... args) throws Exception {
    Path out = Files.createTempDirectory(dir, "received");
    List<String> command = new ArrayList<>(List.of("movescu", "-d", "-aet", "MOVESCU",
        "-aec", "TESSERA"));
    if (!Arrays.asList(args).contains("-aem")) {
      command.addAll(List.of("-aem", "STORESCP"));
    }
    command.addAll(Arrays.asList(args));
    command.addAll(List.of("localhost", String.valueOf(a.port)));
    ExternalTool.Result result;
    List<String> scp = new ArrayList<>(List.of("storescp", "-aet", "STORESCP", "+B",
        "-od", out.toString(), "-uf", "-dhl"));
    scp.addAll(scpOptions.isEmpty() ? List.of("+xa") : scpOptions);
    scp.add(String.valueOf(destinationPort));
    try (ExternalTool.Running running = ExternalTool.of(scp).env("TCP_NODELAY", "1").start()) {
      TwoStudiesArchive.awaitListening(destinationPort);
      result = ExternalTool.of(command).env("TCP_NODELAY", "1")
          .timeout(Duration.ofSeconds(30)).run();
    }
    return new Moved(result, TwoStudiesArchive.received(out));
  }
}
