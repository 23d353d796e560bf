package org.tessera.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * The node's HTTP port. For now it answers the operations endpoints {@code GET /health} (ready
 * only while the index database answers) and {@code GET /metrics} (Prometheus text format), and
 * 404 for everything else; the API routes of the protocol modules mount here as they arrive.
 */
final class HttpVerticle extends VerticleBase {

  private static final String JSON = "application/json";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final String NOT_FOUND = new JsonObject().put("error", "Not Found").encode();

  private final int port;
  private final String version;
  private final Supplier<Future<Void>> readiness;
  private final PrometheusMeterRegistry metrics;
  private volatile HttpServer server;

  /**
   * @param port the port to listen on; 0 for any free port
   * @param version reported by {@code /health}
   * @param readiness succeeds while the node can serve (its index answers)
   * @param metrics what {@code /metrics} exposes
   */
  HttpVerticle(int port, String version, Supplier<Future<Void>> readiness,
      PrometheusMeterRegistry metrics) {
    this.port = port;
    this.version = version;
    this.readiness = readiness;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
        .requestHandler(this::handle)
        .listen(port)
        .onSuccess(listening -> server = listening)
        .recover(e -> Future.failedFuture(
            new IllegalStateException("cannot listen on HTTP port " + port + ": " + e.getMessage(), e)));
  }

  /** The port actually bound (resolves port 0); valid once {@link #start()} has succeeded. */
  int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    if (request.method() == HttpMethod.GET && "/health".equals(request.path())) {
      readiness.get().onComplete(
          ok -> respond(request, 200, health("UP", null)),
          e -> respond(request, 503, health("DOWN", "index database: " + e.getMessage())));
    } else if (request.method() == HttpMethod.GET && "/metrics".equals(request.path())) {
      // scraping formats a few hundred meters: well under a millisecond
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS).end(metrics.scrape());
    } else {
      respond(request, 404, NOT_FOUND);
    }
  }

  private String health(String status, String reason) {
    JsonObject body = new JsonObject().put("status", status).put("version", version);
    return (reason == null ? body : body.put("reason", reason)).encode();
  }

  private static void respond(HttpServerRequest request, int status, String json) {
    request.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(json);
  }
}
