package org.tessera.dimse.internal.service;

import org.tessera.dimse.message.Command;

/**
 * One request as a service sees it.
 *
 * <p>Data sets are not part of it yet: slice 2 (C-STORE) adds a {@code ReadStream<Buffer>} of
 * the data set fragments here, fed by {@code internal.ul.MessageAssembler} PDV by PDV with the
 * socket paused and resumed for back-pressure, so that a data set streams to the blob store
 * without being buffered.
 *
 * @param association the association's log name, {@code CALLING->CALLED(n)}
 * @param callingAeTitle the peer's AE title
 * @param calledAeTitle the AE title it called (selects the archive)
 * @param contextId the presentation context the request arrived on
 * @param abstractSyntax that context's abstract syntax (SOP class)
 * @param transferSyntax that context's transfer syntax (of the data set, if any)
 * @param command the command set
 */
public record DimseRequest(
    String association, String callingAeTitle, String calledAeTitle, int contextId,
    String abstractSyntax, String transferSyntax, Command command) {
}
