package org.tessera.dimse.message;

/**
 * DIMSE command field values (PS3.7 9.3 and 10.3, Table E.1-1). A response's field is its
 * request's with bit 15 set.
 */
public enum Dimse {
  C_STORE_RQ(0x0001), C_STORE_RSP(0x8001),
  C_GET_RQ(0x0010), C_GET_RSP(0x8010),
  C_FIND_RQ(0x0020), C_FIND_RSP(0x8020),
  C_MOVE_RQ(0x0021), C_MOVE_RSP(0x8021),
  C_ECHO_RQ(0x0030), C_ECHO_RSP(0x8030),
  N_EVENT_REPORT_RQ(0x0100), N_EVENT_REPORT_RSP(0x8100),
  N_GET_RQ(0x0110), N_GET_RSP(0x8110),
  N_SET_RQ(0x0120), N_SET_RSP(0x8120),
  N_ACTION_RQ(0x0130), N_ACTION_RSP(0x8130),
  N_CREATE_RQ(0x0140), N_CREATE_RSP(0x8140),
  N_DELETE_RQ(0x0150), N_DELETE_RSP(0x8150),
  C_CANCEL_RQ(0x0FFF);

  private static final int RESPONSE_BIT = 0x8000;

  private final int commandField;

  Dimse(int commandField) {
    this.commandField = commandField;
  }

  /** The value of Command Field (0000,0100). */
  public int commandField() {
    return commandField;
  }

  public boolean isRequest() {
    return (commandField & RESPONSE_BIT) == 0;
  }

  /** The response to this request; itself for a response and for C-CANCEL-RQ, which has none. */
  public Dimse response() {
    Dimse rsp = this == C_CANCEL_RQ ? null : of(commandField | RESPONSE_BIT);
    return rsp == null ? this : rsp;
  }

  /** The command with that field value, or null if PS3.7 defines none. */
  public static Dimse of(int commandField) {
    for (Dimse d : values()) {
      if (d.commandField == commandField) {
        return d;
      }
    }
    return null;
  }

  /** The standard's spelling: "C-ECHO-RQ". */
  @Override
  public String toString() {
    return name().replace('_', '-');
  }
}
