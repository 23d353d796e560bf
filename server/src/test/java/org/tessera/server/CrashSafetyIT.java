package org.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.ReadOptions;
import org.tessera.server.TesseraProcess.Index;
import org.tessera.server.TesseraProcess.InstanceLine;
import org.tessera.server.TesseraProcess.InstanceRow;

/**
 * The ingest pipeline's promise under SIGKILL: an import killed in the middle of its run, then
 * run again on the same data directory. Every instance acknowledged before the kill (printed by
 * {@code --verbose}, which happens only after the index commit) is present and readable, no
 * index row points to a missing or different file, the aggregates match the rows, and sending
 * everything again stores exactly what was not committed, and the files the killed run placed
 * without committing are deleted.
 */
class CrashSafetyIT {
  private static final int STUDIES = 4;
  private static final int SERIES_PER_STUDY = 2;
  private static final int PER_SERIES = 50;
  private static final int FILES = STUDIES * SERIES_PER_STUDY * PER_SERIES;
  /** Enough to be well into the run, few enough that it cannot have ended. */
  private static final int KILL_AFTER = 40;
  /** JVM start, initdb and the embedded PostgreSQL start come before the first line. */
  private static final Duration FIRST_LINE_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  @TempDir
  Path tmp;

  private TesseraProcess killed;
  private TesseraProcess restarted;
  private Path data;

  @AfterEach
  void stopProcesses() throws Exception {
    if (killed != null) {
      killed.close();
    }
    if (restarted != null) {
      restarted.close();
    }
    // the embedded PostgreSQL a killed process left, if the test did not get to stop it
    Index.stopOrphanBlocking(data);
  }

  @Test
  void acknowledgedInstancesSurviveSigkillAndTheRestCanBeSentAgain() throws Exception {
    Path incoming = tmp.resolve("incoming");
    Map<String, Path> sources = writeStudies(incoming);
    data = tmp.resolve("data");
    String[] args = {"import", "--data", data.toString(), "--verbose",
        "--set", "storage.fsync=true", incoming.toString()};

    killed = TesseraProcess.start(tmp, args);
    readUntilStored(killed, KILL_AFTER);
    killed.killBlocking();
    // lines already in the pipe were printed before the kill: acknowledged too
    killed.waitFor(Duration.ofSeconds(30));
    Set<String> acknowledged = sops(killed, "stored");

    assertThat(acknowledged).as("the kill must come in the middle of the run")
        .hasSizeLessThan(FILES);
    assertThat(killed.stdout()).as(killed.describe())
        .noneMatch(line -> line.matches("import: \\d+ files \\(.*"));
    int tempFilesLeft = Index.tempFiles(data).size();
    Set<String> committed;
    try (Index index = Index.openBlocking(data)) {
      List<InstanceRow> rows = index.instances();
      committed = rows.stream().map(InstanceRow::sopInstanceUid).collect(Collectors.toSet());

      assertThat(committed).containsAll(acknowledged);
      assertEveryRowPointsToItsFile(index, rows, sources);
      assertThat(index.aggregateMismatches()).isEmpty();
    }

    restarted = TesseraProcess.start(tmp, args);
    int code = restarted.waitFor(RUN_TIMEOUT);

    assertThat(code).as(restarted.describe()).isEqualTo(Main.EXIT_OK);
    List<InstanceLine> lines = restarted.instanceLines();
    assertThat(lines).extracting(InstanceLine::file)
        .containsExactlyInAnyOrderElementsOf(sources.values());
    assertThat(lines).allSatisfy(line ->
        assertThat(line.file()).isEqualTo(sources.get(line.sopInstanceUid())));
    // identical bytes: what was committed is a duplicate now, everything else is stored
    assertThat(sops(restarted, "duplicate")).isEqualTo(committed);
    Set<String> rest = new HashSet<>(sources.keySet());
    rest.removeAll(committed);
    assertThat(sops(restarted, "stored")).isEqualTo(rest);
    assertThat(sops(restarted, "replaced")).isEmpty();
    String summary = String.format("import: %d files (%d stored, %d duplicates, 0 replaced), ",
        FILES, rest.size(), committed.size());
    assertThat(restarted.stdout()).as(restarted.describe()).anySatisfy(line ->
        assertThat(line).startsWith(summary).endsWith(", 0 errors"));
    Set<String> keys;
    try (Index index = Index.openBlocking(data)) {
      List<InstanceRow> rows = index.instances();
      keys = rows.stream().map(InstanceRow::blobKey).collect(Collectors.toSet());

      assertThat(index.count("instance")).isEqualTo(FILES);
      assertEveryRowPointsToItsFile(index, rows, sources);
      assertThat(index.aggregateMismatches()).isEmpty();
    }
    assertThat(Index.tempFiles(data)).isEmpty();
    assertNoUnreferencedFiles(data, keys, acknowledged.size(), committed.size(), tempFilesLeft);
    System.out.println("crash safety: the restarted run: " + restarted.stdout().stream()
        .filter(line -> line.startsWith(summary)).findFirst().orElseThrow());
  }

