package org.tessera.dimse.internal.ul;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessera.dimse.DimseOptions;
import org.tessera.dimse.internal.service.ServiceRegistry;

/**
 * What the associations of one DIMSE server share: options, negotiation, services and the
 * count of open associations. {@link #accept} is the NetServer's connect handler.
 */
public final class Acceptor {
  private final Vertx vertx;
  private final DimseOptions options;
  private final Negotiation negotiation;
  private final ServiceRegistry services;
  private final AtomicInteger serials = new AtomicInteger();
  /** Atomic because server instances on several event loops may share one acceptor. */
  private final AtomicInteger active = new AtomicInteger();

  public Acceptor(Vertx vertx, DimseOptions options, ServiceRegistry services) {
    this.vertx = vertx;
    this.options = options;
    this.services = services;
    this.negotiation = new Negotiation(options, services);
  }

  /** Runs the acceptor side of the Upper Layer protocol on a new connection. */
  public void accept(NetSocket socket) {
    new Association(this, socket, serials.incrementAndGet()).start();
  }

  /** Associations that have sent an A-ASSOCIATE-RQ and are not closed yet. */
  public int active() {
    return active.get();
  }

  /** Counts one more association, unless that exceeds the limit. */
  boolean reserve() {
    if (active.incrementAndGet() > options.maxAssociations()) {
      active.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    active.decrementAndGet();
  }

  Vertx vertx() {
    return vertx;
  }

  DimseOptions options() {
    return options;
  }

  Negotiation negotiation() {
    return negotiation;
  }

  ServiceRegistry services() {
    return services;
  }
}
