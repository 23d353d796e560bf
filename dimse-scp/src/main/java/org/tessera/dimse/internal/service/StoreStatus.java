package org.tessera.dimse.internal.service;

import java.util.List;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.ingest.IngestResult;
import org.tessera.dicom.data.Tag;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;

/**
 * The C-STORE-RSP for an ingest's result (PS3.4 B.2.3, PS3.7 9.1.1.1.9): success for a stored,
 * duplicate or replacing instance; otherwise the status of the storage service class that says
 * what was wrong, the archive's reason as Error Comment and, where the reason is about
 * attributes, Offending Element.
 */
final class StoreStatus {
  private StoreStatus() {}

  static Command response(Command rq, IngestResult result) {
    if (result.outcome().isSuccess()) {
      return Command.response(rq, Status.SUCCESS);
    }
    return failure(rq, status(result.problem(), result.offendingTags()), result.message(),
        result.offendingTags());
  }

  /** The archive itself failed (a failed future rather than a rejection). */
  static Command response(Command rq, Throwable failure) {
    ArchiveException e = ArchiveException.of(failure);
    return failure(rq, status(e.problem(), e.offendingTags()), e.getMessage(), e.offendingTags());
  }

  static int status(Problem problem, List<Integer> offendingTags) {
    return switch (problem) {
      case MISSING_ATTRIBUTE, INVALID_ATTRIBUTE, DATASET_MISMATCH ->
          Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS;
      case UNSUPPORTED_SOP_CLASS -> Status.SOP_CLASS_NOT_SUPPORTED;
      case CANNOT_UNDERSTAND, UNSUPPORTED_TRANSFER_SYNTAX, INVALID_REQUEST ->
          Status.CANNOT_UNDERSTAND;
      // refusals an SCU may retry later: a full disk, a stopping archive, an unreachable index
      case OUT_OF_RESOURCES, UNAVAILABLE, TIMEOUT -> Status.OUT_OF_RESOURCES;
      case UNAUTHENTICATED, FORBIDDEN -> Status.NOT_AUTHORIZED;
      case CONFLICT -> offendingTags.contains(Tag.SOPInstanceUID)
          ? Status.DUPLICATE_SOP_INSTANCE : Status.PROCESSING_FAILURE;
      case NOT_FOUND, STORAGE_FAILURE, CANCELLED, INTERNAL -> Status.PROCESSING_FAILURE;
    };
  }

  private static Command failure(Command rq, int status, String message,
      List<Integer> offendingTags) {
    Command rsp = Command.response(rq, status);
    if (message != null) {
      rsp = rsp.withErrorComment(message);
    }
    return offendingTags.isEmpty() ? rsp : rsp.withOffendingElements(offendingTags);
  }
}
