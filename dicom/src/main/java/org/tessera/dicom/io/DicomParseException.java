package org.tessera.dicom.io;

import java.io.IOException;
import org.tessera.dicom.data.Tag;

/**
 * Input that is not well-formed DICOM. The message names the element, the byte offset and
 * what was expected, e.g. "(7FE0,0010) at byte 1234: value length 4294967290 is beyond the end
 * of the data".
 */
public class DicomParseException extends IOException {
  private final int tag;
  private final long offset;

  /**
   * @param tag the element being read, or -1 if none yet
   * @param offset byte offset in the stream (in the inflated stream for deflated data)
   */
  public DicomParseException(int tag, long offset, String problem) {
    super((tag == -1 ? "" : Tag.toString(tag) + " ") + "at byte " + offset + ": " + problem);
    this.tag = tag;
    this.offset = offset;
  }

  /** The element being read when the problem was found, or -1. */
  public int tag() {
    return tag;
  }

  public long offset() {
    return offset;
  }
}
