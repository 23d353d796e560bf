package org.tessera.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Tessera: a Vert.x instance with the node's verticles deployed on it. {@link #start()}
 * and {@link #stop()} return futures and never block the calling thread.
 */
final class TesseraNode {

  private static final Logger LOG = LoggerFactory.getLogger(TesseraNode.class);

  private final RunCommand options;
  private final VertxOptions vertxOptions;
  private final AtomicReference<Vertx> vertx = new AtomicReference<>();
  private volatile int httpPort = -1;

  TesseraNode(RunCommand options, VertxOptions vertxOptions) {
    this.options = options;
    this.vertxOptions = new VertxOptions(vertxOptions);
  }

  /**
   * Creates the data directory, starts Vert.x and deploys the verticles. On failure everything
   * started so far is closed again and the future fails with a message meant for the operator.
   */
  Future<Void> start() {
    Vertx started = Vertx.vertx(vertxOptions);
    if (!vertx.compareAndSet(null, started)) {
      started.close();
      return Future.failedFuture(new IllegalStateException("node already started"));
    }
    String version = TesseraVersion.current();
    Path dataDir = options.dataDir().toAbsolutePath().normalize();
    LOG.info("Tessera {} starting, data directory {}", version, dataDir);
    HttpVerticle http = new HttpVerticle(options.httpPort(), version);
    // Contextless promise: the chain below runs on an event loop, and once a failed start has
    // closed Vert.x, no event loop is left to deliver a context-bound result.
    Promise<Void> result = Promise.promise();
    started.fileSystem().mkdirs(dataDir.toString())
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot create data directory " + dataDir + ": " + e.getMessage(), e)))
        .compose(v -> started.deployVerticle(http))
        .onSuccess(deploymentId -> {
          httpPort = http.actualPort();
          LOG.info("listening http={}", httpPort);
          LOG.info("Tessera {} is up", version);
          result.complete();
        })
        .onFailure(e -> stop().onComplete(closed -> result.fail(e)));
    return result.future();
  }

  /**
   * Closes Vert.x (undeploying every verticle, closing every server); does nothing if not
   * running. The returned future is not bound to any event loop, so it completes even when
   * {@code stop} is called from one.
   */
  Future<Void> stop() {
    Vertx running = vertx.getAndSet(null);
    if (running == null) {
      return Future.succeededFuture();
    }
    Promise<Void> closed = Promise.promise();
    running.close().onComplete(closed);
    return closed.future().onComplete(
        v -> LOG.info("Tessera stopped"),
        e -> LOG.warn("Tessera stopped with an error: {}", e.getMessage()));
  }

  /** The HTTP port bound, port 0 resolved; -1 before a successful start. */
  int httpPort() {
    return httpPort;
  }
}
