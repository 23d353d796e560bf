package org.tessera.dimse.internal.ul;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dicom.io.ReadOptions;

/**
 * What sending a Part 10 file's data set in a C-STORE needs: its UIDs and where its data set
 * starts, and the data set as a stream from there.
 *
 * @param datasetOffset the file offset of the first data set byte, right after File Meta
 */
public record Part10Header(String sopClassUid, String sopInstanceUid, String transferSyntax,
    long datasetOffset) {
  /**
   * Bytes per read of a stored file: each read is a hand-over to a worker thread and back (two
   * thread wake-ups, the largest cost of a C-GET sub-operation on a virtual machine), so a typical
   * CT or MR instance (0.5 MB) goes in one read instead of eight.
   */
  private static final int READ_BUFFER = 1024 * 1024;
  private static final OpenOptions READ =
      new OpenOptions().setRead(true).setWrite(false).setCreate(false);

  /**
   * Reads File Meta from the start of {@code file}, open as {@code channel} (blocking; the
   * caller closes the channel).
   */
  private static Part10Header read(Path file, FileChannel channel) throws IOException {
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
    DicomReader reader = new DicomReader(in, ReadOptions.DEFAULTS);
    FileMetaInformation meta = reader.readFileMetaInformation();
    Attributes a = meta.attributes();
    String cuid = a.getString(Tag.MediaStorageSOPClassUID);
    String iuid = a.getString(Tag.MediaStorageSOPInstanceUID);
    if (cuid == null || iuid == null || meta.transferSyntaxUid() == null) {
      throw new IOException(file + ": File Meta lacks SOP Class, SOP Instance or "
          + "Transfer Syntax UID");
    }
    return new Part10Header(cuid, iuid, meta.transferSyntaxUid(), reader.position());
  }

  /**
   * The data set of {@code file} re-encoded in another uncompressed {@code transferSyntax}, first
   * into a temp file (on a worker; bulk values are copied from the file, never all held in
   * memory), deleted once {@code send} has completed.
   */
  private <T> Future<T> streamReencoded(Vertx vertx, Path file, String transferSyntax,
      Function<ReadStream<Buffer>, Future<T>> send) {
    if (!canBeSentIn(transferSyntax)) {
      return Future.failedFuture(new IllegalArgumentException("cannot re-encode "
          + this.transferSyntax + " as " + transferSyntax));
    }
    return vertx.executeBlocking(() -> reencode(file, transferSyntax), false)
        .compose(temp -> stream(vertx, temp, 0, send).eventually(() ->
            vertx.fileSystem().delete(temp.toString()).recover(e -> Future.succeededFuture())));
  }

  /**
   * Whether the data set can go in {@code transferSyntax}: its own, or between uncompressed
   * syntaxes (PS3.5 A.1-A.3; Pixel Data as native values). Compressed data is sent as stored.
   */
  public boolean canBeSentIn(String transferSyntax) {
    if (transferSyntax.equals(this.transferSyntax)) {
      return true;
    }
    TransferSyntax from = TransferSyntax.of(this.transferSyntax);
    TransferSyntax to = TransferSyntax.of(transferSyntax);
    return TransferSyntax.UNCOMPRESSED.contains(from) && TransferSyntax.UNCOMPRESSED.contains(to);
  }

  /** Blocking: the data set of {@code file} in {@code transferSyntax}, in a new temp file. */
  private static Path reencode(Path file, String transferSyntax) throws IOException {
    Attributes dataset;
    ReadOptions refs = ReadOptions.DEFAULTS.bulkDataIn(file, ReadOptions.DEFAULT_BULK_DATA_THRESHOLD);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        DicomReader reader = new DicomReader(in, refs)) {
      dataset = reader.readFile().dataset();
    }
    Path temp = Files.createTempFile("tessera-reencoded-", ".dcm");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
      new DicomWriter(out).writeDataset(dataset, TransferSyntax.of(transferSyntax));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  /**
   * Reads File Meta and, in the same blocking step, a data set of up to {@link #READ_BUFFER}
   * bytes whole (a typical CT or MR instance: its C-STORE then needs no further hand-over to a
   * worker), or opens the file to stream a larger one from.
   */
  static Opened openBlocking(Vertx vertx, Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Part10Header header = read(file, channel);
      long length = channel.size() - header.datasetOffset();
      if (length > READ_BUFFER) {
        return new Opened(header, file, vertx.fileSystem().openBlocking(file.toString(), READ),
            null);
      }
      // read straight into memory the socket can write from: no copy on the event loop
      ByteBuf dataset = ByteBufAllocator.DEFAULT.directBuffer((int) length);
      try {
        long offset = header.datasetOffset();
        while (dataset.isWritable()) {
          if (dataset.writeBytes(channel, offset + dataset.writerIndex(),
              dataset.writableBytes()) < 0) {
            throw new IOException(file + " ended while its data set was being read");
          }
        }
      } catch (IOException | RuntimeException e) {
        dataset.release();
        throw e;
      }
      return new Opened(header, file, null, dataset);
    }
  }

  /** {@link #openBlocking} on a worker. */
  public static Future<Opened> open(Vertx vertx, Path file) {
    return vertx.executeBlocking(() -> openBlocking(vertx, file), false);
  }

  /**
   * A file whose File Meta is read, ready for either {@link #streamDatasetIn} or {@link #close},
   * once: with its data set in {@code dataset} (direct memory, released by either), or open as
   * {@code file} (the other one is null).
   */
  public record Opened(Part10Header header, Path path, AsyncFile file, ByteBuf dataset) {
    /**
     * Hands {@code send} the data set as a stream in {@code transferSyntax}: as read, or from
     * the open file, when it goes as stored, else re-encoded into a temp file; the file is
     * closed once {@code send}'s future has completed (not waited for: another hand-over per
     * instance).
     *
     * @throws IllegalArgumentException if the data set cannot be re-encoded so
     *     ({@link Part10Header#canBeSentIn})
     */
    public <T> Future<T> streamDatasetIn(Vertx vertx, String transferSyntax,
        Function<ReadStream<Buffer>, Future<T>> send) {
      if (!transferSyntax.equals(header.transferSyntax())) {
        close();
        return header.streamReencoded(vertx, path, transferSyntax, send);
      }
      if (dataset != null) {
        return send.apply(DatasetStream.of(dataset));
      }
      return streamOpen(file, header.datasetOffset(), send);
    }

    /** For a file that will not be sent. */
    public void close() {
      if (file != null) {
        file.close();
      }
      if (dataset != null) {
        dataset.release();
      }
    }
  }

  private static <T> Future<T> stream(Vertx vertx, Path file, long offset,
      Function<ReadStream<Buffer>, Future<T>> send) {
    return vertx.fileSystem().open(file.toString(), READ)
        .compose(f -> streamOpen(f, offset, send));
  }

  private static <T> Future<T> streamOpen(AsyncFile f, long offset,
      Function<ReadStream<Buffer>, Future<T>> send) {
    f.setReadBufferSize(READ_BUFFER).setReadPos(offset);
    Future<T> sent = send.apply(f);
    sent.onComplete(ar -> f.close());
    return sent;
  }
}
