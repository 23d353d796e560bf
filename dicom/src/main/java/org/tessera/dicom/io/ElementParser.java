package org.tessera.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.dict.ElementDictionary;
import org.tessera.dicom.internal.EndianBytes;

/**
 * The element loop of PS3.5 7: headers, values, sequences, items and fragments, with every
 * declared length checked against the bytes its container has left.
 */
final class ElementParser {
  static final int ITEM = 0xFFFEE000;
  static final int ITEM_DELIMITATION = 0xFFFEE00D;
  static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
  private static final long UNDEFINED = 0xFFFFFFFFL;
  /** A container without a byte count: ends at a delimiter, or at end of stream at the top. */
  private static final long OPEN = -1;
  /** No element read yet: (FFFF,FFFF) is never a data element. */
  private static final int NO_TAG = -1;

  private final DicomInput in;
  private final ReadOptions options;
  private final boolean bigEndian;
  private final boolean explicitVr;
  private final ElementDictionary dictionary = ElementDictionary.standard();
  private Path bulkDataFile;
  /** {@code bulkDataFile} as a URI, made once: {@code Path.toUri} asks the file system. */
  private String bulkDataUri;

  ElementParser(DicomInput in, ReadOptions options, boolean bigEndian, boolean explicitVr) {
    this.in = in;
    this.options = options;
    this.bigEndian = bigEndian;
    this.explicitVr = explicitVr;
  }

  /** Reads group 0002 elements (always explicit VR little endian) while they last. */
  Attributes readFileMetaGroup() throws IOException {
    Attributes group2 = new Attributes(false, 16);
    while (in.fill(8) >= 8
        && EndianBytes.getUShort(in.buffer(), in.index(), false) == 0x0002) {
      Header h = readHeader(OPEN, -1);
      if (h.length == UNDEFINED || h.vr == VR.SQ) {
        throw error(h.tag, "File Meta Information holds no sequences");
      }
      readValue(group2, h, OPEN, 0);
    }
    return group2;
  }

  /** Reads top-level elements into {@code dataset}; returns where it stopped, or null. */
  StopPoint readDataset(Attributes dataset, Path bulkDataFile) throws IOException {
    withBulkDataFile(bulkDataFile, null);
    ReadOptions.StopCondition stop = options.stopCondition();
    int lastTag = NO_TAG;
    while (true) {
      int n = in.fill(8);
      if (n == 0) {
        return null;
      }
      if (n < 8) {
        throw error(-1, "data set ends inside an element header (" + n + " bytes left)");
      }
      long headerOffset = in.position();
      Header h = peekHeader();
      if (h.vr == null) {
        throw error(h.tag, "item or delimiter outside a sequence");
      }
      long length = h.length == UNDEFINED ? -1 : h.length;
      if (stop.stopBefore(h.tag, h.vr, length)) {
        return new StopPoint(h.tag, h.vr, headerOffset, headerOffset + h.size, length);
      }
      lastTag = checkOrder(h.tag, lastTag);
      in.consume(h.size);
      readValue(dataset, h, OPEN, 0);
    }
  }

  private void readElements(Attributes item, long end, int depth, int sequenceTag)
      throws IOException {
    int lastTag = NO_TAG;
    while (end == OPEN || in.position() < end) {
      if (in.fill(8) < 8) {
        throw error(sequenceTag, "data ends inside an item of the sequence");
      }
      Header h = readHeader(end, sequenceTag);
      if (h.tag == ITEM_DELIMITATION) {
        if (end != OPEN) {
          throw error(h.tag, "item delimiter in an item of defined length");
        }
        return;
      }
      if (h.tag == ITEM || h.tag == SEQUENCE_DELIMITATION) {
        throw error(h.tag, "item or sequence delimiter where a data element was expected");
      }
      lastTag = checkOrder(h.tag, lastTag);
      readValue(item, h, end, depth);
    }
    if (end != OPEN && in.position() > end) {
      throw error(sequenceTag, "elements overrun their item's length by "
          + (in.position() - end));
    }
  }

