package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.dicom.data.Attributes;
import org.tessera.dimse.internal.ul.DatasetStream;
import org.tessera.dimse.internal.ul.Identifiers;

/**
 * The identifier of a C-FIND, C-MOVE or C-GET request: read whole (it is small, and capped),
 * then parsed on a worker in the presentation context's transfer syntax.
 */
final class IdentifierReader {
  /** Identifiers hold keys and UID lists; a few thousand UIDs fit in far less. */
  static final int MAX_IDENTIFIER_LENGTH = 1 << 20;

  private IdentifierReader() {}

  /**
   * @return the identifier; fails with OUT_OF_RESOURCES beyond {@link #MAX_IDENTIFIER_LENGTH}
   *     (the rest is dropped), CANNOT_UNDERSTAND if it is not a data set, or the association's
   *     end (CANCELLED)
   */
  static Future<Attributes> read(Vertx vertx, DimseRequest request) {
    return request.dataset().collect(MAX_IDENTIFIER_LENGTH)
        .recover(e -> Future.failedFuture(e instanceof DatasetStream.DatasetTooLongException
            ? new ArchiveException(Problem.OUT_OF_RESOURCES,
                "Identifier longer than " + MAX_IDENTIFIER_LENGTH + " bytes")
            : e))
        .compose(bytes -> vertx.executeBlocking(() -> {
          try {
            return Identifiers.decode(bytes, request.transferSyntax());
          } catch (RuntimeException e) {
            String why = e instanceof UncheckedIOException u ? u.getCause().getMessage()
                : e.getMessage();
            throw new ArchiveException(Problem.CANNOT_UNDERSTAND, "Identifier unreadable: " + why);
          }
        }, false));
  }
}
