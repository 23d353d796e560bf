package org.tessera.dicom.data;

/**
 * Decides whether a bulk value appears in DICOM JSON or XML as a BulkDataURI or inline
 * (base64). Writers ask it for every OB, OD, OF, OL, OV, OW and UN value, every encapsulated
 * value and every {@link BulkDataRef}.
 */
@FunctionalInterface
public interface BulkDataUriProvider {
  /** Everything inline. */
  BulkDataUriProvider INLINE = (path, vr, value) -> null;

  /**
   * @param path where the element is: its tag as 8 hex digits, preceded for nested elements by
   *     the sequence tags and 1-based item numbers, e.g. "7FE00010" or "00880200/1/7FE00010"
   * @param vr the element's VR
   * @param value the stored value: byte[], {@link Fragments} or {@link BulkDataRef}
   * @return the URI to write, or null to write the value inline
   */
  String uriFor(String path, VR vr, Object value);
}
