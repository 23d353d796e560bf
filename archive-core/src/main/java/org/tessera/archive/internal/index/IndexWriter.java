package org.tessera.archive.internal.index;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.ingest.DuplicatePolicy;
import org.tessera.archive.ingest.IngestOutcome;

/**
 * Commits one instance to the index in one transaction: patient, study and series rows created
 * or updated with their aggregates, the instance row inserted, or a stored instance with the
 * same SOP Instance UID recognised as a duplicate or replaced. Rows are locked top-down
 * (patient, study, series, instance) by every writer, and a transaction that loses a race
 * (unique violation, deadlock) is retried: the retry sees the winner's row.
 */
public final class IndexWriter {
  private static final int ATTEMPTS = 10;
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String DEADLOCK = "40P01";
  private static final String SERIALIZATION = "40001";

  private final Pool pool;

  public IndexWriter(Pool pool) {
    this.pool = pool;
  }

  /** What is stored under a SOP Instance UID. */
  public record Existing(long pk, long size, byte[] md5, String blobKey) {
    /** Whether content of this size and MD5 is what is stored. */
    public boolean sameBytes(long otherSize, byte[] otherMd5) {
      return size == otherSize && Arrays.equals(md5, otherMd5);
    }
  }

  /**
   * What the commit did.
   *
   * @param obsoleteBlobKey the file to delete once committed: the replaced instance's, or the
   *     new one's when it turned out a duplicate; null if none
   */
  public record Written(IngestOutcome outcome, String obsoleteBlobKey) {}

  /** The file a placed blob went to. */
  public record Blob(String key, long size, byte[] md5) {}

  public Future<Optional<Existing>> existing(long archivePk, String sopInstanceUid) {
    return existing(pool, archivePk, sopInstanceUid);
  }

  public Future<Written> write(long archivePk, long collectionPk, InstanceRecord rec, Blob blob,
      DuplicatePolicy policy) {
    return attempt(archivePk, collectionPk, rec, blob, policy, 1);
  }

  private Future<Written> attempt(long archivePk, long collectionPk, InstanceRecord rec,
      Blob blob, DuplicatePolicy policy, int n) {
    return pool.withTransaction(conn -> writeIn(conn, archivePk, collectionPk, rec, blob, policy))
        .recover(e -> {
          if (lostRace(e) && n < ATTEMPTS) {
            return attempt(archivePk, collectionPk, rec, blob, policy, n + 1);
          }
          return Future.failedFuture(lostRace(e) ? new ArchiveException(Problem.CONFLICT,
              "SOP Instance UID " + rec.sopInstanceUid() + " is being stored by other ingests "
              + "at the same time; send it again") : e);
        });
  }

  private static boolean lostRace(Throwable e) {
    return e instanceof PgException pg && (UNIQUE_VIOLATION.equals(pg.getSqlState())
        || DEADLOCK.equals(pg.getSqlState()) || SERIALIZATION.equals(pg.getSqlState()));
  }

  private Future<Written> writeIn(SqlConnection conn, long archivePk, long collectionPk,
      InstanceRecord rec, Blob blob, DuplicatePolicy policy) {
    return existing(conn, archivePk, rec.sopInstanceUid()).compose(found -> {
      if (found.isEmpty()) {
        return insert(conn, archivePk, collectionPk, rec, blob)
            .map(v -> new Written(IngestOutcome.STORED, null));
      }
      Existing old = found.get();
      if (old.sameBytes(blob.size(), blob.md5())) {
        return Future.succeededFuture(new Written(IngestOutcome.DUPLICATE, blob.key()));
      }
      if (policy == DuplicatePolicy.REJECT) {
        return Future.failedFuture(new ArchiveException(Problem.CONFLICT, "SOP Instance UID "
            + rec.sopInstanceUid() + " is stored with different content"));
      }
      return IndexRemoval.removeInstance(conn, old.pk())
          .compose(v -> insert(conn, archivePk, collectionPk, rec, blob))
          .map(v -> new Written(IngestOutcome.REPLACED, old.blobKey()));
    });
  }

