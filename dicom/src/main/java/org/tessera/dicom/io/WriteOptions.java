package org.tessera.dicom.io;

/**
 * How a {@link DicomWriter} encodes lengths of sequences and items.
 *
 * @param sequenceLength how sequences are delimited
 * @param itemLength how sequence items are delimited
 */
public record WriteOptions(LengthEncoding sequenceLength, LengthEncoding itemLength) {

  /** Keep each sequence's and item's own choice: what was read, or undefined for new ones. */
  public static final WriteOptions DEFAULTS =
      new WriteOptions(LengthEncoding.AS_IS, LengthEncoding.AS_IS);

  /** A length encoding choice (PS3.5 7.5). */
  public enum LengthEncoding {
    /** As the sequence or item says ({@code undefinedLength()}). */
    AS_IS,
    /** Undefined length with a delimitation item. */
    UNDEFINED,
    /** An explicit byte count. */
    DEFINED
  }
}
