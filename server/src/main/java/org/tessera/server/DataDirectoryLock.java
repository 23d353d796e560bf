package org.tessera.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory ({@code tessera.lock}), held while a process uses it.
 * The operating system releases it when the process dies however it dies, so a lock that can
 * be taken proves that nothing else runs on the directory: an embedded PostgreSQL still running
 * there is an orphan of a killed process.
 *
 * <p>The file holds the holder's pid while it runs and is emptied by a clean {@link #close}: a
 * pid found when the lock is taken tells that the previous process did not stop cleanly.
 */
final class DataDirectoryLock {
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean previousStopUnclean;

  private DataDirectoryLock(FileChannel channel, FileLock lock, boolean previousStopUnclean) {
    this.channel = channel;
    this.lock = lock;
    this.previousStopUnclean = previousStopUnclean;
  }

  /** Whether the process that used the directory before this one died without closing it. */
  boolean previousStopUnclean() {
    return previousStopUnclean;
  }

  /** Takes the lock, or fails naming the process that holds it. Blocking. */
  static DataDirectoryLock acquireBlocking(Path dataDir) throws IOException {
    Path file = dataDir.resolve("tessera.lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.US_ASCII)
          .trim();
      channel.close();
      throw new IOException("data directory " + dataDir + " is in use by another Tessera process"
          + (holder.isEmpty() ? "" : " (pid " + holder + ")")
          + "; stop it first, or give this one another --data directory");
    }
    boolean unclean = channel.size() > 0;
    channel.truncate(0);
    channel.write(java.nio.ByteBuffer.wrap(
        Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
    return new DataDirectoryLock(channel, lock, unclean);
  }

  /**
   * Releases the lock. {@code clean}: nothing is left for the next process to clean up, so it
   * finds the file empty; otherwise the pid stays and the next process treats this stop as
   * unclean.
   */
  void close(boolean clean) throws IOException {
    if (clean) {
      channel.truncate(0);
    }
    lock.release();
    channel.close();
  }
}
