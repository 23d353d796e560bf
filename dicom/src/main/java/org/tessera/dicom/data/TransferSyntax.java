package org.tessera.dicom.data;

import java.util.Map;

/**
 * How a data set is encoded (PS3.5 10): VR explicit or implicit, byte order, deflate, and
 * whether Pixel Data is encapsulated in fragments.
 *
 * @param uid the Transfer Syntax UID
 * @param explicitVr whether each element carries its VR
 * @param bigEndian whether numbers are big endian (only the retired Explicit VR Big Endian)
 * @param deflated whether the data set after the File Meta is a raw deflate stream
 * @param encapsulated whether Pixel Data is encapsulated (compressed) rather than native
 */
public record TransferSyntax(
    String uid, boolean explicitVr, boolean bigEndian, boolean deflated, boolean encapsulated) {

  public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(Uid.ImplicitVRLittleEndian, false, false, false, false);
  public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(Uid.ExplicitVRLittleEndian, true, false, false, false);
  public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
      new TransferSyntax(Uid.ExplicitVRBigEndian, true, true, false, false);
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(Uid.DeflatedExplicitVRLittleEndian, true, false, true, false);

  /** Syntaxes that are not "explicit VR little endian with encapsulated Pixel Data". */
  private static final Map<String, TransferSyntax> NATIVE = Map.of(
      IMPLICIT_VR_LITTLE_ENDIAN.uid, IMPLICIT_VR_LITTLE_ENDIAN,
      EXPLICIT_VR_LITTLE_ENDIAN.uid, EXPLICIT_VR_LITTLE_ENDIAN,
      EXPLICIT_VR_BIG_ENDIAN.uid, EXPLICIT_VR_BIG_ENDIAN,
      DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
      // JPIP referenced syntaxes carry no pixel data, only a URL (PS3.5 A.6, A.7)
      Uid.JPIPReferenced, new TransferSyntax(Uid.JPIPReferenced, true, false, false, false),
      Uid.JPIPReferencedDeflate,
      new TransferSyntax(Uid.JPIPReferencedDeflate, true, false, true, false));

  /** The uncompressed syntaxes every DICOM implementation can read and Tessera can write. */
  public static final java.util.List<TransferSyntax> UNCOMPRESSED = java.util.List.of(
      IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN,
      DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

  /**
   * The syntax for a UID. Every syntax the standard defines other than those above is explicit
   * VR little endian with encapsulated Pixel Data, and so is assumed for unknown (private) UIDs.
   */
  public static TransferSyntax of(String uid) {
    TransferSyntax ts = NATIVE.get(uid);
    return ts != null ? ts : new TransferSyntax(uid, true, false, false, true);
  }

  /** The registry name ("Explicit VR Little Endian"), or the UID if it is not registered. */
  public String name() {
    return Uid.nameOf(uid);
  }

  /** Whether the UID names a transfer syntax of the standard's registry. */
  public boolean isStandard() {
    var entry = org.tessera.dicom.dict.UidDictionary.standard().entry(uid);
    return entry != null && "Transfer Syntax".equals(entry.type());
  }
}
