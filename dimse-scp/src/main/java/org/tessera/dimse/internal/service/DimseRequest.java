package org.tessera.dimse.internal.service;

import org.tessera.dimse.internal.ul.DatasetStream;
import org.tessera.dimse.message.Command;

/**
 * One request as a service sees it, as soon as its command set has arrived: the data set, if
 * any, is still arriving and streams from {@link #dataset()} with back-pressure on the peer.
 *
 * @param association the association's log name, {@code CALLING->CALLED(n)}
 * @param callingAeTitle the peer's AE title
 * @param calledAeTitle the AE title it called
 * @param archive the name of the archive that AE title selects: the one the request stores
 *     into, queries and retrieves from
 * @param contextId the presentation context the request arrived on
 * @param abstractSyntax that context's abstract syntax (SOP class)
 * @param transferSyntax that context's transfer syntax (of the data set, if any)
 * @param command the command set
 * @param dataset the data set in {@code transferSyntax}, or null if the command has none; the
 *     response is sent once it has ended, whether or not the service read it
 * @param replies pending responses and cancellation
 */
public record DimseRequest(
    String association, String callingAeTitle, String calledAeTitle, String archive, int contextId,
    String abstractSyntax, String transferSyntax, Command command, DatasetStream dataset,
    Replies replies) {
}
