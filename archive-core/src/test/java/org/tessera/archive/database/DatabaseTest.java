package org.tessera.archive.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tessera.archive.testing.TestDatabase;

class DatabaseTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void migratesAnEmptyDatabaseOnceAndCreatesTheDefaultArchive() {
    String url = TestDatabase.newDatabaseUrl();
    Database first = Database.open(vertx, url, DatabaseOptions.DEFAULTS).await();
    first.close().await();
    // a second open finds the schema current and changes nothing
    Database db = Database.open(vertx, url, DatabaseOptions.DEFAULTS).await();

    List<String> versions = new ArrayList<>();
    for (Row r : db.pool().query("SELECT version, script FROM schema_version ORDER BY version")
        .execute().await()) {
      versions.add(r.getInteger(0) + " " + r.getString(1));
    }
    assertThat(versions).containsExactly("1 V1__index.sql", "2 V2__blob_key_index.sql",
        "3 V3__hot_level_updates.sql", "4 V4__uncompressed_instance_json.sql");
    // an instance's DICOM JSON is stored uncompressed, in its row up to 8160 bytes (V4)
    Row toast = db.pool().query("SELECT a.attstorage, array_to_string(c.reloptions, ',') "
        + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        + "WHERE c.relname = 'instance' AND a.attname = 'attrs'").execute().await().iterator()
        .next();
    assertThat(toast.getValue(0).toString()).isEqualTo("e");
    assertThat(toast.getString(1)).contains("toast_tuple_target=8160");
    Row c = db.pool().query("SELECT a.name, c.name, c.visibility FROM collection c "
        + "JOIN archive a ON a.pk = c.archive_fk").execute().await().iterator().next();
    assertThat(List.of(c.getString(0), c.getString(1), c.getString(2)))
        .containsExactly("default", "default", "restricted");
    db.ping().await();
    db.close().await();
  }

  /**
   * Statements are prepared once per connection but planned per execution: the ingest lookup's
   * generic plan, made while a fresh archive's instance table was small, scanned the table whole
   * for every batch of the import that followed (seen in pg_stat_user_tables).
   */
  @Test
  void connectionsPlanEachExecutionWithItsValues() {
    Database db = Database.open(vertx, TestDatabase.newDatabaseUrl(), DatabaseOptions.DEFAULTS)
        .await();
    assertThat(db.pool().query("SHOW plan_cache_mode").execute().await().iterator().next()
        .getString(0)).isEqualTo("force_custom_plan");
    db.close().await();
  }

  @Test
  void concurrentOpensMigrateOnce() {
    String url = TestDatabase.newDatabaseUrl();
    var a = Database.open(vertx, url, DatabaseOptions.DEFAULTS);
    var b = Database.open(vertx, url, DatabaseOptions.DEFAULTS);
    Database da = a.await();
    Database dbb = b.await();
    long archives = da.pool().query("SELECT count(*) FROM archive").execute().await()
        .iterator().next().getLong(0);
    assertThat(archives).isEqualTo(1);
    da.close().await();
    dbb.close().await();
  }
}
