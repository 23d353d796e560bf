package org.tessera.dicom.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.internal.EndianBytes;
import org.tessera.dicom.internal.ValueCodec;

/**
 * Turns what {@link DicomJsonReader} found in an attribute object into the element, once the VR
 * is known: checks each "Value" entry against the JSON type Table F.2.3-1 gives the VR, and
 * encodes binary values little endian.
 */
final class JsonValues {
  /** "{}" in a Value array: an empty sequence item, or a Person Name with no groups. */
  static final Object EMPTY = new Object();

  /** A JSON number, kept as written. */
  record NumberText(String text) {}

  /** A Person Name object (F.2.2); each group null if absent. */
  record PersonName(String alphabetic, String ideographic, String phonetic) {
    PersonName(String[] groups) {
      this(groups[0], groups[1], groups[2]);
    }

    /** 0, 1 or 2 for Alphabetic, Ideographic, Phonetic; -1 for any other key. */
    static int groupIndex(String key) {
      return switch (key) {
        case "Alphabetic" -> 0;
        case "Ideographic" -> 1;
        case "Phonetic" -> 2;
        default -> -1;
      };
    }

    /** The PN value of PS3.5 6.2.1: groups joined by '=', without trailing empty groups. */
    String encoded() {
      String[] g = {
          alphabetic == null ? "" : alphabetic, ideographic == null ? "" : ideographic,
          phonetic == null ? "" : phonetic};
      int n = g.length;
      while (n > 0 && g[n - 1].isEmpty()) {
        n--;
      }
      return String.join("=", Arrays.copyOf(g, n));
    }
  }

  /** A value that does not fit its VR; the reader adds where it is. */
  static final class BadValueException extends Exception {
    BadValueException(String message) {
      super(message, null, false, false);
    }
  }

  private JsonValues() {}

  /**
   * Sets the element from its "Value" entries.
   *
   * @return whether the value holds non-ASCII text the Specific Character Set applies to
   */
  static boolean set(Attributes target, int tag, VR vr, List<Object> values)
      throws BadValueException {
    if (values.isEmpty()) {
      setEmpty(target, tag, vr);
    } else if (vr == VR.SQ) {
      setItems(target, tag, values);
    } else if (vr.isString()) {
      return setText(target, tag, vr, values);
    } else if (vr.isBulk()) {
      throw new BadValueException("takes InlineBinary or BulkDataURI, not Value (PS3.18 F.2.2)");
    } else {
      target.setBytes(tag, vr, vr == VR.AT ? ValueCodec.encodeLongs(tags(values), vr, false)
          : vr.isFloatingPoint() ? ValueCodec.encodeDoubles(decimals(vr, values), vr, false)
          : ValueCodec.encodeLongs(integers(vr, values), vr, false));
    }
    return false;
  }

  static void setEmpty(Attributes target, int tag, VR vr) {
    if (vr == VR.SQ) {
      target.newSequence(tag, 0);
    } else {
      target.setNull(tag, vr);
    }
  }

  /**
   * Sets the element from InlineBinary: the little-endian Value Field (F.2.7), for bulk and
   * binary numeric VRs. Pixel Data holding a complete item sequence becomes fragments.
   */
  static void setInline(Attributes target, int tag, VR vr, byte[] bytes)
      throws BadValueException {
    if (vr == VR.SQ || vr.isString()) {
      throw new BadValueException("InlineBinary is for OB, OD, OF, OL, OV, OW, UN and binary"
          + " numbers (PS3.18 F.2.7), not " + vr);
    }
    if (bytes.length % vr.bytesPerValue() != 0) {
      throw new BadValueException("InlineBinary of " + bytes.length + " bytes holds no whole"
          + " number of " + vr.bytesPerValue() + "-byte values");
    }
    List<byte[]> fragments = tag == Tag.PixelData ? fragments(bytes) : null;
    if (fragments == null) {
      target.setBytes(tag, vr, bytes);
    } else {
      Fragments f = target.newFragments(tag, vr, fragments.size());
      f.addAll(fragments);
    }
  }

  static void setBulkDataUri(Attributes target, int tag, VR vr, String uri)
      throws BadValueException {
    if (vr == VR.SQ) {
      throw new BadValueException("a sequence has items, not a BulkDataURI");
    }
    target.setBulkDataRef(tag, vr, new BulkDataRef(uri, 0, -1));
  }

