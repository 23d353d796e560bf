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
 */
final class DataDirectoryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
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
    channel.truncate(0);
    channel.write(java.nio.ByteBuffer.wrap(
        Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
    return new DataDirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
