package org.tessera.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tessera.dicom.io.RoundTripTest.read;
import static org.tessera.dicom.io.RoundTripTest.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;

class ReaderFeaturesTest {
  @TempDir Path dir;

  @Test
  void guessesTheSyntaxOfADataSetWithoutFileMeta() throws IOException {
    Attributes ds = small();
    for (TransferSyntax ts : new TransferSyntax[] {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new DicomWriter(out).writeDataset(ds, ts);

      DicomReader reader = new DicomReader(new ByteArrayInputStream(out.toByteArray()));
      assertThat(reader.readFileMetaInformation()).isNull();
      Attributes read = reader.readDataset();

      assertThat(reader.transferSyntax()).as(ts.name()).isEqualTo(ts);
      assertThat(read.getString(Tag.PatientName)).isEqualTo("Doe^Jane");
      assertThat(read.getInt(Tag.Rows, 0)).isEqualTo(512);
    }
  }

  @Test
  void readsFileMetaWithoutPreamble() throws IOException {
    byte[] file = write(small(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULTS);
    byte[] withoutPreamble = Arrays.copyOfRange(file, 128, file.length);

    DicomFile read = new DicomReader(new ByteArrayInputStream(withoutPreamble)).readFile();

    assertThat(read.fileMetaInformation().hasPreamble()).isFalse();
    assertThat(read.fileMetaInformation().transferSyntaxUid()).isEqualTo(Uid.ExplicitVRLittleEndian);
    assertThat(read.dataset().getString(Tag.PatientName)).isEqualTo("Doe^Jane");
  }

  @Test
  void keepsThePreambleAsRead() throws IOException {
    byte[] file = write(small(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULTS);
    file[0] = 'I';
    file[1] = 'I';
    DicomFile read = new DicomReader(new ByteArrayInputStream(file)).readFile();
    assertThat(read.fileMetaInformation().preamble()[0]).isEqualTo((byte) 'I');
    assertThat(write(read.fileMetaInformation(), read.dataset(), WriteOptions.DEFAULTS))
        .isEqualTo(file);
  }

  @Test
  void writesFileMetaWithGroupLengthAndTesseraImplementation() throws IOException {
    byte[] file = write(small(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULTS);
    DicomFile read = new DicomReader(new ByteArrayInputStream(file)).readFile();

    assertThat(new String(file, 128, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("DICM");
    // (0002,0000) UL 4 <n>: n counts every byte from the next element to the data set
    int groupLength = java.nio.ByteBuffer.wrap(file, 140, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(file[132]).isEqualTo((byte) 2);
    assertThat(new String(file, 136, 2, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("UL");
    int datasetStart = 144 + groupLength;
    assertThat(file[datasetStart]).isEqualTo((byte) 0x08); // (0008,0016) follows group 2
    assertThat(read.fileMetaInformation().implementationClassUid())
        .isEqualTo(FileMetaInformation.IMPLEMENTATION_CLASS_UID);
    assertThat(read.fileMetaInformation().implementationVersionName()).isEqualTo("TESSERA_0.1");
    assertThat(read.fileMetaInformation().mediaStorageSopInstanceUid())
        .isEqualTo(small().getString(Tag.SOPInstanceUID));
  }

  @Test
  void stopsBeforePixelDataAndReportsWhereItIs() throws IOException {
    Attributes ds = small();
    byte[] pixels = new byte[512 * 512 * 2];
    new java.util.Random(1).nextBytes(pixels);
    ds.setBytes(Tag.PixelData, VR.OW, pixels);
    ds.setBytes(0x7FFA0010, VR.OB, new byte[] {1, 2}); // after Pixel Data
    byte[] file = write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULTS);

    DicomReader reader = new DicomReader(new ByteArrayInputStream(file),
        ReadOptions.DEFAULTS.stopBeforePixelData());
    Attributes header = reader.readDataset();

    StopPoint stop = reader.stoppedAt();
    assertThat(header.contains(Tag.PixelData)).isFalse();
    assertThat(header.getString(Tag.PatientName)).isEqualTo("Doe^Jane");
    assertThat(stop.tag()).isEqualTo(Tag.PixelData);
    assertThat(stop.vr()).isEqualTo(VR.OW);
    assertThat(stop.length()).isEqualTo(pixels.length);
    assertThat(stop.valueOffset()).isEqualTo(stop.headerOffset() + 12);
    assertThat(reader.position()).isEqualTo(stop.headerOffset());
    assertThat(Arrays.copyOfRange(file, (int) stop.valueOffset(),
        (int) stop.valueOffset() + pixels.length)).isEqualTo(pixels);
  }

  @Test
  void leavesBulkDataInTheFileAndStreamsItBackOut() throws IOException {
    Attributes ds = small();
    byte[] pixels = new byte[100_000];
    new java.util.Random(2).nextBytes(pixels);
    ds.setBytes(Tag.PixelData, VR.OW, pixels);
    for (TransferSyntax ts : TransferSyntax.UNCOMPRESSED) {
      Path file = dir.resolve(ts.uid() + ".dcm");
      Files.write(file, write(ds, ts, WriteOptions.DEFAULTS));

      DicomFile read = DicomReader.read(file, ReadOptions.DEFAULTS.bulkDataIn(file, 1024));

      BulkDataRef ref = read.dataset().getBulkDataRef(Tag.PixelData);
      if (ts.deflated()) {
        assertThat(ref).as("no file offsets in deflated data").isNull();
        continue;
      }
      assertThat(ref.path()).isEqualTo(file);
      assertThat(ref.length()).isEqualTo(pixels.length);
      assertThat(write(read.fileMetaInformation(), read.dataset(), WriteOptions.DEFAULTS))
          .as(ts.name()).isEqualTo(Files.readAllBytes(file));
      Path littleEndian = dir.resolve("le-" + ts.uid() + ".dcm");
      DicomWriter.write(littleEndian, read.fileMetaInformation().withTransferSyntax(
          Uid.ExplicitVRLittleEndian), read.dataset());
      assertThat(DicomReader.read(littleEndian, ReadOptions.DEFAULTS).dataset()
          .getBytes(Tag.PixelData)).as("swapped back from " + ts.name()).isEqualTo(pixels);
    }
  }

  @Test
  void keepsEncapsulatedPixelDataAsFragments() throws IOException {
    Attributes ds = small();
    Fragments fragments = ds.newFragments(Tag.PixelData, VR.OB, 3);
    fragments.add(new byte[0]);
    fragments.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
    fragments.add(new byte[] {3, 4, (byte) 0xFF, (byte) 0xD9});
    String jpegBaseline = Uid.JPEGBaseline8Bit;

    byte[] file = write(FileMetaInformation.forDataset(ds, jpegBaseline), ds,
        WriteOptions.DEFAULTS);
    DicomFile read = new DicomReader(new ByteArrayInputStream(file)).readFile();

    Fragments got = read.dataset().getFragments(Tag.PixelData);
    assertThat(read.transferSyntax().encapsulated()).isTrue();
    assertThat(got).hasSize(3);
    assertThat((byte[]) got.get(0)).isEmpty();
    assertThat((byte[]) got.get(2)).containsExactly(3, 4, 0xFF, 0xD9);
    assertThat(write(read.fileMetaInformation(), read.dataset(), WriteOptions.DEFAULTS))
        .isEqualTo(file);
    assertThatThrownBy(() -> write(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        WriteOptions.DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(7FE0,0010)");
  }

  @Test
  void readsUndefinedLengthUnAsAnImplicitVrSequenceAndWritesItBack() throws IOException {
    // (0009,0010) LO "P", then (0009,1001) UN with undefined length holding one implicit item
    // with (0008,0100) SH "CODE" and (0009,1002) unknown private 2 bytes
    byte[] data = bytes(
        "09 00 10 00 4C 4F 02 00 50 20",
        "09 00 01 10 55 4E 00 00 FF FF FF FF",
        "FE FF 00 E0 FF FF FF FF",
        "08 00 00 01 04 00 00 00 43 4F 44 45",
        "09 00 02 10 02 00 00 00 AB CD",
        "FE FF 0D E0 00 00 00 00",
        "FE FF DD E0 00 00 00 00");
    DicomReader reader = DicomReader.forDataset(new ByteArrayInputStream(data),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULTS);
    Attributes ds = reader.readDataset();

    Sequence seq = ds.getSequence(0x00091001);
    assertThat(ds.vrOf(0x00091001)).isEqualTo(VR.UN);
    assertThat(seq).hasSize(1);
    assertThat(seq.get(0).getString(Tag.CodeValue)).isEqualTo("CODE");
    assertThat(seq.get(0).vrOf(Tag.CodeValue)).isEqualTo(VR.SH);
    assertThat(seq.get(0).getBytes(0x00091002)).containsExactly(0xAB, 0xCD);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomWriter(out).writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThat(out.toByteArray()).isEqualTo(data);
  }

  @Test
  void keepsDataSetGroupLengthsAsRead() throws IOException {
    byte[] data = bytes(
        "08 00 00 00 55 4C 04 00 0E 00 00 00",
        "08 00 18 00 55 49 06 00 31 2E 32 2E 33 00");
    Attributes ds = DicomReader.forDataset(new ByteArrayInputStream(data),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULTS).readDataset();
    assertThat(ds.getInt(0x00080000, 0)).isEqualTo(14);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomWriter(out).writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThat(out.toByteArray()).isEqualTo(data);
  }

  @Test
  void writesAValueTooLongForA16BitLengthAsUn() throws IOException {
    Attributes ds = new Attributes();
    ds.setString(Tag.StudyDescription, VR.LO, "d".repeat(70_000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomWriter(out).writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

    Attributes read = DicomReader.forDataset(new ByteArrayInputStream(out.toByteArray()),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULTS).readDataset();

    assertThat(read.vrOf(Tag.StudyDescription)).isEqualTo(VR.UN);
    assertThat(read.getBytes(Tag.StudyDescription)).hasSize(70_000);
  }

  @Test
  void readsImplicitVrPrivateElementsAsUnAndKnownOnesByTheDictionary() throws IOException {
    Attributes ds = small();
    ds.setString(0x00190010, VR.LO, "ACME");
    ds.setBytes(0x00191001, VR.OB, new byte[] {1, 2, 3, 4});
    Attributes read = read(write(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        WriteOptions.DEFAULTS));

    assertThat(read.vrOf(0x00190010)).isEqualTo(VR.LO);
    assertThat(read.getString(0x00190010)).isEqualTo("ACME");
    assertThat(read.vrOf(0x00191001)).isEqualTo(VR.UN);
    assertThat(read.vrOf(Tag.Rows)).isEqualTo(VR.US);
    assertThat(read.vrOf(Tag.PatientName)).isEqualTo(VR.PN);
  }

  static Attributes small() {
    Attributes ds = new Attributes();
    ds.setString(Tag.SOPClassUID, VR.UI, Uid.SecondaryCaptureImageStorage);
    ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1");
    ds.setString(Tag.PatientName, VR.PN, "Doe^Jane");
    ds.setInt(Tag.Rows, VR.US, 512);
    return ds;
  }

  static byte[] bytes(String... hexLines) {
    String hex = String.join(" ", hexLines).replace(" ", "");
    return java.util.HexFormat.of().parseHex(hex);
  }
}
