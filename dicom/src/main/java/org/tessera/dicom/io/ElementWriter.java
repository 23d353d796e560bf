package org.tessera.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.internal.BulkDataInput;
import org.tessera.dicom.internal.EndianBytes;
import org.tessera.dicom.internal.ValueCodec;

/**
 * Encodes data set elements in one VR form and byte order (PS3.5 7), computing sequence and
 * item lengths where they are written as byte counts.
 */
final class ElementWriter {
  private static final int UNDEFINED = -1;
  private static final int COPY_CHUNK = 64 * 1024;

  private final DicomOutput out;
  private final WriteOptions options;
  private final boolean explicitVr;
  private final boolean bigEndian;

  ElementWriter(DicomOutput out, WriteOptions options, boolean explicitVr, boolean bigEndian) {
    this.out = out;
    this.options = options;
    this.explicitVr = explicitVr;
    this.bigEndian = bigEndian;
  }

  void writeElements(Attributes attrs) throws IOException {
    for (int i = 0; i < attrs.size(); i++) {
      int tag = attrs.tagAt(i);
      VR vr = attrs.vrAt(i);
      Object value = attrs.valueAt(i);
      if (value instanceof Sequence seq) {
        writeSequence(tag, vr, seq);
      } else if (value instanceof Fragments fragments) {
        writeFragments(tag, vr, fragments, attrs.bigEndian());
      } else if (value instanceof BulkDataRef ref) {
        writeHeader(tag, vr, evenLength(tag, ref.length()));
        copy(ref, attrs.bigEndian() != bigEndian ? vr.swapUnit() : 1, vr);
      } else {
        byte[] bytes = encodedValue(attrs, vr, value);
        writeHeader(tag, vr, bytes.length);
        out.write(bytes);
      }
    }
  }

  private void writeSequence(int tag, VR vr, Sequence seq) throws IOException {
    if (vr != VR.SQ && explicitVr) {
      // an undefined-length UN value: items in implicit VR little endian (PS3.5 6.2.2)
      writeHeader(tag, VR.UN, UNDEFINED);
      ElementWriter implicit = new ElementWriter(out, options, false, false);
      implicit.writeItems(seq);
      implicit.writeItemHeader(ElementParser.SEQUENCE_DELIMITATION, 0);
      return;
    }
    boolean undefined = undefined(options.sequenceLength(), seq.undefinedLength());
    writeHeader(tag, VR.SQ, undefined ? UNDEFINED : checkedLength(tag, itemsLength(seq)));
    writeItems(seq);
    if (undefined) {
      writeItemHeader(ElementParser.SEQUENCE_DELIMITATION, 0);
    }
  }

  private void writeItems(Sequence seq) throws IOException {
    for (Attributes item : seq) {
      boolean undefined = undefined(options.itemLength(), item.undefinedLength());
      writeItemHeader(ElementParser.ITEM, undefined ? UNDEFINED
          : checkedLength(Tag.Item, elementsLength(item)));
      writeElements(item);
      if (undefined) {
        writeItemHeader(ElementParser.ITEM_DELIMITATION, 0);
      }
    }
  }

  private void writeFragments(int tag, VR vr, Fragments fragments, boolean sourceBigEndian)
      throws IOException {
    if (!explicitVr || bigEndian) {
      throw new IllegalArgumentException("encapsulated " + Tag.toString(tag)
          + " needs an explicit VR little endian (encapsulated) transfer syntax");
    }
    writeHeader(tag, vr, UNDEFINED);
    for (Object fragment : fragments) {
      if (fragment instanceof byte[] b) {
        writeItemHeader(ElementParser.ITEM, (b.length + 1) & ~1);
        out.write(b);
        if ((b.length & 1) != 0) {
          out.writeByte(0);
        }
      } else {
        BulkDataRef ref = (BulkDataRef) fragment;
        writeItemHeader(ElementParser.ITEM, evenLength(tag, ref.length()));
        copy(ref, 1, VR.OB);
      }
    }
    writeItemHeader(ElementParser.SEQUENCE_DELIMITATION, 0);
  }

