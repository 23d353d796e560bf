package org.tessera.dimse.internal.pdu;

/**
 * The answer to one proposed presentation context (PS3.8 9.3.3.2, Table 9-18).
 *
 * @param id the proposed context's ID
 * @param result one of the result constants
 * @param transferSyntax the accepted transfer syntax; not significant unless accepted
 */
public record PresentationContextAc(int id, int result, String transferSyntax) {
  public static final int ACCEPTANCE = 0;
  public static final int USER_REJECTION = 1;
  public static final int NO_REASON = 2;
  public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
  public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

  public boolean accepted() {
    return result == ACCEPTANCE;
  }
}
