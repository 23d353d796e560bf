package org.tessera.dimse.internal.pdu;

import java.util.List;

/**
 * A proposed presentation context item (PS3.8 9.3.2.2).
 *
 * @param id the presentation context ID, odd from 1 to 255
 * @param abstractSyntax the abstract syntax (a SOP Class UID)
 * @param transferSyntaxes the proposed transfer syntaxes, in the proposer's order
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {

  public PresentationContextRq {
    transferSyntaxes = List.copyOf(transferSyntaxes);
  }
}
