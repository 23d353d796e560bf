package org.tessera.archive.delete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;

class DeletionServiceTest {
  @TempDir Path dir;
  private TestArchive archive;
  private DeletionService deletion;
  private final String study = Uid.generate();
  private final String ctSeries = Uid.generate();
  private final String mrSeries = Uid.generate();
  private final String otherStudy = Uid.generate();
  private String firstCt;

  @BeforeEach
  void load() {
    archive = new TestArchive(dir.resolve("archive"));
    deletion = new DeletionService(archive.vertx, archive.database.pool(), archive.blobs);
    IngestContext ctx = IngestContext.of("default", "test");
    for (int i = 0; i < 3; i++) {
      String sop = Uid.generate();
      firstCt = firstCt == null ? sop : firstCt;
      archive.ingest.ingestFile(ctx, TestInstances.write(dir.resolve(sop),
          TestInstances.ct(study, ctSeries, sop))).await();
    }
    for (int i = 0; i < 2; i++) {
      String sop = Uid.generate();
      Attributes mr = TestInstances.ct(study, mrSeries, sop);
      mr.setString(Tag.Modality, VR.CS, "MR");
      archive.ingest.ingestFile(ctx, TestInstances.write(dir.resolve(sop), mr)).await();
    }
    archive.ingest.ingestFile(ctx, TestInstances.writeCt(dir, otherStudy, Uid.generate())).await();
  }

  @AfterEach
  void close() {
    archive.close();
  }

  @Test
  void deletingAnInstanceUpdatesEveryAggregateAndRemovesItsFile() throws Exception {
    long size = (Long) archive.value("SELECT size FROM instance WHERE sop_instance_uid = $1", firstCt);
    long before = (Long) archive.value("SELECT total_bytes FROM study WHERE study_instance_uid = $1", study);

    assertThat(deletion.deleteInstance("default", firstCt).await()).isEqualTo(1);

    assertThat(archive.rows("SELECT num_series, num_instances, total_bytes FROM study "
        + "WHERE study_instance_uid = $1", study)).containsExactly(List.of(2, 4, before - size));
    assertThat(archive.value("SELECT num_instances FROM series WHERE series_instance_uid = $1",
        ctSeries)).isEqualTo(2);
    assertThat(archive.rows("SELECT num_studies, num_series, num_instances FROM patient"))
        .containsExactly(List.of(2, 3, 5));
    assertThat(blobCount()).isEqualTo(5);
  }

  @Test
  void deletingTheLastSeriesOfAModalityUpdatesModalitiesInStudy() throws Exception {
    assertThat(deletion.deleteSeries("default", mrSeries).await()).isEqualTo(2);
    assertThat(archive.rows("SELECT modalities_in_study[1], array_length(modalities_in_study, 1), "
        + "num_series, num_instances FROM study WHERE study_instance_uid = $1", study))
        .containsExactly(List.of("CT", 1, 1, 3));
    assertThat(blobCount()).isEqualTo(4);
  }

  @Test
  void deletingAStudyRemovesItsRowsAndLeavesThePatientWithTheOther() throws Exception {
    assertThat(deletion.deleteStudy("default", study).await()).isEqualTo(5);
    assertThat(archive.value("SELECT count(*) FROM series")).isEqualTo(1L);
    assertThat(archive.rows("SELECT num_studies, num_series, num_instances FROM patient"))
        .containsExactly(List.of(1, 1, 1));
    assertThat(blobCount()).isEqualTo(1);
  }

  @Test
  void deletingThePatientEmptiesTheIndexAndTheStore() throws Exception {
    assertThat(deletion.deletePatient("default", "TESSERA-0001").await()).isEqualTo(6);
    for (String table : List.of("patient", "study", "series", "instance")) {
      assertThat(archive.value("SELECT count(*) FROM " + table)).isEqualTo(0L);
    }
    assertThat(blobCount()).isZero();
  }

  @Test
  void deletingTheLastInstanceRemovesTheEmptyAncestors() throws Exception {
    String sop = (String) archive.value("SELECT i.sop_instance_uid FROM instance i JOIN series s "
        + "ON s.pk = i.series_fk JOIN study st ON st.pk = s.study_fk WHERE st.study_instance_uid = $1",
        otherStudy);
    deletion.deleteInstance("default", sop).await();
    assertThat(archive.value("SELECT count(*) FROM study WHERE study_instance_uid = $1", otherStudy))
        .isEqualTo(0L);
    assertThat(archive.rows("SELECT num_studies, num_series, num_instances FROM patient"))
        .containsExactly(List.of(1, 2, 5));
  }

  @Test
  void unknownUidsAreNotFoundAndChangeNothing() {
    assertThatThrownBy(() -> deletion.deleteStudy("default", "1.2.3").await())
        .isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND));
    assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(6L);
  }

  private long blobCount() throws Exception {
    try (Stream<Path> s = Files.walk(dir.resolve("archive").resolve("blobs"))) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getParent().endsWith("tmp")).count();
    }
  }
}
