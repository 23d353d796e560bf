package org.tessera.archive.ingest;

/** What an ingest did. */
public enum IngestOutcome {
  /** A new instance was stored and indexed. */
  STORED,
  /** The same bytes were already stored: nothing changed, and that is a success. */
  DUPLICATE,
  /** Different bytes with a stored SOP Instance UID replaced the stored instance. */
  REPLACED,
  /** Nothing was stored; {@link IngestResult#problem()} and the message say why. */
  REJECTED;

  public boolean isSuccess() {
    return this != REJECTED;
  }
}
