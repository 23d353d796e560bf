package org.tessera.dimse.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.ReadOptions;

/**
 * The command set of one DIMSE message (PS3.7 6.3, 9.3): group 0000 elements, always encoded in
 * Implicit VR Little Endian whatever the presentation context's transfer syntax.
 *
 * <p>Command sets are a few hundred bytes and arrive whole in memory (the association caps
 * their size), so encoding and decoding them on an event loop costs microseconds: the "no
 * DICOM parsing on the event loop" rule is about data sets and files.
 */
public final class Command {
  /** PS3.7 E.1: Command Data Set Type value meaning "no data set"; any other means one follows. */
  public static final int NO_DATASET = 0x0101;
  /** Command Data Set Type for a message that has a data set (any value but 0101H will do). */
  public static final int DATASET_PRESENT = 0x0000;

  private final Attributes attributes;

  private Command(Attributes attributes) {
    this.attributes = attributes;
  }

  /** A command set from its elements; Command Group Length is computed when encoded. */
  public static Command of(Attributes attributes) {
    return new Command(new Attributes(attributes));
  }

  /** A C-ECHO-RQ (PS3.7 9.3.5.1). */
  public static Command echoRq(int messageId, String sopClassUid) {
    Attributes a = new Attributes();
    a.setString(Tag.AffectedSOPClassUID, VR.UI, sopClassUid);
    a.setInt(Tag.CommandField, VR.US, Dimse.C_ECHO_RQ.commandField());
    a.setInt(Tag.MessageID, VR.US, messageId);
    a.setInt(Tag.CommandDataSetType, VR.US, NO_DATASET);
    return new Command(a);
  }

  /** A C-STORE-RQ (PS3.7 9.3.1.1) with medium priority; its data set follows. */
  public static Command storeRq(int messageId, String sopClassUid, String sopInstanceUid) {
    Attributes a = request(Dimse.C_STORE_RQ, messageId, sopClassUid);
    a.setInt(Tag.Priority, VR.US, 0);
    a.setInt(Tag.CommandDataSetType, VR.US, DATASET_PRESENT);
    a.setString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
    return new Command(a);
  }

  /** A C-FIND-RQ (PS3.7 9.3.2.1) with medium priority; its identifier follows. */
  public static Command findRq(int messageId, String sopClassUid) {
    Attributes a = request(Dimse.C_FIND_RQ, messageId, sopClassUid);
    a.setInt(Tag.Priority, VR.US, 0);
    a.setInt(Tag.CommandDataSetType, VR.US, DATASET_PRESENT);
    return new Command(a);
  }

  private static Attributes request(Dimse dimse, int messageId, String sopClassUid) {
    Attributes a = new Attributes();
    a.setString(Tag.AffectedSOPClassUID, VR.UI, sopClassUid);
    a.setInt(Tag.CommandField, VR.US, dimse.commandField());
    a.setInt(Tag.MessageID, VR.US, messageId);
    return a;
  }

  /**
   * The response to {@code request} without a data set (PS3.7 9.3: response field, Affected SOP
   * Class and Instance UIDs copied, Message ID Being Responded To, Status).
   */
  public static Command response(Command request, int status) {
    Attributes a = new Attributes();
    copyString(request, a, Tag.AffectedSOPClassUID);
    a.setInt(Tag.CommandField, VR.US, request.commandField() | 0x8000);
    a.setInt(Tag.MessageIDBeingRespondedTo, VR.US, request.messageId());
    a.setInt(Tag.CommandDataSetType, VR.US, NO_DATASET);
    a.setInt(Tag.Status, VR.US, status);
    copyString(request, a, Tag.AffectedSOPInstanceUID);
    return new Command(a);
  }

  /** This command with Command Data Set Type (0000,0800) saying whether a data set follows. */
  public Command withDataset(boolean present) {
    if (hasDataset() == present && attributes.contains(Tag.CommandDataSetType)) {
      return this;
    }
    Attributes a = new Attributes(attributes);
    a.setInt(Tag.CommandDataSetType, VR.US, present ? DATASET_PRESENT : NO_DATASET);
    return new Command(a);
  }

  /**
   * This response with the sub-operation counters of C-MOVE and C-GET (PS3.7 9.3.3.2,
   * 9.3.4.2); Number of Remaining Sub-operations is left out if {@code remaining} is negative.
   */
  public Command withSubOperationCounts(int remaining, int completed, int failed, int warning) {
    Attributes a = new Attributes(attributes);
    if (remaining >= 0) {
      a.setInt(Tag.NumberOfRemainingSuboperations, VR.US, remaining);
    }
    a.setInt(Tag.NumberOfCompletedSuboperations, VR.US, completed);
    a.setInt(Tag.NumberOfFailedSuboperations, VR.US, failed);
    a.setInt(Tag.NumberOfWarningSuboperations, VR.US, warning);
    return new Command(a);
  }

