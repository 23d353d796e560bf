package org.tessera.dicom.internal;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.NoSuchElementException;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Fragments;

/**
 * Values read back out without loading them whole (Part 10, JSON and XML writers): a region of a file, the same with each
 * value byte-swapped to little endian, and an encapsulated value laid out as PS3.5 A.4 encodes
 * it. Every stream reads lazily; the caller closes it.
 */
public final class BulkDataInput {
  private static final int ITEM = 0xFFFEE000;
  private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

  private BulkDataInput() {}

  /** Number of bytes {@code ref} covers; a length of -1 means up to the end of the file. */
  public static long length(BulkDataRef ref) throws IOException {
    long size = Files.size(ref.path());
    long end = ref.length() < 0 ? size : ref.offset() + ref.length();
    if (end > size || ref.offset() > size) {
      throw new EOFException(ref.uri() + ": bytes " + ref.offset() + ".." + end
          + " lie beyond the end of the file (" + size + " bytes)");
    }
    return end - ref.offset();
  }

  /** The bytes of a file region; only for {@link BulkDataRef#isFile()} references. */
  public static InputStream open(BulkDataRef ref) throws IOException {
    long length = length(ref);
    FileChannel channel = FileChannel.open(ref.path(), StandardOpenOption.READ);
    try {
      channel.position(ref.offset());
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new RangeInputStream(Channels.newInputStream(channel), length);
  }

  /** {@code in} with every {@code unit}-byte value reversed (big to little endian). */
  public static InputStream swapped(InputStream in, int unit) {
    return unit < 2 ? in : new SwappingInputStream(in, unit);
  }

  /**
   * Length of the encapsulated Value Field: each fragment (the Basic Offset Table first) as an
   * Item with its length, then a Sequence Delimitation Item (PS3.5 A.4).
   */
  public static long encapsulatedLength(Fragments fragments) {
    long n = 8;
    for (int i = 0; i < fragments.size(); i++) {
      n += 8 + fragments.lengthOf(i);
    }
    return n;
  }

  /** The encapsulated Value Field of {@link #encapsulatedLength}, little endian as A.4 requires. */
  public static InputStream encapsulated(Fragments fragments) {
    return new SequenceInputStream(new Enumeration<InputStream>() {
      private int next;

      @Override
      public boolean hasMoreElements() {
        return next <= 2 * fragments.size();
      }

      @Override
      public InputStream nextElement() {
        if (!hasMoreElements()) {
          throw new NoSuchElementException();
        }
        int k = next++;
        if (k == 2 * fragments.size()) {
          return header(SEQUENCE_DELIMITATION, 0);
        }
        if (k % 2 == 0) {
          return header(ITEM, fragments.lengthOf(k / 2));
        }
        Object fragment = fragments.get(k / 2);
        if (fragment instanceof byte[] b) {
          return new ByteArrayInputStream(b);
        }
        try {
          return open((BulkDataRef) fragment);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
  }

  private static InputStream header(int tag, long length) {
    byte[] b = new byte[8];
    EndianBytes.putTag(b, 0, tag, false);
    EndianBytes.putInt(b, 4, (int) length, false);
    return new ByteArrayInputStream(b);
  }

  /** At most {@code remaining} bytes of the stream below, then end of stream. */
  private static final class RangeInputStream extends FilterInputStream {
    private long remaining;

    RangeInputStream(InputStream in, long length) {
      super(in);
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      remaining -= b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }

  /** Reads whole values into a buffer and reverses each before handing the bytes on. */
  private static final class SwappingInputStream extends FilterInputStream {
    private final int unit;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    SwappingInputStream(InputStream in, int unit) {
      super(in);
      this.unit = unit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position == limit && !fill()) {
        return -1;
      }
      int n = Math.min(len, limit - position);
      System.arraycopy(buffer, position, b, off, n);
      position += n;
      return n;
    }

    /** Fills the buffer up to a value boundary (or the end of the stream). */
    private boolean fill() throws IOException {
      int n = 0;
      while (n == 0 || n % unit != 0) {
        int r = in.read(buffer, n, buffer.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      EndianBytes.swap(buffer, 0, n, unit);
      position = 0;
      limit = n;
      return n > 0;
    }
  }
}
