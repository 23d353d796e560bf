package org.tessera.dimse.internal.ul;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.io.DicomReader;
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

  /** Reads File Meta (blocking). */
  public static Part10Header read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        DicomReader reader = new DicomReader(in, ReadOptions.DEFAULTS)) {
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
  }

  /**
   * Opens {@code file}, hands {@code send} its data set as a stream and closes the file once
   * {@code send}'s future has completed.
   */
  public <T> Future<T> streamDataset(Vertx vertx, Path file,
      Function<ReadStream<Buffer>, Future<T>> send) {
    OpenOptions read = new OpenOptions().setRead(true).setWrite(false).setCreate(false);
    return vertx.fileSystem().open(file.toString(), read).compose(f -> {
      f.setReadBufferSize(64 * 1024).setReadPos(datasetOffset);
      return send.apply(f).eventually(() -> f.close().recover(e -> Future.succeededFuture()));
    });
  }
}
