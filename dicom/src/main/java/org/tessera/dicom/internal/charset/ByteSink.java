package org.tessera.dicom.internal.charset;

import java.util.Arrays;

/** A growable byte array for encoders: unsynchronized, unlike ByteArrayOutputStream. */
final class ByteSink {
  private byte[] buf;
  private int size;

  ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  void write(int b) {
    if (size == buf.length) {
      buf = Arrays.copyOf(buf, size * 2);
    }
    buf[size++] = (byte) b;
  }

  void write(byte[] bytes) {
    for (byte b : bytes) {
      write(b);
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
