package org.tessera.archive.database;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.tessera.archive.internal.index.Migrations;

/**
 * The index database: a connection pool on the configured (or embedded) PostgreSQL server,
 * with the schema brought up to date before anything uses it.
 */
public final class Database {
  /** Longest SQL text whose prepared statement each connection keeps. */
  public static final int PREPARED_STATEMENT_SQL_LIMIT = 64 * 1024;

  private final Pool pool;

  private Database(Pool pool) {
    this.pool = pool;
  }

  /** Connects to {@code url} and runs the migrations the schema still lacks. */
  public static Future<Database> open(Vertx vertx, String url, DatabaseOptions options) {
    // Statements are prepared once per connection, but planned with each execution's values: a
    // generic plan made while a table was small (a fresh archive's first import) would keep
    // scanning it whole as it grows, and LIKE 'prefix%' can use an index only with the value.
    // The ingest upserts are longer than the client's default limit for caching a prepared
    // statement (2048 characters): uncached, each execution would parse and describe first,
    // a round trip that also stops the batch's statements from being pipelined.
    PgConnectOptions connect = PgConnectOptions.fromUri(url)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT)
        .addProperty("plan_cache_mode", "force_custom_plan")
        .setPipeliningLimit(256);
    PoolOptions poolOptions = new PoolOptions()
        .setMaxSize(options.poolSize())
        .setConnectionTimeout((int) options.connectTimeout().toMillis())
        .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
        .setShared(false);
    Pool pool = PgBuilder.pool().with(poolOptions).connectingTo(connect).using(vertx).build();
    return Migrations.apply(pool)
        .map(v -> new Database(pool))
        .onFailure(e -> pool.close());
  }

  public Pool pool() {
    return pool;
  }

  /** Succeeds when the server answers a query: what /health means by "ready". */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    return pool.close();
  }
}
