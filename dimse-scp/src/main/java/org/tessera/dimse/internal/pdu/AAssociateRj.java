package org.tessera.dimse.internal.pdu;

/**
 * A-ASSOCIATE-RJ (PS3.8 9.3.4, Table 9-21): result, source and reason.
 *
 * @param result {@link #REJECTED_PERMANENT} or {@link #REJECTED_TRANSIENT}
 * @param source who rejects: {@link #SOURCE_SERVICE_USER}, {@link #SOURCE_SERVICE_PROVIDER_ACSE}
 *     or {@link #SOURCE_SERVICE_PROVIDER_PRESENTATION}
 * @param reason the reason, whose meaning depends on the source
 */
public record AAssociateRj(int result, int source, int reason) implements Pdu {
  public static final int REJECTED_PERMANENT = 1;
  public static final int REJECTED_TRANSIENT = 2;

  public static final int SOURCE_SERVICE_USER = 1;
  public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
  public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

  /** Source 1 reasons. */
  public static final int NO_REASON_GIVEN = 1;
  public static final int APPLICATION_CONTEXT_NAME_NOT_SUPPORTED = 2;
  public static final int CALLING_AE_TITLE_NOT_RECOGNIZED = 3;
  public static final int CALLED_AE_TITLE_NOT_RECOGNIZED = 7;
  /** Source 2 reason 2. */
  public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 2;
  /** Source 3 reasons. */
  public static final int TEMPORARY_CONGESTION = 1;
  public static final int LOCAL_LIMIT_EXCEEDED = 2;

  @Override
  public int type() {
    return A_ASSOCIATE_RJ;
  }

  /** The reason in the standard's words, e.g. "called-AE-title-not-recognized". */
  public String describe() {
    String why = switch (source * 16 + reason) {
      case 0x11, 0x21 -> "no-reason-given";
      case 0x12 -> "application-context-name-not-supported";
      case 0x13 -> "calling-AE-title-not-recognized";
      case 0x17 -> "called-AE-title-not-recognized";
      case 0x22 -> "protocol-version-not-supported";
      case 0x31 -> "temporary-congestion";
      case 0x32 -> "local-limit-exceeded";
      default -> "reason " + reason;
    };
    return (result == REJECTED_TRANSIENT ? "rejected-transient " : "rejected-permanent ")
        + why + " (source " + source + ", reason " + reason + ")";
  }
}
