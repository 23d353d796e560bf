package org.tessera.archive.internal.index;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.tessera.archive.query.QueryLevel;

/**
 * Removes a patient, study, series or instance from the index inside the caller's transaction:
 * the rows below it, then the aggregates of what remains above recomputed from their children
 * (exact whatever happened before), and ancestors left empty removed too. Rows are locked
 * top-down, in the same order as ingest takes them.
 */
public final class IndexRemoval {
  private static final String[] TABLES = {"patient", "study", "series", "instance"};

  private IndexRemoval() {}

  /** Removes one instance; returns nothing (the caller knows its file). */
  public static Future<Void> removeInstance(SqlConnection conn, long instancePk) {
    return remove(conn, QueryLevel.INSTANCE, instancePk).mapEmpty();
  }

  /**
   * Removes the row {@code pk} of {@code level} and everything below it.
   *
   * @return the blob keys of the instances removed, to delete once committed
   */
  public static Future<List<String>> remove(SqlConnection conn, QueryLevel level, long pk) {
    return ancestors(conn, level, pk).compose(chain -> lock(conn, chain, 0)
        .compose(v -> deleteBelow(conn, level, pk))
        .compose(keys -> refreshAncestors(conn, chain, level.ordinal() - 1).map(keys)));
  }

  /** pks of patient, study, series, instance down to {@code level} (index = level ordinal). */
  private static Future<long[]> ancestors(SqlConnection conn, QueryLevel level, long pk) {
    String sql = switch (level) {
      case PATIENT -> "SELECT $1::bigint";
      case STUDY -> "SELECT patient_fk, pk FROM study WHERE pk = $1";
      case SERIES -> "SELECT st.patient_fk, s.study_fk, s.pk FROM series s "
          + "JOIN study st ON st.pk = s.study_fk WHERE s.pk = $1";
      case INSTANCE -> "SELECT st.patient_fk, s.study_fk, i.series_fk, i.pk FROM instance i "
          + "JOIN series s ON s.pk = i.series_fk JOIN study st ON st.pk = s.study_fk "
          + "WHERE i.pk = $1";
    };
    return conn.preparedQuery(sql).execute(Tuple.of(pk)).map(rows -> {
      long[] chain = new long[level.ordinal() + 1];
      if (rows.size() == 0) {
        return new long[0];
      }
      Row r = rows.iterator().next();
      for (int i = 0; i < chain.length; i++) {
        chain[i] = r.getLong(i);
      }
      return chain;
    });
  }

  private static Future<Void> lock(SqlConnection conn, long[] chain, int i) {
    if (i == chain.length) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT 1 FROM " + TABLES[i] + " WHERE pk = $1 FOR UPDATE")
        .execute(Tuple.of(chain[i])).compose(r -> lock(conn, chain, i + 1));
  }

  private static Future<List<String>> deleteBelow(SqlConnection conn, QueryLevel level, long pk) {
    String instances = switch (level) {
      case PATIENT -> "DELETE FROM instance WHERE series_fk IN (SELECT s.pk FROM series s "
          + "JOIN study st ON st.pk = s.study_fk WHERE st.patient_fk = $1) RETURNING blob_key";
      case STUDY -> "DELETE FROM instance WHERE series_fk IN "
          + "(SELECT pk FROM series WHERE study_fk = $1) RETURNING blob_key";
      case SERIES -> "DELETE FROM instance WHERE series_fk = $1 RETURNING blob_key";
      case INSTANCE -> "DELETE FROM instance WHERE pk = $1 RETURNING blob_key";
    };
    List<String> keys = new ArrayList<>();
    Future<Void> chain = conn.preparedQuery(instances).execute(Tuple.of(pk))
        .onSuccess(rows -> rows.forEach(r -> keys.add(r.getString(0)))).mapEmpty();
    if (level == QueryLevel.INSTANCE) {
      return chain.map(keys);
    }
    String series = switch (level) {
      case PATIENT -> "DELETE FROM series WHERE study_fk IN "
          + "(SELECT pk FROM study WHERE patient_fk = $1)";
      case STUDY -> "DELETE FROM series WHERE study_fk = $1";
      default -> "DELETE FROM series WHERE pk = $1";
    };
    chain = chain.compose(v -> conn.preparedQuery(series).execute(Tuple.of(pk)).mapEmpty());
    if (level == QueryLevel.STUDY || level == QueryLevel.PATIENT) {
      String study = level == QueryLevel.PATIENT ? "DELETE FROM study WHERE patient_fk = $1"
          : "DELETE FROM study WHERE pk = $1";
      chain = chain.compose(v -> conn.preparedQuery(study).execute(Tuple.of(pk)).mapEmpty());
    }
    if (level == QueryLevel.PATIENT) {
      chain = chain.compose(v -> conn.preparedQuery("DELETE FROM patient WHERE pk = $1")
          .execute(Tuple.of(pk)).mapEmpty());
    }
    return chain.map(keys);
  }

  /** Recomputes the aggregates of chain[i], chain[i-1] ... chain[0], removing empty rows. */
  private static Future<Void> refreshAncestors(SqlConnection conn, long[] chain, int i) {
    if (i < 0 || chain.length == 0) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(AggregateSql.REFRESH[i]).execute(Tuple.of(chain[i]))
        // no row: a concurrent transaction removed it first
        .compose(rows -> rows.size() == 0 || rows.iterator().next().getLong(0) > 0
            ? Future.succeededFuture()
            : conn.preparedQuery("DELETE FROM " + TABLES[i] + " WHERE pk = $1")
                .execute(Tuple.of(chain[i])).mapEmpty())
        .compose(v -> refreshAncestors(conn, chain, i - 1));
  }
}