  private static void setItems(Attributes target, int tag, List<Object> values)
      throws BadValueException {
    Sequence seq = target.newSequence(tag, values.size());
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v instanceof Attributes item) {
        seq.add(item);
      } else if (v == EMPTY) {
        seq.addNew();
      } else {
        throw wrongType(i, v, VR.SQ, "items (objects)");
      }
    }
  }

  private static boolean setText(Attributes target, int tag, VR vr, List<Object> values)
      throws BadValueException {
    if (values.size() > 1 && !vr.isMultiValuedString()) {
      throw new BadValueException("is single-valued, but Value has " + values.size()
          + " entries");
    }
    StringBuilder b = new StringBuilder(32);
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append('\\');
      }
      Object v = values.get(i);
      if (v != null) {
        b.append(text(i, v, vr));
      }
    }
    String joined = b.toString();
    if (joined.isEmpty()) {
      target.setNull(tag, vr);
      return false;
    }
    target.setString(tag, vr, joined);
    return vr.usesCharacterSet() && !isAscii(joined);
  }

  private static String text(int i, Object v, VR vr) throws BadValueException {
    if (v instanceof String s) {
      return s;
    }
    if (vr == VR.PN) {
      if (v instanceof PersonName pn) {
        return pn.encoded();
      }
      if (v == EMPTY) {
        return "";
      }
      throw wrongType(i, v, vr, "Person Name objects");
    }
    if (v instanceof NumberText n && vr.isJsonNumber()) {
      return n.text();
    }
    throw wrongType(i, v, vr, vr.isJsonNumber() ? "numbers" : "strings");
  }

  private static long[] tags(List<Object> values) throws BadValueException {
    long[] tags = new long[values.size()];
    for (int i = 0; i < tags.length; i++) {
      if (!(values.get(i) instanceof String s)) {
        throw wrongType(i, values.get(i), VR.AT, "strings GGGGEEEE");
      }
      try {
        tags[i] = Tag.parse(s) & 0xFFFFFFFFL;
      } catch (IllegalArgumentException e) {
        throw new BadValueException("Value[" + i + "] \"" + s + "\" is not a tag GGGGEEEE");
      }
    }
    return tags;
  }

  private static double[] decimals(VR vr, List<Object> values) throws BadValueException {
    double[] d = new double[values.size()];
    for (int i = 0; i < d.length; i++) {
      Object v = values.get(i);
      if (v instanceof NumberText n) {
        d[i] = vr == VR.FL ? Float.parseFloat(n.text()) : Double.parseDouble(n.text());
        if (Double.isInfinite(d[i])) {
          throw new BadValueException("Value[" + i + "] " + n.text() + " is beyond the " + vr
              + " range");
        }
      } else {
        Double nonFinite = v instanceof String s ? JsonNumbers.parseNonFinite(s) : null;
        if (nonFinite == null) {
          throw wrongType(i, v, vr, "numbers, or \"NaN\", \"Infinity\", \"-Infinity\"");
        }
        d[i] = nonFinite;
      }
    }
    return d;
  }

  private static long[] integers(VR vr, List<Object> values) throws BadValueException {
    long[] longs = new long[values.size()];
    for (int i = 0; i < longs.length; i++) {
      Object v = values.get(i);
      String text = v instanceof NumberText n ? n.text() : v instanceof String s ? s : null;
      if (text == null) {
        throw wrongType(i, v, vr, "numbers");
      }
      try {
        longs[i] = JsonNumbers.parseInteger(text, vr);
      } catch (NumberFormatException e) {
        throw new BadValueException("Value[" + i + "]: " + e.getMessage());
      }
    }
    return longs;
  }

  /** The fragments of a complete PS3.5 A.4 item sequence, or null if the bytes are not one. */
  private static List<byte[]> fragments(byte[] b) {
    List<byte[]> fragments = new ArrayList<>();
    int off = 0;
    while (off + 8 <= b.length) {
      int tag = EndianBytes.getTag(b, off, false);
      long length = EndianBytes.getInt(b, off + 4, false) & 0xFFFFFFFFL;
      if (tag == Tag.SequenceDelimitationItem) {
        return length == 0 && off + 8 == b.length && !fragments.isEmpty() ? fragments : null;
      }
      if (tag != Tag.Item || length > b.length - off - 8) {
        return null;
      }
      fragments.add(Arrays.copyOfRange(b, off + 8, off + 8 + (int) length));
      off += 8 + (int) length;
    }
    return null;
  }

  private static BadValueException wrongType(int i, Object v, VR vr, String expected) {
    return new BadValueException("Value[" + i + "] is " + describe(v) + "; " + vr + " values"
        + " are " + expected);
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof String s) {
      return "the string \"" + (s.length() > 32 ? s.substring(0, 32) + "..." : s) + "\"";
    } else if (v instanceof NumberText n) {
      return "the number " + n.text();
    } else if (v instanceof PersonName) {
      return "a Person Name object";
    } else if (v == EMPTY) {
      return "an empty object";
    }
    return "an object (a sequence item)";
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }
}
