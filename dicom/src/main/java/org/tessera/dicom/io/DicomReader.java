package org.tessera.dicom.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;

/**
 * Reads DICOM Part 10 files (PS3.10 7.1) and bare data sets (PS3.5 7) from a stream, blocking:
 * run it on a worker thread. Handles the preamble and File Meta Information, files without
 * them, implicit and explicit VR, both byte orders, deflate, defined and undefined lengths, and
 * encapsulated Pixel Data (kept as fragments).
 *
 * <p>Every length is checked against the enclosing item and the limits of {@link ReadOptions},
 * and every error is a {@link DicomParseException} naming the element and byte offset.
 */
public final class DicomReader implements Closeable {
  private static final int DICM = 0x4449434D;

  private final DicomInput in;
  private final ReadOptions options;
  private TransferSyntax transferSyntax;
  private FileMetaInformation fileMetaInformation;
  private boolean metaRead;
  private StopPoint stoppedAt;

  /** A reader for a Part 10 file (or a data set without File Meta, whose syntax it guesses). */
  public DicomReader(InputStream in, ReadOptions options) {
    this.in = new DicomInput(in);
    this.options = options;
  }

  public DicomReader(InputStream in) {
    this(in, ReadOptions.DEFAULTS);
  }

  /** A reader for a bare data set in a known transfer syntax (a DIMSE message, say). */
  public static DicomReader forDataset(InputStream in, TransferSyntax ts, ReadOptions options) {
    DicomReader reader = new DicomReader(in, options);
    reader.transferSyntax = ts;
    reader.metaRead = true;
    if (ts.deflated()) {
      reader.in.inflate();
    }
    return reader;
  }

  /** Reads a whole file, or up to where {@code options} stop. */
  public static DicomFile read(Path file, ReadOptions options) throws IOException {
    try (DicomReader reader = new DicomReader(Files.newInputStream(file), options)) {
      return reader.readFile();
    }
  }

  /** Reads File Meta (if any) and the data set. */
  public DicomFile readFile() throws IOException {
    FileMetaInformation meta = readFileMetaInformation();
    Attributes dataset = readDataset();
    return new DicomFile(meta, dataset, transferSyntax, stoppedAt);
  }

  /**
   * Reads the preamble and File Meta Information. Returns null for a data set without them, in
   * which case the transfer syntax is guessed from the first element.
   */
  public FileMetaInformation readFileMetaInformation() throws IOException {
    if (metaRead) {
      return fileMetaInformation;
    }
    metaRead = true;
    byte[] preamble = null;
    int n = in.fill(132);
    byte[] b = in.buffer();
    int i = in.index();
    if (n >= 132 && ElementParser.int32BigEndian(b, i + 128) == DICM) {
      preamble = java.util.Arrays.copyOfRange(b, i, i + 128);
      in.consume(132);
    } else if (n >= 4 && ElementParser.int32BigEndian(b, i) == DICM) {
      in.consume(4);
    } else if (!(n >= 6 && b[i] == 2 && b[i + 1] == 0 && VR.ofCode(vrCode(b, i + 4)) != null)) {
      transferSyntax = guessTransferSyntax(b, i, n);
      return null;
    }
    long groupStart = in.position();
    Attributes group2 = new ElementParser(in, options, false, true).readFileMetaGroup();
    checkFileMetaComplete(group2, groupStart);
    fileMetaInformation = FileMetaInformation.of(group2, preamble);
    String tsUid = fileMetaInformation.transferSyntaxUid();
    if (tsUid == null) {
      int available = in.fill(8);
      transferSyntax = guessTransferSyntax(in.buffer(), in.index(), available);
    } else if (!Uid.isValid(tsUid)) {
      throw new DicomParseException(Tag.TransferSyntaxUID, in.position(),
          "transfer syntax '" + tsUid + "' is not a valid UID");
    } else {
      transferSyntax = TransferSyntax.of(tsUid);
    }
    if (transferSyntax.deflated()) {
      in.inflate();
    }
    return fileMetaInformation;
  }

  /**
   * Reads the data set up to its end or to the first top-level element the stop condition
   * accepts (see {@link #stoppedAt()}).
   */
  public Attributes readDataset() throws IOException {
    readFileMetaInformation();
    ElementParser parser = new ElementParser(in, options, transferSyntax.bigEndian(),
        transferSyntax.explicitVr());
    Attributes dataset = new Attributes(transferSyntax.bigEndian(), 160);
    stoppedAt = parser.readDataset(dataset, transferSyntax.deflated() ? null
        : options.bulkDataFile());
    return dataset;
  }

  /** The transfer syntax of the data set (known once File Meta has been read). */
  public TransferSyntax transferSyntax() {
    return transferSyntax;
  }

  /** Where {@link #readDataset()} stopped, or null if it read to the end. */
  public StopPoint stoppedAt() {
    return stoppedAt;
  }

  /** Current byte offset in the stream (in the inflated data for deflated syntaxes). */
  public long position() {
    return in.position();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * A File Meta group followed by no data set may have been cut short: its group length
   * (PS3.10 7.1) says how far it should have gone. (A group length that is merely wrong is
   * tolerated when data follows, since the group was read by group number.)
   */
  private void checkFileMetaComplete(Attributes group2, long groupStart) throws IOException {
    if (in.fill(1) > 0) {
      return;
    }
    if (group2.isEmpty()) {
      throw new DicomParseException(-1, in.position(), "no File Meta Information after DICM");
    }
    long declared = group2.getLong(Tag.FileMetaInformationGroupLength, -1);
    long end = groupStart + 12 + declared;
    if (declared >= 0 && in.position() < end) {
      throw new DicomParseException(Tag.FileMetaInformationGroupLength, in.position(),
          "File Meta Information is cut short: its group length says it ends at byte " + end);
    }
  }

  private static int vrCode(byte[] b, int off) {
    return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
  }

  /**
   * A data set without File Meta: group bytes "00 08" mean big endian; a valid VR after the
   * tag means explicit VR; anything else is implicit VR little endian, the default syntax.
   */
  private static TransferSyntax guessTransferSyntax(byte[] b, int i, int n) throws IOException {
    if (n == 0) {
      throw new EOFException("no data");
    }
    if (n < 8) {
      throw new DicomParseException(-1, 0, "only " + n + " bytes: not a DICOM data set");
    }
    int group = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    if (group == 0 || group == 0xFFFE) {
      throw new DicomParseException(group << 16 | (b[i + 2] & 0xFF) | (b[i + 3] & 0xFF) << 8, 0,
          "no preamble, File Meta or data set element at the start: not a DICOM file");
    }
    boolean bigEndian = b[i] == 0 && b[i + 1] != 0;
    VR vr = VR.ofCode(vrCode(b, i + 4));
    if (bigEndian) {
      return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
    }
    return vr != null && Character.isUpperCase(b[i + 4]) && Character.isUpperCase(b[i + 5])
        ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
        : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
  }
}
