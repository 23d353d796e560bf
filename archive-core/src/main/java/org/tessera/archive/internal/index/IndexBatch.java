package org.tessera.archive.internal.index;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.ingest.DuplicatePolicy;
import org.tessera.archive.ingest.IngestOutcome;
import org.tessera.archive.internal.index.IndexWriter.Blob;
import org.tessera.archive.internal.index.IndexWriter.Written;
import org.tessera.dicom.data.Tag;

/**
 * The statements of one index transaction for one or more instances (distinct SOP Instance
 * UIDs): one lookup of what is stored under their UIDs, replaced instances removed, then one
 * upsert per patient, study and series they touch, counting all of that level's instances at
 * once, and the instance rows in one batch. The result is what N single-instance transactions
 * in a row would leave, in a handful of round trips. Rows are locked top-down and, within a
 * level, in key order, so concurrent batches queue rather than deadlock.
 *
 * <p>A level row that belongs elsewhere (a study under another patient, a series in another
 * study) fails the whole transaction with CONFLICT; {@link IndexWriter} then writes the
 * instances one by one, so that only the offending one is refused.
 */
final class IndexBatch {
  /** One instance to commit. */
  record Item(long archivePk, long collectionPk, InstanceRecord rec, Blob blob,
      DuplicatePolicy policy) {}

  /** What became of an item: written, or refused on its own (the others are committed). */
  record Result(Written written, ArchiveException refused) {}

  /**
   * One unique-index probe per UID. OFFSET 0 keeps the subquery a parameterised probe: flattened
   * into a join, the planner preferred hashing the whole instance table while it was tens of
   * thousands of rows (every batch of an import scanned it).
   */
  static final String LOOKUP = """
      SELECT k.n, i.pk, i.size, i.md5, i.blob_key
      FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS k(archive_fk, uid, n)
      CROSS JOIN LATERAL (SELECT pk, size, md5, blob_key FROM instance
          WHERE archive_fk = k.archive_fk AND sop_instance_uid = k.uid OFFSET 0) i""";

  /**
   * Every statement of a batch reaches its rows by a unique key, so its plan does not depend on
   * the values: within the batch's transaction plans are cached (PostgreSQL's auto mode) instead
   * of made per execution as the connection's default has it for the query engine
   * ({@code Database}), and made without sequential scans, so that a plan cached while a fresh
   * archive's tables were empty still probes the indexes once they are large. Planning every
   * execution was a third of PostgreSQL's CPU when ingesting small instances.
   */
  static final String KEYED_PLANS = "SELECT set_config('plan_cache_mode', 'auto', true), "
      + "set_config('enable_seqscan', 'off', true)";

  private final SqlConnection conn;
  private final List<Item> items;
  private final Result[] results;
  /** Items to insert, in the order given. */
  private final List<Item> fresh = new ArrayList<>();
  private final Map<String, Long> patientPks = new HashMap<>();
  private final Map<String, StudyRow> studies = new HashMap<>();

  /** A study row the batch upserted: its key, whether it is new, and its patient's key. */
  private record StudyRow(long pk, boolean inserted, String patientKey) {}

  private IndexBatch(SqlConnection conn, List<Item> items) {
    this.conn = conn;
    this.items = items;
    this.results = new Result[items.size()];
  }

  /**
   * {@link #writeAssumingNew} found an instance of the batch stored: its transaction holds
   * nothing usable and must be rolled back, and the batch written with {@link #write}.
   */
  static final class StoredBefore extends RuntimeException {
    StoredBefore() {
      super("an instance of the batch is stored already", null, false, false);
    }
  }

  /** Runs the statements in {@code conn}'s transaction; one result per item, in order. */
  static Future<List<Result>> write(SqlConnection conn, List<Item> items) {
    IndexBatch batch = new IndexBatch(conn, items);
    // sent back to back: the lookup is planned after the settings are in force
    Future<?> plans = conn.preparedQuery(KEYED_PLANS).execute();
    Future<Map<Integer, IndexWriter.Existing>> stored = batch.lookup();
    return Future.all(plans, stored)
        .compose(both -> batch.removeReplaced(stored.result()))
        .compose(v -> batch.insertFresh())
        .map(v -> Arrays.asList(batch.results));
  }

