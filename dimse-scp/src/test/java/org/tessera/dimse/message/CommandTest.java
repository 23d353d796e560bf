package org.tessera.dimse.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.tessera.dicom.data.Uid;

class CommandTest {

  /**
   * C-ECHO-RQ, Implicit VR Little Endian (PS3.7 9.3.5.1):
   * (0000,0000) UL 56; (0000,0002) UI 1.2.840.10008.1.1 + NUL pad; (0000,0100) US 0030H;
   * (0000,0110) US 1; (0000,0800) US 0101H.
   */
  static final String ECHO_RQ = "0000000004000000" + "38000000"
      + "0000020012000000" + "312e322e3834302e31303030382e312e3100"
      + "0000000102000000" + "3000"
      + "0000100102000000" + "0100"
      + "0000000802000000" + "0101";

  @Test
  void echoRqEncodesToGoldenBytes() {
    assertThat(HexFormat.of().formatHex(Command.echoRq(1, Uid.Verification).encode()))
        .isEqualTo(ECHO_RQ);
  }

  @Test
  void echoResponseAnswersEveryField() throws IOException {
    Command rq = Command.decode(HexFormat.of().parseHex(ECHO_RQ));
    Command rsp = Command.decode(Command.response(rq, Status.SUCCESS).encode());

    assertThat(rsp.dimse()).isEqualTo(Dimse.C_ECHO_RSP);
    assertThat(rsp.commandField()).isEqualTo(0x8030);
    assertThat(rsp.affectedSopClassUid()).isEqualTo(Uid.Verification);
    assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(1);
    assertThat(rsp.status()).isEqualTo(Status.SUCCESS);
    assertThat(rsp.hasDataset()).isFalse();
    assertThat(rsp.affectedSopInstanceUid()).isNull();
  }

  @Test
  void errorCommentIsCutTo64Characters() {
    Command rq = Command.echoRq(3, Uid.Verification);
    assertThat(Command.response(rq, Status.PROCESSING_FAILURE).withErrorComment("x".repeat(100))
        .errorComment()).hasSize(64);
  }

  @Test
  void aCommandSetWithoutCommandFieldIsRefused() {
    assertThatThrownBy(() -> Command.decode(HexFormat.of().parseHex("0000100102000000" + "0100")))
        .hasMessage("command set without Command Field (0000,0100)");
  }

  @Test
  void statusesAreClassifiedPerPs37AnnexC() {
    assertThat(Status.category(Status.SUCCESS)).isEqualTo(Status.Category.SUCCESS);
    assertThat(Status.category(Status.COERCION_OF_DATA_ELEMENTS)).isEqualTo(Status.Category.WARNING);
    assertThat(Status.category(Status.OUT_OF_RESOURCES)).isEqualTo(Status.Category.FAILURE);
    assertThat(Status.category(Status.SOP_CLASS_NOT_SUPPORTED)).isEqualTo(Status.Category.FAILURE);
    assertThat(Status.category(Status.PENDING)).isEqualTo(Status.Category.PENDING);
    assertThat(Status.category(Status.CANCEL)).isEqualTo(Status.Category.CANCEL);
    assertThat(Status.format(0x0122)).isEqualTo("0122H");
    assertThat(Dimse.C_ECHO_RQ.response()).isEqualTo(Dimse.C_ECHO_RSP);
    assertThat(Dimse.C_STORE_RQ).hasToString("C-STORE-RQ");
  }
}
