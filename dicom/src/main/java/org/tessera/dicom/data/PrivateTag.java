package org.tessera.dicom.data;

import java.util.Objects;

/**
 * A private data element by its private creator rather than by its slot (PS3.5 7.8.1): element
 * {@code (gggg,xxEE)} where {@code xx} is whatever block the data set reserved for
 * {@code creator}. Resolve it against a data set with {@link Attributes#tagOf(PrivateTag)}.
 *
 * @param creator the Private Creator value, e.g. "CTP"
 * @param group an odd group number, e.g. 0x0013
 * @param element the element's low byte within the block, 0x00-0xFF
 */
public record PrivateTag(String creator, int group, int element) {

  public PrivateTag {
    Objects.requireNonNull(creator, "creator");
    if ((group & 1) == 0 || group <= 0x0007 || group > 0xFFFF) {
      throw new IllegalArgumentException("not a private group: " + Integer.toHexString(group));
    }
    if (element < 0 || element > 0xFF) {
      throw new IllegalArgumentException("element byte out of range: " + element);
    }
  }

  /** The data element tag in the block {@code block} (0x10-0xFF). */
  public int inBlock(int block) {
    return group << 16 | block << 8 | element;
  }

  /** The Private Creator element that reserves {@code block} in this group. */
  public int creatorTag(int block) {
    return group << 16 | block;
  }
}
