package org.tessera.archive.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The two levels of hashed directories under the store root ({@code ab/} and {@code ab/cd/}),
 * 256 and 65,536 of them, created on first use by whichever thread needs one.
 *
 * <p>With fsync on, a file placed in a directory is durable only if the directory's own entry
 * in its parent is. A thread that merely finds a directory existing cannot tell whether its
 * creator has forced the parent yet, so each process forces every parent once itself before it
 * first uses the directory, then remembers it in one bit (8 KiB for all of them).
 */
final class FanOutDirectories {
  /** Bits 0 to 255 stand for the top directories, the 65,536 after them for the leaves. */
  private static final int LEAF_OFFSET = 256;

  private final Path root;
  private final boolean fsync;
  /** Bit i: directory i is known to exist and, with fsync on, its entry has been forced. */
  private final AtomicLongArray ready = new AtomicLongArray((LEAF_OFFSET + 65_536) / 64);

  FanOutDirectories(Path root, boolean fsync) {
    this.root = root;
    this.fsync = fsync;
  }

  /** The directory {@code key} goes in, created (and made durable) if need be. */
  Path directoryBlocking(String key) throws IOException {
    String topName = KeyLayout.topDirectory(key);
    String leafName = KeyLayout.leafDirectory(key);
    Path top = root.resolve(topName);
    Path leaf = top.resolve(leafName);
    int topBit = Integer.parseInt(topName, 16);
    int leafBit = LEAF_OFFSET + ((topBit << 8) | Integer.parseInt(leafName, 16));
    if (isReady(leafBit)) {
      return leaf;
    }
    prepare(top, root, topBit);
    prepare(leaf, top, leafBit);
    return leaf;
  }

  /** Forgets every directory, after one was found missing (removed behind the store's back). */
  void forget() {
    for (int i = 0; i < ready.length(); i++) {
      ready.set(i, 0);
    }
  }

  private void prepare(Path directory, Path parent, int bit) throws IOException {
    if (isReady(bit)) {
      return;
    }
    try {
      Files.createDirectory(directory);
    } catch (FileAlreadyExistsException e) {
      // another thread, or an earlier run, created it; a plain file there fails the rename
    }
    if (fsync) {
      Fsync.directory(parent);
    }
    ready.getAndUpdate(bit >>> 6, word -> word | (1L << bit));
  }

  private boolean isReady(int bit) {
    return (ready.get(bit >>> 6) & (1L << bit)) != 0;
  }
}
