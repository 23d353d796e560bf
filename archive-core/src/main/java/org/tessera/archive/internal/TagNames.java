package org.tessera.archive.internal;

import org.tessera.dicom.data.Tag;
import org.tessera.dicom.dict.ElementDictionary;

/** Tags as messages to callers name them. */
public final class TagNames {
  private TagNames() {}

  /** "PatientName (0010,0010)"; a tag the dictionary lacks is just "(gggg,eeee)". */
  public static String describe(int tag) {
    String keyword = ElementDictionary.standard().keywordOf(tag);
    return keyword == null ? Tag.toString(tag) : keyword + " " + Tag.toString(tag);
  }

  /**
   * {@link #describe(int)}, or for a key inside items
   * "RequestAttributesSequence.ScheduledProcedureStepID (0040,0009)".
   */
  public static String describe(int sequence, int tag) {
    if (sequence == 0) {
      return describe(tag);
    }
    String outer = ElementDictionary.standard().keywordOf(sequence);
    return (outer == null ? Tag.toString(sequence) : outer) + "." + describe(tag);
  }
}
