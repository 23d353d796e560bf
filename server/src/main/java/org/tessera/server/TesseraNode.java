package org.tessera.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveServices;
import org.tessera.dimse.DimseServer;
import org.tessera.server.config.TesseraConfig;

/**
 * One running Tessera: Vert.x, the storage core, and the verticles serving it. {@link #start()}
 * and {@link #stop()} return futures and never block the calling thread.
 */
final class TesseraNode {

  private static final Logger LOG = LoggerFactory.getLogger(TesseraNode.class);

  private final TesseraConfig config;
  private final VertxOptions vertxOptions;
  private final AtomicReference<Vertx> vertx = new AtomicReference<>();
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private volatile StorageCore core;
  private volatile int httpPort = -1;
  private volatile int dicomPort = -1;

  /** @param config the effective configuration, its paths resolved against the data directory */
  TesseraNode(TesseraConfig config, VertxOptions vertxOptions) {
    this.config = config;
    this.vertxOptions = new VertxOptions(vertxOptions);
  }

  /**
   * Starts the storage core and the verticles. On failure everything started so far is closed
   * again and the future fails with a message meant for the operator.
   */
  Future<Void> start() {
    Vertx started = Vertx.vertx(vertxOptions);
    if (!vertx.compareAndSet(null, started)) {
      started.close();
      return Future.failedFuture(new IllegalStateException("node already started"));
    }
    String version = TesseraVersion.current();
    Path dataDir = config.data();
    LOG.info("Tessera {} starting, data directory {}", version, dataDir);
    // Contextless promise: the chain below runs on an event loop, and once a failed start has
    // closed Vert.x, no event loop is left to deliver a context-bound result.
    Promise<Void> result = Promise.promise();
    StorageCore.start(started, config, metrics)
        .compose(c -> {
          core = c;
          HttpVerticle http = new HttpVerticle(config.http().port(), version,
              () -> c.database().ping(), metrics);
          return started.deployVerticle(http).map(id -> http);
        })
        .compose(http -> {
          httpPort = http.actualPort();
          DimseServer dimse = new DimseServer(config.dimse(), core.services());
          return started.deployVerticle(dimse).map(id -> dimse);
        })
        .onSuccess(dimse -> {
          dicomPort = dimse.actualPort();
          // the launcher contract: tests and the bench harness parse exactly this line
          LOG.info("listening http={} dicom={}", httpPort, dicomPort);
          LOG.info("Tessera {} is up", version);
          result.complete();
        })
        .onFailure(e -> stop().onComplete(closed -> result.fail(e)));
    return result.future();
  }

  /**
   * Undeploys the verticles, closes the storage core (open index transactions roll back: an
   * ingest not yet acknowledged leaves nothing behind) and Vert.x; does nothing if not running.
   * The returned future is not bound to any event loop, so it completes even when {@code stop}
   * is called from one.
   */
  Future<Void> stop() {
    Vertx running = vertx.getAndSet(null);
    if (running == null) {
      return Future.succeededFuture();
    }
    StorageCore c = core;
    core = null;
    Promise<Void> closed = Promise.promise();
    Future<Void> undeployed = Future.all(running.deploymentIDs().stream()
        .map(running::undeploy).toList()).mapEmpty();
    undeployed.eventually(() -> c == null ? Future.succeededFuture() : c.close(running))
        .eventually(running::close)
        .onComplete(closed);
    return closed.future().onComplete(
        v -> LOG.info("Tessera stopped"),
        e -> LOG.warn("Tessera stopped with an error: {}", e.getMessage()));
  }

  /** The HTTP port bound, port 0 resolved; -1 before a successful start. */
  int httpPort() {
    return httpPort;
  }

  /** The DICOM (DIMSE) port bound, port 0 resolved; -1 before a successful start. */
  int dicomPort() {
    return dicomPort;
  }

  /** The archive services; null unless started. */
  ArchiveServices services() {
    StorageCore c = core;
    return c == null ? null : c.services();
  }
}
