package org.tessera.dimse.internal.pdu;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over one complete PDU. Every read checks what remains first, so a
 * length field that lies ends in a {@link PduException} naming the field, never in an index
 * error or a large allocation.
 */
final class PduReader {
  private final Buffer bytes;
  private final String pduName;
  private int position;
  private int limit;

  PduReader(Buffer bytes, String pduName) {
    this.bytes = bytes;
    this.pduName = pduName;
    this.limit = bytes.length();
  }

  int position() {
    return position;
  }

  int remaining() {
    return limit - position;
  }

  /** Restricts reads to the next {@code length} bytes; returns the previous limit. */
  int narrow(int length, String what) throws PduException {
    require(length, what);
    int previous = limit;
    limit = position + length;
    return previous;
  }

  void restore(int previousLimit) {
    position = limit;
    limit = previousLimit;
  }

  int u8(String what) throws PduException {
    require(1, what);
    return bytes.getUnsignedByte(position++);
  }

  int u16(String what) throws PduException {
    require(2, what);
    int v = bytes.getUnsignedShort(position);
    position += 2;
    return v;
  }

  long u32(String what) throws PduException {
    require(4, what);
    long v = bytes.getUnsignedInt(position);
    position += 4;
    return v;
  }

  void skip(int n, String what) throws PduException {
    require(n, what);
    position += n;
  }

  /** A slice (no copy) of the next {@code n} bytes. */
  Buffer slice(int n, String what) throws PduException {
    require(n, what);
    Buffer s = bytes.slice(position, position + n);
    position += n;
    return s;
  }

  /** ASCII text with leading and trailing spaces and trailing NUL padding removed. */
  String text(int n, String what) throws PduException {
    require(n, what);
    String s = bytes.getString(position, position + n, StandardCharsets.US_ASCII.name());
    position += n;
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    int start = 0;
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    return s.substring(start, end);
  }

  PduException malformed(int reason, String message) {
    // positions count from the first byte of the PDU header
    return new PduException(reason, pduName + " at byte " + (position + PduDecoder.HEADER_LENGTH)
        + ": " + message);
  }

  private void require(int n, String what) throws PduException {
    if (n < 0 || n > limit - position) {
      throw malformed(AAbort.INVALID_PDU_PARAMETER_VALUE,
          what + " needs " + n + " bytes but only " + (limit - position) + " remain");
    }
  }
}
