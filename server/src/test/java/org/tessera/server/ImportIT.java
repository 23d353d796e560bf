package org.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Uid;
import org.tessera.server.TesseraProcess.Index;
import org.tessera.server.TesseraProcess.InstanceLine;
import org.tessera.server.TesseraProcess.InstanceRow;

/**
 * {@code tessera import} from the fat jar, as an operator runs it on a directory tree that holds
 * instances, files that are not, and a DICOMDIR: what it prints, its exit code, and what it
 * leaves in the data directory.
 */
class ImportIT {
  /** JVM start, embedded PostgreSQL start (initdb on the first run) and the import itself. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final int PER_SERIES = 20;
  private static final String NOT_PART_10 =
      "not a DICOM Part 10 file: no File Meta Information (PS3.10 7.1)";

  @TempDir
  Path tmp;

  private final List<TesseraProcess> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws Exception {
    for (TesseraProcess p : processes) {
      p.close();
    }
    // a process killed on a timeout leaves its embedded PostgreSQL running
    Index.stopOrphanBlocking(tmp.resolve("data"));
  }

  @Test
  void importsATreeListsWhatItCannotAndFindsDuplicatesTheSecondTime() throws Exception {
    Path tree = tmp.resolve("tree");
    String studyA = Uid.generate();
    String studyB = Uid.generate();
    Map<String, Path> sources = new HashMap<>();
    sources.putAll(writeSeries(tree.resolve("a/1"), studyA));
    sources.putAll(writeSeries(tree.resolve("a/2/deeper"), studyA));
    sources.putAll(writeSeries(tree.resolve("b/3"), studyB));
    Path text = Files.writeString(tree.resolve("README.txt"),
        "These are the CT images of the phantom run.\n".repeat(10));
    Path cut = tree.resolve("b/cut.dcm");
    byte[] whole = Files.readAllBytes(TestInstances.writeCt(tmp, studyB, Uid.generate()));
    // cut inside Pixel Data, as an interrupted copy leaves a file
    Files.write(cut, Arrays.copyOf(whole, whole.length - 100));
    // not an instance, and not even DICOM: listed as an error if it were tried at all
    Files.writeString(tree.resolve("a/DICOMDIR"), "media index\n".repeat(20));
    long bytes = 0;
    for (Path source : sources.values()) {
      bytes += Files.size(source);
    }
    Path data = tmp.resolve("data");

    TesseraProcess first = run("import", "--data", data.toString(), "--verbose", tree.toString());
    int firstCode = first.waitFor(RUN_TIMEOUT);

    assertThat(firstCode).as(first.describe()).isEqualTo(Main.EXIT_FAILED);
    assertThat(first.instanceLines()).as(first.describe()).hasSize(sources.size())
        .allSatisfy(line -> assertThat(line.outcome()).isEqualTo("stored"));
    assertThat(filesBySop(first)).isEqualTo(sources);
    assertThat(summary(first)).as(first.describe())
        .startsWith("import: 62 files (60 stored, 0 duplicates, 0 replaced), "
            + megabytes(bytes) + " in ")
        .endsWith(", 2 errors");
    assertBadFilesListed(first, text, cut);
    try (Index index = Index.openBlocking(data)) {
      assertThat(index.count("study")).isEqualTo(2);
      assertThat(index.count("series")).isEqualTo(3);
      assertThat(index.count("instance")).isEqualTo(60);
      assertThat(index.aggregateMismatches()).isEmpty();
      assertBlobsAreTheSourceFiles(index, sources);
    }

    TesseraProcess second = run("import", "--data", data.toString(), "--verbose", tree.toString());
    int secondCode = second.waitFor(RUN_TIMEOUT);

    assertThat(secondCode).as(second.describe()).isEqualTo(Main.EXIT_FAILED);
    assertThat(second.instanceLines()).as(second.describe()).hasSize(sources.size())
        .allSatisfy(line -> assertThat(line.outcome()).isEqualTo("duplicate"));
    assertThat(filesBySop(second)).isEqualTo(sources);
    assertThat(summary(second)).as(second.describe())
        .startsWith("import: 62 files (0 stored, 60 duplicates, 0 replaced), "
            + megabytes(bytes) + " in ")
        .endsWith(", 2 errors");
    assertBadFilesListed(second, text, cut);
    try (Index index = Index.openBlocking(data)) {
      assertThat(index.count("instance")).isEqualTo(60);
      assertThat(index.aggregateMismatches()).isEmpty();
      assertBlobsAreTheSourceFiles(index, sources);
    }
    // a duplicate leaves no file behind: neither a second copy nor its temp file
    assertThat(Index.blobFiles(data)).hasSize(60);
    assertThat(Index.tempFiles(data)).isEmpty();
  }

  private TesseraProcess run(String... args) throws IOException {
    TesseraProcess p = TesseraProcess.start(tmp, args);
    processes.add(p);
    return p;
  }

  /** {@value #PER_SERIES} CT instances of a new series of {@code study}, by SOP Instance UID. */
  private static Map<String, Path> writeSeries(Path dir, String study) throws IOException {
    Files.createDirectories(dir);
    String series = Uid.generate();
    Map<String, Path> written = new HashMap<>();
    for (int i = 0; i < PER_SERIES; i++) {
      Path file = TestInstances.writeCt(dir, study, series);
      written.put(file.getFileName().toString().replace(".dcm", ""), file);
    }
    return written;
  }

  private static Map<String, Path> filesBySop(TesseraProcess p) {
    return p.instanceLines().stream()
        .collect(Collectors.toMap(InstanceLine::sopInstanceUid, InstanceLine::file));
  }

  /** The one summary line (progress lines also start with "import: "). */
  private static String summary(TesseraProcess p) {
    List<String> found = p.stdout().stream()
        .filter(line -> line.matches("import: \\d+ files \\(.*")).toList();
    assertThat(found).as(p.describe()).hasSize(1);
    return found.get(0);
  }

  /** As {@code BulkImport.Summary} prints it. */
  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static void assertBadFilesListed(TesseraProcess p, Path text, Path cut) {
    List<String> listed = p.stderr().lines().filter(line -> line.startsWith("  ")).toList();
    assertThat(listed).as(p.describe()).satisfiesExactlyInAnyOrder(
        line -> assertThat(line).isEqualTo("  " + text + ": " + NOT_PART_10),
        line -> assertThat(line).startsWith("  " + cut + ": cannot parse the DICOM data: ")
            .contains("cut short"));
    assertThat(p.describe()).doesNotContain("DICOMDIR");
  }

  /** Each instance's file is a byte-for-byte copy of its source, as size and MD5 record. */
  private static void assertBlobsAreTheSourceFiles(Index index, Map<String, Path> sources)
      throws IOException {
    List<InstanceRow> rows = index.instances();
    assertThat(rows).extracting(InstanceRow::sopInstanceUid)
        .containsExactlyInAnyOrderElementsOf(sources.keySet());
    for (InstanceRow row : rows) {
      Path source = sources.get(row.sopInstanceUid());
      Path blob = index.blob(row.blobKey());
      assertThat(blob).as(row.sopInstanceUid()).isRegularFile();
      assertThat(row.size()).isEqualTo(Files.size(source)).isEqualTo(Files.size(blob));
      assertThat(row.md5()).isEqualTo(Index.md5(source)).isEqualTo(Index.md5(blob));
      assertThat(Files.mismatch(blob, source)).isEqualTo(-1L);
    }
  }
}