  /** {@value #FILES} CT instances in {@value #STUDIES} studies, by SOP Instance UID. */
  private static Map<String, Path> writeStudies(Path dir) throws IOException {
    Map<String, Path> written = new HashMap<>();
    for (int st = 0; st < STUDIES; st++) {
      String study = Uid.generate();
      for (int se = 0; se < SERIES_PER_STUDY; se++) {
        Path seriesDir = Files.createDirectories(dir.resolve(st + "/" + se));
        String series = Uid.generate();
        for (int i = 0; i < PER_SERIES; i++) {
          Path file = TestInstances.writeCt(seriesDir, study, series);
          written.put(file.getFileName().toString().replace(".dcm", ""), file);
        }
      }
    }
    return written;
  }

  /** Reads standard output until {@code n} instances are stored; fails if the run ends first. */
  private static void readUntilStored(TesseraProcess p, int n) throws InterruptedException {
    int stored = 0;
    Duration timeout = FIRST_LINE_TIMEOUT;
    while (stored < n) {
      String line = p.nextLine(timeout);
      if (line == null) {
        fail("the import ended after %d stored instances, before the kill at %d; it must still "
            + "run when killed (more files?)%n%s", stored, n, p.describe());
      }
      InstanceLine parsed = InstanceLine.parse(line);
      if (parsed != null && parsed.outcome().equals("stored")) {
        stored++;
        timeout = Duration.ofSeconds(30);
      }
    }
  }

  private static Set<String> sops(TesseraProcess p, String outcome) {
    Set<String> found = new LinkedHashSet<>();
    for (InstanceLine line : p.instanceLines()) {
      if (line.outcome().equals(outcome)) {
        assertThat(found.add(line.sopInstanceUid())).as("twice: " + line).isTrue();
      }
    }
    return found;
  }

  /**
   * Each row's file exists with the recorded size and MD5, is the source file byte for byte and
   * reads as the instance the row names.
   */
  private static void assertEveryRowPointsToItsFile(Index index, List<InstanceRow> rows,
      Map<String, Path> sources) throws IOException {
    for (InstanceRow row : rows) {
      Path blob = index.blob(row.blobKey());
      assertThat(blob).as(row.sopInstanceUid()).isRegularFile();
      assertThat(Files.size(blob)).as(row.sopInstanceUid()).isEqualTo(row.size());
      assertThat(Index.md5(blob)).as(row.sopInstanceUid()).isEqualTo(row.md5());
      assertThat(Files.mismatch(blob, sources.get(row.sopInstanceUid()))).isEqualTo(-1L);
      String sop = DicomReader.read(blob, ReadOptions.DEFAULTS.stopBeforePixelData()).dataset()
          .getString(Tag.SOPInstanceUID);
      assertThat(sop).isEqualTo(row.sopInstanceUid());
    }
  }

  /**
   * Files in the blob store that no row names: placed by the killed run but never committed. The
   * restarted run finds that the killed one did not stop cleanly and deletes them (and cleans up
   * after its own duplicates before it exits): none may be left.
   */
  private static void assertNoUnreferencedFiles(Path data, Set<String> keys, int acknowledged,
      int committed, int tempFilesLeft) throws IOException {
    Path blobs = data.resolve("blobs");
    List<Path> unreferenced = Index.blobFiles(data).stream()
        .filter(p -> !keys.contains(blobs.relativize(p).toString().replace('\\', '/')))
        .toList();
    System.out.printf("crash safety: %d instances acknowledged before SIGKILL, %d committed, "
        + "%d temp files left by the killed run; after the restart %d files in the blob store "
        + "for %d rows, %d unreferenced%s%n", acknowledged, committed, tempFilesLeft,
        Index.blobFiles(data).size(), keys.size(), unreferenced.size(),
        unreferenced.isEmpty() ? "" : ": " + unreferenced);
    assertThat(unreferenced).isEmpty();
  }
}
