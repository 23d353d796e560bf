package org.tessera.dimse.internal.pdu;

/**
 * A-ABORT (PS3.8 9.3.8, Table 9-26).
 *
 * @param source {@link #SOURCE_SERVICE_USER} or {@link #SOURCE_SERVICE_PROVIDER}
 * @param reason for a provider abort, one of the reason constants; not significant otherwise
 */
public record AAbort(int source, int reason) implements Pdu {
  public static final int SOURCE_SERVICE_USER = 0;
  public static final int SOURCE_SERVICE_PROVIDER = 2;

  public static final int REASON_NOT_SPECIFIED = 0;
  public static final int UNRECOGNIZED_PDU = 1;
  public static final int UNEXPECTED_PDU = 2;
  public static final int UNRECOGNIZED_PDU_PARAMETER = 4;
  public static final int UNEXPECTED_PDU_PARAMETER = 5;
  public static final int INVALID_PDU_PARAMETER_VALUE = 6;

  @Override
  public int type() {
    return A_ABORT;
  }

  public String describe() {
    String why = switch (reason) {
      case UNRECOGNIZED_PDU -> "unrecognized-PDU";
      case UNEXPECTED_PDU -> "unexpected-PDU";
      case UNRECOGNIZED_PDU_PARAMETER -> "unrecognized-PDU-parameter";
      case UNEXPECTED_PDU_PARAMETER -> "unexpected-PDU-parameter";
      case INVALID_PDU_PARAMETER_VALUE -> "invalid-PDU-parameter-value";
      default -> "reason-not-specified";
    };
    return (source == SOURCE_SERVICE_USER ? "service-user " : "service-provider ") + why
        + " (source " + source + ", reason " + reason + ")";
  }
}
