package org.tessera.dicom.io;

import java.util.Arrays;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;

/**
 * The preamble and File Meta Information group (0002,xxxx) of a Part 10 file (PS3.10 7.1).
 * Group length (0002,0000) is not kept: the writer computes it.
 */
public final class FileMetaInformation {
  /** Tessera's Implementation Class UID (PS3.7 D.3.3.2): a UUID-derived UID, fixed forever. */
  public static final String IMPLEMENTATION_CLASS_UID =
      "2.25.169739537315395492198926591592937876015";
  /** Tessera's Implementation Version Name, at most 16 characters (SH). */
  public static final String IMPLEMENTATION_VERSION_NAME = "TESSERA_0.1";

  private static final byte[] VERSION = {0, 1};
  private static final byte[] EMPTY_PREAMBLE = new byte[128];

  private final Attributes attributes;
  private final byte[] preamble;

  private FileMetaInformation(Attributes attributes, byte[] preamble) {
    this.attributes = attributes;
    this.preamble = preamble;
  }

  /** File Meta for an instance written by Tessera. */
  public static FileMetaInformation create(
      String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
    Attributes a = new Attributes(false, 8);
    a.setBytes(Tag.FileMetaInformationVersion, VR.OB, VERSION.clone());
    a.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid);
    a.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
    a.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
    a.setString(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
    a.setString(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
    return new FileMetaInformation(a, null);
  }

  /**
   * File Meta for a data set, from its SOP Class UID (0008,0016) and SOP Instance UID
   * (0008,0018).
   *
   * @throws IllegalArgumentException if the data set lacks either
   */
  public static FileMetaInformation forDataset(Attributes dataset, String transferSyntaxUid) {
    String cuid = dataset.getString(Tag.SOPClassUID);
    String iuid = dataset.getString(Tag.SOPInstanceUID);
    if (cuid == null || iuid == null) {
      throw new IllegalArgumentException((cuid == null ? "SOPClassUID (0008,0016)"
          : "SOPInstanceUID (0008,0018)") + " is missing");
    }
    return create(cuid, iuid, transferSyntaxUid);
  }

  /** File Meta as read: the group 0002 elements and the preamble (null if the file had none). */
  public static FileMetaInformation of(Attributes group2, byte[] preamble) {
    group2.remove(Tag.FileMetaInformationGroupLength);
    return new FileMetaInformation(group2, preamble);
  }

  /** The same File Meta naming another transfer syntax (after transcoding). */
  public FileMetaInformation withTransferSyntax(String transferSyntaxUid) {
    Attributes a = new Attributes(attributes);
    a.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
    return new FileMetaInformation(a, preamble);
  }

  /** The same File Meta with Source Application Entity Title (0002,0016): who sent the file. */
  public FileMetaInformation withSourceApplicationEntityTitle(String aeTitle) {
    Attributes a = new Attributes(attributes);
    a.setString(Tag.SourceApplicationEntityTitle, VR.AE, aeTitle);
    return new FileMetaInformation(a, preamble);
  }

  /** The group 0002 elements, without group length. */
  public Attributes attributes() {
    return attributes;
  }

  /** The 128-byte preamble as read, or zeros. */
  public byte[] preamble() {
    return preamble != null ? preamble.clone() : EMPTY_PREAMBLE.clone();
  }

  /** Whether the file this came from had a preamble (and DICM prefix). */
  public boolean hasPreamble() {
    return preamble != null;
  }

  public String transferSyntaxUid() {
    return attributes.getString(Tag.TransferSyntaxUID);
  }

  public String mediaStorageSopClassUid() {
    return attributes.getString(Tag.MediaStorageSOPClassUID);
  }

  public String mediaStorageSopInstanceUid() {
    return attributes.getString(Tag.MediaStorageSOPInstanceUID);
  }

  public String implementationClassUid() {
    return attributes.getString(Tag.ImplementationClassUID);
  }

  public String implementationVersionName() {
    return attributes.getString(Tag.ImplementationVersionName);
  }

  public String sourceApplicationEntityTitle() {
    return attributes.getString(Tag.SourceApplicationEntityTitle);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileMetaInformation other && attributes.equals(other.attributes)
        && Arrays.equals(preamble(), other.preamble());
  }

  @Override
  public int hashCode() {
    return attributes.hashCode();
  }

  @Override
  public String toString() {
    return attributes.toString();
  }
}
