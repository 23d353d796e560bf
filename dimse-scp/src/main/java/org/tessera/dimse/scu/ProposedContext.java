package org.tessera.dimse.scu;

import java.util.List;

/**
 * A presentation context to propose (PS3.8 9.3.2.2).
 *
 * @param abstractSyntax the SOP class
 * @param transferSyntaxes the transfer syntaxes, preferred first
 */
public record ProposedContext(String abstractSyntax, List<String> transferSyntaxes) {

  public ProposedContext {
    transferSyntaxes = List.copyOf(transferSyntaxes);
    if (transferSyntaxes.isEmpty()) {
      throw new IllegalArgumentException("a presentation context needs a transfer syntax");
    }
  }

  public static ProposedContext of(String abstractSyntax, String... transferSyntaxes) {
    return new ProposedContext(abstractSyntax, List.of(transferSyntaxes));
  }
}
