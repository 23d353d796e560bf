package org.tessera.dimse.internal.pdu;

/**
 * Bytes that are not a valid PDU. Carries the A-ABORT reason (PS3.8 Table 9-26) the association
 * answers with; the message says what was wrong and where. Expected with hostile or broken
 * peers, so it has no stack trace.
 */
public final class PduException extends Exception {
  private final int abortReason;

  public PduException(int abortReason, String message) {
    super(message, null, false, false);
    this.abortReason = abortReason;
  }

  /** One of the {@code AAbort} reason constants. */
  public int abortReason() {
    return abortReason;
  }
}
