package org.tessera.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;

class FileBlobStoreTest {
  // a blocked event loop prints a stack trace (each one is a bug)
  private static final VertxOptions STRICT_VERTX = new VertxOptions()
      .setMaxEventLoopExecuteTime(200)
      .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
      .setBlockedThreadCheckInterval(100);
  private static final String KEY_PATTERN = "[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}-[0-9a-f]{12}";
  private static final String UID = "1.2.826.0.1.3680043.8.498.12345678901234567890";

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx(STRICT_VERTX);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void receiveHashesAndCountsEveryBufferOfAStream() throws Exception {
    FileBlobStore store = store(true);
    byte[] data = randomBytes(3 * 1024 * 1024 + 17, 1);
    ChunkedStream source = new ChunkedStream(vertx, data, 1000, 7919, null);

    TempBlob temp = receiveOnContext(source.context, () -> store.receive(source));

    assertThat(source.chunks).isGreaterThan(500);
    assertThat(temp.size()).isEqualTo(data.length);
    assertThat(temp.md5().await()).isEqualTo(md5(data));
    assertThat(temp.path().getParent()).isEqualTo(dir.resolve("blobs/tmp"));
    assertThat(Files.readAllBytes(temp.path())).isEqualTo(data);

    String key = store.placeBlocking(temp, UID);
    assertThat(Files.readAllBytes(store.path(key))).isEqualTo(data);
    assertThat(temp.path()).doesNotExist();
    assertThat(tempFiles(store)).isEmpty();
  }

  @Test
  void receiveReadsAnAsyncFileInSmallBuffers() throws Exception {
    FileBlobStore store = store(false);
    byte[] data = randomBytes(2 * 1024 * 1024 + 3, 2);
    Path source = Files.write(dir.resolve("source.bin"), data);
    Context context = vertx.getOrCreateContext();

    TempBlob temp = receiveOnContext(context, () -> vertx.fileSystem()
        .open(source.toString(), new OpenOptions().setRead(true))
        .compose(file -> store.receive(file.setReadBufferSize(4096)).eventually(file::close)));

    assertThat(temp.size()).isEqualTo(data.length);
    assertThat(temp.md5().await()).isEqualTo(md5(data));
    String key = store.placeBlocking(temp, UID);
    assertThat(Files.readAllBytes(store.path(key))).isEqualTo(data);
  }

  @Test
  void receivePausesTheSourceWhileTheFileCatchesUp() throws Exception {
    FileBlobStore store = store(false);
    byte[] data = randomBytes(8 * 1024 * 1024, 3);
    // 64 KiB chunks as fast as demand allows: the file's write queue fills and must push back
    ChunkedStream source = new ChunkedStream(vertx, data, 64 * 1024, 64 * 1024, null);

    TempBlob temp = receiveOnContext(source.context, () -> store.receive(source));

    assertThat(source.pauses).isGreaterThan(1);
    assertThat(temp.size()).isEqualTo(data.length);
    assertThat(Files.readAllBytes(temp.path())).isEqualTo(data);
  }

  @Test
  void receiveOfAnEmptyStreamGivesAnEmptyBlob() throws Exception {
    FileBlobStore store = store(true);
    ChunkedStream source = new ChunkedStream(vertx, new byte[0], 1, 1, null);

    TempBlob temp = receiveOnContext(source.context, () -> store.receive(source));

    assertThat(temp.size()).isZero();
    assertThat(HexFormat.of().formatHex(temp.md5().await()))
        .isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(Files.size(temp.path())).isZero();
  }

