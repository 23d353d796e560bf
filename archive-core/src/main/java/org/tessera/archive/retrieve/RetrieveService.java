package org.tessera.archive.retrieve;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.internal.index.QuerySql;
import org.tessera.archive.internal.index.RetrieveSql;
import org.tessera.archive.query.QueryLevel;
import org.tessera.archive.security.AccessFilter;

/**
 * Finds what a retrieve sends. Instances the access filter hides are absent, as if they were not
 * stored. An unknown archive fails with NOT_FOUND; an unknown UID gives an empty answer.
 */
public final class RetrieveService {
  private final Pool pool;

  public RetrieveService(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /**
   * The instances of a study, of one of its series ({@code seriesUid} not null), or one instance
   * ({@code sopUid} not null too): by series number, instance number, then order of arrival.
   */
  public Future<List<StoredInstance>> instances(String archive, String studyUid,
      String seriesUid, String sopUid, AccessFilter access) {
    Objects.requireNonNull(studyUid, "studyUid");
    if (sopUid != null && seriesUid == null) {
      return Future.failedFuture(new ArchiveException(Problem.INVALID_REQUEST,
          "an instance is retrieved by study, series and SOP Instance UID"));
    }
    return run(archive, RetrieveSql.instances(archive, studyUid, seriesUid, sopUid, access));
  }

  /**
   * The instances of the studies, series or instances a C-MOVE or C-GET identifier lists (PS3.4
   * C.4.2.2.1: a UID list at the retrieve level); at PATIENT level the values are Patient IDs.
   * Grouped by study, then ordered as {@link #instances}.
   */
  public Future<List<StoredInstance>> instancesOf(String archive, QueryLevel level,
      List<String> uids, AccessFilter access) {
    if (uids.isEmpty() || uids.stream().anyMatch(String::isEmpty)) {
      return Future.failedFuture(new ArchiveException(Problem.INVALID_REQUEST,
          "a retrieve at " + level + " level needs one or more unique keys"));
    }
    return run(archive, RetrieveSql.instancesOf(archive, level, uids, access));
  }

  /** The DICOM JSON of one instance's whole data set, if it is stored and visible. */
  public Future<Optional<String>> instanceMetadata(String archive, String studyUid,
      String seriesUid, String sopUid, AccessFilter access) {
    RetrieveSql.Statement s = RetrieveSql.metadata(archive, studyUid, seriesUid, sopUid, access);
    return execute(s)
        .compose(rows -> rows.size() > 0
            ? Future.succeededFuture(Optional.of(rows.iterator().next().getString(0)))
            : QuerySql.requireArchive(pool, archive).map(v -> Optional.<String>empty()));
  }

  private Future<List<StoredInstance>> run(String archive, RetrieveSql.Statement s) {
    return execute(s)
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(instances(rows))
            : QuerySql.requireArchive(pool, archive).map(v -> List.<StoredInstance>of()));
  }

  private Future<RowSet<Row>> execute(RetrieveSql.Statement s) {
    return pool.preparedQuery(s.sql()).execute(s.params())
        .recover(e -> Future.failedFuture(QuerySql.failure(e)));
  }

  private static List<StoredInstance> instances(RowSet<Row> rows) {
    List<StoredInstance> result = new ArrayList<>(rows.size());
    for (Row r : rows) {
      result.add(new StoredInstance(r.getString(0), r.getString(1), r.getString(2),
          r.getString(3), r.getString(4), r.getLong(5), r.getBuffer(6).getBytes(),
          r.getString(7), r.getString(8)));
    }
    return result;
  }
}
