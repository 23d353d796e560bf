package org.tessera.archive.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tessera.archive.internal.index.IndexCatalog;
import org.tessera.archive.internal.index.IndexedAttribute;
import org.tessera.archive.model.Visibility;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.json.DicomJsonWriter;

/**
 * Index rows written with plain SQL, for tests of what reads the index: each level's columns
 * filled from its attributes as V1__index.sql describes (dates without '.', times without ':',
 * person names also upper-cased in {@code _ci}), its attrs as DICOM JSON, and an instance's attrs
 * the whole data set (patient, study, series and instance attributes, the lowest level winning).
 * Blocks on the calling thread: not for event loops.
 */
public final class IndexRows {
  /** Explicit VR Little Endian, the transfer syntax {@link #instance(long, Attributes)} stores. */
  public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
  private static final JsonFactory JSON = new JsonFactory();

  private final Pool pool;
  private final Map<Long, Attributes> patients = new HashMap<>();
  private final Map<Long, Attributes> studies = new HashMap<>();
  private final Map<Long, Attributes> series = new HashMap<>();
  private final Map<Long, Long> studyOfSeries = new HashMap<>();
  private final Map<Long, Long> patientOfStudy = new HashMap<>();

  public IndexRows(Pool pool) {
    this.pool = pool;
  }

  /** The pk of archive {@code name}, created if absent. */
  public long archive(String name) {
    return pk("INSERT INTO archive (name) VALUES ($1) ON CONFLICT (name) DO UPDATE "
        + "SET name = EXCLUDED.name RETURNING pk", Tuple.of(name));
  }

  public long collection(long archive, String name, Visibility visibility) {
    return pk("INSERT INTO collection (archive_fk, name, visibility) VALUES ($1, $2, $3) "
        + "RETURNING pk", Tuple.of(archive, name, visibility.sqlValue()));
  }

  public long patient(long collection, Attributes attrs) {
    long archive = pk("SELECT archive_fk FROM collection WHERE pk = $1", Tuple.of(collection));
    long pk = insert(QueryLevel.PATIENT, attrs, json(attrs),
        parents("archive_fk", archive, "collection_fk", collection));
    patients.put(pk, attrs);
    return pk;
  }

  public long study(long patient, Attributes attrs) {
    long pk = insert(QueryLevel.STUDY, attrs, json(attrs), parentRow("patient", patient));
    studies.put(pk, attrs);
    patientOfStudy.put(pk, patient);
    return pk;
  }

  public long series(long study, Attributes attrs) {
    long pk = insert(QueryLevel.SERIES, attrs, json(attrs), parentRow("study", study));
    series.put(pk, attrs);
    studyOfSeries.put(pk, study);
    return pk;
  }

  /** An instance in Explicit VR Little Endian of 1000 bytes, its MD5 and key made up. */
  public long instance(long seriesPk, Attributes attrs) {
    return instance(seriesPk, attrs, EXPLICIT_VR_LITTLE_ENDIAN, 1000, new byte[16],
        "blobs/" + attrs.getString(Tag.SOPInstanceUID));
  }

  public long instance(long seriesPk, Attributes attrs, String transferSyntaxUid, long size,
      byte[] md5, String blobKey) {
    long study = studyOfSeries.get(seriesPk);
    Attributes whole = new Attributes(false, 64);
    whole.addAll(patients.get(patientOfStudy.get(study)));
    whole.addAll(studies.get(study));
    whole.addAll(series.get(seriesPk));
    whole.addAll(attrs);
    long archive = pk("SELECT archive_fk FROM series WHERE pk = $1", Tuple.of(seriesPk));
    Map<String, Object> columns = parents("archive_fk", archive, "series_fk", seriesPk);
    columns.put("transfer_syntax_uid", transferSyntaxUid);
    columns.put("size", size);
    columns.put("md5", Buffer.buffer(md5));
    columns.put("blob_key", blobKey);
    return insert(QueryLevel.INSTANCE, attrs, json(whole), columns);
  }

