package org.tessera.dimse.internal.service;

import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;

/**
 * The final C-FIND-RSP of a request that failed (PS3.4 C.4.1.1.4, PS3.7 9.1.2.1.6): the status
 * of the Query/Retrieve service class that says what was wrong, the reason as Error Comment and,
 * where the reason is about keys, Offending Element.
 *
 * <p>Failed: Unable to process leaves its low twelve bits to the SCP; ours say where it failed:
 *
 * <ul>
 *   <li>{@link #QUERY_FAILED} C000H: the archive could not run the query (an index error);
 *   <li>{@link #IDENTIFIER_UNREADABLE} C001H: no identifier, or not a data set in the presentation
 *       context's transfer syntax.
 * </ul>
 */
final class FindStatus {
  static final int QUERY_FAILED = Status.UNABLE_TO_PROCESS;
  static final int IDENTIFIER_UNREADABLE = Status.UNABLE_TO_PROCESS | 0x001;

  private FindStatus() {}

  static Command response(Command rq, ArchiveException e) {
    Command rsp = Command.response(rq, status(e.problem()));
    if (e.getMessage() != null) {
      rsp = rsp.withErrorComment(e.getMessage());
    }
    return e.offendingTags().isEmpty() ? rsp : rsp.withOffendingElements(e.offendingTags());
  }

  static int status(Problem problem) {
    return switch (problem) {
      // keys the model has not at that level, a missing Unique Key, a malformed value
      case MISSING_ATTRIBUTE, INVALID_ATTRIBUTE, DATASET_MISMATCH, INVALID_REQUEST ->
          Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS;
      // refusals an SCU may retry later, and an identifier above our limit
      case OUT_OF_RESOURCES, UNAVAILABLE, TIMEOUT -> Status.OUT_OF_RESOURCES;
      case CANNOT_UNDERSTAND, UNSUPPORTED_TRANSFER_SYNTAX -> IDENTIFIER_UNREADABLE;
      // PS3.7 C.5: general statuses every DIMSE service may answer
      case UNAUTHENTICATED, FORBIDDEN -> Status.NOT_AUTHORIZED;
      case UNSUPPORTED_SOP_CLASS -> Status.SOP_CLASS_NOT_SUPPORTED;
      case NOT_FOUND, CONFLICT, STORAGE_FAILURE, CANCELLED, INTERNAL -> QUERY_FAILED;
    };
  }
}
