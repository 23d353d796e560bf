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
      "RETURNING pk", null);
  /**
   * The parent row is found by its natural key ($3 and, for the study's patient, the last
   * parameter), not by a key returned to the client: the upserts of a batch go to the server
   * back to back, without waiting for each other's answers.
   */
  static final String STUDY = upsert("study", QueryLevel.STUDY,
      List.of("archive_fk", "collection_fk", "patient_fk"),
      List.of("modalities_in_study", "sop_classes_in_study"), "archive_fk, study_instance_uid",
      "RETURNING pk, collection_fk, patient_fk, (xmax = 0) AS inserted",
      "(SELECT pk FROM patient WHERE collection_fk = $2 AND patient_id = $3"
          + " AND issuer_of_patient_id = $LAST)");
  static final String SERIES = upsert("series", QueryLevel.SERIES,
      List.of("archive_fk", "collection_fk", "study_fk"), List.of("site"),
      "archive_fk, series_instance_uid",
      "RETURNING pk, study_fk, (xmax = 0) AS inserted",
      "(SELECT pk FROM study WHERE archive_fk = $1 AND study_instance_uid = $3)");
  static final String INSTANCE = insertInstance();

  private UpsertSql() {}

  /**
   * Parameters: the keys, the level's columns, the extras, attrs, bytes and number of instances
   * (in that order): one instance, or several of a batch ({@link IndexBatch}).
   *
   * @param parent null, or the expression for the third key (the parent row's pk) in which
   *     {@code $3} is the parent's natural key and {@code $LAST} a further parameter after all
   *     others
   */
  private static String upsert(String table, QueryLevel level, List<String> keys,
      List<String> extras, String conflict, String returning, String parent) {
    List<String> columns = new ArrayList<>(keys);
    columns.addAll(LevelColumns.of(level).names());
    columns.addAll(extras);
    columns.add("attrs");
    columns.add("total_bytes");
    columns.add("num_instances");
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
        .append(String.join(", ", columns)).append(") VALUES (");
    for (int i = 1; i <= columns.size(); i++) {
      sql.append(i > 1 ? ", " : "");
      if (i == 3 && parent != null) {
        sql.append(parent.replace("$LAST", "$" + (columns.size() + 1)));
      } else {
        sql.append('$').append(i).append(arrayCast(columns.get(i - 1)));
      }
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

  /**
   * Parameters: archive_fk, the series' Series Instance UID (for series_fk), the instance
   * columns, transfer syntax, size, md5, blob key, attrs.
   */
  private static String insertInstance() {
    List<String> columns = new ArrayList<>(List.of("archive_fk", "series_fk"));
    columns.addAll(LevelColumns.of(QueryLevel.INSTANCE).names());
    columns.addAll(List.of("transfer_syntax_uid", "size", "md5", "blob_key", "attrs"));
    String params = java.util.stream.IntStream.rangeClosed(1, columns.size())
        .mapToObj(i -> i == 2
            ? "(SELECT pk FROM series WHERE archive_fk = $1 AND series_instance_uid = $2)"
            : "$" + i)
        .collect(Collectors.joining(", "));
    return "INSERT INTO instance (" + String.join(", ", columns) + ") VALUES (" + params + ")";
  }
}