  /**
   * As {@link #write}, for items that are all expected to be new (what an archive mostly
   * receives): the lookup and every write are sent at once, no answer awaited in between, so
   * the whole batch costs one round trip instead of two or three. Fails with
   * {@link StoredBefore} if the lookup finds any of them stored.
   */
  static Future<List<Result>> writeAssumingNew(SqlConnection conn, List<Item> items) {
    IndexBatch batch = new IndexBatch(conn, items);
    Future<?> plans = conn.preparedQuery(KEYED_PLANS).execute();
    Future<Map<Integer, IndexWriter.Existing>> stored = batch.lookup();
    batch.removeReplaced(Map.of());
    Future<Void> inserted = batch.insertFresh();
    return Future.join(plans, stored, inserted).transform(ar -> {
      if (stored.succeeded() && !stored.result().isEmpty()) {
        return Future.failedFuture(new StoredBefore());
      }
      return ar.succeeded() ? Future.succeededFuture(Arrays.asList(batch.results))
          : Future.failedFuture(ar.cause());
    });
  }

  /** The stored instances under the items' UIDs, by item index. */
  private Future<Map<Integer, IndexWriter.Existing>> lookup() {
    Long[] archives = new Long[items.size()];
    String[] uids = new String[items.size()];
    for (int i = 0; i < items.size(); i++) {
      archives[i] = items.get(i).archivePk();
      uids[i] = items.get(i).rec().sopInstanceUid();
    }
    Tuple keys = Tuple.tuple().addArrayOfLong(archives).addArrayOfString(uids);
    return conn.preparedQuery(LOOKUP).execute(keys).map(rows -> {
      Map<Integer, IndexWriter.Existing> found = new HashMap<>();
      for (Row r : rows) {
        found.put((int) r.getLong(0).longValue() - 1, new IndexWriter.Existing(r.getLong(1),
            r.getLong(2), r.getBuffer(3).getBytes(), r.getString(4)));
      }
      return found;
    });
  }

