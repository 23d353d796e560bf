package org.tessera.archive.internal.index;

import io.vertx.core.Future;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.query.QueryLevel;
import org.tessera.archive.security.AccessFilter;

/**
 * SQL shared by the query engine and the retrieve lookup: table aliases, the joins up the
 * hierarchy, the archive and access restrictions, and the mapping of database failures to
 * {@link Problem}s.
 */
public final class QuerySql {
  private static final String ARCHIVE_EXISTS = "SELECT 1 FROM archive WHERE name = $1";

  private QuerySql() {}

  /** The alias of a level's table in every query: p, st, se, i. */
  public static String alias(QueryLevel level) {
    return switch (level) {
      case PATIENT -> "p";
      case STUDY -> "st";
      case SERIES -> "se";
      case INSTANCE -> "i";
    };
  }

  /**
   * The FROM clause of a query at {@code level}: its table joined to each level above it down
   * to the study (which identifies every series and instance), and to the patient if asked.
   */
  static String from(QueryLevel level, boolean withPatient) {
    StringBuilder sql = new StringBuilder(160);
    switch (level) {
      case PATIENT -> sql.append("patient p");
      case STUDY -> sql.append("study st");
      case SERIES -> sql.append("series se JOIN study st ON st.pk = se.study_fk");
      case INSTANCE -> sql.append("instance i JOIN series se ON se.pk = i.series_fk")
          .append(" JOIN study st ON st.pk = se.study_fk");
    }
    if (withPatient && level != QueryLevel.PATIENT) {
      sql.append(" JOIN patient p ON p.pk = st.patient_fk");
    }
    return sql.toString();
  }

  /** The condition that restricts {@code alias}'s rows to the archive named by {@code param}. */
  static String archiveCondition(String alias, String param) {
    return alias + ".archive_fk = (SELECT pk FROM archive WHERE name = " + param + ")";
  }

  /** The collection column access is decided on: an instance's is its series'. */
  static String collectionColumn(QueryLevel level) {
    return alias(level == QueryLevel.INSTANCE ? QueryLevel.SERIES : level) + ".collection_fk";
  }

  /**
   * The condition {@code access} puts on {@code collectionFk}, or null if it lets everything
   * through.
   */
  static String accessCondition(AccessFilter access, String collectionFk, QueryParams params) {
    if (access.unrestricted()) {
      return null;
    }
    if (access.collections().isEmpty()) {
      return access.publicCollections()
          ? collectionFk + " IN (SELECT pk FROM collection WHERE visibility = 'public')"
          : "FALSE";
    }
    String names = params.add(access.collections().toArray(String[]::new)) + "::text[]";
    return collectionFk + " IN (SELECT pk FROM collection WHERE "
        + (access.publicCollections() ? "visibility = 'public' OR " : "")
        + "name = ANY(" + names + "))";
  }

  /**
   * Succeeds if the archive exists, else fails with NOT_FOUND: asked only when a lookup found
   * nothing, so that a misspelt archive is not mistaken for an empty one.
   */
  public static Future<Void> requireArchive(SqlClient client, String archive) {
    return client.preparedQuery(ARCHIVE_EXISTS).execute(Tuple.of(archive))
        .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new ArchiveException(Problem.NOT_FOUND,
                "no archive '" + archive + "'")));
  }

  /** {@code failure} in the archive's vocabulary. */
  public static ArchiveException failure(Throwable failure) {
    if (failure instanceof ArchiveException e) {
      return e;
    }
    Problem problem = Problem.INTERNAL;
    if (failure instanceof DatabaseException e && e.getSqlState() != null) {
      problem = problemOf(e.getSqlState());
    } else if (failure instanceof ClosedConnectionException
        || failure instanceof ConnectException) {
      problem = Problem.UNAVAILABLE;
    } else if (failure instanceof TimeoutException) {
      problem = Problem.TIMEOUT;
    }
    return new ArchiveException(problem, "index query failed: " + failure.getMessage(), failure);
  }

  /** PostgreSQL error codes (Appendix A of its manual) by class. */
  private static Problem problemOf(String sqlState) {
    if (sqlState.equals("57014")) {
      return Problem.TIMEOUT; // query_canceled: statement_timeout
    }
    if (sqlState.startsWith("08") || sqlState.startsWith("57P")) {
      return Problem.UNAVAILABLE; // connection exception, server shutting down
    }
    if (sqlState.startsWith("53")) {
      return Problem.OUT_OF_RESOURCES; // insufficient resources
    }
    return Problem.INTERNAL;
  }
}