  private void readValue(Attributes attrs, Header h, long end, int depth) throws IOException {
    if (!explicitVr && h.vr == VR.US && isSignedPixelValue(attrs, h.tag)) {
      h = new Header(h.tag, VR.SS, h.length, h.size);
    }
    if (h.length == UNDEFINED) {
      if (h.tag == Tag.PixelData || h.vr == VR.OB || h.vr == VR.OW) {
        readFragments(attrs.newFragments(h.tag, explicitVr ? h.vr : VR.OB, 8), h.tag);
      } else if (h.vr == VR.SQ || h.vr == VR.UN || !explicitVr) {
        // explicit UN of undefined length: a sequence in implicit VR little endian (PS3.5 6.2.2)
        boolean implicitItems = h.vr == VR.UN && explicitVr;
        VR vr = explicitVr ? h.vr : VR.SQ;
        readSequence(attrs.newSequence(h.tag, vr, 4), h.tag, OPEN, depth, implicitItems);
      } else {
        throw error(h.tag, "undefined length is not allowed for VR " + h.vr);
      }
      return;
    }
    if (h.length > Integer.MAX_VALUE) {
      throw error(h.tag, "value length " + h.length + " is out of range");
    }
    long valueEnd = in.position() + h.length;
    if (end != OPEN && valueEnd > end) {
      throw error(h.tag, "value length " + h.length + " overruns its item by "
          + (valueEnd - end) + " bytes");
    }
    if (h.vr == VR.SQ) {
      readSequence(attrs.newSequence(h.tag, 4), h.tag, valueEnd, depth, false);
      return;
    }
    if (bulkDataFile != null && h.vr.isBulk() && h.length > options.bulkDataThreshold()) {
      attrs.setBulkDataRef(h.tag, h.vr, bulkData(in.position(), h.length));
      skip(h.tag, h.length);
      return;
    }
    if (h.length > options.maxValueLength()) {
      throw error(h.tag, "value length " + h.length + " exceeds the limit of "
          + options.maxValueLength());
    }
    attrs.setBytes(h.tag, h.vr, readBytes(h.tag, (int) h.length));
  }

  private void readSequence(Sequence seq, int tag, long end, int depth, boolean implicitItems)
      throws IOException {
    if (depth + 1 > options.maxDepth()) {
      throw error(tag, "sequences nested deeper than " + options.maxDepth());
    }
    seq.undefinedLength(end == OPEN);
    ElementParser itemParser = implicitItems
        ? new ElementParser(in, options, false, false).withBulkDataFile(bulkDataFile, bulkDataUri)
        : this;
    while (end == OPEN || in.position() < end) {
      if (in.fill(8) < 8) {
        throw error(tag, "data ends inside the sequence");
      }
      long offset = in.position();
      int itemTag = EndianBytes.getTag(in.buffer(), in.index(), bigEndian && !implicitItems);
      long itemLength = EndianBytes.getInt(in.buffer(), in.index() + 4,
          bigEndian && !implicitItems) & 0xFFFFFFFFL;
      in.consume(8);
      if (itemTag == SEQUENCE_DELIMITATION) {
        if (end != OPEN) {
          throw error(tag, "sequence delimiter in a sequence of defined length");
        }
        return;
      }
      if (itemTag != ITEM) {
        throw new DicomParseException(tag, offset, "expected an item (FFFE,E000), found "
            + Tag.toString(itemTag));
      }
      Attributes item = seq.addNew();
      item.undefinedLength(itemLength == UNDEFINED);
      long itemEnd = itemLength == UNDEFINED ? OPEN : in.position() + itemLength;
      if (end != OPEN && itemEnd != OPEN && itemEnd > end) {
        throw error(tag, "item length " + itemLength + " overruns its sequence");
      }
      itemParser.readElements(item, itemEnd, depth + 1, tag);
    }
    if (end != OPEN && in.position() > end) {
      throw error(tag, "items overrun the sequence length by " + (in.position() - end));
    }
  }

  private ElementParser withBulkDataFile(Path file, String uri) {
    this.bulkDataFile = file;
    this.bulkDataUri = uri;
    return this;
  }

  private BulkDataRef bulkData(long offset, long length) {
    if (bulkDataUri == null) {
      bulkDataUri = bulkDataFile.toUri().toString();
    }
    return new BulkDataRef(bulkDataUri, offset, length);
  }

