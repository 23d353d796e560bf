package org.tessera.archive.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file to be copied into the store with direct I/O ({@code O_DIRECT}): the disk writes
 * straight into the copy buffer instead of into the page cache, from which a normal read copies
 * it again. An import reads each source file once, so caching it buys nothing; the saved copy
 * (and the reclaim of the pages it would fill) halved the kernel's CPU time of a 4 GB CT import
 * on 2 cores (docs/PERFORMANCE.md).
 *
 * <p>Direct reads must start at block-aligned file positions into block-aligned buffers whose
 * remaining length is a multiple of the block size: callers pass buffers from
 * {@link #alignedBuffer}. A read that ends off a block boundary has reached the end of the file.
 * Where the platform or the file system does not do direct I/O, {@link #open} returns
 * {@code null}, and where the first read fails ({@link Unsupported}: nothing was read yet), the
 * caller reads the file the normal way.
 */
final class DirectFileReader implements ReadableByteChannel {
  /** A multiple of every logical block size in use (512 and 4096). */
  static final int ALIGNMENT = 4096;

  private final FileChannel channel;
  private final long size;
  private long position;
  private boolean ended;

  private DirectFileReader(FileChannel channel, long size) {
    this.channel = channel;
    this.size = size;
  }

  /**
   * Opens {@code file} for direct reads, or returns {@code null} where that is not possible (the
   * caller's normal open then reports a missing or unreadable file).
   */
  static DirectFileReader open(Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
    } catch (UnsupportedOperationException | IOException e) {
      return null;
    }
    try {
      return new DirectFileReader(channel, channel.size());
    } catch (IOException e) {
      closeQuietly(channel);
      return null;
    }
  }

  /** A direct buffer of at least {@code capacity} bytes, aligned for direct reads. */
  static ByteBuffer alignedBuffer(int capacity) {
    return ByteBuffer.allocateDirect(capacity + ALIGNMENT).alignedSlice(ALIGNMENT);
  }

  /**
   * {@inheritDoc}
   *
   * @throws Unsupported if the first read fails (the file system refuses direct reads of this
   *     file or of this alignment)
   * @throws IOException if a later read fails, or one ends off a block boundary before the end
   *     of the file
   */
  @Override
  public int read(ByteBuffer destination) throws IOException {
    if (ended) {
      return -1;
    }
    int n;
    try {
      n = channel.read(destination);
    } catch (IOException e) {
      if (position == 0) {
        throw new Unsupported(e);
      }
      throw e;
    }
    if (n < 0) {
      ended = true;
      return -1;
    }
    position += n;
    if (position % ALIGNMENT != 0) {
      if (position < size) {
        throw new IOException("Direct read ended at " + position + " of " + size + " bytes");
      }
      ended = true;
    }
    return n;
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // opened for reading only: nothing to lose
    }
  }

  /** The first direct read failed: read the file the normal way instead. */
  static final class Unsupported extends IOException {
    private static final long serialVersionUID = 1L;

    Unsupported(IOException cause) {
      super("Direct read refused: " + cause.getMessage(), cause);
    }
  }
}
