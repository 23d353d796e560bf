package org.tessera.dimse.internal.pdu;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * The user information item (PS3.8 9.3.2.3, PS3.7 Annex D.3.3) with the sub-items this
 * acceptor interprets; others (common extended negotiation, user identity ...) are kept raw so
 * that they can be logged and re-encoded unchanged.
 *
 * @param maxLength maximum length received (PS3.8 D.1): the largest P-DATA-TF variable field
 *     the sender accepts; 0 means no limit
 * @param implementationClassUid implementation class UID (PS3.7 D.3.3.2); may be null
 * @param implementationVersionName implementation version name; null when absent
 * @param asyncOpsWindow asynchronous operations window (PS3.7 D.3.3.3); null when absent
 * @param roleSelections SCP/SCU role selection items (PS3.7 D.3.3.4)
 * @param extendedNegotiations SOP class extended negotiation items (PS3.7 D.3.3.5)
 * @param otherItems every other sub-item, in PDU order
 */
public record UserInformation(
    long maxLength, String implementationClassUid, String implementationVersionName,
    AsyncOpsWindow asyncOpsWindow, List<RoleSelection> roleSelections,
    List<ExtendedNegotiation> extendedNegotiations, List<RawItem> otherItems) {

  public static final int MAXIMUM_LENGTH = 0x51;
  public static final int IMPLEMENTATION_CLASS_UID = 0x52;
  public static final int ASYNC_OPS_WINDOW = 0x53;
  public static final int ROLE_SELECTION = 0x54;
  public static final int IMPLEMENTATION_VERSION_NAME = 0x55;
  public static final int SOP_CLASS_EXTENDED_NEGOTIATION = 0x56;

  public UserInformation {
    roleSelections = List.copyOf(roleSelections);
    extendedNegotiations = List.copyOf(extendedNegotiations);
    otherItems = List.copyOf(otherItems);
  }

  /**
   * @param maxOperationsInvoked how many operations the sender may invoke without waiting
   * @param maxOperationsPerformed how many operations it may perform without waiting
   */
  public record AsyncOpsWindow(int maxOperationsInvoked, int maxOperationsPerformed) {
  }

  /** @param sopClassUid the SOP class; {@code scuRole}/{@code scpRole}: 1 proposes/accepts it */
  public record RoleSelection(String sopClassUid, int scuRole, int scpRole) {
  }

  /** @param info the service-class application information, uninterpreted */
  public record ExtendedNegotiation(String sopClassUid, Buffer info) {
  }

  /** A sub-item this implementation does not interpret: its type byte and value. */
  public record RawItem(int type, Buffer value) {
  }
}
