package org.tessera.dicom.json;

import java.io.IOException;

/**
 * DICOM JSON that {@link DicomJsonReader} cannot turn into a data set: malformed JSON, a key
 * that is not a tag, an unknown VR, or a value of the wrong JSON type or out of range for its VR.
 * The message names the element (with the sequences and items around it), what was wrong and
 * where in the input, e.g. "(0008,1115) item 2 > (0008,1150): Value[0] is a number; UI values
 * are strings (line 14, column 31)".
 */
public class DicomJsonException extends IOException {
  private final int tag;

  /**
   * @param tag the innermost element being read, or -1 if the problem is outside any element
   * @param message the full message, element path and input position included
   */
  public DicomJsonException(int tag, String message) {
    super(message);
    this.tag = tag;
  }

  /** The innermost element being read when the problem was found, or -1. */
  public int tag() {
    return tag;
  }
}