  private void writeHeader(int tag, VR vr, int length) throws IOException {
    out.writeTag(tag, bigEndian);
    if (!explicitVr) {
      out.writeInt(length, bigEndian);
      return;
    }
    if (!vr.hasLongLengthField() && (length & 0xFFFFFFFFL) > 0xFFFF) {
      vr = VR.UN; // too long for a 16-bit length field (PS3.5 6.2.2 Note)
    }
    out.writeShort(vr.code(), true);
    if (vr.hasLongLengthField()) {
      out.writeShort(0, bigEndian);
      out.writeInt(length, bigEndian);
    } else {
      out.writeShort(length, bigEndian);
    }
  }

  private void writeItemHeader(int tag, int length) throws IOException {
    out.writeTag(tag, bigEndian);
    out.writeInt(length, bigEndian);
  }

  /** The value as bytes in the target byte order, padded to even length. */
  private byte[] encodedValue(Attributes attrs, VR vr, Object value) {
    if (value == null) {
      return new byte[0];
    }
    if (value instanceof String s) {
      return ValueCodec.encode(s, vr, attrs.specificCharacterSet());
    }
    byte[] b = (byte[]) value;
    boolean swap = attrs.bigEndian() != bigEndian && vr.swapUnit() > 1;
    if (!swap && (b.length & 1) == 0) {
      return b;
    }
    byte[] copy = java.util.Arrays.copyOf(b, (b.length + 1) & ~1);
    if ((b.length & 1) != 0) {
      copy[b.length] = (byte) vr.paddingByte();
    }
    if (swap) {
      EndianBytes.swap(copy, 0, b.length, vr.swapUnit());
    }
    return copy;
  }

  /** Streams a referenced value, swapping byte order in units of {@code swapUnit} bytes. */
  private void copy(BulkDataRef ref, int swapUnit, VR vr) throws IOException {
    byte[] chunk = new byte[COPY_CHUNK];
    try (InputStream in = BulkDataInput.swapped(BulkDataInput.open(ref), swapUnit)) {
      for (int n; (n = in.read(chunk)) > 0; ) {
        out.write(chunk, 0, n);
      }
    }
    if ((ref.length() & 1) != 0) {
      out.writeByte(vr.paddingByte());
    }
  }

  // ---- lengths, for sequences and items written with byte counts

  private long itemsLength(Sequence seq) {
    long n = 0;
    for (Attributes item : seq) {
      n += 8 + elementsLength(item);
      if (undefined(options.itemLength(), item.undefinedLength())) {
        n += 8;
      }
    }
    return n;
  }

  private long elementsLength(Attributes attrs) {
    long n = 0;
    for (int i = 0; i < attrs.size(); i++) {
      VR vr = attrs.vrAt(i);
      Object value = attrs.valueAt(i);
      if (value instanceof Sequence seq) {
        boolean unAsSq = vr != VR.SQ && explicitVr;
        long items = unAsSq ? new ElementWriter(out, options, false, false).itemsLength(seq)
            : itemsLength(seq);
        boolean undefined = unAsSq || undefined(options.sequenceLength(), seq.undefinedLength());
        n += headerLength(VR.SQ, 0) + items + (undefined ? 8 : 0);
      } else if (value instanceof Fragments fragments) {
        n += headerLength(vr, 0) + 8;
        for (int k = 0; k < fragments.size(); k++) {
          n += 8 + ((fragments.lengthOf(k) + 1) & ~1L);
        }
      } else {
        long len = value instanceof BulkDataRef ref ? (ref.length() + 1) & ~1L
            : encodedValue(attrs, vr, value).length;
        n += headerLength(vr, len) + len;
      }
    }
    return n;
  }

  private int headerLength(VR vr, long valueLength) {
    if (!explicitVr || vr.hasLongLengthField() || valueLength > 0xFFFF) {
      return explicitVr ? 12 : 8;
    }
    return 8;
  }

  private static boolean undefined(WriteOptions.LengthEncoding encoding, boolean asIs) {
    return switch (encoding) {
      case AS_IS -> asIs;
      case UNDEFINED -> true;
      case DEFINED -> false;
    };
  }

  private static int evenLength(int tag, long length) {
    return checkedLength(tag, (length + 1) & ~1L);
  }

  private static int checkedLength(int tag, long length) {
    if (length >= 0xFFFFFFFFL || length < 0) {
      throw new IllegalArgumentException(Tag.toString(tag) + " is too long for a 32-bit length: "
          + length + " bytes");
    }
    return (int) length;
  }
}
