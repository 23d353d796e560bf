package org.tessera.dimse.internal.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.tessera.dimse.internal.pdu.UserInformation.ExtendedNegotiation;
import org.tessera.dimse.internal.pdu.UserInformation.RawItem;
import org.tessera.dimse.internal.pdu.UserInformation.RoleSelection;

/** Encodes PDUs (PS3.8 9.3) into buffers ready to write to the socket. */
public final class PduEncoder {
  private static final byte[] THIRTY_TWO_ZEROS = new byte[32];
  /** Below this many bytes data is copied rather than sliced: fewer pieces for the kernel. */
  private static final int SLICE_FROM = 64 * 1024;

  private PduEncoder() {
  }

  public static Buffer encode(Pdu pdu) {
    Buffer out = Buffer.buffer(pdu instanceof PDataTf p ? pDataLength(p) : 256);
    out.appendByte((byte) pdu.type()).appendByte((byte) 0).appendInt(0);
    if (pdu instanceof AAssociateRq rq) {
      fixed(out, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
      uidItem(out, AssociateDecoder.APPLICATION_CONTEXT, rq.applicationContext());
      rq.presentationContexts().forEach(pc -> presentationContextRq(out, pc));
      userInformation(out, rq.userInformation());
    } else if (pdu instanceof AAssociateAc ac) {
      fixed(out, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
      uidItem(out, AssociateDecoder.APPLICATION_CONTEXT, ac.applicationContext());
      ac.presentationContexts().forEach(pc -> presentationContextAc(out, pc));
      userInformation(out, ac.userInformation());
    } else if (pdu instanceof AAssociateRj rj) {
      out.appendByte((byte) 0).appendByte((byte) rj.result()).appendByte((byte) rj.source())
          .appendByte((byte) rj.reason());
    } else if (pdu instanceof PDataTf p) {
      p.pdvs().forEach(pdv -> out.appendInt(pdv.data().length() + 2)
          .appendByte((byte) pdv.contextId()).appendByte((byte) pdv.messageControlHeader())
          .appendBuffer(pdv.data()));
    } else if (pdu instanceof AAbort a) {
      out.appendShort((short) 0).appendByte((byte) a.source()).appendByte((byte) a.reason());
    } else {
      out.appendInt(0); // A-RELEASE-RQ and -RP: 4 reserved bytes
    }
    out.setInt(2, out.length() - PduDecoder.HEADER_LENGTH);
    return out;
  }

  /**
   * {@code data} as P-DATA-TF PDUs of one PDV of at most {@code fragmentLength} bytes each, after
   * {@code before} (PDUs encoded already, or null): one direct buffer, one write to the socket.
   * A large direct {@code data} (a stored file's data set) is not copied: the PDU headers and
   * slices of it make up a composite buffer; other data is copied once, into the buffer the
   * socket writes from.
   *
   * @param before taken over: released with the result
   * @param data not taken over: the result holds references of its own
   * @param last whether {@code data} ends its command or data set: its last PDV is then flagged
   *     last (PS3.8 E.2)
   * @return a buffer for the socket to write and release
   */
  public static ByteBuf pData(ByteBuf before, int contextId, boolean command, ByteBuf data,
      int fragmentLength, boolean last) {
    int length = data.readableBytes();
    int fragments = Math.max(1, (length + fragmentLength - 1) / fragmentLength);
    int headerLength = PduDecoder.HEADER_LENGTH + Pdv.HEADER_LENGTH;
    ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    if (!data.isDirect() || length < SLICE_FROM) {
      int beforeLength = before == null ? 0 : before.readableBytes();
      ByteBuf out = alloc.directBuffer(beforeLength + fragments * headerLength + length);
      if (before != null) {
        out.writeBytes(before);
        before.release();
      }
      for (int i = 0, start = 0; i < fragments; i++, start += fragmentLength) {
        int n = Math.min(fragmentLength, length - start);
        pDataHeader(out, contextId, command, last && i == fragments - 1, n);
        out.writeBytes(data, data.readerIndex() + start, n);
      }
      return out;
    }
    ByteBuf headers = alloc.directBuffer(fragments * headerLength);
    CompositeByteBuf out = alloc.compositeDirectBuffer(2 * fragments + 1);
    if (before != null) {
      out.addComponent(true, before);
    }
    for (int i = 0, start = 0; i < fragments; i++, start += fragmentLength) {
      int n = Math.min(fragmentLength, length - start);
      pDataHeader(headers, contextId, command, last && i == fragments - 1, n);
      out.addComponent(true, headers.retainedSlice(i * headerLength, headerLength));
      out.addComponent(true, data.retainedSlice(data.readerIndex() + start, n));
    }
    headers.release(); // the slices hold it now
    return out;
  }

  /** The header of a P-DATA-TF PDU of one PDV of {@code length} bytes, and the PDV's. */
  private static void pDataHeader(ByteBuf out, int contextId, boolean command, boolean last,
      int length) {
    out.writeByte(Pdu.P_DATA_TF).writeByte(0).writeInt(Pdv.HEADER_LENGTH + length)
        .writeInt(length + 2).writeByte(contextId).writeByte((command ? 1 : 0) | (last ? 2 : 0));
  }

  private static int pDataLength(PDataTf p) {
    int length = PduDecoder.HEADER_LENGTH;
    for (Pdv pdv : p.pdvs()) {
      length += Pdv.HEADER_LENGTH + pdv.data().length();
    }
    return length;
  }

  private static void fixed(Buffer out, int version, String called, String calling) {
    out.appendUnsignedShort(version).appendShort((short) 0);
    out.appendBytes(aeTitle(called)).appendBytes(aeTitle(calling)).appendBytes(THIRTY_TWO_ZEROS);
  }

  /** PS3.8 9.3.2: 16 characters, padded with spaces. */
  private static byte[] aeTitle(String title) {
    byte[] field = "                ".getBytes(StandardCharsets.US_ASCII);
    byte[] text = title.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, field, 0, Math.min(text.length, field.length));
    return field;
  }

  private static void presentationContextRq(Buffer out, PresentationContextRq pc) {
    int start = beginItem(out, AssociateDecoder.PRESENTATION_CONTEXT_RQ);
    out.appendByte((byte) pc.id()).appendByte((byte) 0).appendShort((short) 0);
    uidItem(out, AssociateDecoder.ABSTRACT_SYNTAX, pc.abstractSyntax());
    pc.transferSyntaxes().forEach(ts -> uidItem(out, AssociateDecoder.TRANSFER_SYNTAX, ts));
    endItem(out, start);
  }

  private static void presentationContextAc(Buffer out, PresentationContextAc pc) {
    int start = beginItem(out, AssociateDecoder.PRESENTATION_CONTEXT_AC);
    out.appendByte((byte) pc.id()).appendByte((byte) 0).appendByte((byte) pc.result())
        .appendByte((byte) 0);
    uidItem(out, AssociateDecoder.TRANSFER_SYNTAX, pc.transferSyntax());
    endItem(out, start);
  }

  private static void userInformation(Buffer out, UserInformation ui) {
    int start = beginItem(out, AssociateDecoder.USER_INFORMATION);
    int maxLength = beginItem(out, UserInformation.MAXIMUM_LENGTH);
    out.appendUnsignedInt(ui.maxLength());
    endItem(out, maxLength);
    if (ui.implementationClassUid() != null) {
      uidItem(out, UserInformation.IMPLEMENTATION_CLASS_UID, ui.implementationClassUid());
    }
    if (ui.asyncOpsWindow() != null) {
      int window = beginItem(out, UserInformation.ASYNC_OPS_WINDOW);
      out.appendUnsignedShort(ui.asyncOpsWindow().maxOperationsInvoked())
          .appendUnsignedShort(ui.asyncOpsWindow().maxOperationsPerformed());
      endItem(out, window);
    }
    for (RoleSelection role : ui.roleSelections()) {
      int item = beginItem(out, UserInformation.ROLE_SELECTION);
      byte[] uid = role.sopClassUid().getBytes(StandardCharsets.US_ASCII);
      out.appendUnsignedShort(uid.length).appendBytes(uid)
          .appendByte((byte) role.scuRole()).appendByte((byte) role.scpRole());
      endItem(out, item);
    }
    if (ui.implementationVersionName() != null) {
      uidItem(out, UserInformation.IMPLEMENTATION_VERSION_NAME, ui.implementationVersionName());
    }
    for (ExtendedNegotiation ext : ui.extendedNegotiations()) {
      int item = beginItem(out, UserInformation.SOP_CLASS_EXTENDED_NEGOTIATION);
      byte[] uid = ext.sopClassUid().getBytes(StandardCharsets.US_ASCII);
      out.appendUnsignedShort(uid.length).appendBytes(uid).appendBuffer(ext.info());
      endItem(out, item);
    }
    for (RawItem raw : ui.otherItems()) {
      int item = beginItem(out, raw.type());
      out.appendBuffer(raw.value());
      endItem(out, item);
    }
    endItem(out, start);
  }

  /** An item whose value is one UID or name, unpadded (PS3.8 9.3.2.1). */
  private static void uidItem(Buffer out, int type, String value) {
    int start = beginItem(out, type);
    out.appendString(value, StandardCharsets.US_ASCII.name());
    endItem(out, start);
  }

  /** Writes type, reserved and a length placeholder; returns where the value starts. */
  private static int beginItem(Buffer out, int type) {
    out.appendByte((byte) type).appendByte((byte) 0).appendShort((short) 0);
    return out.length();
  }

  private static void endItem(Buffer out, int valueStart) {
    out.setUnsignedShort(valueStart - 2, out.length() - valueStart);
  }
}
