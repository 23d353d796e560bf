package org.tessera.archive.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.ingest.DuplicatePolicy;
import org.tessera.archive.ingest.IngestOutcome;
import org.tessera.archive.internal.index.IndexWriter.Blob;
import org.tessera.archive.internal.index.IndexWriter.Written;
import org.tessera.archive.internal.ingest.InstanceParser;
import org.tessera.archive.model.Visibility;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;

/** Group commit: a batch leaves what the same instances one transaction each would leave. */
class IndexBatchTest {
  @TempDir Path dir;

  /** Natural keys instead of pks, timestamps left out: what two indexes can be compared by. */
  private static final String[] CONTENT = {
      "SELECT c.name, p.patient_id, p.issuer_of_patient_id, p.patient_name, p.patient_sex, "
          + "p.num_studies, p.num_series, p.num_instances, p.total_bytes, p.attrs FROM patient p "
          + "JOIN collection c ON c.pk = p.collection_fk ORDER BY 1, 2",
      "SELECT s.study_instance_uid, p.patient_id, s.study_description, s.study_date, "
          + "s.modalities_in_study, s.sop_classes_in_study, s.num_series, s.num_instances, "
          + "s.total_bytes, s.attrs FROM study s JOIN patient p ON p.pk = s.patient_fk ORDER BY 1",
      "SELECT e.series_instance_uid, s.study_instance_uid, e.modality, e.series_number, e.site, "
          + "e.body_part_examined, e.num_instances, e.total_bytes, e.attrs FROM series e "
          + "JOIN study s ON s.pk = e.study_fk ORDER BY 1",
      "SELECT i.sop_instance_uid, e.series_instance_uid, i.size, i.md5, i.blob_key, i.attrs "
          + "FROM instance i JOIN series e ON e.pk = i.series_fk ORDER BY 1"};

  private final InstanceParser parser = new InstanceParser(1 << 20);
  private final Collections collections = new Collections(Visibility.RESTRICTED);
  private int files;

  @Test
  void oneBatchLeavesWhatOneTransactionPerInstanceLeaves() throws Exception {
    List<InstanceRecord> records = mixedRecords();
    try (TestArchive one = new TestArchive(dir.resolve("one"));
        TestArchive all = new TestArchive(dir.resolve("all"))) {
      for (InstanceRecord r : records) {
        assertThat(write(one, List.of(r), DuplicatePolicy.REPLACE))
            .containsExactly(IngestOutcome.STORED);
      }
      assertThat(write(all, records, DuplicatePolicy.REPLACE))
          .hasSize(records.size()).containsOnly(IngestOutcome.STORED);

      for (String sql : CONTENT) {
        assertThat(content(all, sql)).isEqualTo(content(one, sql)).isNotEmpty();
      }
      // the mix really spans levels: 2 patients, 3 studies, 4 series, 2 modalities in a study
      assertThat(all.rows("SELECT num_studies, num_series, num_instances FROM patient "
          + "ORDER BY patient_id")).containsExactly(List.of(2, 3, 9), List.of(1, 1, 3));
      assertThat(all.rows("SELECT modalities_in_study FROM study WHERE num_series = 2"))
          .hasSize(1).first().satisfies(row -> assertThat((String[]) row.get(0))
              .containsExactly("CT", "MR"));
    }
  }