  @Test
  void failingSourceDeletesTheTempFileAndFailsWithStorageFailure() throws Exception {
    FileBlobStore store = store(true);
    byte[] data = randomBytes(500_000, 4);
    ChunkedStream source =
        new ChunkedStream(vertx, data, 10_000, 10_000, new IOException("Connection reset"));

    Future<TempBlob> received = receiveFuture(source.context, () -> store.receive(source));

    assertThatThrownBy(received::await)
        .isInstanceOfSatisfying(ArchiveException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.STORAGE_FAILURE);
          assertThat(e.getMessage()).isEqualTo("Cannot store the received data");
          assertThat(e.getCause()).hasMessage("Connection reset");
        });
    assertThat(source.chunks).isEqualTo(50);
    assertThat(tempFiles(store)).isEmpty();
  }

  @Test
  void diskFullIsOutOfResources() throws Exception {
    FileBlobStore store = store(true);
    // as the JDK words ENOSPC; the IOException arrives wrapped, as Vert.x may deliver it
    var enospc = new RuntimeException(new IOException("No space left on device"));
    ChunkedStream source = new ChunkedStream(vertx, randomBytes(30_000, 5), 10_000, 10_000, enospc);

    Future<TempBlob> received = receiveFuture(source.context, () -> store.receive(source));

    assertThatThrownBy(received::await).isInstanceOfSatisfying(ArchiveException.class,
        e -> assertThat(e.problem()).isEqualTo(Problem.OUT_OF_RESOURCES));
    assertThat(tempFiles(store)).isEmpty();
  }

  @Test
  void sourceFailingWithAProblemKeepsIt() throws Exception {
    FileBlobStore store = store(true);
    var malformed = new ArchiveException(Problem.CANNOT_UNDERSTAND, "Multipart body is truncated");
    ChunkedStream source =
        new ChunkedStream(vertx, randomBytes(30_000, 11), 10_000, 10_000, malformed);

    Future<TempBlob> received = receiveFuture(source.context, () -> store.receive(source));

    assertThatThrownBy(received::await).isSameAs(malformed);
    assertThat(tempFiles(store)).isEmpty();
  }

  @Test
  void receiveFailsWithStorageFailureAndDrainsTheSourceWhenNoTempFileCanBeMade() throws Exception {
    FileBlobStore store = store(true);
    Files.delete(store.path("tmp"));
    ChunkedStream source = new ChunkedStream(vertx, randomBytes(100_000, 10), 1000, 1000, null);

    Future<TempBlob> received = receiveFuture(source.context, () -> store.receive(source));

    assertThatThrownBy(received::await).isInstanceOfSatisfying(ArchiveException.class, e -> {
      assertThat(e.problem()).isEqualTo(Problem.STORAGE_FAILURE);
      assertThat(e.getMessage()).isEqualTo("Cannot create a temp file in the blob store");
    });
    // closing the pipe resumed the source, so a request body is read to its end, not left stuck
    source.ended.future().await(5, TimeUnit.SECONDS);
    assertThat(source.chunks).isEqualTo(100);
  }

  @Test
  void receiveBlockingHashesAndCountsShortReads() throws Exception {
    FileBlobStore store = store(true);
    byte[] data = randomBytes(1024 * 1024 + 4099, 6);

    TempBlob temp = store.receiveBlocking(new ShortReads(new ByteArrayInputStream(data), 1000));

    assertThat(temp.size()).isEqualTo(data.length);
    assertThat(temp.md5().await()).isEqualTo(md5(data));
    assertThat(temp.path().getParent()).isEqualTo(dir.resolve("blobs/tmp"));
    String key = store.placeBlocking(temp, UID);
    assertThat(Files.readAllBytes(store.path(key))).isEqualTo(data);
    assertThat(tempFiles(store)).isEmpty();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 4095, 4096, 4097, 256 * 1024, 256 * 1024 + 4096, 600_001})
  void copyBlockingCopiesAFileAndLeavesItAsItWas(int length) throws Exception {
    FileBlobStore store = store(false);
    byte[] data = randomBytes(length, 8);
    Path source = Files.write(dir.resolve("source.dcm"), data);

    TempBlob temp = store.copyBlocking(source);

    assertThat(temp.size()).isEqualTo(length);
    assertThat(temp.md5().await()).isEqualTo(md5(data));
    assertThat(Files.readAllBytes(temp.path())).isEqualTo(data);
    assertThat(Files.readAllBytes(source)).isEqualTo(data);
    // a second copy on the same thread reuses the buffer: nothing of the first may leak into it
    byte[] other = randomBytes(1000, 9);
    TempBlob second = store.copyBlocking(Files.write(dir.resolve("other.dcm"), other));
    assertThat(Files.readAllBytes(second.path())).isEqualTo(other);
    assertThat(second.md5().await()).isEqualTo(md5(other));
  }

  @Test
  void copyBlockingOfAMissingFileFailsAndLeavesNoTempFile() throws Exception {
    FileBlobStore store = store(false);
    assertThatThrownBy(() -> store.copyBlocking(dir.resolve("missing.dcm")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThat(tempFiles(store)).isEmpty();
  }

  @Test
  void receiveBlockingDeletesTheTempFileWhenTheSourceFails() throws Exception {
    FileBlobStore store = store(true);
    InputStream failing = new FilterInputStream(bytes(600_000)) {
      private int read;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (read > 300_000) {
          throw new IOException("Truncated");
        }
        int n = super.read(b, off, Math.min(len, 100_000));
        read += n;
        return n;
      }
    };

    assertThatThrownBy(() -> store.receiveBlocking(failing)).hasMessage("Truncated");
    assertThat(tempFiles(store)).isEmpty();
  }

  @ParameterizedTest(name = "fsync {0}")
  @ValueSource(booleans = {true, false})
  void placeRenamesUnderAHashedFanOutKey(boolean fsync) throws Exception {
    FileBlobStore store = store(fsync);
    byte[] data = randomBytes(10_000, 7);
    TempBlob temp = store.receiveBlocking(new ByteArrayInputStream(data));

    String key = store.placeBlocking(temp, UID);

    String hash = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(UID.getBytes(StandardCharsets.US_ASCII)));
    assertThat(key).matches(KEY_PATTERN)
        .startsWith(hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/"
            + hash.substring(0, 32) + "-");
    Path file = dir.resolve("blobs").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4))
        .resolve(key.substring(6));
    assertThat(store.path(key)).isEqualTo(file);
    assertThat(Files.readAllBytes(file)).isEqualTo(data);
    assertThat(temp.path()).doesNotExist();
  }

  @Test
  void placingOneNameTwiceKeepsBothFiles() throws Exception {
    FileBlobStore store = store(true);
    byte[] first = randomBytes(5_000, 8);
    byte[] second = randomBytes(6_000, 9);

    String a = store.placeBlocking(store.receiveBlocking(new ByteArrayInputStream(first)), UID);
    String b = store.placeBlocking(store.receiveBlocking(new ByteArrayInputStream(second)), UID);

    assertThat(a).isNotEqualTo(b);
    // same name, same directory and hash; only the suffix differs
    assertThat(a.substring(0, 39)).isEqualTo(b.substring(0, 39));
    assertThat(Files.readAllBytes(store.path(a))).isEqualTo(first);
    assertThat(Files.readAllBytes(store.path(b))).isEqualTo(second);
  }

  @Test
  void placeRecreatesAFanOutDirectoryRemovedBehindItsBack() throws Exception {
    FileBlobStore store = store(true);
    String first = store.placeBlocking(store.receiveBlocking(bytes(10)), UID);
    Path top = store.path(first.substring(0, 2));
    Files.delete(store.path(first));
    Files.delete(store.path(first.substring(0, 5)));
    Files.delete(top);

    byte[] data = randomBytes(100, 12);
    String second = store.placeBlocking(store.receiveBlocking(new ByteArrayInputStream(data)), UID);

    assertThat(second.substring(0, 5)).isEqualTo(first.substring(0, 5));
    assertThat(Files.readAllBytes(store.path(second))).isEqualTo(data);
  }

  @Test
  void pathResolvesKeysAndRejectsAnyThatLeaveTheStore() {
    FileBlobStore store = store(false);

    assertThat(store.path("ab/cd/ef-01")).isEqualTo(dir.resolve("blobs/ab/cd/ef-01"));
    for (String key : List.of("../x", "ab/../../x", "ab/..", "/etc/passwd",
        dir.resolve("blobs/ab").toString(), "", "ab//cd", "./ab", "ab\\..\\..\\x", "C:x")) {
      assertThatThrownBy(() -> store.path(key)).as(key)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void sweepRemovesOnlyStaleTempFiles() throws Exception {
    FileBlobStore store = new FileBlobStore(vertx,
        new StorageOptions(dir.resolve("blobs"), false, Duration.ofHours(1)));
    String key = store.placeBlocking(store.receiveBlocking(bytes(10)), UID);
    TempBlob stale = store.receiveBlocking(bytes(20));
    TempBlob fresh = store.receiveBlocking(bytes(30));
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    Files.setLastModifiedTime(stale.path(), FileTime.from(twoHoursAgo));

    assertThat(store.sweepTempFilesBlocking()).isEqualTo(1);

    assertThat(stale.path()).doesNotExist();
    assertThat(fresh.path()).exists();
    assertThat(store.path(key)).exists();
    assertThat(store.sweepTempFilesBlocking()).isZero();
  }

  @Test
  void sweepWithZeroAgeRemovesEveryTempFile() throws Exception {
    FileBlobStore store = store(false);
    String key = store.placeBlocking(store.receiveBlocking(bytes(10)), UID);
    for (int i = 0; i < 3; i++) {
      store.receiveBlocking(bytes(i));
    }

    assertThat(store.sweepTempFilesBlocking()).isEqualTo(3);

    assertThat(tempFiles(store)).isEmpty();
    assertThat(Files.readAllBytes(store.path(key))).hasSize(10);
  }

  @Test
  void discardAndDeleteAreIdempotent() throws Exception {
    FileBlobStore store = store(true);
    TempBlob discarded = store.receiveBlocking(bytes(100));
    TempBlob kept = store.receiveBlocking(bytes(200));
    String key = store.placeBlocking(kept, UID);

    store.discardBlocking(discarded);
    store.discardBlocking(discarded);
    store.deleteBlocking(key);
    store.deleteBlocking(key);
    store.deleteBlocking("00/00/never-placed");

    assertThat(discarded.path()).doesNotExist();
    assertThat(store.path(key)).doesNotExist();
    assertThat(tempFiles(store)).isEmpty();
  }

  @Test
  void concurrentPlacementsAllSucceedWithDistinctKeys() throws Exception {
    FileBlobStore store = store(true);
    int count = 50;
    List<byte[]> contents = new ArrayList<>();
    List<TempBlob> temps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      contents.add(randomBytes(1000 + i, 100 + i));
      temps.add(store.receiveBlocking(new ByteArrayInputStream(contents.get(i))));
    }
    String[] keys = new String[count];
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        // five names: threads race to create the same fan-out directories and place one name
        done.add(threads.submit(() -> {
          start.await();
          keys[n] = store.placeBlocking(temps.get(n), UID + "." + (n % 5));
          return null;
        }));
      }
      start.countDown();
      for (var f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(Set.of(keys)).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(keys[i]).matches(KEY_PATTERN);
      assertThat(Files.readAllBytes(store.path(keys[i]))).isEqualTo(contents.get(i));
    }
    assertThat(tempFiles(store)).isEmpty();
  }

  private FileBlobStore store(boolean fsync) {
    return new FileBlobStore(vertx, new StorageOptions(dir.resolve("blobs"), fsync, Duration.ZERO));
  }

  private static List<Path> tempFiles(FileBlobStore store) throws IOException {
    try (Stream<Path> files = Files.list(store.path("tmp"))) {
      return files.toList();
    }
  }

  private static TempBlob receiveOnContext(Context context, Supplier<Future<TempBlob>> receive) {
    return receiveFuture(context, receive).await();
  }

  /** Runs {@code receive} on an event loop, where the edges call it. */
  private static Future<TempBlob> receiveFuture(
      Context context, Supplier<Future<TempBlob>> receive) {
    Promise<TempBlob> result = Promise.promise();
    context.runOnContext(v -> receive.get().onComplete(result));
    return result.future();
  }

  private static InputStream bytes(int length) {
    return new ByteArrayInputStream(new byte[length]);
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] md5(byte[] data) throws Exception {
    return MessageDigest.getInstance("MD5").digest(data);
  }

  /** At most {@code limit} bytes per read, as sockets and pipes return them. */
  private static final class ShortReads extends FilterInputStream {
    private final int limit;

    ShortReads(InputStream in, int limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, limit));
    }
  }

  /**
   * Emits {@code data} on one context in chunks of varying size as fast as demand allows, then
   * ends, or fails with {@code failure} instead of ending. Counts chunks and pauses. Like a
   * request body it starts flowing once a handler is set or it is resumed.
   */
  private static final class ChunkedStream implements ReadStream<Buffer> {
    final Context context;
    private final List<Buffer> buffers = new ArrayList<>();
    private final Throwable failure;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private boolean done;
    final Promise<Void> ended = Promise.promise();
    int chunks;
    int pauses;

    ChunkedStream(Vertx vertx, byte[] data, int minChunk, int maxChunk, Throwable failure) {
      this.context = vertx.getOrCreateContext();
      this.failure = failure;
      Random random = new Random(data.length);
      for (int start = 0; start < data.length; ) {
        int size = minChunk + random.nextInt(maxChunk - minChunk + 1);
        int end = Math.min(data.length, start + size);
        buffers.add(Buffer.buffer().appendBytes(data, start, end - start));
        start = end;
      }
    }

    @Override
    public ChunkedStream handler(Handler<Buffer> handler) {
      this.handler = handler;
      schedule();
      return this;
    }

    @Override
    public ChunkedStream pause() {
      demand = 0;
      pauses++;
      return this;
    }

    @Override
    public ChunkedStream resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public ChunkedStream fetch(long amount) {
      demand = Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
      schedule();
      return this;
    }

    @Override
    public ChunkedStream endHandler(Handler<Void> endHandler) {
      this.endHandler = endHandler;
      return this;
    }

    @Override
    public ChunkedStream exceptionHandler(Handler<Throwable> handler) {
      this.exceptionHandler = handler;
      return this;
    }

    private void schedule() {
      if (!scheduled && !done) {
        scheduled = true;
        context.runOnContext(v -> {
          scheduled = false;
          emit();
        });
      }
    }

    private void emit() {
      // like Vert.x streams, a flowing stream without a handler drops its data
      while (demand > 0 && chunks < buffers.size()) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        Buffer chunk = buffers.get(chunks++);
        if (handler != null) {
          handler.handle(chunk);
        }
      }
      if (demand > 0 && chunks == buffers.size() && !done) {
        done = true;
        ended.complete();
        if (failure != null && exceptionHandler != null) {
          exceptionHandler.handle(failure);
        } else if (endHandler != null) {
          endHandler.handle(null);
        }
      }
    }
  }
}
