package org.tessera.dimse.internal.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tessera.dimse.internal.pdu.UserInformation.AsyncOpsWindow;
import org.tessera.dimse.internal.pdu.UserInformation.ExtendedNegotiation;
import org.tessera.dimse.internal.pdu.UserInformation.RawItem;
import org.tessera.dimse.internal.pdu.UserInformation.RoleSelection;

class PduCodecTest {

  /**
   * A-ASSOCIATE-RQ as DCMTK 3.6.7 {@code echoscu -aet ECHOSCU -aec TESSERA} sends it, captured
   * with a socket listener:
   * protocol version 1; called "TESSERA"; calling "ECHOSCU";
   * application context 1.2.840.10008.3.1.1.1;
   * presentation context 1 (DCMTK sets a reserved byte to FFH): abstract syntax
   * 1.2.840.10008.1.1 (Verification), transfer syntax 1.2.840.10008.1.2 (Implicit VR LE);
   * user information: maximum length 16384, implementation class UID
   * 1.2.276.0.7230010.3.0.3.6.7, implementation version name OFFIS_DCMTK_367.
   */
  static final String ECHOSCU_RQ = "0100000000cd0001000054455353455241202020202020202020"
      + "4543484f534355202020202020202020"
      + "0000000000000000000000000000000000000000000000000000000000000000"
      + "10000015312e322e3834302e31303030382e332e312e312e31"
      + "2000002e0100ff0030000011312e322e3834302e31303030382e312e31"
      + "40000011312e322e3834302e31303030382e312e32"
      + "5000003a5100000400004000"
      + "5200001b312e322e3237362e302e373233303031302e332e302e332e362e37"
      + "5500000f4f464649535f44434d544b5f333637";

  /**
   * P-DATA-TF with two PDVs: context 1, command, not last, bytes 01 02; context 1, command and
   * last, bytes 03.
   */
  static final String P_DATA = "04000000000f" + "00000004" + "0101" + "0102"
      + "00000003" + "0103" + "03";

  /** A-ASSOCIATE-RJ: result 1 (permanent), source 1 (service user), reason 7 (called AE). */
  static final String RJ_CALLED_AE = "030000000004" + "00010107";

  /** A-ABORT: source 2 (service provider), reason 6 (invalid PDU parameter value). */
  static final String ABORT = "070000000004" + "00000206";

  static final String RELEASE_RQ = "050000000004" + "00000000";
  static final String RELEASE_RP = "060000000004" + "00000000";

  enum Split { WHOLE, ONE_BYTE_AT_A_TIME, RANDOM }

