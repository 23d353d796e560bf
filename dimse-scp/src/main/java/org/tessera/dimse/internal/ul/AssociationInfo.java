package org.tessera.dimse.internal.ul;

/**
 * Who an established association connects.
 *
 * @param name the log name, {@code CALLING->CALLED(n)} (STYLE 8)
 * @param callingAeTitle the requestor's AE title
 * @param calledAeTitle the AE title it called
 * @param archive the archive that AE title selected on the acceptor side; null on the requestor
 *     side, which serves no archive
 */
record AssociationInfo(String name, String callingAeTitle, String calledAeTitle, String archive) {
}
