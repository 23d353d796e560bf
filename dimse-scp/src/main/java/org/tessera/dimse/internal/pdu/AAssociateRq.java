package org.tessera.dimse.internal.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-RQ (PS3.8 9.3.2).
 *
 * @param protocolVersion the protocol-version bit field; bit 0 set is version 1
 * @param calledAeTitle the called AE title, padding spaces removed
 * @param callingAeTitle the calling AE title, padding spaces removed
 * @param applicationContext the application context name (PS3.7 A.2.1)
 * @param presentationContexts the proposed presentation contexts, in PDU order
 * @param userInformation the user information item (PS3.8 9.3.2.3)
 */
public record AAssociateRq(
    int protocolVersion, String calledAeTitle, String callingAeTitle, String applicationContext,
    List<PresentationContextRq> presentationContexts, UserInformation userInformation)
    implements Pdu {

  /** PS3.7 A.2.1: the only application context name of DICOM. */
  public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
  public static final int PROTOCOL_VERSION_1 = 0x0001;

  public AAssociateRq {
    presentationContexts = List.copyOf(presentationContexts);
  }

  @Override
  public int type() {
    return A_ASSOCIATE_RQ;
  }
}
