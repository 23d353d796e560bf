package org.tessera.dicom.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.TransferSyntax;

/**
 * Writes Part 10 files (PS3.10 7.1) and bare data sets in the uncompressed transfer syntaxes,
 * and in the encapsulated ones with their fragments passed through unchanged. Blocking: run it
 * on a worker thread. Values are converted to the target byte order; values held as
 * {@link org.tessera.dicom.data.BulkDataRef}s are streamed from their files.
 *
 * <p>A data set read and written again in the same transfer syntax, with the default
 * {@link WriteOptions}, comes out byte for byte as it came in if it was well-formed.
 */
public final class DicomWriter {
  private static final byte[] DICM = "DICM".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream target;
  private final WriteOptions options;

  /** A writer onto {@code out}, which it flushes but never closes. */
  public DicomWriter(OutputStream out, WriteOptions options) {
    this.target = out;
    this.options = options;
  }

  public DicomWriter(OutputStream out) {
    this(out, WriteOptions.DEFAULTS);
  }

  /** Writes a file: preamble, "DICM", File Meta, then the data set in File Meta's syntax. */
  public static void write(Path file, FileMetaInformation meta, Attributes dataset)
      throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      new DicomWriter(out).writeFile(meta, dataset);
    }
  }

  /** Writes preamble, "DICM", File Meta (with its group length) and the data set. */
  public void writeFile(FileMetaInformation meta, Attributes dataset) throws IOException {
    String tsUid = meta.transferSyntaxUid();
    if (tsUid == null) {
      throw new IllegalArgumentException("File Meta lacks TransferSyntaxUID (0002,0010)");
    }
    DicomOutput out = new DicomOutput(target);
    out.write(meta.preamble());
    out.write(DICM);
    writeFileMetaGroup(out, meta.attributes());
    writeDataset(out, dataset, TransferSyntax.of(tsUid));
  }

  /**
   * Writes preamble, "DICM" and File Meta only: the start of a file whose data set comes as
   * bytes already encoded in File Meta's syntax (a data set received over DIMSE).
   */
  public void writeFileMeta(FileMetaInformation meta) throws IOException {
    DicomOutput out = new DicomOutput(target);
    out.write(meta.preamble());
    out.write(DICM);
    writeFileMetaGroup(out, meta.attributes());
    out.finish();
  }

  /** Writes a bare data set (no preamble, no File Meta), as DIMSE carries it. */
  public void writeDataset(Attributes dataset, TransferSyntax ts) throws IOException {
    writeDataset(new DicomOutput(target), dataset, ts);
  }

  private void writeDataset(DicomOutput out, Attributes dataset, TransferSyntax ts)
      throws IOException {
    if (ts.deflated()) {
      out.startDeflate();
    }
    new ElementWriter(out, options, ts.explicitVr(), ts.bigEndian()).writeElements(dataset);
    out.finish();
  }

  /** Group 0002 in explicit VR little endian, led by its group length (PS3.10 7.1). */
  private void writeFileMetaGroup(DicomOutput out, Attributes group2) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
    DicomOutput groupOut = new DicomOutput(bytes);
    new ElementWriter(groupOut, options, true, false).writeElements(group2);
    groupOut.finish();
    out.writeTag(0x00020000, false);
    out.writeShort(('U' << 8) | 'L', true);
    out.writeShort(4, false);
    out.writeInt(bytes.size(), false);
    out.write(bytes.toByteArray());
  }
}