  /** Decides each item by what is stored; removes what is replaced. */
  private Future<Void> removeReplaced(Map<Integer, IndexWriter.Existing> existing) {
    Future<Void> removals = Future.succeededFuture();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      IndexWriter.Existing old = existing.get(i);
      if (old == null) {
        results[i] = new Result(new Written(IngestOutcome.STORED, null), null);
        fresh.add(item);
      } else if (old.sameBytes(item.blob().size(), item.blob().md5())) {
        results[i] = new Result(new Written(IngestOutcome.DUPLICATE, item.blob().key()), null);
      } else if (item.policy() == DuplicatePolicy.REJECT) {
        results[i] = new Result(null, new ArchiveException(Problem.CONFLICT, "SOP Instance UID "
            + item.rec().sopInstanceUid() + " is stored with different content", Tag.SOPInstanceUID));
      } else {
        results[i] = new Result(new Written(IngestOutcome.REPLACED, old.blobKey()), null);
        fresh.add(item);
        removals = removals.compose(v -> IndexRemoval.removeInstance(conn, old.pk()));
      }
    }
    return removals;
  }

  private Future<Void> insertFresh() {
    if (fresh.isEmpty()) {
      return Future.succeededFuture();
    }
    // every statement goes to the server now, back to back (the connection pipelines them):
    // each finds its parent row by natural key, so none waits for another's answer; the
    // answers come back in order and are checked as they come
    Future<Void> patients = upsertPatients();
    Future<Void> studies = upsertStudies();
    Future<Map<String, Integer>> series = upsertSeries();
    Future<Void> instances = insertInstances();
    return Future.all(patients, studies, series, instances)
        .compose(all -> countNewSeries(series.result()));
  }

  private static String patientKey(Item item) {
    List<Object> values = item.rec().patient().values();
    return item.collectionPk() + "\u0000" + Objects.toString(values.get(0), "") + "\u0000"
        + Objects.toString(values.get(1), "");
  }

  private static String studyKey(Item item) {
    return item.archivePk() + "\u0000" + item.rec().studyInstanceUid();
  }

  private static String seriesKey(Item item) {
    return item.archivePk() + "\u0000" + item.rec().seriesInstanceUid();
  }

  /** The fresh items grouped by {@code key}, groups in key order (the lock order). */
  private TreeMap<String, List<Item>> grouped(Function<Item, String> key) {
    TreeMap<String, List<Item>> groups = new TreeMap<>();
    for (Item item : fresh) {
      groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
    }
    return groups;
  }

  private Future<Void> upsertPatients() {
    List<Future<Void>> sent = new ArrayList<>();
    for (Map.Entry<String, List<Item>> group : grouped(IndexBatch::patientKey).entrySet()) {
      List<Item> g = group.getValue();
      Item first = g.get(0);
      List<Object> params = new ArrayList<>(List.of(first.archivePk(), first.collectionPk()));
      List<Object> columns = merged(g, rec -> rec.patient().values());
      // patient_id and issuer_of_patient_id are part of the patient's key: '' when absent
      for (int i = 0; i < 2; i++) {
        if (columns.get(i) == null) {
          columns.set(i, "");
        }
      }
      params.addAll(columns);
      params.add(last(g).rec().patient().json());
      addCounts(params, g);
      sent.add(conn.preparedQuery(UpsertSql.PATIENT).execute(Tuple.wrap(params))
          .map(rows -> {
            patientPks.put(group.getKey(), rows.iterator().next().getLong(0));
            return null;
          }));
    }
    return Future.all(sent).mapEmpty();
  }

  /** Patient ID and Issuer of Patient ID as the patient row keeps them: '' when absent. */
  private static String patientKeyValue(Item item, int index) {
    return Objects.toString(item.rec().patient().values().get(index), "");
  }

  private Future<Void> upsertStudies() {
    List<Future<Void>> sent = new ArrayList<>();
    for (Map.Entry<String, List<Item>> group : grouped(IndexBatch::studyKey).entrySet()) {
      List<Item> g = group.getValue();
      Item first = g.get(0);
      String patientKey = patientKey(first);
      if (g.stream().anyMatch(item -> !patientKey(item).equals(patientKey))) {
        return Future.failedFuture(new ArchiveException(Problem.CONFLICT, "study "
            + first.rec().studyInstanceUid() + " arrived with different patients"));
      }
      List<Object> params = new ArrayList<>(
          List.of(first.archivePk(), first.collectionPk(), patientKeyValue(first, 0)));
      params.addAll(merged(g, rec -> rec.study().values()));
      params.add(distinct(g, InstanceRecord::modality));
      params.add(distinct(g, InstanceRecord::sopClassUid));
      params.add(last(g).rec().study().json());
      addCounts(params, g);
      params.add(patientKeyValue(first, 1));
      sent.add(conn.preparedQuery(UpsertSql.STUDY).execute(Tuple.wrap(params))
          .map(rows -> {
            Row r = rows.iterator().next();
            long patientPk = patientPks.get(patientKey); // answered before this one
            if (r.getLong("collection_fk") != first.collectionPk()) {
              throw new ArchiveException(Problem.CONFLICT, "study "
                  + first.rec().studyInstanceUid() + " is stored in another collection than '"
                  + first.rec().collection() + "'");
            }
            if (r.getLong("patient_fk") != patientPk) {
              throw new ArchiveException(Problem.CONFLICT, "study "
                  + first.rec().studyInstanceUid() + " is stored under another patient "
                  + "(Patient ID or Issuer of Patient ID differ)", Tag.PatientID);
            }
            studies.put(group.getKey(),
                new StudyRow(r.getLong("pk"), r.getBoolean("inserted"), patientKey));
            return null;
          }));
    }
    return Future.all(sent).mapEmpty();
  }

  /** Upserts the series; returns the number of new series per study key. */
  private Future<Map<String, Integer>> upsertSeries() {
    Map<String, Integer> newSeries = new TreeMap<>();
    List<Future<Void>> sent = new ArrayList<>();
    for (Map.Entry<String, List<Item>> group : grouped(IndexBatch::seriesKey).entrySet()) {
      List<Item> g = group.getValue();
      Item first = g.get(0);
      String studyKey = studyKey(first);
      if (g.stream().anyMatch(item -> !studyKey(item).equals(studyKey))) {
        return Future.failedFuture(new ArchiveException(Problem.CONFLICT, "series "
            + first.rec().seriesInstanceUid() + " arrived in different studies"));
      }
      List<Object> params = new ArrayList<>(
          List.of(first.archivePk(), first.collectionPk(), first.rec().studyInstanceUid()));
      params.addAll(merged(g, rec -> rec.series().values()));
      params.add(lastNonNull(g, InstanceRecord::site));
      params.add(last(g).rec().series().json());
      addCounts(params, g);
      sent.add(conn.preparedQuery(UpsertSql.SERIES).execute(Tuple.wrap(params))
          .map(rows -> {
            Row r = rows.iterator().next();
            long studyPk = studies.get(studyKey).pk(); // answered before this one
            if (r.getLong("study_fk") != studyPk) {
              throw new ArchiveException(Problem.CONFLICT, "series "
                  + first.rec().seriesInstanceUid() + " is stored in another study than "
                  + first.rec().studyInstanceUid());
            }
            if (r.getBoolean("inserted")) {
              newSeries.merge(studyKey, 1, Integer::sum);
            }
            return null;
          }));
    }
    return Future.all(sent).map(newSeries);
  }

  /** Series and study counts of the new series' study and patient. */
  private Future<Void> countNewSeries(Map<String, Integer> newSeriesByStudy) {
    Map<String, int[]> byPatient = new TreeMap<>(); // patient key -> {series, studies}
    List<Future<Void>> sent = new ArrayList<>();
    for (Map.Entry<String, Integer> e : newSeriesByStudy.entrySet()) {
      StudyRow study = studies.get(e.getKey());
      int[] counts = byPatient.computeIfAbsent(study.patientKey(), k -> new int[2]);
      counts[0] += e.getValue();
      counts[1] += study.inserted() ? 1 : 0;
      sent.add(conn.preparedQuery("UPDATE study SET num_series = num_series + $2 WHERE pk = $1")
          .execute(Tuple.of(study.pk(), e.getValue())).mapEmpty());
    }
    for (Map.Entry<String, int[]> e : byPatient.entrySet()) {
      sent.add(conn.preparedQuery("UPDATE patient SET num_series = num_series "
              + "+ $2, num_studies = num_studies + $3 WHERE pk = $1")
          .execute(Tuple.of(patientPks.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
          .mapEmpty());
    }
    return Future.all(sent).mapEmpty();
  }

  private Future<Void> insertInstances() {
    List<Tuple> batch = new ArrayList<>();
    for (Item item : fresh) {
      List<Object> params = new ArrayList<>(List.of(item.archivePk(),
          item.rec().seriesInstanceUid()));
      params.addAll(item.rec().instance().values());
      params.add(item.rec().transferSyntaxUid());
      params.add(item.blob().size());
      params.add(Buffer.buffer(item.blob().md5()));
      params.add(item.blob().key());
      params.add(item.rec().instance().json());
      batch.add(Tuple.wrap(params));
    }
    return conn.preparedQuery(UpsertSql.INSTANCE).executeBatch(batch).mapEmpty();
  }

  /** Each column's last non-null value over the group: what upserts in a row would keep. */
  private static List<Object> merged(List<Item> group,
      Function<InstanceRecord, List<Object>> columns) {
    List<Object> merged = new ArrayList<>(columns.apply(group.get(0).rec()));
    for (int g = 1; g < group.size(); g++) {
      List<Object> values = columns.apply(group.get(g).rec());
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null) {
          merged.set(i, values.get(i));
        }
      }
    }
    return merged;
  }

  private static String lastNonNull(List<Item> group, Function<InstanceRecord, String> value) {
    String last = null;
    for (Item item : group) {
      String v = value.apply(item.rec());
      last = v != null ? v : last;
    }
    return last;
  }

  private static String[] distinct(List<Item> group, Function<InstanceRecord, String> value) {
    LinkedHashSet<String> values = new LinkedHashSet<>();
    for (Item item : group) {
      String v = value.apply(item.rec());
      if (v != null) {
        values.add(v);
      }
    }
    return values.toArray(String[]::new);
  }

  private static Item last(List<Item> group) {
    return group.get(group.size() - 1);
  }

  /** total_bytes and num_instances of a group. */
  private static void addCounts(List<Object> params, List<Item> group) {
    params.add(group.stream().mapToLong(item -> item.blob().size()).sum());
    params.add(group.size());
  }
}
