package org.tessera.archive.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces a file's content, or a directory's entries, to the device. A renamed file survives a
 * power loss only once both the file and the directory that names it have been forced (POSIX
 * {@code fsync(2)} on each).
 */
final class Fsync {
  /**
   * Windows cannot open a directory as a channel, and NTFS journals directory entries anyway
   * (Lucene's {@code IOUtils.fsync} skips it there too); everywhere else a failure is real.
   */
  private static final boolean DIRECTORIES_SUPPORTED =
      !System.getProperty("os.name", "").startsWith("Windows");

  private Fsync() {}

  static void file(Path file) throws IOException {
    // WRITE because Windows refuses to flush a handle opened for reading only
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  static void directory(Path directory) throws IOException {
    if (!DIRECTORIES_SUPPORTED) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
