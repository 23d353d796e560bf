package org.tessera.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;

class IngestConcurrencyTest {
  @TempDir Path dir;

  /** 8 clients send instances of one study (3 series, 2 modalities) all at once. */
  @Test
  void concurrentIngestOfOneStudyLeavesOneRowPerLevelAndExactAggregates() throws Exception {
    String study = Uid.generate();
    String[] series = {Uid.generate(), Uid.generate(), Uid.generate()};
    List<Path> files = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < 96; i++) {
      String sop = Uid.generate();
      Attributes ds = TestInstances.ct(study, series[i % 3], sop);
      if (i % 3 == 2) {
        ds.setString(Tag.Modality, VR.CS, "MR");
        ds.setString(Tag.SOPClassUID, VR.UI, Uid.MRImageStorage);
      }
      Path f = dir.resolve(sop + ".dcm");
      org.tessera.dicom.io.DicomWriter.write(f, org.tessera.dicom.io.FileMetaInformation
          .forDataset(ds, Uid.ExplicitVRLittleEndian), ds);
      files.add(f);
      bytes += Files.size(f);
    }
    try (TestArchive archive = new TestArchive(dir.resolve("archive"),
        new IngestOptions(DuplicatePolicy.REPLACE, 8, IngestOptions.DEFAULT_NEW_COLLECTION_VISIBILITY,
            IngestOptions.DEFAULT_MAX_HEADER_VALUE_LENGTH))) {
      IngestContext ctx = IngestContext.of("default", "test");
      List<Future<IngestResult>> all = new ArrayList<>();
      // 8 "clients", each sending its share back to back, all clients at once; every file twice
      for (int client = 0; client < 8; client++) {
        Future<IngestResult> chain = Future.succeededFuture();
        for (int i = client; i < files.size(); i += 8) {
          Path f = files.get(i);
          chain = chain.compose(r -> archive.ingest.ingestFile(ctx, f));
          all.add(chain);
        }
        int c = client;
        Future<IngestResult> again = Future.succeededFuture();
        for (int i = (c + 4) % 8; i < files.size(); i += 8) {
          Path f = files.get(i);
          again = again.compose(r -> archive.ingest.ingestFile(ctx, f));
          all.add(again);
        }
      }
      List<IngestResult> results = new ArrayList<>();
      for (Future<IngestResult> f : all) {
        results.add(f.await());
      }
      assertThat(results).allMatch(r -> r.outcome().isSuccess());
      assertThat(results.stream().filter(r -> r.outcome() == IngestOutcome.STORED)).hasSize(96);
      assertThat(results.stream().filter(r -> r.outcome() == IngestOutcome.DUPLICATE)).hasSize(96);

      assertThat(archive.rows("SELECT num_studies, num_series, num_instances, total_bytes FROM patient"))
          .containsExactly(List.of(1, 3, 96, bytes));
      assertThat(archive.rows("SELECT num_series, num_instances, total_bytes, "
          + "array_length(modalities_in_study, 1), array_length(sop_classes_in_study, 1) FROM study"))
          .containsExactly(List.of(3, 96, bytes, 2, 2));
      assertThat(archive.rows("SELECT num_instances FROM series"))
          .containsExactlyInAnyOrder(List.of(32), List.of(32), List.of(32));
      assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(96L);
      assertThat(archive.value("SELECT count(DISTINCT blob_key) FROM instance")).isEqualTo(96L);
    }
  }
}
