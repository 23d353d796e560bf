package org.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.database.Database;
import org.tessera.archive.database.DatabaseOptions;
import org.tessera.archive.testing.TestDatabase;
import org.tessera.server.config.ConfigLoader;
import org.tessera.dimse.DimseOptions;
import org.tessera.server.config.HttpOptions;
import org.tessera.server.config.TesseraConfig;

class TesseraNodeTest {

  // a blocked event loop prints a stack trace (each one is a bug)
  private static final VertxOptions STRICT_VERTX = new VertxOptions()
      .setMaxEventLoopExecuteTime(200)
      .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
      .setBlockedThreadCheckInterval(100);

  @TempDir
  Path tmp;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private TesseraNode node;
  private Path dataDir;

  @BeforeEach
  void start() throws Exception {
    dataDir = tmp.resolve("data/nested");
    node = new TesseraNode(config(0, dataDir), STRICT_VERTX);
    node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void healthIsUpWithTheBuildVersion() throws Exception {
    HttpResponse<String> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body())
        .isEqualTo("{\"status\":\"UP\",\"version\":\"" + TesseraVersion.current() + "\"}");
    assertThat(TesseraVersion.current()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void metricsArePrometheusTextWithTheIngestMeters() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    assertThat(response.body())
        .contains("tessera_ingest_instances_total{outcome=\"stored\"} 0.0")
        .contains("tessera_ingest_bytes_total")
        .contains("tessera_ingest_latency_seconds_bucket")
        .contains("tessera_query_latency_seconds_count");
  }

  @Test
  void unknownPathIsNotFoundWithJsonBody() throws Exception {
    HttpResponse<String> response = get("/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"error\":\"Not Found\"}");
  }

  @Test
  void portZeroResolvesAndDataDirectoryIsCreated() {
    assertThat(node.httpPort()).isBetween(1, 65535);
    assertThat(node.dicomPort()).isBetween(1, 65535).isNotEqualTo(node.httpPort());
    assertThat(dataDir).isDirectory();
  }

  @Test
  void stopClosesThePortAndIsIdempotent() throws Exception {
    int port = node.httpPort();
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    // the port is free again: a second node binds it
    TesseraNode second = new TesseraNode(config(port, dataDir), STRICT_VERTX);
    try {
      second.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(second.httpPort()).isEqualTo(port);
    } finally {
      second.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void dataPathThatIsAFileFailsStartWithAClearMessage() throws Exception {
    Path file = Files.createFile(tmp.resolve("not-a-dir"));
    TesseraNode broken = new TesseraNode(config(0, file), STRICT_VERTX);

    var started = broken.start().toCompletionStage().toCompletableFuture();

    assertThat(started).failsWithin(Duration.ofSeconds(30))
        .withThrowableThat().withMessageContaining("cannot create data directory " + file);
    assertThat(broken.httpPort()).isEqualTo(-1);
  }

  /** Every start creates the archives configured besides default if missing: once, in all. */
  @Test
  void configuredArchivesAreCreatedOnceWhateverTheNumberOfStarts() throws Exception {
    String url = TestDatabase.newDatabaseUrl();
    DimseOptions dimse = new DimseOptions(0, "TESSERA").withArchives("research=RESEARCH");
    for (int start = 1; start <= 2; start++) {
      TesseraNode n = new TesseraNode(config(0, tmp.resolve("archives"), dimse, url),
          STRICT_VERTX);
      n.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      n.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    Vertx vertx = Vertx.vertx();
    try {
      Database db = Database.open(vertx, url, DatabaseOptions.DEFAULTS).await();
      List<String> rows = new ArrayList<>();
      for (Row r : db.pool().query("SELECT a.name, c.name FROM archive a "
          + "JOIN collection c ON c.archive_fk = a.pk ORDER BY a.name, c.name").execute().await()) {
        rows.add(r.getString(0) + "/" + r.getString(1));
      }
      db.close().await();
      assertThat(rows).containsExactly("default/default", "research/default");
    } finally {
      vertx.close().await();
    }
  }

  /** A node on port {@code port} and data directory {@code data}, indexing into a test database. */
  private static TesseraConfig config(int port, Path data) {
    // DIMSE on a free port too, so that nodes of parallel builds never collide on 11112
    return config(port, data, new DimseOptions(0, TesseraConfig.DEFAULTS.dimse().aeTitle()),
        TestDatabase.newDatabaseUrl());
  }

  private static TesseraConfig config(int port, Path data, DimseOptions dimse, String url) {
    TesseraConfig c = TesseraConfig.DEFAULTS;
    c = new TesseraConfig(data, new HttpOptions(port), dimse, c.storage(),
        c.database().withUrl(url), c.ingest(), c.query());
    return ConfigLoader.resolvePaths(c, data.getParent());
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
