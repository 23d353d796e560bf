package org.tessera.archive.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;

/**
 * A {@link BlobStore} on a local (or mounted) filesystem.
 *
 * <p>Layout under the root: {@code tmp/<uuid>.tmp} while bytes arrive, then
 * {@code ab/cd/<h>-<r>}: {@code h} from the SHA-256 of the name (a SOP Instance UID), {@code ab}
 * and {@code cd} its first two bytes, {@code r} random, so placing the same name again gets a
 * new key and never replaces the file the index still points to ({@link KeyLayout}). Temp files
 * and placed files share one filesystem, so placing is a rename.
 *
 * <p>Durability, with fsync on: the temp file is renamed atomically to its key, then the file
 * and its directory are forced (and, once per process, each fan-out directory's parent). Only
 * then does {@link #placeBlocking} return the key the index may commit. Renaming before forcing
 * is safe because a key is new and nothing refers to it until the index commits: a crash in
 * between leaves an unindexed file, which the start-up sweep removes. It lets the file system
 * commit the content and the rename in one journal transaction (ext4: the directory's force
 * then finds nothing left to write).
 *
 * <p>Thread safety: every method may be called from any thread; methods without the
 * {@code Blocking} suffix never block. The constructor creates the root and {@code tmp/}
 * directories, so build the store at start-up, not on an event loop.
 */
public final class FileBlobStore implements BlobStore {
  private static final Logger log = LoggerFactory.getLogger(FileBlobStore.class);

  private static final String TEMP_DIRECTORY = "tmp";
  private static final String TEMP_SUFFIX = ".tmp";
  /** {@code ab/cd/<name>}: the path depth of a placed file under the root. */
  private static final int KEY_DEPTH = 3;
  /**
   * Per worker thread, large enough that a copy runs at disk speed; direct, so that the channels
   * read and write it without a copy through a temporary direct buffer, and aligned for
   * {@link DirectFileReader}.
   */
  private static final ThreadLocal<ByteBuffer> COPY_BUFFER =
      ThreadLocal.withInitial(() -> DirectFileReader.alignedBuffer(256 * 1024));

  private final Vertx vertx;
  private final Path root;
  /** For checking that a key stays inside; {@code root} itself is kept as given. */
  private final Path absoluteRoot;
  private final Path tmp;
  private final boolean fsync;
  private final Duration staleTempAge;
  private final FanOutDirectories directories;