  /**
   * Sets every aggregate from the rows, as ingest keeps them: counts, sizes, Modalities and SOP
   * Classes in Study.
   */
  public void updateAggregates() {
    pool.query("""
        UPDATE series se SET
          num_instances = (SELECT count(*) FROM instance WHERE series_fk = se.pk),
          total_bytes = (SELECT coalesce(sum(size), 0) FROM instance WHERE series_fk = se.pk);
        UPDATE study st SET
          num_series = (SELECT count(*) FROM series WHERE study_fk = st.pk),
          num_instances = (SELECT coalesce(sum(num_instances), 0) FROM series WHERE study_fk = st.pk),
          total_bytes = (SELECT coalesce(sum(total_bytes), 0) FROM series WHERE study_fk = st.pk),
          modalities_in_study = (SELECT coalesce(array_agg(DISTINCT modality ORDER BY modality)
              FILTER (WHERE modality IS NOT NULL), '{}') FROM series WHERE study_fk = st.pk),
          sop_classes_in_study = (SELECT coalesce(array_agg(DISTINCT i.sop_class_uid
              ORDER BY i.sop_class_uid), '{}') FROM instance i JOIN series se ON se.pk = i.series_fk
              WHERE se.study_fk = st.pk);
        UPDATE patient p SET
          num_studies = (SELECT count(*) FROM study WHERE patient_fk = p.pk),
          num_series = (SELECT coalesce(sum(num_series), 0) FROM study WHERE patient_fk = p.pk),
          num_instances = (SELECT coalesce(sum(num_instances), 0) FROM study WHERE patient_fk = p.pk),
          total_bytes = (SELECT coalesce(sum(total_bytes), 0) FROM study WHERE patient_fk = p.pk)
        """).execute().await();
  }

  /** The foreign keys of a child of {@code table}'s row {@code pk}: its archive, collection, it. */
  private Map<String, Object> parentRow(String table, long pk) {
    Row row = pool.preparedQuery("SELECT archive_fk, collection_fk FROM " + table
        + " WHERE pk = $1").execute(Tuple.of(pk)).await().iterator().next();
    return parents("archive_fk", row.getLong(0), "collection_fk", row.getLong(1),
        table + "_fk", pk);
  }

  private static Map<String, Object> parents(Object... namesAndValues) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      columns.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return columns;
  }

  private long insert(QueryLevel level, Attributes attrs, String json,
      Map<String, Object> columns) {
    columns(level, attrs, columns);
    columns.put("attrs", json);
    Tuple params = Tuple.tuple();
    List<String> placeholders = new ArrayList<>();
    for (Object v : columns.values()) {
      params.addValue(v);
      placeholders.add("$" + params.size());
    }
    return pk("INSERT INTO " + level.name().toLowerCase(Locale.ROOT) + " ("
        + String.join(", ", columns.keySet()) + ") VALUES (" + String.join(", ", placeholders)
        + ") RETURNING pk", params);
  }

  private static void columns(QueryLevel level, Attributes a, Map<String, Object> columns) {
    for (IndexedAttribute c : IndexCatalog.columnsOf(level)) {
      Object v = value(c, a);
      columns.put(c.column(), v);
      if (c.kind() == IndexedAttribute.Kind.PERSON_NAME) {
        columns.put(c.column() + "_ci", v == null ? null : ((String) v).toUpperCase(Locale.ROOT));
      }
    }
  }

  private static Object value(IndexedAttribute c, Attributes a) {
    if (c.sequence() != 0) {
      Sequence items = a.getSequence(c.sequence());
      List<String> found = new ArrayList<>();
      if (items != null) {
        for (Attributes item : items) {
          String v = item.getString(c.tag());
          if (v != null) {
            found.add(v);
          }
        }
      }
      return c.kind() == IndexedAttribute.Kind.TEXT_LIST ? found.toArray(String[]::new)
          : found.isEmpty() ? null : found.get(0);
    }
    String s = a.getString(c.tag());
    if (s == null) {
      // Patient ID and its issuer are '' when absent: they are part of the patient's identity
      return c.column().equals("patient_id") || c.column().equals("issuer_of_patient_id")
          ? "" : null;
    }
    return switch (c.kind()) {
      case TEXT, PERSON_NAME, UID -> s;
      case DATE -> s.replace(".", "");
      case TIME -> s.replace(":", "");
      case INTEGER -> Integer.valueOf(s.strip());
      case DECIMAL -> Double.valueOf(s.strip());
      case TEXT_LIST -> new String[] {s};
    };
  }

  private long pk(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).await().iterator().next().getLong(0);
  }

  private static String json(Attributes attrs) {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      new DicomJsonWriter(gen, BulkDataUriProvider.INLINE).write(attrs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
