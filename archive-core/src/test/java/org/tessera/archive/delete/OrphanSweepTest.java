package org.tessera.archive.delete;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Uid;

class OrphanSweepTest {
  @TempDir Path dir;

  @Test
  void deletesOldFilesNoRowRefersToAndNothingElse() throws Exception {
    try (TestArchive archive = new TestArchive(dir.resolve("archive"))) {
      String study = Uid.generate();
      for (int i = 0; i < 3; i++) {
        archive.ingest.ingestFile(IngestContext.of("default", "test"),
            TestInstances.writeCt(dir, study, Uid.generate())).await();
      }
      List<Object> indexed = archive.rows("SELECT blob_key FROM instance").stream()
          .map(row -> row.get(0)).toList();
      // placed, never committed: what a kill between rename and commit leaves
      String orphan = placed(archive, "1.2.3.4");
      String otherOrphan = placed(archive, "1.2.3.5");
      String inFlight = placed(archive, "1.2.3.6");
      Path temp = archive.blobs.receiveBlocking(new ByteArrayInputStream(new byte[10])).path();
      Instant old = Instant.now().minus(Duration.ofHours(2));
      for (Object key : indexed) {
        age(archive.blobs.path((String) key), old);
      }
      age(archive.blobs.path(orphan), old);
      age(archive.blobs.path(otherOrphan), old);
      age(temp, old);

      int deleted = new OrphanSweep(archive.vertx, archive.database.pool(), archive.blobs)
          .run(Instant.now().minus(Duration.ofHours(1))).await();

      assertThat(deleted).isEqualTo(2);
      assertThat(archive.blobs.path(orphan)).doesNotExist();
      assertThat(archive.blobs.path(otherOrphan)).doesNotExist();
      assertThat(archive.blobs.path(inFlight)).exists(); // too young to judge
      assertThat(temp).exists(); // temp files are swept at start-up, not here
      for (Object key : indexed) {
        assertThat(archive.blobs.path((String) key)).exists();
      }
      try (Stream<String> keys = archive.blobs.keysBlocking(Instant.now().plusSeconds(1))) {
        assertThat(keys).containsExactlyInAnyOrder(
            Stream.concat(indexed.stream().map(String.class::cast), Stream.of(inFlight))
                .toArray(String[]::new));
      }
    }
  }

  private static String placed(TestArchive archive, String name) throws Exception {
    return archive.blobs.placeBlocking(
        archive.blobs.receiveBlocking(new ByteArrayInputStream(name.getBytes())), name);
  }

  private static void age(Path file, Instant when) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(when));
  }
}
