package org.tessera.archive.storage;

import java.io.IOException;
import org.tessera.archive.Problem;

/** What a failure of the blob store's file system means to a caller. */
public final class StorageProblems {
  private StorageProblems() {}

  /** OUT_OF_RESOURCES for a full disk or an exhausted quota, else STORAGE_FAILURE. */
  public static Problem of(Throwable failure) {
    return isDiskFull(failure) ? Problem.OUT_OF_RESOURCES : Problem.STORAGE_FAILURE;
  }

  /** ENOSPC and EDQUOT, as the JDK words them (Vert.x may wrap the IOException). */
  private static boolean isDiskFull(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (t instanceof IOException && message != null
          && (message.contains("No space left on device")
              || message.contains("Disk quota exceeded"))) {
        return true;
      }
    }
    return false;
  }
}
