package org.tessera.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.archive.query.QueryTestData.ARCHIVE;

import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tessera.archive.internal.index.QueryStatement;
import org.tessera.archive.internal.index.QueryTranslator;
import org.tessera.archive.security.AccessFilter;
import org.tessera.dicom.data.Tag;

/** The SQL the engine writes: values bound, never in the text; indexes used. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuerySqlTest {
  private QueryTestData data;

  @BeforeAll
  void createIndex() {
    data = QueryTestData.create();
    // enough rows, with statistics, for plans to be what a real archive gets
    data.database.pool().query("""
        INSERT INTO patient (archive_fk, collection_fk, patient_id, issuer_of_patient_id,
            patient_name, patient_name_ci, attrs)
          SELECT c.archive_fk, c.pk, 'F' || g, '', 'Filler^' || g, 'FILLER^' || g, '{}'
          FROM generate_series(1, 5000) g, collection c WHERE c.name = 'TCGA-PUB';
        INSERT INTO study (archive_fk, collection_fk, patient_fk, study_instance_uid, study_date,
            modalities_in_study, attrs)
          SELECT archive_fk, collection_fk, pk, '2.' || pk,
              to_char(date '2000-01-01' + (pk % 7000)::int, 'YYYYMMDD'), '{CT}', '{}'
          FROM patient WHERE patient_id LIKE 'F%';
        INSERT INTO series (archive_fk, collection_fk, study_fk, series_instance_uid, modality,
            series_number, attrs)
          SELECT archive_fk, collection_fk, st.pk, study_instance_uid || '.' || g, 'CT', g, '{}'
          FROM study st, generate_series(1, 2) g WHERE study_instance_uid LIKE '2.%';
        ANALYZE
        """).execute().await();
  }

  @AfterAll
  void close() {
    data.close();
  }

  /** The plan PostgreSQL chooses when it may not scan whole tables where an index serves. */
  private String plan(Query query) {
    QueryStatement s = QueryTranslator.translate(query, 11);
    return data.database.pool().withConnection(conn -> conn.query("SET enable_seqscan = off")
        .execute()
        .compose(r -> conn.preparedQuery("EXPLAIN " + s.sql()).execute(s.params()))
        .map(rows -> {
          List<String> lines = new ArrayList<>();
          for (Row row : rows) {
            lines.add(row.getString(0));
          }
          return String.join("\n", lines);
        })
        .eventually(() -> conn.query("RESET enable_seqscan").execute())).await();
  }

  @Test
  void aStudyUidLookupUsesTheUniqueIndex() {
    String plan = plan(Query.of(ARCHIVE, QueryLevel.SERIES, AccessFilter.publicOnly())
        .withKey(Tag.StudyInstanceUID, "1.1"));
    assertThat(plan).contains("Index Scan using study_archive_fk_study_instance_uid_key")
        .containsPattern("Index Cond: \\(\\(archive_fk = .*\\) AND "
            + "\\(study_instance_uid = '1\\.1'::text\\)\\)")
        .contains("Index Scan using series_study");
  }

  @Test
  void aPatientNamePrefixUsesTheUpperCaseIndex() {
    String plan = plan(Query.of(ARCHIVE, QueryLevel.PATIENT, AccessFilter.all())
        .withKey(Tag.PatientName, "doe*"));
    assertThat(plan).contains("patient_name_ci_idx").contains("~>=~");
  }

  @Test
  void aStudyDateRangeUsesTheDateIndex() {
    String plan = plan(Query.of(ARCHIVE, QueryLevel.STUDY, AccessFilter.all())
        .withKey(Tag.StudyDate, "20240101-20240131"));
    assertThat(plan).contains("study_date_idx");
  }

  @Test
  void modalitiesInStudyUsesTheGinIndex() {
    String plan = plan(Query.of(ARCHIVE, QueryLevel.STUDY, AccessFilter.all())
        .withKey(Tag.ModalitiesInStudy, "MR"));
    assertThat(plan).contains("study_modalities");
  }

  @Test
  void valuesNeverReachTheSqlText() {
    String marker = "x' OR '1'='1";
    QueryStatement s = QueryTranslator.translate(Query.of(marker, QueryLevel.INSTANCE,
            AccessFilter.publicAnd(Set.of(marker)))
        .withKey(Tag.PatientName, marker).withKey(Tag.StudyDescription, marker + "*")
        .withKey(Tag.StudyInstanceUID, marker, marker)
        .withKey(MatchKey.inSequence(Tag.RequestAttributesSequence, Tag.RequestedProcedureID,
            marker)).withFuzzyNames(true), 10);
    assertThat(s.sql()).doesNotContain("'1'").doesNotContain(marker);
    assertThat(s.params().size()).isGreaterThan(6);
  }
}
