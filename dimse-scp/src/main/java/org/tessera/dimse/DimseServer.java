package org.tessera.dimse;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.dicom.dict.UidDictionary;
import org.tessera.dimse.internal.service.ServiceRegistry;
import org.tessera.dimse.internal.ul.Acceptor;

/**
 * The DIMSE port of a node: a NetServer on which every connection runs the acceptor side of the
 * DICOM Upper Layer (PS3.8) and the services of the registry. This slice serves Verification
 * (C-ECHO) only.
 */
public final class DimseServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DimseServer.class);

  private final DimseOptions options;
  private volatile NetServer server;
  private volatile Acceptor acceptor;

  public DimseServer(DimseOptions options) {
    this.options = options;
  }

  @Override
  public Future<?> start() {
    // the UID dictionary (which transfer syntaxes are standard) loads from the class path:
    // do it on a worker, not on the first association's event loop
    return vertx.executeBlocking(UidDictionary::standard)
        .compose(loaded -> {
          acceptor = new Acceptor(vertx, options, ServiceRegistry.defaults());
          return vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true))
              .connectHandler(acceptor::accept)
              .listen(options.port());
        })
        .onSuccess(listening -> {
          server = listening;
          LOG.debug("DIMSE {} listening on port {}", options.aeTitle(), listening.actualPort());
        })
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot listen on DICOM port " + options.port() + ": " + e.getMessage(), e)));
  }

  @Override
  public Future<?> stop() {
    NetServer s = server;
    return s == null ? Future.succeededFuture() : s.close();
  }

  /** The port actually bound (resolves port 0); valid once {@link #start()} has succeeded. */
  public int actualPort() {
    return server.actualPort();
  }

  /** Associations currently open (negotiating or established). */
  public int activeAssociations() {
    Acceptor a = acceptor;
    return a == null ? 0 : a.active();
  }
}
