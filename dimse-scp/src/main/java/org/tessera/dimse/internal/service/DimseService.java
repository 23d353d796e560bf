package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import java.util.Set;

/**
 * A DIMSE service class provider for some SOP classes. Called on the association's event loop:
 * implementations must not block, and hand blocking work to archive-core services, which
 * return futures.
 */
public interface DimseService {

  /** The SOP Class UIDs served; each becomes an abstract syntax the acceptor accepts. */
  Set<String> sopClasses();

  /**
   * Answers one request whose command set has arrived.
   *
   * @return the final response; a failed future becomes a response with status
   *     {@code PROCESSING_FAILURE} and the failure's message as Error Comment
   */
  Future<DimseResponse> onRequest(DimseRequest request);
}