  @ParameterizedTest
  @EnumSource(Split.class)
  void decodesEchoscuAssociateRqHoweverSplit(Split split) throws PduException {
    List<Pdu> pdus = decode(split, ECHOSCU_RQ);

    assertThat(pdus).hasSize(1);
    AAssociateRq rq = (AAssociateRq) pdus.get(0);
    assertThat(rq.protocolVersion()).isEqualTo(1);
    assertThat(rq.calledAeTitle()).isEqualTo("TESSERA");
    assertThat(rq.callingAeTitle()).isEqualTo("ECHOSCU");
    assertThat(rq.applicationContext()).isEqualTo("1.2.840.10008.3.1.1.1");
    assertThat(rq.presentationContexts()).containsExactly(
        new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")));
    UserInformation ui = rq.userInformation();
    assertThat(ui.maxLength()).isEqualTo(16384);
    assertThat(ui.implementationClassUid()).isEqualTo("1.2.276.0.7230010.3.0.3.6.7");
    assertThat(ui.implementationVersionName()).isEqualTo("OFFIS_DCMTK_367");
    assertThat(ui.asyncOpsWindow()).isNull();
    assertThat(ui.roleSelections()).isEmpty();
    assertThat(ui.otherItems()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Split.class)
  void decodesSeveralPdusInOneStreamHoweverSplit(Split split) throws PduException {
    List<Pdu> pdus = decode(split, P_DATA + RJ_CALLED_AE + ABORT + RELEASE_RQ + RELEASE_RP);

    assertThat(pdus).hasSize(5);
    PDataTf pData = (PDataTf) pdus.get(0);
    assertThat(pData.pdvs()).containsExactly(
        new Pdv(1, true, false, Buffer.buffer(new byte[] {1, 2})),
        new Pdv(1, true, true, Buffer.buffer(new byte[] {3})));
    assertThat(pdus.subList(1, 5)).containsExactly(new AAssociateRj(1, 1, 7), new AAbort(2, 6),
        AReleaseRq.INSTANCE, AReleaseRp.INSTANCE);
  }

  @Test
  void encodesGoldenBytes() throws PduException {
    for (String golden : List.of(P_DATA, RJ_CALLED_AE, ABORT, RELEASE_RQ, RELEASE_RP)) {
      Pdu pdu = decode(Split.WHOLE, golden).get(0);
      assertThat(hex(PduEncoder.encode(pdu))).as(pdu.toString()).isEqualTo(golden);
    }
    // identical but for the reserved byte DCMTK sets to FFH, which we send as 00H
    Pdu rq = decode(Split.WHOLE, ECHOSCU_RQ).get(0);
    assertThat(hex(PduEncoder.encode(rq))).isEqualTo(ECHOSCU_RQ.replace("0100ff00", "01000000"));
  }

  /**
   * A-ASSOCIATE-AC: version 1; called TESSERA, calling ECHOSCU (echoed); application context;
   * context 1 accepted with Explicit VR LE; context 3 rejected (3, abstract syntax); user
   * information: maximum length 262144, class UID 1.2.3, async window 1/1, role selection for
   * 1.2.840.10008.1.1 (SCU 0, SCP 1), version name TEST, extended negotiation for 1.2 with info
   * 01, and a raw user identity sub-item 59H with value 0000.
   */
  @Test
  void associateAcRoundTripsEveryUserInformationSubItem() throws PduException {
    UserInformation ui = new UserInformation(262144, "1.2.3", "TEST", new AsyncOpsWindow(1, 1),
        List.of(new RoleSelection("1.2.840.10008.1.1", 0, 1)),
        List.of(new ExtendedNegotiation("1.2", Buffer.buffer(new byte[] {1}))),
        List.of(new RawItem(0x59, Buffer.buffer(new byte[] {0, 0}))));
    AAssociateAc ac = new AAssociateAc(1, "TESSERA", "ECHOSCU", "1.2.840.10008.3.1.1.1",
        List.of(new PresentationContextAc(1, 0, "1.2.840.10008.1.2.1"),
            new PresentationContextAc(3, 3, "1.2.840.10008.1.2")), ui);

    Buffer bytes = PduEncoder.encode(ac);

    assertThat(hex(bytes)).startsWith("02000000").contains(
        "2100001b" + "01000000" + "40000013" + hex("1.2.840.10008.1.2.1"),
        "5300000400010001",
        "54000015" + "0011" + hex("1.2.840.10008.1.1") + "0001",
        "56000006" + "0003" + hex("1.2") + "01",
        "590000020000");
    for (Split split : Split.values()) {
      assertThat(decode(split, hex(bytes))).containsExactly(ac);
    }
  }

  @Test
  void refusesAnAbsurdLengthBeforeItsBodyArrives() {
    List<Pdu> pdus = new ArrayList<>();
    PduDecoder decoder = new PduDecoder(16384, pdus::add);

    // P-DATA-TF announcing 2 GB, with only its header sent
    assertThatThrownBy(() -> decoder.feed(Buffer.buffer(HexFormat.of().parseHex("04007ffffff0"))))
        .isInstanceOf(PduException.class)
        .hasMessage("P-DATA-TF announces 2147483632 bytes, more than the 16384 this side accepts")
        .extracting(e -> ((PduException) e).abortReason())
        .isEqualTo(AAbort.INVALID_PDU_PARAMETER_VALUE);
    assertThat(decoder.buffered()).as("no room made for the body").isZero();
    assertThat(pdus).isEmpty();
  }

  @Test
  void refusesAnUnknownPduType() {
    PduDecoder decoder = new PduDecoder(16384, pdu -> { });
    assertThatThrownBy(() -> decoder.feed(Buffer.buffer("GET / HTTP/1.1\r\n")))
        .isInstanceOf(PduException.class)
        .hasMessageContaining("unrecognized PDU type 47H")
        .extracting(e -> ((PduException) e).abortReason()).isEqualTo(AAbort.UNRECOGNIZED_PDU);
  }

  @Test
  void refusesAnItemLongerThanItsPdu() {
    // the presentation context item claims 2EH bytes; make it claim FFH instead
    String lying = ECHOSCU_RQ.replace("00002e0100ff", "0000ff0100ff");
    assertThatThrownBy(() -> decode(Split.WHOLE, lying))
        .isInstanceOf(PduException.class)
        .hasMessage("A-ASSOCIATE-RQ at byte 103: item 20H needs 255 bytes but only 108 remain");
  }

  @Test
  void refusesAPdvLongerThanItsPdu() {
    String lying = "040000000008" + "00000009" + "0103" + "0102";
    assertThatThrownBy(() -> decode(Split.WHOLE, lying))
        .isInstanceOf(PduException.class)
        .hasMessage("P-DATA-TF at byte 10: PDV item length 9 is not between 2 and the 4 bytes"
            + " left in the PDU");
  }

  @Test
  void refusesAReleaseRqOfTheWrongLength() {
    assertThatThrownBy(() -> decode(Split.WHOLE, "05000000000500000000" + "00"))
        .isInstanceOf(PduException.class)
        .hasMessage("A-RELEASE-RQ announces 5 bytes, but it has exactly 4");
  }

  @Test
  void aRandomSplitKeepsPdvDataIntact() throws PduException {
    byte[] data = new byte[50_000];
    new Random(7).nextBytes(data);
    PDataTf big = new PDataTf(List.of(new Pdv(5, false, true, Buffer.buffer(data))));
    List<Pdu> pdus = decode(Split.RANDOM, hex(PduEncoder.encode(big)) + RELEASE_RQ);
    assertThat(pdus).containsExactly(big, AReleaseRq.INSTANCE);
  }

  static List<Pdu> decode(Split split, String hex) throws PduException {
    byte[] bytes = HexFormat.of().parseHex(hex);
    List<Pdu> pdus = new ArrayList<>();
    PduDecoder decoder = new PduDecoder(1 << 20, pdus::add);
    Random random = new Random(hex.hashCode());
    int i = 0;
    while (i < bytes.length) {
      int n = switch (split) {
        case WHOLE -> bytes.length;
        case ONE_BYTE_AT_A_TIME -> 1;
        case RANDOM -> 1 + random.nextInt(Math.min(bytes.length - i, 97));
      };
      n = Math.min(n, bytes.length - i);
      decoder.feed(Buffer.buffer().appendBytes(bytes, i, n));
      i += n;
    }
    assertThat(decoder.buffered()).isZero();
    return pdus;
  }

  static String hex(Buffer b) {
    return HexFormat.of().formatHex(b.getBytes());
  }

  static String hex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
