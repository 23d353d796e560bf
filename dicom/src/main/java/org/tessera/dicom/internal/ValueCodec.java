package org.tessera.dicom.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.tessera.dicom.data.SpecificCharacterSet;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;

/**
 * Converts between raw value bytes (as they are on the wire, in a given byte order and
 * character set) and Java values. Every method is stateless; callers pass the VR.
 */
public final class ValueCodec {
  private static final String[] NO_STRINGS = {};

  private ValueCodec() {}

  /** Decodes a string value, padding included, with the character set where the VR uses it. */
  public static String decode(byte[] raw, VR vr, SpecificCharacterSet cs) {
    return vr.usesCharacterSet()
        ? cs.decode(raw, 0, raw.length)
        : SpecificCharacterSet.DEFAULT.decode(raw, 0, raw.length);
  }

  /** Splits a decoded string into its values, each trimmed as its VR requires. */
  public static String[] split(String s, VR vr) {
    if (s.isEmpty()) {
      return NO_STRINGS;
    }
    if (!vr.isMultiValuedString()) {
      String v = vr.trim(s);
      return v.isEmpty() ? NO_STRINGS : new String[] {v};
    }
    int count = 1;
    for (int i = s.indexOf('\\'); i >= 0; i = s.indexOf('\\', i + 1)) {
      count++;
    }
    String[] values = new String[count];
    int start = 0;
    for (int i = 0; i < count; i++) {
      int end = i == count - 1 ? s.length() : s.indexOf('\\', start);
      values[i] = vr.trim(s.substring(start, end));
      start = end + 1;
    }
    if (count == 1 && values[0].isEmpty()) {
      return NO_STRINGS;
    }
    return values;
  }

  /** Encodes string values joined by backslashes, padded to even length with the VR's pad. */
  public static byte[] encode(String s, VR vr, SpecificCharacterSet cs) {
    byte[] b = vr.usesCharacterSet() ? cs.encode(s) : s.getBytes(StandardCharsets.ISO_8859_1);
    if ((b.length & 1) == 0) {
      return b;
    }
    byte[] padded = java.util.Arrays.copyOf(b, b.length + 1);
    padded[b.length] = (byte) vr.paddingByte();
    return padded;
  }

  /** Number of binary values in a raw value of a BINARY or BULK VR. */
  public static int count(byte[] raw, VR vr) {
    return raw.length / Math.max(1, vr.bytesPerValue());
  }

  /** The {@code index}th binary value as a long (unsigned for US, UL; signed otherwise). */
  public static long getLong(byte[] raw, VR vr, int index, boolean bigEndian) {
    int off = index * vr.bytesPerValue();
    return switch (vr) {
      case US, OW -> EndianBytes.getUShort(raw, off, bigEndian);
      case SS -> EndianBytes.getShort(raw, off, bigEndian);
      case UL, OL -> EndianBytes.getInt(raw, off, bigEndian) & 0xFFFFFFFFL;
      case SL -> EndianBytes.getInt(raw, off, bigEndian);
      case AT -> EndianBytes.getTag(raw, off, bigEndian) & 0xFFFFFFFFL;
      case SV, UV, OV -> EndianBytes.getLong(raw, off, bigEndian);
      case OB, UN -> raw[off] & 0xFF;
      case FL, OF -> (long) Float.intBitsToFloat(EndianBytes.getInt(raw, off, bigEndian));
      case FD, OD -> (long) Double.longBitsToDouble(EndianBytes.getLong(raw, off, bigEndian));
      default -> throw new IllegalArgumentException(vr + " is not a binary VR");
    };
  }

  /** The {@code index}th binary value as a double. */
  public static double getDouble(byte[] raw, VR vr, int index, boolean bigEndian) {
    int off = index * vr.bytesPerValue();
    return switch (vr) {
      case FL, OF -> Float.intBitsToFloat(EndianBytes.getInt(raw, off, bigEndian));
      case FD, OD -> Double.longBitsToDouble(EndianBytes.getLong(raw, off, bigEndian));
      case UV -> unsignedToDouble(EndianBytes.getLong(raw, off, bigEndian));
      default -> getLong(raw, vr, index, bigEndian);
    };
  }

