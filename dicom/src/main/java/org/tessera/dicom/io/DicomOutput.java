package org.tessera.dicom.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.tessera.dicom.internal.EndianBytes;

/** A buffered output with the primitive writes of element encoding. */
final class DicomOutput {
  private static final int BUFFER_SIZE = 64 * 1024;

  private OutputStream out;
  private final byte[] buf = new byte[BUFFER_SIZE];
  private int count;
  private DeflaterOutputStream deflater;
  private Deflater def;

  DicomOutput(OutputStream out) {
    this.out = out;
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (len >= BUFFER_SIZE) {
      flushBuffer();
      out.write(b, off, len);
      return;
    }
    if (len > BUFFER_SIZE - count) {
      flushBuffer();
    }
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  void writeByte(int v) throws IOException {
    ensure(1);
    buf[count++] = (byte) v;
  }

  void writeTag(int tag, boolean bigEndian) throws IOException {
    ensure(4);
    EndianBytes.putTag(buf, count, tag, bigEndian);
    count += 4;
  }

  void writeShort(int v, boolean bigEndian) throws IOException {
    ensure(2);
    EndianBytes.putShort(buf, count, v, bigEndian);
    count += 2;
  }

  void writeInt(int v, boolean bigEndian) throws IOException {
    ensure(4);
    EndianBytes.putInt(buf, count, v, bigEndian);
    count += 4;
  }

  /** Sends everything after this point through a raw deflater (PS3.5 A.5). */
  void startDeflate() throws IOException {
    flushBuffer();
    def = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater = new DeflaterOutputStream(out, def, BUFFER_SIZE);
    out = deflater;
  }

  /** Flushes the buffer and completes a deflate stream, without closing the target. */
  void finish() throws IOException {
    flushBuffer();
    if (deflater != null) {
      deflater.finish();
      def.end();
    }
    out.flush();
  }

  private void ensure(int n) throws IOException {
    if (BUFFER_SIZE - count < n) {
      flushBuffer();
    }
  }

  private void flushBuffer() throws IOException {
    if (count > 0) {
      out.write(buf, 0, count);
      count = 0;
    }
  }
}