  private static Future<Optional<Existing>> existing(io.vertx.sqlclient.SqlClient sql,
      long archivePk, String sopInstanceUid) {
    return sql.preparedQuery(
            "SELECT pk, size, md5, blob_key FROM instance WHERE archive_fk = $1 AND sop_instance_uid = $2")
        .execute(Tuple.of(archivePk, sopInstanceUid))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Existing(r.getLong(0), r.getLong(1),
              r.getBuffer(2).getBytes(), r.getString(3)));
        });
  }

  private Future<Void> insert(SqlConnection conn, long archivePk, long collectionPk,
      InstanceRecord rec, Blob blob) {
    List<Object> patient = new ArrayList<>(List.of(archivePk, collectionPk));
    List<Object> patientColumns = new ArrayList<>(rec.patient().values());
    // patient_id and issuer_of_patient_id are part of the patient's key: '' when absent
    for (int i = 0; i < 2; i++) {
      if (patientColumns.get(i) == null) {
        patientColumns.set(i, "");
      }
    }
    patient.addAll(patientColumns);
    patient.add(rec.patient().json());
    patient.add(blob.size());
    return conn.preparedQuery(UpsertSql.PATIENT).execute(Tuple.wrap(patient))
        .compose(p -> {
          long patientPk = p.iterator().next().getLong(0);
          return upsertStudy(conn, archivePk, collectionPk, patientPk, rec, blob)
              .compose(study -> upsertSeries(conn, archivePk, collectionPk, study, rec, blob)
                  .compose(series -> countNewSeries(conn, patientPk, study, series)
                      .compose(v -> insertInstance(conn, archivePk, series.pk(), rec, blob))));
        });
  }

  private record Inserted(long pk, boolean inserted) {}

  private Future<Inserted> upsertStudy(SqlConnection conn, long archivePk, long collectionPk,
      long patientPk, InstanceRecord rec, Blob blob) {
    List<Object> params = new ArrayList<>(List.of(archivePk, collectionPk, patientPk));
    params.addAll(rec.study().values());
    params.add(rec.modality() == null ? new String[0] : new String[] {rec.modality()});
    params.add(new String[] {rec.sopClassUid()});
    params.add(rec.study().json());
    params.add(blob.size());
    return conn.preparedQuery(UpsertSql.STUDY).execute(Tuple.wrap(params)).map(rows -> {
      Row r = rows.iterator().next();
      if (r.getLong("collection_fk") != collectionPk) {
        throw new ArchiveException(Problem.CONFLICT, "study " + rec.studyInstanceUid()
            + " is stored in another collection than '" + rec.collection() + "'");
      }
      if (r.getLong("patient_fk") != patientPk) {
        throw new ArchiveException(Problem.CONFLICT, "study " + rec.studyInstanceUid()
            + " is stored under another patient (Patient ID or Issuer of Patient ID differ)");
      }
      return new Inserted(r.getLong("pk"), r.getBoolean("inserted"));
    });
  }

  private Future<Inserted> upsertSeries(SqlConnection conn, long archivePk, long collectionPk,
      Inserted study, InstanceRecord rec, Blob blob) {
    List<Object> params = new ArrayList<>(List.of(archivePk, collectionPk, study.pk()));
    params.addAll(rec.series().values());
    params.add(rec.site());
    params.add(rec.series().json());
    params.add(blob.size());
    return conn.preparedQuery(UpsertSql.SERIES).execute(Tuple.wrap(params)).map(rows -> {
      Row r = rows.iterator().next();
      if (r.getLong("study_fk") != study.pk()) {
        throw new ArchiveException(Problem.CONFLICT, "series " + rec.seriesInstanceUid()
            + " is stored in another study than " + rec.studyInstanceUid());
      }
      return new Inserted(r.getLong("pk"), r.getBoolean("inserted"));
    });
  }

  private static Future<Void> countNewSeries(SqlConnection conn, long patientPk, Inserted study,
      Inserted series) {
    if (!series.inserted()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("UPDATE study SET num_series = num_series + 1 WHERE pk = $1")
        .execute(Tuple.of(study.pk()))
        .compose(r -> conn.preparedQuery("UPDATE patient SET num_series = num_series + 1, "
                + "num_studies = num_studies + $2 WHERE pk = $1")
            .execute(Tuple.of(patientPk, study.inserted() ? 1 : 0)))
        .mapEmpty();
  }

  private static Future<Void> insertInstance(SqlConnection conn, long archivePk, long seriesPk,
      InstanceRecord rec, Blob blob) {
    List<Object> params = new ArrayList<>(List.of(archivePk, seriesPk));
    params.addAll(rec.instance().values());
    params.add(rec.transferSyntaxUid());
    params.add(blob.size());
    params.add(io.vertx.core.buffer.Buffer.buffer(blob.md5()));
    params.add(blob.key());
    params.add(rec.instance().json());
    return conn.preparedQuery(UpsertSql.INSTANCE).execute(Tuple.wrap(params)).mapEmpty();
  }
}