  /** This C-STORE-RQ as a sub-operation of a C-MOVE (PS3.7 9.3.1.1): who asked, in which message. */
  public Command withMoveOriginator(String aeTitle, int messageId) {
    Attributes a = new Attributes(attributes);
    a.setString(Tag.MoveOriginatorApplicationEntityTitle, VR.AE, aeTitle);
    a.setInt(Tag.MoveOriginatorMessageID, VR.US, messageId);
    return new Command(a);
  }

  /** Move Destination (0000,0600) of a C-MOVE-RQ. */
  public String moveDestination() {
    return attributes.getString(Tag.MoveDestination);
  }

  /** A sub-operation counter of a C-MOVE or C-GET response, or -1 if absent. */
  public int count(int tag) {
    return attributes.getInt(tag, -1);
  }

  /** This command with Error Comment (0000,0902) set, cut to its 64-character limit (VR LO). */
  public Command withErrorComment(String comment) {
    Attributes a = new Attributes(attributes);
    a.setString(Tag.ErrorComment, VR.LO, comment.length() > 64 ? comment.substring(0, 64) : comment);
    return new Command(a);
  }

  /** This command with Offending Element (0000,0901): the attributes a failure is about. */
  public Command withOffendingElements(java.util.List<Integer> tags) {
    Attributes a = new Attributes(attributes);
    a.setInt(Tag.OffendingElement, VR.AT, tags.stream().mapToInt(Integer::intValue).toArray());
    return new Command(a);
  }

  /** Offending Element (0000,0901) values, empty if absent. */
  public int[] offendingElements() {
    return attributes.getInts(Tag.OffendingElement);
  }

  private static void copyString(Command from, Attributes to, int tag) {
    String value = from.attributes.getString(tag);
    if (value != null) {
      to.setString(tag, VR.UI, value);
    }
  }

  /**
   * Decodes a command set.
   *
   * @throws IOException if the bytes are not a well-formed Implicit VR Little Endian group
   *     0000, or Command Field (0000,0100) is missing
   */
  public static Command decode(byte[] bytes) throws IOException {
    Attributes a;
    try (DicomReader reader = DicomReader.forDataset(new ByteArrayInputStream(bytes),
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULTS)) {
      a = reader.readDataset();
    }
    if (!a.containsValue(Tag.CommandField)) {
      throw new IOException("command set without Command Field (0000,0100)");
    }
    for (int i = 0; i < a.size(); i++) {
      if ((a.tagAt(i) >>> 16) != 0) {
        throw new IOException(String.format("command set holds element (%04X,%04X), not of group 0000",
            a.tagAt(i) >>> 16, a.tagAt(i) & 0xFFFF));
      }
    }
    a.remove(Tag.CommandGroupLength);
    return new Command(a);
  }

  /** Implicit VR Little Endian, led by Command Group Length (0000,0000) (PS3.7 E.1). */
  public byte[] encode() {
    ByteArrayOutputStream elements = new ByteArrayOutputStream(256);
    try {
      new DicomWriter(elements).writeDataset(attributes, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    int length = elements.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 12);
    // tag (0000,0000), value length 4, then the UL value, all little endian
    out.writeBytes(new byte[] {0, 0, 0, 0, 4, 0, 0, 0,
        (byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) (length >> 24)});
    out.writeBytes(elements.toByteArray());
    return out.toByteArray();
  }

  public int commandField() {
    return attributes.getInt(Tag.CommandField, -1);
  }

  /** The command, or null for a field value PS3.7 does not define. */
  public Dimse dimse() {
    return Dimse.of(commandField());
  }

  public int messageId() {
    return attributes.getInt(Tag.MessageID, -1);
  }

  public int messageIdBeingRespondedTo() {
    return attributes.getInt(Tag.MessageIDBeingRespondedTo, -1);
  }

  public String affectedSopClassUid() {
    return attributes.getString(Tag.AffectedSOPClassUID);
  }

  public String affectedSopInstanceUid() {
    return attributes.getString(Tag.AffectedSOPInstanceUID);
  }

  /** Status (0000,0900), or -1 in a request. */
  public int status() {
    return attributes.getInt(Tag.Status, -1);
  }

  public String errorComment() {
    return attributes.getString(Tag.ErrorComment);
  }

  /** PS3.7 E.1: a data set follows unless Command Data Set Type is 0101H. */
  public boolean hasDataset() {
    return attributes.getInt(Tag.CommandDataSetType, NO_DATASET) != NO_DATASET;
  }

  /** A copy of the elements, without Command Group Length. */
  public Attributes attributes() {
    return new Attributes(attributes);
  }

  @Override
  public String toString() {
    return String.valueOf(dimse() != null ? dimse() : "command " + commandField())
        + " " + attributes;
  }
}