  /**
   * Every instance updates its patient, study and series rows: those updates are heap-only (no
   * new index entries), which keeps ingest of a large study from bloating every index on them.
   */
  @Test
  void levelRowUpdatesOfASeriesAreHeapOnly() throws Exception {
    String study = Uid.generate();
    String series = Uid.generate();
    try (TestArchive archive = new TestArchive(dir.resolve("hot"))) {
      write(archive, List.of(record(TestInstances.ct(study, series, Uid.generate()))),
          DuplicatePolicy.REPLACE);
      List<IndexBatch.Item> more = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        InstanceRecord r = record(TestInstances.ct(study, series, Uid.generate()));
        more.add(item(archive, r, blob(r), DuplicatePolicy.REPLACE));
      }
      // one transaction per instance as ingest commits them, on one connection, whose pending
      // statistics are then flushed so that the cumulative counters show them
      List<List<Object>> counts = archive.database.pool().withConnection(conn -> {
        io.vertx.core.Future<Void> chain = io.vertx.core.Future.succeededFuture();
        for (IndexBatch.Item item : more) {
          chain = chain.compose(v -> conn.begin().compose(tx ->
              IndexBatch.write(conn, List.of(item)).compose(r -> tx.commit())));
        }
        return chain
            .compose(v -> conn.query("SELECT pg_stat_force_next_flush()").execute())
            .compose(v -> conn.query("SELECT pg_stat_clear_snapshot()").execute())
            .compose(v -> conn.query("SELECT relname, n_tup_upd, n_tup_hot_upd "
                + "FROM pg_stat_user_tables WHERE relname IN ('patient', 'study', 'series') "
                + "ORDER BY relname").execute())
            .map(rows -> {
              List<List<Object>> out = new ArrayList<>();
              rows.forEach(r -> out.add(List.of(r.getString(0), r.getLong(1), r.getLong(2))));
              return out;
            });
      }).await();

      // (the first instance's transaction adds an update of the patient and study counts)
      assertThat(counts).extracting(row -> row.get(0)).containsExactly("patient", "series", "study");
      assertThat(counts).allSatisfy(row -> {
        assertThat((Long) row.get(1)).as(row.get(0) + " updates").isGreaterThanOrEqualTo(10L);
        assertThat(row.get(2)).as(row.get(0) + " heap-only updates").isEqualTo(row.get(1));
      });
    }
  }

  @Test
  void storedUidsInABatchAreDuplicatesReplacementsOrRefusals() throws Exception {
    String study = Uid.generate();
    String series = Uid.generate();
    InstanceRecord kept = record(TestInstances.ct(study, series, Uid.generate()));
    InstanceRecord replaced = record(TestInstances.ct(study, series, Uid.generate()));
    try (TestArchive archive = new TestArchive(dir.resolve("a"))) {
      write(archive, List.of(kept, replaced), DuplicatePolicy.REPLACE);
      long bytes = (Long) archive.value("SELECT total_bytes FROM study");

      InstanceRecord fresh = record(TestInstances.ct(study, series, Uid.generate()));
      List<Object> outcomes = writeAll(archive, List.of(
          item(archive, kept, blob("again", 1000), DuplicatePolicy.REPLACE),
          item(archive, replaced, blob("newer", 2001), DuplicatePolicy.REPLACE),
          item(archive, fresh, blob("fresh", 1000), DuplicatePolicy.REPLACE)));
      assertThat(outcomes).containsExactly(
          new Written(IngestOutcome.DUPLICATE, "again"),
          new Written(IngestOutcome.REPLACED, replaced.sopInstanceUid()),
          new Written(IngestOutcome.STORED, null));

      assertThat(bytes).isEqualTo(2000L);
      assertThat(archive.rows("SELECT num_series, num_instances, total_bytes FROM study"))
          .containsExactly(List.of(1, 3, 4001L));
      assertThat(archive.rows("SELECT blob_key FROM instance WHERE sop_instance_uid = $1",
          replaced.sopInstanceUid())).containsExactly(List.of("newer"));

      InstanceRecord other = record(TestInstances.ct(study, series, Uid.generate()));
      List<Object> mixed = writeAll(archive, List.of(
          item(archive, fresh, blob("refused", 999), DuplicatePolicy.REJECT),
          item(archive, other, blob("other", 1000), DuplicatePolicy.REJECT)));
      assertThat(mixed.get(0)).isInstanceOfSatisfying(ArchiveException.class,
          e -> assertThat(e.problem()).isEqualTo(Problem.CONFLICT));
      assertThat(mixed.get(1)).isEqualTo(new Written(IngestOutcome.STORED, null));
      assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(4L);
    }
  }

  @Test
  void aStudyUnderAnotherPatientFailsTheBatchAndTheWriterRefusesOnlyThatInstance()
      throws Exception {
    String study = Uid.generate();
    InstanceRecord first = record(TestInstances.ct(study, Uid.generate(), Uid.generate()));
    Attributes moved = TestInstances.ct(study, Uid.generate(), Uid.generate());
    moved.setString(Tag.PatientID, VR.LO, "SOMEONE-ELSE");
    InstanceRecord wrong = record(moved);
    try (TestArchive archive = new TestArchive(dir.resolve("a"))) {
      write(archive, List.of(first), DuplicatePolicy.REPLACE);
      List<InstanceRecord> others = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        others.add(record(TestInstances.ct(Uid.generate(), Uid.generate(), Uid.generate())));
      }
      List<IndexBatch.Item> items = new ArrayList<>();
      items.add(item(archive, wrong, blob(wrong), DuplicatePolicy.REPLACE));
      for (InstanceRecord r : others) {
        items.add(item(archive, r, blob(r), DuplicatePolicy.REPLACE));
      }
      assertThatThrownBy(() -> archive.database.pool()
              .withTransaction(conn -> IndexBatch.write(conn, items)).await())
          .isInstanceOfSatisfying(ArchiveException.class,
              e -> assertThat(e.getMessage()).contains("under another patient"));
      assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(1L);

      // all at once through the writer: batches form, the failed one is retried one by one
      IndexWriter writer = new IndexWriter(archive.database.pool());
      List<Future<Written>> written = new ArrayList<>();
      for (IndexBatch.Item item : items) {
        written.add(writer.write(item.archivePk(), item.collectionPk(), item.rec(), item.blob(),
            item.policy()));
      }
      Future.join(written).otherwiseEmpty().await();
      assertThat(written.get(0).cause()).isInstanceOf(ArchiveException.class)
          .hasMessageContaining("under another patient");
      assertThat(written.subList(1, written.size()))
          .allSatisfy(f -> assertThat(f.result().outcome()).isEqualTo(IngestOutcome.STORED));
      assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(9L);
      assertThat(archive.value("SELECT num_instances FROM study WHERE study_instance_uid = $1",
          study)).isEqualTo(1);
    }
  }

  @Test
  void theLookupOfStoredUidsProbesTheIndexInALargeTable() throws Exception {
    InstanceRecord r = record(TestInstances.ct(Uid.generate(), Uid.generate(), Uid.generate()));
    try (TestArchive archive = new TestArchive(dir.resolve("a"))) {
      write(archive, List.of(r), DuplicatePolicy.REPLACE);
      archive.rows("""
          INSERT INTO instance (archive_fk, series_fk, sop_instance_uid, sop_class_uid,
              transfer_syntax_uid, size, md5, blob_key, attrs)
          SELECT archive_fk, series_fk, sop_instance_uid || '.' || g, sop_class_uid,
              transfer_syntax_uid, size, md5, blob_key || g, attrs
          FROM instance, generate_series(1, 20000) g""");
      archive.rows("ANALYZE instance");
      Long[] archives = new Long[20];
      String[] uids = new String[20];
      for (int i = 0; i < 20; i++) {
        archives[i] = 1L;
        uids[i] = r.sopInstanceUid() + "." + (i * 7 + 1);
      }
      List<String> plan = archive.database.pool().preparedQuery("EXPLAIN " + IndexBatch.LOOKUP)
          .execute(io.vertx.sqlclient.Tuple.tuple().addArrayOfLong(archives)
              .addArrayOfString(uids))
          .await().stream().map(row -> row.getString(0)).toList();
      assertThat(String.join("\n", plan))
          .contains("Index Scan using instance_archive_fk_sop_instance_uid_key")
          .doesNotContain("Seq Scan on instance");
    }
  }

  /** The file is forced while the statements run: the commit waits for it, and fails with it. */
  @Test
  void theCommitWaitsUntilTheFileIsDurableAndFailsWhenItCannotBe() throws Exception {
    InstanceRecord a = record(TestInstances.ct(Uid.generate(), Uid.generate(), Uid.generate()));
    InstanceRecord b = record(TestInstances.ct(Uid.generate(), Uid.generate(), Uid.generate()));
    try (TestArchive archive = new TestArchive(dir.resolve("a"))) {
      IndexBatch.Item ia = item(archive, a, blob(a), DuplicatePolicy.REPLACE);
      IndexBatch.Item ib = item(archive, b, blob(b), DuplicatePolicy.REPLACE);
      IndexWriter writer = new IndexWriter(archive.database.pool());
      io.vertx.core.Promise<Void> durableA = io.vertx.core.Promise.promise();

      Future<Written> wa = writer.write(ia.archivePk(), ia.collectionPk(), a, ia.blob(),
          ia.policy(), durableA.future());
      Future<Written> wb = writer.write(ib.archivePk(), ib.collectionPk(), b, ib.blob(),
          ib.policy(), Future.failedFuture(new ArchiveException(Problem.STORAGE_FAILURE,
              "cannot store the file: the disk is gone")));
      Thread.sleep(300);

      assertThat(wa.isComplete()).as("committed before its file is durable").isFalse();
      assertThat(archive.value("SELECT count(*) FROM instance")).isEqualTo(0L);
      durableA.complete();
      assertThat(wa.await().outcome()).isEqualTo(IngestOutcome.STORED);
      assertThatThrownBy(wb::await).isInstanceOf(ArchiveException.class)
          .hasMessageContaining("the disk is gone");
      assertThat(archive.rows("SELECT sop_instance_uid FROM instance"))
          .containsExactly(List.of(a.sopInstanceUid()));
    }
  }

  /**
   * A batch's plans are cached per connection: one made while a fresh archive's instance table
   * is empty must still probe the index once the table has grown, before statistics catch up.
   */
  @Test
  void aBatchsCachedLookupPlanProbesTheIndexOfAnEmptyTable() throws Exception {
    try (TestArchive archive = new TestArchive(dir.resolve("a"))) {
      // as autovacuum leaves a fresh archive: statistics that say the table is empty
      archive.rows("VACUUM ANALYZE instance");
      List<String> plan = archive.database.pool().withTransaction(conn ->
          conn.preparedQuery(IndexBatch.KEYED_PLANS).execute()
              .compose(v -> conn.query("EXPLAIN (GENERIC_PLAN) " + IndexBatch.LOOKUP).execute()))
          .await().stream().map(row -> row.getString(0)).toList();
      assertThat(String.join("\n", plan))
          .contains("Index Scan using instance_archive_fk_sop_instance_uid_key")
          .doesNotContain("Seq Scan on instance");
    }
  }

  /** 12 instances: patients A (2 studies, 3 series, CT and MR) and B; values differ per instance. */
  private List<InstanceRecord> mixedRecords() {
    String[] studies = {Uid.generate(), Uid.generate(), Uid.generate()};
    String[] series = {Uid.generate(), Uid.generate(), Uid.generate(), Uid.generate()};
    List<InstanceRecord> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int s = i % 4; // series 0 and 1 in study 0, series 2 in study 1 (both A), 3 in study 2 (B)
      int st = s < 2 ? 0 : s - 1;
      Attributes ds = TestInstances.ct(studies[st], series[s], Uid.generate());
      ds.setString(Tag.PatientID, VR.LO, st == 2 ? "B" : "A");
      ds.setString(Tag.PatientName, VR.PN, st == 2 ? "Bee^Bo" : "Ay^Al" + (i > 6 ? "^Jr" : ""));
      if (s == 1) {
        ds.setString(Tag.Modality, VR.CS, "MR");
        ds.setString(Tag.SOPClassUID, VR.UI, Uid.MRImageStorage);
      }
      if (i % 3 == 0) {
        ds.remove(Tag.StudyDescription); // an absent value keeps what the others gave
      } else {
        ds.setString(Tag.StudyDescription, VR.LO, "description " + i);
      }
      ds.setString(Tag.BodyPartExamined, VR.CS, i < 6 ? "CHEST" : "ABDOMEN");
      records.add(record(ds));
    }
    return records;
  }

  /** The rows of {@code sql}, arrays as lists so that rows compare by value. */
  private static List<List<Object>> content(TestArchive archive, String sql) {
    return archive.rows(sql).stream().map(row -> row.stream()
        .map(v -> v instanceof Object[] a ? (Object) List.of(a) : v).toList()).toList();
  }

  private InstanceRecord record(Attributes ds) {
    Path file = TestInstances.write(dir.resolve("f" + files++ + ".dcm"), ds);
    return InstanceRecordMapper.map(parser.parseBlocking(file), "default");
  }

  /** The file of {@code r} as first stored: 1000 bytes under its UID. */
  private static Blob blob(InstanceRecord r) {
    return new Blob(r.sopInstanceUid(), 1000, new byte[16]);
  }

  /** A file under {@code key}; content is told apart by size (the MD5s are equal). */
  private static Blob blob(String key, long size) {
    return new Blob(key, size, new byte[16]);
  }

  private IndexBatch.Item item(TestArchive archive, InstanceRecord r, Blob blob,
      DuplicatePolicy policy) {
    long archivePk = collections.archive(archive.database.pool(), "default").await();
    long collectionPk = collections.collection(archive.database.pool(), archivePk, r.collection())
        .await();
    return new IndexBatch.Item(archivePk, collectionPk, r, blob, policy);
  }

  private List<IngestOutcome> write(TestArchive archive, List<InstanceRecord> records,
      DuplicatePolicy policy) {
    List<IndexBatch.Item> items = new ArrayList<>();
    for (InstanceRecord r : records) {
      items.add(item(archive, r, blob(r), policy));
    }
    return writeAll(archive, items).stream().map(o -> ((Written) o).outcome()).toList();
  }

  /** One transaction; each item's Written, or the ArchiveException that refused it. */
  private static List<Object> writeAll(TestArchive archive, List<IndexBatch.Item> items) {
    return archive.database.pool().withTransaction(conn -> IndexBatch.write(conn, items)).await()
        .stream().map(r -> r.refused() != null ? (Object) r.refused() : r.written()).toList();
  }
}