  /**
   * A store rooted at {@code options.directory()}, used as given (the caller resolves it against
   * the data directory). Creates the root and its {@code tmp/} directory if missing.
   *
   * @throws ArchiveException STORAGE_FAILURE if the directories cannot be created
   */
  public FileBlobStore(Vertx vertx, StorageOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.root = Objects.requireNonNull(options.directory(), "directory");
    this.absoluteRoot = root.toAbsolutePath().normalize();
    this.tmp = root.resolve(TEMP_DIRECTORY);
    this.fsync = options.fsync();
    this.staleTempAge = Objects.requireNonNull(options.staleTempAge(), "staleTempAge");
    this.directories = new FanOutDirectories(root, fsync);
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new ArchiveException(Problem.STORAGE_FAILURE,
          "Cannot create the blob store directory " + tmp + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The future completes once the temp file is closed, so its bytes are with the operating
   * system (not forced: that happens when it is placed). On failure of the source or the file the
   * temp file is deleted and the future fails with an {@link ArchiveException}: OUT_OF_RESOURCES
   * when the disk is full, the source's own problem if it failed with one, else STORAGE_FAILURE.
   */
  @Override
  public Future<TempBlob> receive(ReadStream<Buffer> data) {
    return receive(data, null, temp -> temp);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A failure of {@code then} fails the future as it is; other failures as for
   * {@link #receive(ReadStream)}.
   */
  @Override
  public <T> Future<T> receive(ReadStream<Buffer> data, WorkerExecutor workers,
      BlockingStep<T> then) {
    return BatchedReceiver.receive(vertx, workers, newTempPath(), data, then)
        .recover(e -> Future.failedFuture(e instanceof BatchedReceiver.StepFailed step
            ? step.getCause()
            : e instanceof BatchedReceiver.CannotCreateTempFile
            ? failure("Cannot create a temp file in the blob store", e.getCause())
            : failure("Cannot store the received data", e)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>On failure the temp file is deleted and the exception rethrown.
   */
  @Override
  public TempBlob receiveBlocking(InputStream in) throws IOException {
    return receiveBlocking(Channels.newChannel(in));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The source is read with direct I/O where the file system allows it
   * ({@link DirectFileReader}), so it does not pass through the page cache. On failure the temp
   * file is deleted and the exception rethrown.
   */
  @Override
  public TempBlob copyBlocking(Path source) throws IOException {
    DirectFileReader direct = DirectFileReader.open(source);
    if (direct != null) {
      try (direct) {
        return receiveBlocking(direct);
      } catch (DirectFileReader.Unsupported e) {
        log.debug("Reading {} without direct I/O: {}", source, e.getMessage());
      }
    }
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      return receiveBlocking(in);
    }
  }

  private TempBlob receiveBlocking(ReadableByteChannel in) throws IOException {
    Path temp = newTempPath();
    MessageDigest md5 = Md5.newDigest();
    ByteBuffer buffer = COPY_BUFFER.get();
    long size = 0;
    FileChannel out =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (out) {
      int n = 0;
      while (n >= 0) {
        // fill the buffer, so the disk sees few large writes however the source reads
        buffer.clear();
        while (buffer.hasRemaining() && (n = in.read(buffer)) >= 0) {
          // reading on
        }
        buffer.flip();
        size += buffer.remaining();
        md5.update(buffer);
        buffer.rewind();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
    } catch (Throwable t) {
      deleteQuietly(temp);
      throw t;
    }
    return TempBlob.hashed(temp, size, md5.digest());
  }

  /**
   * {@inheritDoc}
   *
   * <p>On failure nothing is left under a key; the temp file may remain, to be discarded.
   */
  @Override
  public String placeBlocking(TempBlob temp, String name) throws IOException {
    String key = moveBlocking(temp, name);
    try {
      forceBlocking(key);
    } catch (IOException e) {
      // the caller will not index this key, so the file must not stay behind under it
      deleteQuietly(root.resolve(key));
      throw e;
    }
    return key;
  }

  /** {@inheritDoc} On failure nothing is left under a key. */
  @Override
  public String moveBlocking(TempBlob temp, String name) throws IOException {
    String key = KeyLayout.newKey(name);
    Path target = root.resolve(key);
    directories.directoryBlocking(key);
    try {
      Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      if (!Files.exists(temp.path())) {
        throw e;
      }
      // the fan-out directory was removed behind our back: make it again, once
      directories.forget();
      directories.directoryBlocking(key);
      Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE);
    }
    return key;
  }

  @Override
  public void forceBlocking(String key) throws IOException {
    if (fsync) {
      Path file = root.resolve(key);
      Fsync.file(file);
      Fsync.directory(file.getParent());
    }
  }

  @Override
  public void discardBlocking(TempBlob temp) {
    deleteQuietly(temp.path());
  }

  @Override
  public void deleteBlocking(String key) throws IOException {
    if (Files.deleteIfExists(path(key))) {
      log.debug("Deleted blob {}", key);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code key} is not a relative path of '/'-separated
   *     names inside the store (empty, absolute, {@code .} or {@code ..} segments, backslashes)
   */
  @Override
  public Path path(String key) {
    if (!KeyLayout.isWellFormed(key)) {
      throw new IllegalArgumentException("Not a blob key: " + key);
    }
    Path path = root.resolve(key);
    if (!path.toAbsolutePath().normalize().startsWith(absoluteRoot)) {
      throw new IllegalArgumentException("Not a blob key: " + key);
    }
    return path;
  }

  /** {@inheritDoc} Files outside the fan-out directories (temp files among them) are left out. */
  @Override
  public Stream<String> keysBlocking(Instant cutoff) throws IOException {
    return Files.find(root, KEY_DEPTH, (path, attributes) -> attributes.isRegularFile()
            && attributes.lastModifiedTime().toInstant().isBefore(cutoff)
            && root.relativize(path).getNameCount() == KEY_DEPTH)
        .map(path -> root.relativize(path).toString().replace(path.getFileSystem()
            .getSeparator(), "/"))
        .filter(key -> !key.startsWith(TEMP_DIRECTORY + "/"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Removes files in {@code tmp/} last modified more than {@code staleTempAge} ago, or all of
   * them when it is zero (at start-up no ingest is in flight).
   */
  @Override
  public int sweepTempFilesBlocking() throws IOException {
    Instant cutoff = Instant.now().minus(staleTempAge);
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
      for (Path file : files) {
        if (isStale(file, cutoff) && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    }
    if (removed > 0) {
      log.info("Stale temp files removed from {}: {}", tmp, removed);
    }
    return removed;
  }

  private boolean isStale(Path file, Instant cutoff) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return false;
    }
    return attributes.isRegularFile()
        && (staleTempAge.isZero() || attributes.lastModifiedTime().toInstant().isBefore(cutoff));
  }

  private Path newTempPath() {
    return tmp.resolve(UUID.randomUUID() + TEMP_SUFFIX);
  }

  private static void deleteQuietly(Path file) {
    try {
      if (Files.deleteIfExists(file)) {
        log.debug("Deleted {}", file);
      }
    } catch (IOException e) {
      log.warn("Cannot delete {}: {}", file, e.toString());
    }
  }

  /**
   * The failure to report for {@code cause}, which the source or the file raised. The message
   * may reach a client, so the details (paths) stay in the cause, for the log.
   */
  private static ArchiveException failure(String message, Throwable cause) {
    if (cause instanceof ArchiveException e) {
      return e;
    }
    if (StorageProblems.of(cause) == Problem.OUT_OF_RESOURCES) {
      return new ArchiveException(
          Problem.OUT_OF_RESOURCES, "The blob store is out of space", cause);
    }
    return new ArchiveException(Problem.STORAGE_FAILURE, message, cause);
  }
}
