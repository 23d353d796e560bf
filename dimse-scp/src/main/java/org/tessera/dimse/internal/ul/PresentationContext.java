package org.tessera.dimse.internal.ul;

/**
 * An accepted presentation context: what PDVs with this ID carry.
 *
 * @param id the presentation context ID
 * @param abstractSyntax the SOP class
 * @param transferSyntax the transfer syntax of data sets on this context
 */
public record PresentationContext(int id, String abstractSyntax, String transferSyntax) {
}
