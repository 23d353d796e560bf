package org.tessera.dimse.internal.pdu;

import io.vertx.core.buffer.Buffer;

/**
 * One presentation data value item (PS3.8 9.3.5.1) with its message control header (PS3.8 E.2):
 * bit 0 set means a command fragment (else data set), bit 1 set means the last fragment.
 *
 * @param contextId the presentation context ID (odd, 1 to 255)
 * @param command whether it carries command set bytes rather than data set bytes
 * @param last whether it is the last fragment of its command set or data set
 * @param data the fragment; a slice of the received PDU, not to be modified
 */
public record Pdv(int contextId, boolean command, boolean last, Buffer data) {

  /** The 6 bytes before the data: item length (4), context ID and message control header. */
  public static final int HEADER_LENGTH = 6;

  int messageControlHeader() {
    return (command ? 1 : 0) | (last ? 2 : 0);
  }
}
