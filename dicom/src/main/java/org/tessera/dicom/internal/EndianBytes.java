package org.tessera.dicom.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads and writes fixed-size numbers in byte arrays in either byte order, and swaps values
 * between orders. VarHandles compile to single loads and stores.
 */
public final class EndianBytes {
  private static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE = view(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = view(long[].class, ByteOrder.BIG_ENDIAN);

  private EndianBytes() {}

  private static VarHandle view(Class<?> arrayType, ByteOrder order) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, order);
  }

  public static int getUShort(byte[] b, int off, boolean bigEndian) {
    return getShort(b, off, bigEndian) & 0xFFFF;
  }

  public static short getShort(byte[] b, int off, boolean bigEndian) {
    return bigEndian ? (short) SHORT_BE.get(b, off) : (short) SHORT_LE.get(b, off);
  }

  public static int getInt(byte[] b, int off, boolean bigEndian) {
    return bigEndian ? (int) INT_BE.get(b, off) : (int) INT_LE.get(b, off);
  }

  public static long getLong(byte[] b, int off, boolean bigEndian) {
    return bigEndian ? (long) LONG_BE.get(b, off) : (long) LONG_LE.get(b, off);
  }

  /** A tag is two 16-bit numbers, group then element, each in the data set's byte order. */
  public static int getTag(byte[] b, int off, boolean bigEndian) {
    return getUShort(b, off, bigEndian) << 16 | getUShort(b, off + 2, bigEndian);
  }

  public static void putShort(byte[] b, int off, int v, boolean bigEndian) {
    if (bigEndian) {
      SHORT_BE.set(b, off, (short) v);
    } else {
      SHORT_LE.set(b, off, (short) v);
    }
  }

  public static void putInt(byte[] b, int off, int v, boolean bigEndian) {
    if (bigEndian) {
      INT_BE.set(b, off, v);
    } else {
      INT_LE.set(b, off, v);
    }
  }

  public static void putLong(byte[] b, int off, long v, boolean bigEndian) {
    if (bigEndian) {
      LONG_BE.set(b, off, v);
    } else {
      LONG_LE.set(b, off, v);
    }
  }

  public static void putTag(byte[] b, int off, int tag, boolean bigEndian) {
    putShort(b, off, tag >>> 16, bigEndian);
    putShort(b, off + 2, tag, bigEndian);
  }

  /**
   * Reverses the byte order of each {@code unit}-byte value in {@code b[off, off+len)} in place.
   * A trailing partial unit (malformed length) is left as it is.
   */
  public static void swap(byte[] b, int off, int len, int unit) {
    if (unit < 2) {
      return;
    }
    int end = off + len - len % unit;
    for (int i = off; i < end; i += unit) {
      for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
        byte t = b[lo];
        b[lo] = b[hi];
        b[hi] = t;
      }
    }
  }
}
