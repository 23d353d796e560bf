package org.tessera.dimse.internal.pdu;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.tessera.dimse.internal.pdu.UserInformation.AsyncOpsWindow;
import org.tessera.dimse.internal.pdu.UserInformation.ExtendedNegotiation;
import org.tessera.dimse.internal.pdu.UserInformation.RawItem;
import org.tessera.dimse.internal.pdu.UserInformation.RoleSelection;

/**
 * The variable items of A-ASSOCIATE-RQ and -AC (PS3.8 9.3.2, 9.3.3): each item is a type byte,
 * a reserved byte, a 16-bit length and its value. Unknown items are skipped as PS3.8 9.3.1
 * asks; unknown user information sub-items are kept raw.
 */
final class AssociateDecoder {
  static final int APPLICATION_CONTEXT = 0x10;
  static final int PRESENTATION_CONTEXT_RQ = 0x20;
  static final int PRESENTATION_CONTEXT_AC = 0x21;
  static final int ABSTRACT_SYNTAX = 0x30;
  static final int TRANSFER_SYNTAX = 0x40;
  static final int USER_INFORMATION = 0x50;

  private AssociateDecoder() {
  }

  /** Fields common to RQ and AC, then the items. */
  private record Fixed(int version, String called, String calling) {
  }

  private record Items(String applicationContext, List<PresentationContextRq> rq,
      List<PresentationContextAc> ac, UserInformation userInformation) {
  }

  static AAssociateRq request(PduReader in) throws PduException {
    Fixed f = fixed(in);
    Items items = items(in);
    return new AAssociateRq(f.version, f.called, f.calling, items.applicationContext, items.rq,
        items.userInformation);
  }

  static AAssociateAc accept(PduReader in) throws PduException {
    Fixed f = fixed(in);
    Items items = items(in);
    return new AAssociateAc(f.version, f.called, f.calling, items.applicationContext, items.ac,
        items.userInformation);
  }

  private static Fixed fixed(PduReader in) throws PduException {
    int version = in.u16("protocol version");
    in.skip(2, "reserved");
    String called = in.text(16, "called AE title");
    String calling = in.text(16, "calling AE title");
    in.skip(32, "reserved");
    return new Fixed(version, called, calling);
  }

  private static Items items(PduReader in) throws PduException {
    String applicationContext = null;
    List<PresentationContextRq> rq = new ArrayList<>();
    List<PresentationContextAc> ac = new ArrayList<>();
    UserInformation userInformation = null;
    while (in.remaining() > 0) {
      int type = in.u8("item type");
      in.skip(1, "reserved");
      int length = in.u16("item length");
      int outer = in.narrow(length, String.format("item %02XH", type));
      switch (type) {
        case APPLICATION_CONTEXT -> applicationContext = in.text(length, "application context");
        case PRESENTATION_CONTEXT_RQ -> rq.add(presentationContextRq(in));
        case PRESENTATION_CONTEXT_AC -> ac.add(presentationContextAc(in));
        case USER_INFORMATION -> userInformation = userInformation(in);
        default -> { } // PS3.8 9.3.1: items of unknown type are ignored
      }
      in.restore(outer);
    }
    if (applicationContext == null) {
      throw in.malformed(AAbort.UNEXPECTED_PDU_PARAMETER, "no application context item (10H)");
    }
    if (userInformation == null) {
      throw in.malformed(AAbort.UNEXPECTED_PDU_PARAMETER, "no user information item (50H)");
    }
    return new Items(applicationContext, rq, ac, userInformation);
  }

  private static PresentationContextRq presentationContextRq(PduReader in) throws PduException {
    int id = in.u8("presentation context ID");
    in.skip(3, "reserved");
    String abstractSyntax = null;
    List<String> transferSyntaxes = new ArrayList<>();
    while (in.remaining() > 0) {
      int type = in.u8("sub-item type");
      in.skip(1, "reserved");
      int length = in.u16("sub-item length");
      String uid = in.text(length, String.format("sub-item %02XH", type));
      if (type == ABSTRACT_SYNTAX) {
        abstractSyntax = uid;
      } else if (type == TRANSFER_SYNTAX) {
        transferSyntaxes.add(uid);
      }
    }
    if (abstractSyntax == null) {
      throw in.malformed(AAbort.INVALID_PDU_PARAMETER_VALUE,
          "presentation context " + id + " has no abstract syntax sub-item (30H)");
    }
    return new PresentationContextRq(id, abstractSyntax, transferSyntaxes);
  }

  private static PresentationContextAc presentationContextAc(PduReader in) throws PduException {
    int id = in.u8("presentation context ID");
    in.skip(1, "reserved");
    int result = in.u8("result/reason");
    in.skip(1, "reserved");
    String transferSyntax = "";
    while (in.remaining() > 0) {
      int type = in.u8("sub-item type");
      in.skip(1, "reserved");
      int length = in.u16("sub-item length");
      String uid = in.text(length, String.format("sub-item %02XH", type));
      if (type == TRANSFER_SYNTAX) {
        transferSyntax = uid;
      }
    }
    return new PresentationContextAc(id, result, transferSyntax);
  }

  private static UserInformation userInformation(PduReader in) throws PduException {
    long maxLength = 0;
    String classUid = null;
    String versionName = null;
    AsyncOpsWindow window = null;
    List<RoleSelection> roles = new ArrayList<>();
    List<ExtendedNegotiation> extended = new ArrayList<>();
    List<RawItem> others = new ArrayList<>();
    while (in.remaining() > 0) {
      int type = in.u8("user information sub-item type");
      in.skip(1, "reserved");
      int length = in.u16("user information sub-item length");
      int outer = in.narrow(length, String.format("user information sub-item %02XH", type));
      switch (type) {
        case UserInformation.MAXIMUM_LENGTH -> maxLength = in.u32("maximum length received");
        case UserInformation.IMPLEMENTATION_CLASS_UID ->
            classUid = in.text(length, "implementation class UID");
        case UserInformation.IMPLEMENTATION_VERSION_NAME ->
            versionName = in.text(length, "implementation version name");
        case UserInformation.ASYNC_OPS_WINDOW -> window = new AsyncOpsWindow(
            in.u16("maximum number of operations invoked"),
            in.u16("maximum number of operations performed"));
        case UserInformation.ROLE_SELECTION -> roles.add(new RoleSelection(
            in.text(in.u16("SOP class UID length"), "SOP class UID"),
            in.u8("SCU role"), in.u8("SCP role")));
        case UserInformation.SOP_CLASS_EXTENDED_NEGOTIATION -> {
          String sopClass = in.text(in.u16("SOP class UID length"), "SOP class UID");
          extended.add(new ExtendedNegotiation(sopClass, copy(in.slice(in.remaining(), "info"))));
        }
        default -> others.add(new RawItem(type, copy(in.slice(length, "sub-item value"))));
      }
      in.restore(outer);
    }
    return new UserInformation(maxLength, classUid, versionName, window, roles, extended, others);
  }

  private static Buffer copy(Buffer slice) {
    return slice.copy();
  }
}
