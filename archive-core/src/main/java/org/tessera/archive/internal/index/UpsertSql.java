package org.tessera.archive.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tessera.archive.query.QueryLevel;

/**
 * The INSERT ... ON CONFLICT statements of ingest, built once from {@link LevelColumns}: each
 * creates a level's row or updates it (indexed columns keep their value when the new instance
 * lacks one; the JSON is the newest instance's) and counts the instance in its aggregates, in
 * the same statement, so that concurrent ingests of one study serialise on the row lock and
 * keep the counts exact.
 */
final class UpsertSql {
  static final String PATIENT = upsert("patient", QueryLevel.PATIENT,
      List.of("archive_fk", "collection_fk"), List.of(), "collection_fk, patient_id, issuer_of_patient_id",
      "RETURNING pk");
  static final String STUDY = upsert("study", QueryLevel.STUDY,
      List.of("archive_fk", "collection_fk", "patient_fk"),
      List.of("modalities_in_study", "sop_classes_in_study"), "archive_fk, study_instance_uid",
      "RETURNING pk, collection_fk, patient_fk, (xmax = 0) AS inserted");
  static final String SERIES = upsert("series", QueryLevel.SERIES,
      List.of("archive_fk", "collection_fk", "study_fk"), List.of("site"),
      "archive_fk, series_instance_uid",
      "RETURNING pk, study_fk, (xmax = 0) AS inserted");
  static final String INSTANCE = insertInstance();

  private UpsertSql() {}

  /**
   * Parameters: the keys, the level's columns, the extras, attrs, bytes and number of instances
   * (in that order): one instance, or several of a batch ({@link IndexBatch}).
   */
  private static String upsert(String table, QueryLevel level, List<String> keys,
      List<String> extras, String conflict, String returning) {
    List<String> columns = new ArrayList<>(keys);
    columns.addAll(LevelColumns.of(level).names());
    columns.addAll(extras);
    columns.add("attrs");
    columns.add("total_bytes");
    columns.add("num_instances");
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
        .append(String.join(", ", columns)).append(") VALUES (");
    for (int i = 1; i <= columns.size(); i++) {
      sql.append(i > 1 ? ", " : "").append('$').append(i).append(arrayCast(columns.get(i - 1)));
    }
    sql.append(") ON CONFLICT (").append(conflict).append(") DO UPDATE SET ");
    List<String> sets = new ArrayList<>();
    for (String c : LevelColumns.of(level).names()) {
      sets.add(c + " = COALESCE(EXCLUDED." + c + ", " + table + "." + c + ")");
    }
    for (String c : extras) {
      // the new values not yet in the array are appended (EXCLUDED's are distinct)
      sets.add(c.endsWith("_in_study")
          ? c + " = study." + c + " || ARRAY(SELECT v FROM unnest(EXCLUDED." + c + ") AS v"
              + " WHERE v <> ALL (study." + c + "))"
          : c + " = COALESCE(EXCLUDED." + c + ", " + table + "." + c + ")");
    }
    // the same JSON again keeps the stored value: no new compressed TOAST copy per instance
    sets.add("attrs = CASE WHEN " + table + ".attrs = EXCLUDED.attrs THEN " + table + ".attrs"
        + " ELSE EXCLUDED.attrs END");
    sets.add("num_instances = " + table + ".num_instances + EXCLUDED.num_instances");
    sets.add("total_bytes = " + table + ".total_bytes + EXCLUDED.total_bytes");
    sets.add("updated_at = now()");
    return sql.append(String.join(", ", sets)).append(' ').append(returning).toString();
  }

  private static String arrayCast(String column) {
    return column.endsWith("_in_study") ? "::text[]" : "";
  }

  /** Parameters: archive_fk, series_fk, the instance columns, transfer syntax, size, md5, blob key, attrs. */
  private static String insertInstance() {
    List<String> columns = new ArrayList<>(List.of("archive_fk", "series_fk"));
    columns.addAll(LevelColumns.of(QueryLevel.INSTANCE).names());
    columns.addAll(List.of("transfer_syntax_uid", "size", "md5", "blob_key", "attrs"));
    String params = java.util.stream.IntStream.rangeClosed(1, columns.size())
        .mapToObj(i -> "$" + i).collect(Collectors.joining(", "));
    return "INSERT INTO instance (" + String.join(", ", columns) + ") VALUES (" + params + ")";
  }
}
