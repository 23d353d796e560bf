package org.tessera.archive;

import java.util.List;
import java.util.Objects;

/**
 * A failure with a {@link Problem} and a message that speaks to the caller ("StudyInstanceUID
 * (0020,000D) is missing"). Expected failures carry no stack trace; internal ones keep their
 * cause.
 */
public final class ArchiveException extends RuntimeException {
  private final Problem problem;
  private final List<Integer> offendingTags;

  /** An expected failure: no stack trace, no cause. */
  public ArchiveException(Problem problem, String message, Integer... offendingTags) {
    super(message, null, false, false);
    this.problem = Objects.requireNonNull(problem);
    this.offendingTags = List.of(offendingTags);
  }

  /** An unexpected failure, keeping its cause and stack trace for the log. */
  public ArchiveException(Problem problem, String message, Throwable cause) {
    super(message, cause, false, true);
    this.problem = Objects.requireNonNull(problem);
    this.offendingTags = List.of();
  }

  public Problem problem() {
    return problem;
  }

  /** The tags the problem is about, if any (for DIMSE Offending Element, STOW failure detail). */
  public List<Integer> offendingTags() {
    return offendingTags;
  }

  /** {@code t} itself if it is an ArchiveException, else an INTERNAL one wrapping it. */
  public static ArchiveException of(Throwable t) {
    return t instanceof ArchiveException e ? e
        : new ArchiveException(Problem.INTERNAL,
            t.getMessage() != null ? t.getMessage() : t.toString(), t);
  }
}
