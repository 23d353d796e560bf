package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import org.tessera.dicom.data.Attributes;
import org.tessera.dimse.internal.ul.Part10Header;
import org.tessera.dimse.message.Command;

/**
 * What a service may do on the association while it serves one request, besides its final
 * response: send pending responses (C-FIND matches, C-GET and C-MOVE progress) and learn of a
 * C-CANCEL-RQ for the request.
 */
public interface Replies {

  /**
   * Sends a pending response and its data set (null for none) in the request's transfer
   * syntax. Completes once written to the connection: waiting for it before producing the
   * next is the service's flow control.
   */
  Future<Void> pending(Command response, Attributes dataset);

  /** Whether the peer has cancelled the request (PS3.7 9.3.2.3, C-CANCEL-RQ). */
  boolean cancelled();

  /**
   * C-STORE of a stored Part 10 file, opened, to the peer on this association (a C-GET's
   * sub-operation, PS3.4 C.4.3.3), its data set as stored: on a context for the file's SOP
   * class and transfer syntax on which the peer took the SCP role.
   *
   * @return the C-STORE-RSP; fails if no such context was accepted or the association ended
   */
  Future<Command> store(Part10Header.Opened file);
}
