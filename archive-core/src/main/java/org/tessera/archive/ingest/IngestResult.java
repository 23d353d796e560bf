package org.tessera.archive.ingest;

import java.util.List;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;

/**
 * What happened to one instance. Rejections are results, not failed futures: the protocol maps
 * each to its own status (C-STORE status, STOW-RS FailureReason). A failed future means the
 * archive itself failed (index unreachable, disk error).
 *
 * @param instance what was stored; for a rejection, whatever could be read of it (UIDs may be
 *     null), or null if nothing could
 * @param problem why it was rejected, null otherwise
 * @param message for the caller: why it was rejected, or what a success should be told (a
 *     replacement), or null
 * @param offendingTags the attributes a rejection is about
 */
public record IngestResult(
    IngestOutcome outcome, IngestedInstance instance, Problem problem, String message,
    List<Integer> offendingTags) {

  public static IngestResult success(IngestOutcome outcome, IngestedInstance instance,
      String message) {
    return new IngestResult(outcome, instance, null, message, List.of());
  }

  public static IngestResult rejected(IngestedInstance instance, ArchiveException e) {
    return new IngestResult(IngestOutcome.REJECTED, instance, e.problem(), e.getMessage(),
        e.offendingTags());
  }
}
