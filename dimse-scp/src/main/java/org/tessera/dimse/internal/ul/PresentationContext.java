package org.tessera.dimse.internal.ul;

/**
 * An accepted presentation context: what PDVs with this ID carry.
 *
 * @param id the presentation context ID
 * @param abstractSyntax the SOP class
 * @param transferSyntax the transfer syntax of data sets on this context
 * @param peerIsScp whether the peer performs operations on this context, so that this side may
 *     send requests on it: always for the requestor's side; for the acceptor's, only where SCP/SCU
 *     role selection gave the requestor the SCP role (PS3.7 D.3.3.4; C-GET's C-STORE
 *     sub-operations, PS3.4 C.4.3.3)
 */
public record PresentationContext(int id, String abstractSyntax, String transferSyntax,
    boolean peerIsScp) {

  /** A context on which the requestor is SCU and the acceptor SCP (the default roles). */
  public PresentationContext(int id, String abstractSyntax, String transferSyntax) {
    this(id, abstractSyntax, transferSyntax, false);
  }
}