  /** A binary value in its text form: decimal numbers, AT as GGGGEEEE, UV unsigned. */
  public static String toString(byte[] raw, VR vr, int index, boolean bigEndian) {
    return switch (vr) {
      case AT -> String.format("%08X", getLong(raw, vr, index, bigEndian));
      case FL, OF -> Float.toString(Float.intBitsToFloat(
          EndianBytes.getInt(raw, index * 4, bigEndian)));
      case FD, OD -> Double.toString(getDouble(raw, vr, index, bigEndian));
      case UV, OV -> Long.toUnsignedString(EndianBytes.getLong(raw, index * 8, bigEndian));
      default -> Long.toString(getLong(raw, vr, index, bigEndian));
    };
  }

  /** Every binary value of a raw value, as longs (see {@link #getLong}). */
  public static long[] getLongs(byte[] raw, VR vr, boolean bigEndian) {
    long[] v = new long[count(raw, vr)];
    for (int k = 0; k < v.length; k++) {
      v[k] = getLong(raw, vr, k, bigEndian);
    }
    return v;
  }

  /** Every binary value of a raw value, as doubles. */
  public static double[] getDoubles(byte[] raw, VR vr, boolean bigEndian) {
    double[] v = new double[count(raw, vr)];
    for (int k = 0; k < v.length; k++) {
      v[k] = getDouble(raw, vr, k, bigEndian);
    }
    return v;
  }

  /** Every binary value of a raw value in its text form (see {@link #toString}). */
  public static String[] toStrings(byte[] raw, VR vr, boolean bigEndian) {
    String[] s = new String[count(raw, vr)];
    for (int k = 0; k < s.length; k++) {
      s[k] = toString(raw, vr, k, bigEndian);
    }
    return s;
  }

  /** Encodes integers as binary values of {@code vr}. */
  public static byte[] encodeLongs(long[] values, VR vr, boolean bigEndian) {
    int size = vr.bytesPerValue();
    byte[] b = new byte[values.length * size];
    for (int i = 0; i < values.length; i++) {
      long v = values[i];
      int off = i * size;
      switch (vr) {
        case US, SS, OW -> EndianBytes.putShort(b, off, (int) v, bigEndian);
        case UL, SL, OL -> EndianBytes.putInt(b, off, (int) v, bigEndian);
        case AT -> EndianBytes.putTag(b, off, (int) v, bigEndian);
        case UV, SV, OV -> EndianBytes.putLong(b, off, v, bigEndian);
        case OB, UN -> b[off] = (byte) v;
        case FL, OF -> EndianBytes.putInt(b, off, Float.floatToIntBits(v), bigEndian);
        case FD, OD -> EndianBytes.putLong(b, off, Double.doubleToLongBits(v), bigEndian);
        default -> throw new IllegalArgumentException(vr + " is not a binary VR");
      }
    }
    return b;
  }

  /** Encodes floating point numbers as binary values of {@code vr}. */
  public static byte[] encodeDoubles(double[] values, VR vr, boolean bigEndian) {
    if (!vr.isFloatingPoint()) {
      long[] longs = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        longs[i] = (long) values[i];
      }
      return encodeLongs(longs, vr, bigEndian);
    }
    int size = vr.bytesPerValue();
    byte[] b = new byte[values.length * size];
    for (int i = 0; i < values.length; i++) {
      if (size == 4) {
        EndianBytes.putInt(b, i * 4, Float.floatToIntBits((float) values[i]), bigEndian);
      } else {
        EndianBytes.putLong(b, i * 8, Double.doubleToLongBits(values[i]), bigEndian);
      }
    }
    return b;
  }

  /** Formats a number as a DS value: at most 16 characters, no needless trailing zeros. */
  public static String formatDS(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("DS cannot hold " + v);
    }
    String s = Double.toString(v);
    if (s.endsWith(".0")) {
      s = s.substring(0, s.length() - 2);
    }
    for (int digits = 15; s.length() > 16 && digits > 0; digits--) {
      s = new BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros()
          .toString();
    }
    return s;
  }

  /** Parses an IS or DS value; DS values are truncated toward zero. */
  public static long parseInteger(String s, int tag) {
    try {
      return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      try {
        return (long) Double.parseDouble(s);
      } catch (NumberFormatException e2) {
        throw new NumberFormatException(Tag.toString(tag) + " is not a number: '" + s + "'");
      }
    }
  }

  public static long[] parseIntegers(String[] values, int tag) {
    long[] v = new long[values.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = parseInteger(values[k], tag);
    }
    return v;
  }

  public static double[] parseDecimals(String[] values, int tag) {
    double[] v = new double[values.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = parseDecimal(values[k], tag);
    }
    return v;
  }

  public static double parseDecimal(String s, int tag) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new NumberFormatException(Tag.toString(tag) + " is not a number: '" + s + "'");
    }
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }
}
