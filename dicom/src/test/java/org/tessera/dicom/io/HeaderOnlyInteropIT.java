package org.tessera.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.testing.ExternalTool;
import org.tessera.dicom.testing.SampleDatasets;

/**
 * Header-only reading and bulk data left in the file, on CT images in each uncompressed syntax
 * whose offsets are file offsets (not deflated): where the reader says Pixel Data is, dicom3tools'
 * dcdump says so too, and the bytes there are the pixels we wrote.
 */
class HeaderOnlyInteropIT {
  private static final int ROWS = 128;
  private static final int COLUMNS = 96;
  /** dcdump -v: "@0x000005fe: (0x7fe0,0x0010) OX Pixel Data ... VL=<0x2000>". */
  private static final Pattern DCDUMP_PIXEL_DATA = Pattern.compile(
      "@0x([0-9a-f]+): \\(0x7fe0,0x0010\\).*VL=<0x([0-9a-f]+)>");

  @TempDir Path dir;

  static Stream<TransferSyntax> syntaxesWithFileOffsets() {
    return TransferSyntax.UNCOMPRESSED.stream().filter(ts -> !ts.deflated());
  }

  @ParameterizedTest
  @MethodSource("syntaxesWithFileOffsets")
  void stopsBeforePixelDataAndSaysWhereItIs(TransferSyntax ts) throws IOException {
    Attributes ct = SampleDatasets.ct(ROWS, COLUMNS, 12);
    Path file = write(ct, ts);

    DicomFile header = DicomReader.read(file, ReadOptions.DEFAULTS.stopBeforePixelData());

    assertThat(header.dataset().contains(Tag.PixelData)).isFalse();
    assertThat(header.dataset().getString(Tag.WindowCenterWidthExplanation)).isEqualTo("BRAIN");
    assertThat(header.dataset().getInt(Tag.Rows, 0)).isEqualTo(ROWS);
    StopPoint stop = header.stoppedAt();
    assertThat(stop.tag()).isEqualTo(Tag.PixelData);
    assertThat(stop.vr()).isEqualTo(VR.OW);
    assertThat(stop.length()).isEqualTo(ROWS * COLUMNS * 2L);
    assertThat(stop.valueOffset() - stop.headerOffset()).isEqualTo(ts.explicitVr() ? 12 : 8);
    assertThat(bytesAt(file, stop.valueOffset(), stop.length()))
        .isEqualTo(inByteOrder(ct.getBytes(Tag.PixelData), ts.bigEndian()));
    assertThat(stop.valueOffset() + stop.length()).isEqualTo(file.toFile().length());

    ExternalTool.require("dcdump", "dicom3tools");
    ExternalTool.Result dcdump = ExternalTool.of("dcdump", "-v", file.toString()).run();
    Matcher m = DCDUMP_PIXEL_DATA.matcher(dcdump.stdout() + dcdump.stderr());
    assertThat(m.find()).as(dcdump.describe()).isTrue();
    assertThat(Long.parseLong(m.group(1), 16)).isEqualTo(stop.headerOffset());
    assertThat(Long.parseLong(m.group(2), 16)).isEqualTo(stop.length());
  }

  @ParameterizedTest
  @MethodSource("syntaxesWithFileOffsets")
  void pixelDataLeftInTheFileIsStreamedWhenWritten(TransferSyntax ts) throws IOException {
    Attributes ct = SampleDatasets.ct(ROWS, COLUMNS, 16);
    Path file = write(ct, ts);
    StopPoint stop = DicomReader.read(file, ReadOptions.DEFAULTS.stopBeforePixelData())
        .stoppedAt();

    DicomFile read = DicomReader.read(file, ReadOptions.DEFAULTS.bulkDataIn(file, 1024));

    BulkDataRef ref = read.dataset().getBulkDataRef(Tag.PixelData);
    assertThat(ref).isEqualTo(BulkDataRef.ofFile(file, stop.valueOffset(), stop.length()));
    assertThat(read.dataset().vrOf(Tag.PixelData)).isEqualTo(VR.OW);
    // the other values are small enough to be loaded
    assertThat(read.dataset().getString(Tag.PatientName)).isEqualTo("Müller^Jürgen");

    Path again = dir.resolve("again.dcm");
    DicomWriter.write(again, read.fileMetaInformation(), read.dataset());
    assertThat(again).hasSameBinaryContentAs(file);

    // into the other byte order: the writer swaps the words as it streams them
    TransferSyntax other = ts.bigEndian() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
        : TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
    Path transcoded = dir.resolve("transcoded.dcm");
    DicomWriter.write(transcoded, read.fileMetaInformation().withTransferSyntax(other.uid()),
        read.dataset());
    assertThat(transcoded).hasSameBinaryContentAs(write(ct, other));
  }

  private Path write(Attributes ds, TransferSyntax ts) throws IOException {
    Path file = dir.resolve(ts.uid() + ".dcm");
    DicomWriter.write(file, FileMetaInformation.forDataset(ds, ts.uid()), ds);
    return file;
  }

  private static byte[] bytesAt(Path file, long offset, long length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      byte[] b = new byte[(int) length];
      f.seek(offset);
      f.readFully(b);
      return b;
    }
  }

  /** Little-endian 16-bit words in the given byte order. */
  private static byte[] inByteOrder(byte[] littleEndianWords, boolean bigEndian) {
    byte[] b = littleEndianWords.clone();
    if (bigEndian) {
      for (int i = 0; i + 1 < b.length; i += 2) {
        byte t = b[i];
        b[i] = b[i + 1];
        b[i + 1] = t;
      }
    }
    return b;
  }
}
