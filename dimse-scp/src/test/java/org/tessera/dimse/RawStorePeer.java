package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dimse.DimseServerIT.Peer;
import org.tessera.dimse.internal.pdu.AAssociateAc;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.AReleaseRp;
import org.tessera.dimse.internal.pdu.AReleaseRq;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.internal.pdu.PresentationContextAc;
import org.tessera.dimse.internal.pdu.PresentationContextRq;
import org.tessera.dimse.internal.pdu.UserInformation;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;

/**
 * A storage SCU that writes raw PDUs on a blocking socket, for what DCMTK will not do: send a
 * data set that is cut short, announce another instance than it sends, or vanish in the middle
 * of a data set. One presentation context, ID 1, for one SOP class in Explicit VR Little Endian.
 */
final class RawStorePeer implements AutoCloseable {
  /** The presentation context every message goes on. */
  static final int CONTEXT = 1;

  final Peer peer;
  private final int fragmentLength;

  private RawStorePeer(Peer peer, int fragmentLength) {
    this.peer = peer;
    this.fragmentLength = fragmentLength;
  }

  /**
   * Connects and negotiates {@code sopClass} in Explicit VR Little Endian, failing the test
   * unless the server accepts it. Data set PDVs are cut to the server's maximum length.
   */
  static RawStorePeer associate(int port, String calling, String called, String sopClass)
      throws Exception {
    Peer peer = new Peer(port);
    try {
      peer.send(new AAssociateRq(AAssociateRq.PROTOCOL_VERSION_1, called, calling,
          AAssociateRq.DICOM_APPLICATION_CONTEXT,
          List.of(new PresentationContextRq(CONTEXT, sopClass,
              List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()))),
          new UserInformation(0, "1.2.3", null, null, List.of(), List.of(), List.of())));
      AAssociateAc ac = (AAssociateAc) peer.receive();
      PresentationContextAc pc = ac.presentationContexts().get(0);
      assertThat(pc.result()).as("presentation context result").isZero();
      assertThat(pc.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
      int fragment = (int) (ac.userInformation().maxLength() - Pdv.HEADER_LENGTH);
      return new RawStorePeer(peer, fragment);
    } catch (Exception | AssertionError e) {
      peer.close();
      throw e;
    }
  }

  /** A C-STORE-RQ (PS3.7 9.3.1.1) with medium priority and a data set. */
  static Command storeRq(int messageId, String sopClass, String sopInstance) {
    Attributes a = requestWithDataset(Dimse.C_STORE_RQ, messageId, sopClass);
    a.setString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstance);
    return Command.of(a);
  }

  /** The command set of a request with medium priority and a data set (PS3.7 9.3). */
  static Attributes requestWithDataset(Dimse request, int messageId, String sopClass) {
    Attributes a = new Attributes();
    a.setString(Tag.AffectedSOPClassUID, VR.UI, sopClass);
    a.setInt(Tag.CommandField, VR.US, request.commandField());
    a.setInt(Tag.MessageID, VR.US, messageId);
    a.setInt(Tag.Priority, VR.US, 0);
    a.setInt(Tag.CommandDataSetType, VR.US, Command.DATASET_PRESENT);
    return a;
  }

  /** {@code ds} as a bare data set in Explicit VR Little Endian, as the context carries it. */
  static byte[] encode(Attributes ds) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new DicomWriter(out).writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Sends the command set in one PDV. */
  void send(Command command) throws IOException {
    peer.send(new PDataTf(List.of(new Pdv(CONTEXT, true, true, Buffer.buffer(command.encode())))));
  }

  /**
   * Sends {@code dataset[from, to)} as data set PDVs of at most the server's maximum length, one
   * per PDU; the last of them carries the last-fragment flag if {@code last}.
   */
  void sendDataset(byte[] dataset, int from, int to, boolean last) throws IOException {
    for (int start = from; start < to; start += fragmentLength) {
      int end = Math.min(to, start + fragmentLength);
      Buffer data = Buffer.buffer().appendBytes(dataset, start, end - start);
      peer.send(new PDataTf(List.of(new Pdv(CONTEXT, false, last && end == to, data))));
    }
  }

  /** Sends a whole C-STORE-RQ and returns its response. */
  Command store(Command rq, byte[] dataset) throws Exception {
    send(rq);
    sendDataset(dataset, 0, dataset.length, true);
    return peer.receiveCommand();
  }

  /** A-RELEASE-RQ, and the A-RELEASE-RP it must get (PS3.8 7.2). */
  void release() throws Exception {
    peer.send(AReleaseRq.INSTANCE);
    assertThat(peer.receive()).isEqualTo(AReleaseRp.INSTANCE);
  }

  @Override
  public void close() throws IOException {
    peer.close();
  }
}
