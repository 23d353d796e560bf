package org.tessera.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A buffered stream that knows its position and lets the parser look at element headers in
 * place. Large values bypass the buffer and are read straight into their own arrays; arrays for
 * values whose length the stream cannot vouch for grow with the data actually read, so a
 * hostile length cannot make it allocate more than about twice what the input holds.
 */
final class DicomInput {
  private static final int BUFFER_SIZE = 8192;
  /** Values up to this size are allocated at once even when the stream may be shorter. */
  private static final int TRUSTED_ALLOCATION = 1 << 20;

  private InputStream in;
  private final byte[] buf = new byte[BUFFER_SIZE];
  private int pos;
  private int limit;
  /** Stream position of {@code buf[0]}. */
  private long bufferStart;

  DicomInput(InputStream in) {
    this.in = in;
  }

  long position() {
    return bufferStart + pos;
  }

  byte[] buffer() {
    return buf;
  }

  /** Index in {@link #buffer()} of the next unread byte. */
  int index() {
    return pos;
  }

  /**
   * Makes at least {@code n} (at most the buffer size) bytes available from {@link #index()}.
   *
   * @return the number of bytes available, which is less than {@code n} only at end of stream
   */
  int fill(int n) throws IOException {
    if (limit - pos >= n) {
      return limit - pos;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      bufferStart += pos;
      limit -= pos;
      pos = 0;
    }
    while (limit < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        break;
      }
      limit += r;
    }
    return limit;
  }

  void consume(int n) {
    pos += n;
  }

  /** Reads exactly {@code length} bytes. */
  byte[] readBytes(int length) throws IOException {
    int buffered = Math.min(length, limit - pos);
    if (length - buffered > TRUSTED_ALLOCATION && length - buffered > in.available()) {
      return readGrowing(length);
    }
    byte[] b = new byte[length];
    System.arraycopy(buf, pos, b, 0, buffered);
    pos += buffered;
    if (buffered < length) {
      readFully(b, buffered, length - buffered);
    }
    return b;
  }

  private byte[] readGrowing(int length) throws IOException {
    byte[] b = new byte[TRUSTED_ALLOCATION];
    int have = Math.min(limit - pos, length);
    System.arraycopy(buf, pos, b, 0, have);
    pos += have;
    while (have < length) {
      if (have == b.length) {
        b = Arrays.copyOf(b, (int) Math.min(length, 2L * b.length));
      }
      int r = in.read(b, have, b.length - have);
      if (r < 0) {
        throw new EOFException("end of data after " + have + " of " + length + " bytes");
      }
      have += r;
      bufferStart += r;
    }
    return b;
  }

  private void readFully(byte[] b, int off, int len) throws IOException {
    int n = in.readNBytes(b, off, len);
    bufferStart += n;
    if (n < len) {
      throw new EOFException("end of data after " + (off + n) + " of " + (off + len) + " bytes");
    }
  }

  /** Skips exactly {@code n} bytes. */
  void skip(long n) throws IOException {
    int buffered = (int) Math.min(n, limit - pos);
    pos += buffered;
    long left = n - buffered;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new EOFException("end of data while skipping " + n + " bytes");
        }
        s = 1;
      }
      left -= s;
      bufferStart += s;
    }
  }

  /**
   * From here on, reads the rest of the stream through a raw inflater (Deflated Explicit VR
   * Little Endian, PS3.5 A.5). Positions then count inflated bytes.
   */
  void inflate() {
    InputStream rest = new SequenceInputStream(
        new ByteArrayInputStream(Arrays.copyOfRange(buf, pos, limit)), in);
    in = new InflaterInputStream(rest, new Inflater(true), BUFFER_SIZE);
    bufferStart += pos;
    pos = 0;
    limit = 0;
  }

  void close() throws IOException {
    in.close();
  }
}
