package org.tessera.archive.internal.index;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code V<n>__<name>.sql} resources applied in order and recorded
 * in {@code schema_version}, all in one transaction under an advisory lock, so that nodes
 * starting together apply each migration once and a failed one leaves the schema as it was.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  /** Every migration, oldest first. Append; never edit one that has shipped. */
  static final List<String> SCRIPTS = List.of("V1__index.sql", "V2__blob_key_index.sql",
      "V3__hot_level_updates.sql", "V4__uncompressed_instance_json.sql");
  private static final long LOCK_KEY = 0x7E55E4A1L;

  private Migrations() {}

  /** Applies, in one transaction, every migration not yet recorded. */
  public static Future<Void> apply(Pool pool) {
    return pool.withTransaction(conn -> conn
        .query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
        .compose(r -> conn.query("SELECT to_regclass('schema_version') IS NOT NULL").execute())
        .compose(r -> r.iterator().next().getBoolean(0) ? Future.succeededFuture()
            : conn.query("CREATE TABLE schema_version (version integer PRIMARY KEY, "
                + "script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())").execute())
        .compose(r -> applyFrom(conn, 0)));
  }

  private static Future<Void> applyFrom(SqlConnection conn, int index) {
    if (index == SCRIPTS.size()) {
      return Future.succeededFuture();
    }
    int version = index + 1;
    String script = SCRIPTS.get(index);
    return conn.preparedQuery("SELECT 1 FROM schema_version WHERE version = $1")
        .execute(Tuple.of(version))
        .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture()
            : conn.query(load(script)).execute()
                .compose(r -> conn.preparedQuery(
                        "INSERT INTO schema_version (version, script) VALUES ($1, $2)")
                    .execute(Tuple.of(version, script)))
                .onSuccess(r -> LOG.info("index schema migrated to version {} ({})", version, script))
                .<Void>mapEmpty())
        .compose(v -> applyFrom(conn, index + 1));
  }

  private static String load(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("migration " + script + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