  private void readFragments(Fragments fragments, int tag) throws IOException {
    while (true) {
      if (in.fill(8) < 8) {
        throw error(tag, "data ends inside encapsulated fragments");
      }
      int itemTag = EndianBytes.getTag(in.buffer(), in.index(), bigEndian);
      long length = EndianBytes.getInt(in.buffer(), in.index() + 4, bigEndian) & 0xFFFFFFFFL;
      in.consume(8);
      if (itemTag == SEQUENCE_DELIMITATION) {
        return;
      }
      if (itemTag != ITEM) {
        throw error(tag, "expected a fragment item (FFFE,E000), found " + Tag.toString(itemTag));
      }
      if (length > Integer.MAX_VALUE) {
        throw error(tag, "fragment length " + length + " is out of range");
      }
      if (bulkDataFile != null && length > options.bulkDataThreshold()) {
        fragments.add(bulkData(in.position(), length));
        skip(tag, length);
      } else if (length > options.maxValueLength()) {
        throw error(tag, "fragment length " + length + " exceeds the limit of "
            + options.maxValueLength());
      } else {
        fragments.add(readBytes(tag, (int) length));
      }
    }
  }

  /**
   * Whether an implicit-VR element defined as "US or SS" holds pixel values of a signed image:
   * PS3.5 A.1 c says its VR follows Pixel Representation (0028,0103) of the same data set. LUT
   * descriptors stay US, since their first and third values are always unsigned (PS3.3
   * C.11.1.1).
   */
  private boolean isSignedPixelValue(Attributes attrs, int tag) {
    if (tag >>> 16 != 0x0028 && tag >>> 16 != 0x0018 && tag >>> 16 != 0x0022
        && tag >>> 16 != 0x0040 && tag >>> 16 != 0x0060) {
      return false;
    }
    ElementDictionary.Entry entry = dictionary.entry(tag);
    if (entry == null || entry.alternativeVr() != VR.SS || entry.keyword().endsWith("Descriptor")) {
      return false;
    }
    for (Attributes a = attrs; a != null; a = a.parent()) {
      if (a.contains(Tag.PixelRepresentation)) {
        return a.getInt(Tag.PixelRepresentation, 0) == 1;
      }
    }
    return false;
  }

  /**
   * Elements come in ascending tag order (PS3.5 7.1). Out-of-order elements are tolerated (they
   * are sorted in), but a tag that repeats is not a well-formed data set and usually means the
   * bytes are not DICOM at all.
   */
  private int checkOrder(int tag, int lastTag) throws DicomParseException {
    if (tag == lastTag) {
      throw error(tag, "element appears twice");
    }
    return tag;
  }

  /** An element header: tag, VR, value length and header size in bytes. */
  private record Header(int tag, VR vr, long length, int size) {}

  private Header readHeader(long end, int containerTag) throws IOException {
    if (end != OPEN && end - in.position() < 8) {
      throw error(containerTag, "item ends inside an element header");
    }
    Header h = peekHeader();
    in.consume(h.size);
    return h;
  }

  /** Decodes the header at the current position without consuming it. */
  private Header peekHeader() throws IOException {
    byte[] b = in.buffer();
    int i = in.index();
    int tag = EndianBytes.getTag(b, i, bigEndian);
    if (!explicitVr || tag >>> 16 == 0xFFFE) {
      long length = EndianBytes.getInt(b, i + 4, bigEndian) & 0xFFFFFFFFL;
      return new Header(tag, tag >>> 16 == 0xFFFE ? null : dictionary.vrOf(tag), length, 8);
    }
    int code = (b[i + 4] & 0xFF) << 8 | (b[i + 5] & 0xFF);
    VR vr = VR.ofCode(code);
    if (vr == null) {
      throw error(tag, String.format("unknown VR code 0x%04X ('%s')", code,
          printable(b[i + 4]) + printable(b[i + 5])));
    }
    if (!vr.hasLongLengthField()) {
      return new Header(tag, vr, EndianBytes.getUShort(b, i + 6, bigEndian), 8);
    }
    if (in.fill(12) < 12) {
      throw error(tag, "data ends inside an element header");
    }
    b = in.buffer();
    i = in.index();
    return new Header(tag, vr, EndianBytes.getInt(b, i + 8, bigEndian) & 0xFFFFFFFFL, 12);
  }

  private byte[] readBytes(int tag, int length) throws IOException {
    try {
      return in.readBytes(length);
    } catch (EOFException e) {
      throw error(tag, "value of " + length + " bytes is cut short: " + e.getMessage());
    }
  }

  private void skip(int tag, long length) throws IOException {
    try {
      in.skip(length);
    } catch (EOFException e) {
      throw error(tag, "value of " + length + " bytes is cut short");
    }
  }

  private DicomParseException error(int tag, String problem) {
    return new DicomParseException(tag, in.position(), problem);
  }

  private static String printable(byte b) {
    return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : "?";
  }

  static int int32BigEndian(byte[] b, int off) {
    return EndianBytes.getInt(b, off, true);
  }
}
