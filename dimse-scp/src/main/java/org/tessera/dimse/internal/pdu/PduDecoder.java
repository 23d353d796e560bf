package org.tessera.dimse.internal.pdu;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a byte stream into PDUs, however the stream is split: {@link #feed} takes chunks of
 * any size and hands each complete PDU to the handler (PS3.8 9.3.1: a 6-byte header of type,
 * reserved byte and 32-bit length, then that many bytes).
 *
 * <p>The header is checked as soon as it has arrived, before waiting for the body: a PDU longer
 * than this side accepts is refused at once. A body that arrived whole within one chunk is
 * decoded from that chunk without a copy; a body spread over chunks is gathered once into a
 * buffer of its own, sized at the announced length for P-DATA-TF (at most the maximum we
 * advertised) and grown as bytes arrive for the others, so a claimed length costs no more than
 * that. After a {@link PduException} the stream is out of step and the decoder must not be fed
 * again; the association aborts.
 */
public final class PduDecoder {
  public static final int HEADER_LENGTH = 6;
  /**
   * Limit for PDUs other than P-DATA-TF, which the negotiated maximum length does not cover
   * (PS3.8 D.1). An A-ASSOCIATE-RQ with all 128 presentation contexts of a busy modality and
   * a dozen transfer syntaxes each stays far below it.
   */
  public static final int MAX_ASSOCIATE_LENGTH = 1 << 20;
  private static final int FIXED_LENGTH = 4;
  /** First capacity of a body other than P-DATA-TF's that spans chunks. */
  private static final int GROWN_BODY = 16 * 1024;

  private final long maxPDataLength;
  private final Consumer<Pdu> handler;
  /** The first bytes of a header that a chunk ended in. */
  private final byte[] header = new byte[HEADER_LENGTH];
  private int headerBytes;
  /** The body of the PDU being gathered across chunks, or null. */
  private Buffer body;
  private int bodyType;
  private int bodyLength;

  /**
   * @param maxPDataLength the maximum length we advertise (PS3.8 D.1): the longest P-DATA-TF
   *     variable field accepted
   * @param handler receives each PDU, on the thread that calls {@link #feed}
   */
  public PduDecoder(long maxPDataLength, Consumer<Pdu> handler) {
    this.maxPDataLength = maxPDataLength;
    this.handler = handler;
  }

  /**
   * Decodes every PDU that {@code chunk} completes. The PDUs may hold slices of {@code chunk}: it
   * must not be modified afterwards.
   */
  public void feed(Buffer chunk) throws PduException {
    int pos = 0;
    while (pos < chunk.length()) {
      if (body == null) {
        int type;
        long length;
        if (headerBytes == 0 && chunk.length() - pos >= HEADER_LENGTH) {
          type = chunk.getUnsignedByte(pos);
          length = chunk.getUnsignedInt(pos + 2);
          pos += HEADER_LENGTH;
        } else {
          int n = Math.min(HEADER_LENGTH - headerBytes, chunk.length() - pos);
          chunk.getBytes(pos, pos + n, header, headerBytes);
          headerBytes += n;
          pos += n;
          if (headerBytes < HEADER_LENGTH) {
            return;
          }
          headerBytes = 0;
          type = header[0] & 0xFF;
          length = ByteBuffer.wrap(header).getInt(2) & 0xFFFFFFFFL;
        }
        checkLength(type, length);
        if (chunk.length() - pos >= length) {
          handler.accept(decode(type, chunk.slice(pos, pos + (int) length)));
          pos += (int) length;
          continue;
        }
        bodyType = type;
        bodyLength = (int) length;
        body = Buffer.buffer(type == Pdu.P_DATA_TF ? bodyLength
            : Math.min(bodyLength, GROWN_BODY));
      }
      int n = Math.min(bodyLength - body.length(), chunk.length() - pos);
      body.appendBuffer(chunk, pos, n);
      pos += n;
      if (body.length() == bodyLength) {
        Buffer complete = body;
        body = null;
        handler.accept(decode(bodyType, complete));
      }
    }
  }

  /** Bytes held for a PDU not yet complete. */
  public int buffered() {
    return headerBytes + (body == null ? 0 : HEADER_LENGTH + body.length());
  }

  private void checkLength(int type, long length) throws PduException {
    long max = switch (type) {
      case Pdu.P_DATA_TF -> maxPDataLength == 0 ? Integer.MAX_VALUE - HEADER_LENGTH : maxPDataLength;
      case Pdu.A_ASSOCIATE_RQ, Pdu.A_ASSOCIATE_AC -> MAX_ASSOCIATE_LENGTH;
      case Pdu.A_ASSOCIATE_RJ, Pdu.A_RELEASE_RQ, Pdu.A_RELEASE_RP, Pdu.A_ABORT -> FIXED_LENGTH;
      default -> throw new PduException(AAbort.UNRECOGNIZED_PDU,
          String.format("unrecognized PDU type %02XH (PS3.8 9.3.1 defines 01H to 07H)", type));
    };
    if (length > max || (max == FIXED_LENGTH && length != FIXED_LENGTH)) {
      throw new PduException(AAbort.INVALID_PDU_PARAMETER_VALUE, Pdu.name(type) + " announces "
          + length + " bytes, " + (max == FIXED_LENGTH ? "but it has exactly 4" : "more than the "
          + max + " this side accepts"));
    }
  }

  private static Pdu decode(int type, Buffer body) throws PduException {
    PduReader in = new PduReader(body, Pdu.name(type));
    return switch (type) {
      case Pdu.A_ASSOCIATE_RQ -> AssociateDecoder.request(in);
      case Pdu.A_ASSOCIATE_AC -> AssociateDecoder.accept(in);
      case Pdu.A_ASSOCIATE_RJ -> {
        in.skip(1, "reserved");
        yield new AAssociateRj(in.u8("result"), in.u8("source"), in.u8("reason"));
      }
      case Pdu.P_DATA_TF -> pData(in);
      case Pdu.A_RELEASE_RQ -> AReleaseRq.INSTANCE;
      case Pdu.A_RELEASE_RP -> AReleaseRp.INSTANCE;
      default -> {
        in.skip(2, "reserved");
        yield new AAbort(in.u8("source"), in.u8("reason"));
      }
    };
  }

  /** PS3.8 9.3.5: PDV items, each a 4-byte length, context ID, control header and data. */
  private static PDataTf pData(PduReader in) throws PduException {
    List<Pdv> pdvs = new ArrayList<>();
    while (in.remaining() > 0) {
      long length = in.u32("PDV item length");
      if (length < 2 || length > in.remaining()) {
        throw in.malformed(AAbort.INVALID_PDU_PARAMETER_VALUE, "PDV item length " + length
            + " is not between 2 and the " + in.remaining() + " bytes left in the PDU");
      }
      int contextId = in.u8("presentation context ID");
      int header = in.u8("message control header");
      if ((header & ~3) != 0) {
        throw in.malformed(AAbort.INVALID_PDU_PARAMETER_VALUE,
            String.format("message control header %02XH has bits other than 0 and 1 set", header));
      }
      Buffer data = in.slice((int) length - 2, "PDV data");
      pdvs.add(new Pdv(contextId, (header & 1) != 0, (header & 2) != 0, data));
    }
    if (pdvs.isEmpty()) {
      throw in.malformed(AAbort.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without a PDV item");
    }
    return new PDataTf(pdvs);
  }
}
