package org.tessera.archive.internal.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.io.DicomFile;
import org.tessera.dicom.io.DicomParseException;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.ReadOptions;

/**
 * Reads the header of a received file (blocking: run on a worker). Bulk values stay in the file
 * as references, so a 1 GB multi-frame instance costs its header's memory, not its size; values
 * after Pixel Data are read too. A deflated data set has no file offsets to refer to, so there
 * the reader stops before Pixel Data.
 */
public final class InstanceParser {
  /** Bulk values longer than this are left in the file (and appear as BulkDataURI). */
  static final long BULK_DATA_THRESHOLD = 1024;

  private final int maxValueLength;

  public InstanceParser(int maxValueLength) {
    this.maxValueLength = maxValueLength;
  }

  public ParsedInstance parseBlocking(Path file) {
    ReadOptions options = ReadOptions.DEFAULTS.maxValueLength(maxValueLength)
        .bulkDataIn(file, BULK_DATA_THRESHOLD);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        DicomReader reader = new DicomReader(in, options)) {
      var meta = reader.readFileMetaInformation();
      if (meta == null) {
        throw new ArchiveException(Problem.CANNOT_UNDERSTAND,
            "not a DICOM Part 10 file: no File Meta Information (PS3.10 7.1)");
      }
      if (meta.transferSyntaxUid() == null) {
        throw new ArchiveException(Problem.CANNOT_UNDERSTAND,
            "the File Meta Information has no Transfer Syntax UID (0002,0010)");
      }
      if (TransferSyntax.of(meta.transferSyntaxUid()).deflated()) {
        reader.close();
        return parseDeflatedBlocking(file);
      }
      return new ParsedInstance(meta, reader.readDataset());
    } catch (DicomParseException e) {
      throw new ArchiveException(Problem.CANNOT_UNDERSTAND, "cannot parse the DICOM data: "
          + e.getMessage());
    } catch (IOException e) {
      throw new ArchiveException(Problem.CANNOT_UNDERSTAND, "cannot read the DICOM data: "
          + e.getMessage());
    }
  }

  private ParsedInstance parseDeflatedBlocking(Path file) throws IOException {
    ReadOptions options = ReadOptions.DEFAULTS.maxValueLength(maxValueLength)
        .stopBeforePixelData();
    DicomFile f = DicomReader.read(file, options);
    return new ParsedInstance(f.fileMetaInformation(), f.dataset());
  }
}
