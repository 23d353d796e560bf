package org.tessera.archive.delete;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.internal.index.IndexRemoval;
import org.tessera.archive.query.QueryLevel;
import org.tessera.archive.storage.BlobStore;

/**
 * Deletes a patient, study, series or instance: its index rows and those below it go in one
 * transaction that also brings the aggregates above up to date; the files go after the commit,
 * so a crash in between leaves unreferenced files (harmless), never an index row without a file.
 */
public final class DeletionService {
  private static final Logger LOG = LoggerFactory.getLogger(DeletionService.class);
  /** The archive's key from the first parameter, its name. */
  private static final String ARCHIVE = "(SELECT pk FROM archive WHERE name = $1)";

  private final Vertx vertx;
  private final Pool pool;
  private final BlobStore blobs;

  public DeletionService(Vertx vertx, Pool pool, BlobStore blobs) {
    this.vertx = vertx;
    this.pool = pool;
    this.blobs = blobs;
  }

  /** @return how many instances were deleted */
  public Future<Integer> deleteStudy(String archive, String studyInstanceUid) {
    return delete(archive, QueryLevel.STUDY, "SELECT pk FROM study WHERE archive_fk = "
        + ARCHIVE + " AND study_instance_uid = $2", studyInstanceUid, "study " + studyInstanceUid);
  }

  public Future<Integer> deleteSeries(String archive, String seriesInstanceUid) {
    return delete(archive, QueryLevel.SERIES, "SELECT pk FROM series WHERE archive_fk = "
        + ARCHIVE + " AND series_instance_uid = $2", seriesInstanceUid,
        "series " + seriesInstanceUid);
  }

  public Future<Integer> deleteInstance(String archive, String sopInstanceUid) {
    return delete(archive, QueryLevel.INSTANCE, "SELECT pk FROM instance WHERE archive_fk = "
        + ARCHIVE + " AND sop_instance_uid = $2", sopInstanceUid, "instance " + sopInstanceUid);
  }

  /** Deletes the patients with this Patient ID in every collection of the archive. */
  public Future<Integer> deletePatient(String archive, String patientId) {
    return delete(archive, QueryLevel.PATIENT, "SELECT pk FROM patient WHERE archive_fk = "
        + ARCHIVE + " AND patient_id = $2", patientId, "patient");
  }

  private Future<Integer> delete(String archive, QueryLevel level, String findSql, String id,
      String what) {
    List<String> keys = new ArrayList<>();
    return pool.withTransaction(conn -> conn.preparedQuery(findSql)
            .execute(Tuple.of(archive, id))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(new ArchiveException(Problem.NOT_FOUND,
                    "no " + what + " in archive '" + archive + "'"));
              }
              Future<Void> chain = Future.succeededFuture();
              for (Row r : rows) {
                long pk = r.getLong(0);
                chain = chain.compose(v -> IndexRemoval.remove(conn, level, pk)
                    .onSuccess(keys::addAll).mapEmpty());
              }
              return chain;
            }))
        .compose(v -> vertx.executeBlocking(() -> deleteFilesBlocking(keys), false))
        .onSuccess(n -> LOG.info("deleted {} ({} instances)", what, n));
  }

  private int deleteFilesBlocking(List<String> keys) {
    for (String key : keys) {
      try {
        blobs.deleteBlocking(key);
      } catch (Exception e) {
        LOG.warn("cannot delete file {} of a deleted instance: {}", key, e.getMessage());
      }
    }
    return keys.size();
  }
}
