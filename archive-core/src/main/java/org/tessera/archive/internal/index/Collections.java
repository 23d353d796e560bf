package org.tessera.archive.internal.index;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.model.Visibility;

/**
 * Archive and collection keys by name, created on first use for collections (an instance may
 * name a collection nobody declared) and cached: they are never renamed or removed while a node
 * runs.
 */
public final class Collections {
  private final Map<String, Long> archives = new ConcurrentHashMap<>();
  private final Map<String, Long> collections = new ConcurrentHashMap<>();
  private final Visibility newCollectionVisibility;

  public Collections(Visibility newCollectionVisibility) {
    this.newCollectionVisibility = newCollectionVisibility;
  }

  /** The key of archive {@code name}; fails NOT_FOUND if there is none. */
  public Future<Long> archive(SqlClient sql, String name) {
    Long pk = archives.get(name);
    if (pk != null) {
      return Future.succeededFuture(pk);
    }
    return sql.preparedQuery("SELECT pk FROM archive WHERE name = $1").execute(Tuple.of(name))
        .map(rows -> {
          if (rows.size() == 0) {
            throw new ArchiveException(Problem.NOT_FOUND, "no archive '" + name + "'");
          }
          long key = rows.iterator().next().getLong(0);
          archives.put(name, key);
          return key;
        });
  }

  /**
   * Creates archive {@code name} with its default collection, as migration V1 creates the
   * archive {@code default}, unless an archive of that name exists: one statement, so a
   * concurrent creation of the same name makes one row and the other call sees it as existing.
   *
   * @return whether this call created it
   */
  public static Future<Boolean> createArchive(SqlClient sql, String name) {
    // the collection an instance naming none goes to (IngestService's default): created
    // restricted here rather than on first use with ingest.newCollectionVisibility
    return sql.preparedQuery("""
            WITH created AS (
              INSERT INTO archive (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING pk)
            INSERT INTO collection (archive_fk, name, description, visibility)
            SELECT pk, 'default', 'Instances that name no collection', 'restricted' FROM created
            RETURNING archive_fk""")
        .execute(Tuple.of(name))
        .map(rows -> rows.size() > 0);
  }

  /** The key of collection {@code name} in archive {@code archivePk}, created if missing. */
  public Future<Long> collection(SqlClient sql, long archivePk, String name) {
    String cacheKey = archivePk + "/" + name;
    Long pk = collections.get(cacheKey);
    if (pk != null) {
      return Future.succeededFuture(pk);
    }
    return sql.preparedQuery("""
            INSERT INTO collection (archive_fk, name, visibility) VALUES ($1, $2, $3)
            ON CONFLICT (archive_fk, name) DO UPDATE SET name = EXCLUDED.name
            RETURNING pk""")
        .execute(Tuple.of(archivePk, name, newCollectionVisibility.sqlValue()))
        .map(rows -> {
          long key = rows.iterator().next().getLong(0);
          collections.put(cacheKey, key);
          return key;
        });
  }
}
