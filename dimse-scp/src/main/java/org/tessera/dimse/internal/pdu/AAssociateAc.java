package org.tessera.dimse.internal.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-AC (PS3.8 9.3.3). The AE title fields are reserved in the AC but shall carry the
 * values received in the RQ, so they are kept.
 *
 * @param protocolVersion the protocol-version bit field
 * @param calledAeTitle the called AE title as received in the RQ
 * @param callingAeTitle the calling AE title as received in the RQ
 * @param applicationContext the application context name
 * @param presentationContexts the result for each proposed context
 * @param userInformation the acceptor's user information
 */
public record AAssociateAc(
    int protocolVersion, String calledAeTitle, String callingAeTitle, String applicationContext,
    List<PresentationContextAc> presentationContexts, UserInformation userInformation)
    implements Pdu {

  public AAssociateAc {
    presentationContexts = List.copyOf(presentationContexts);
  }

  @Override
  public int type() {
    return A_ASSOCIATE_AC;
  }
}
