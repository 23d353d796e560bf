package org.tessera.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The node's HTTP port. For now it answers the operations endpoint {@code GET /health} and
 * 404 for everything else; the API routes of the protocol modules mount here as they arrive.
 * Handlers only write constant bodies, so nothing here blocks the event loop.
 */
final class HttpVerticle extends VerticleBase {

  private static final String JSON = "application/json";
  private static final String NOT_FOUND = new JsonObject().put("error", "Not Found").encode();

  private final int port;
  private final String health;
  private volatile HttpServer server;

  /**
   * @param port    the port to listen on; 0 for any free port
   * @param version reported by {@code /health}
   */
  HttpVerticle(int port, String version) {
    this.port = port;
    this.health = new JsonObject().put("status", "UP").put("version", version).encode();
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
      respond(request, 200, health);
    } else {
      respond(request, 404, NOT_FOUND);
    }
  }

  private static void respond(HttpServerRequest request, int status, String json) {
    request.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(json);
  }
}
