package org.tessera.dimse.internal.service;

import java.util.List;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;

/**
 * The final response of a C-MOVE or C-GET that failed before any sub-operation (PS3.4
 * C.4.2.1.5, C.4.3.1.4): A900 for an identifier that does not fit the model (with Offending
 * Element), A701 out of resources (an identifier over the limit, the archive unavailable),
 * C000 otherwise (an unreadable identifier among them).
 */
final class RetrieveFailures {
  private RetrieveFailures() {}

  static DimseResponse response(Command rq, Throwable e) {
    Command rsp;
    if (e instanceof RetrieveIdentifier.InvalidIdentifierException invalid) {
      rsp = Command.response(rq, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS)
          .withErrorComment(e.getMessage())
          .withOffendingElements(List.of(invalid.offendingTag));
    } else {
      ArchiveException a = ArchiveException.of(e);
      int status = a.problem() == Problem.UNAVAILABLE || a.problem() == Problem.OUT_OF_RESOURCES
          ? Status.OUT_OF_RESOURCES_UNABLE_TO_CALCULATE_MATCHES : Status.UNABLE_TO_PROCESS;
      rsp = Command.response(rq, status).withErrorComment(a.getMessage());
    }
    return DimseResponse.of(rsp);
  }
}
