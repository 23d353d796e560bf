package org.tessera.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.io.WriteOptions.LengthEncoding;

/** Generated data sets through every uncompressed transfer syntax and length encoding. */
class RoundTripTest {

  static Stream<Arguments> syntaxesAndLengths() {
    return TransferSyntax.UNCOMPRESSED.stream().flatMap(ts -> Stream.of(LengthEncoding.values())
        .map(len -> Arguments.of(ts.name(), ts, len)));
  }

  @ParameterizedTest(name = "{0}, {2} lengths")
  @MethodSource("syntaxesAndLengths")
  void everyVrSurvivesWriteAndRead(String name, TransferSyntax ts, LengthEncoding lengths)
      throws IOException {
    Attributes ds = everyVr(new Random(7));
    WriteOptions options = new WriteOptions(lengths, lengths);

    byte[] file = write(ds, ts, options);
    DicomFile read = new DicomReader(new ByteArrayInputStream(file)).readFile();

    assertThat(read.transferSyntax()).isEqualTo(ts);
    assertThat(read.stoppedAt()).isNull();
    assertSameValues(read.dataset(), ds, ts.explicitVr());
    // and what was read writes back to the same bytes
    assertThat(write(read.fileMetaInformation(), read.dataset(), WriteOptions.DEFAULTS))
        .isEqualTo(file);
    assertSequenceLengths(read.dataset(), lengths);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syntaxPairs")
  void transcodesBetweenUncompressedSyntaxes(String names, TransferSyntax from, TransferSyntax to)
      throws IOException {
    Attributes ds = everyVr(new Random(11));
    Attributes read = read(write(ds, from, WriteOptions.DEFAULTS));

    Attributes again = read(write(read, to, WriteOptions.DEFAULTS));

    assertSameValues(again, ds, from.explicitVr() && to.explicitVr());
  }

  static Stream<Arguments> syntaxPairs() {
    return TransferSyntax.UNCOMPRESSED.stream().flatMap(a -> TransferSyntax.UNCOMPRESSED.stream()
        .filter(b -> !a.equals(b)).map(b -> Arguments.of(a.name() + " to " + b.name(), a, b)));
  }

  /** One element of every VR, multi-valued where allowed, nested sequences, private data. */
  static Attributes everyVr(Random random) {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
    ds.setString(Tag.SOPClassUID, VR.UI, Uid.CTImageStorage);
    ds.setString(Tag.SOPInstanceUID, VR.UI, Uid.generate());
    ds.setString(Tag.StudyDate, VR.DA, "20240229");
    ds.setString(Tag.AcquisitionDateTime, VR.DT, "20240229101112.123456+0100");
    ds.setString(Tag.StudyTime, VR.TM, "101112.5");
    ds.setString(Tag.AccessionNumber, VR.SH, "A123");
    ds.setString(Tag.RetrieveAETitle, VR.AE, "TESSERA", "OTHER");
    ds.setNull(Tag.ReferringPhysicianName, VR.PN);
    ds.setString(Tag.StudyDescription, VR.LO, "Tête — 頭部");
    ds.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
    ds.setString(Tag.PatientAge, VR.AS, "042Y");
    ds.setString(Tag.PatientWeight, VR.DS, "72.5");
    ds.setString(Tag.AdditionalPatientHistory, VR.LT, "line 1\r\nline 2 \\ not a delimiter");
    ds.setString(Tag.PatientComments, VR.LT, "");
    ds.setString(Tag.DerivationDescription, VR.ST, "derived");
    ds.setString(Tag.StrainAdditionalInformation, VR.UT, "x".repeat(70_000));
    ds.setString(Tag.RetrieveURL, VR.UR, "http://example.com/studies/1.2.3");
    ds.setString(Tag.StrainDescription, VR.UC, "very long " + "u".repeat(300));
    ds.setInt(Tag.InstanceNumber, VR.IS, 7);
    ds.setDouble(Tag.PixelSpacing, VR.DS, 0.5, 0.25);
    ds.setInt(Tag.Rows, VR.US, 4);
    ds.setInt(Tag.Columns, VR.US, 4);
    ds.setInt(Tag.PixelRepresentation, VR.US, 1);
    ds.setInt(Tag.SmallestImagePixelValue, VR.SS, -1024);
    ds.setLong(Tag.SimpleFrameList, VR.UL, 1, 4294967295L);
    ds.setInt(Tag.ReferencePixelX0, VR.SL, -5);
    ds.setDouble(Tag.RecommendedDisplayFrameRateInFloat, VR.FL, 29.97);
    ds.setDouble(Tag.ImagePositionVolume, VR.FD, -1.5, 2.25, Math.PI);
    ds.setLong(Tag.SelectorSVValue, VR.SV, Long.MIN_VALUE, 1);
    ds.setLong(Tag.SelectorUVValue, VR.UV, -1L, 2);
    ds.setString(Tag.FrameIncrementPointer, VR.AT, "00181063", "00181065");
    ds.setBytes(Tag.FloatPixelData, VR.OF, floats(random, 8));
    ds.setBytes(Tag.DoubleFloatPixelData, VR.OD, bytes(random, 32));
    ds.setBytes(Tag.SelectorOLValue, VR.OL, bytes(random, 16));
    ds.setBytes(Tag.SelectorOVValue, VR.OV, bytes(random, 16));
    ds.setBytes(Tag.EncapsulatedDocument, VR.OB, bytes(random, 34));
    ds.setString(0x00090010, VR.LO, "TESSERA TEST");
    ds.setBytes(0x00091001, VR.UN, bytes(random, 10));
    ds.setString(0x00091002, VR.LO, "private text");

    Sequence refs = ds.newSequence(Tag.ReferencedImageSequence, 2);
    for (int i = 1; i <= 2; i++) {
      Attributes item = refs.addNew();
      item.setString(Tag.ReferencedSOPClassUID, VR.UI, Uid.CTImageStorage);
      item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3." + i);
      item.setInt(Tag.ReferencedFrameNumber, VR.IS, i);
      Sequence codes = item.newSequence(Tag.PurposeOfReferenceCodeSequence, 1);
      codes.addNew().setString(Tag.CodeMeaning, VR.LO, "Wert " + i + " ü");
      codes.undefinedLength(i == 1);
    }
    ds.newSequence(Tag.ProcedureCodeSequence, 0);
    ds.setBytes(Tag.PixelData, VR.OW, bytes(random, 32));
    return ds;
  }

  private static void assertSameValues(Attributes actual, Attributes expected, boolean vrKept) {
    assertThat(actual.size()).as("element count").isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      int tag = expected.tagAt(i);
      VR vr = expected.vrAt(i);
      assertThat(actual.tagAt(i)).isEqualTo(tag);
      if (vrKept || !Tag.isPrivate(tag)) {
        assertThat(actual.vrAt(i)).as(Tag.toString(tag)).isEqualTo(vr);
      }
      Object value = expected.valueAt(i);
      if (value instanceof Sequence seq) {
        Sequence got = actual.getSequence(tag);
        assertThat(got).as(Tag.toString(tag)).hasSize(seq.size());
        for (int k = 0; k < seq.size(); k++) {
          assertSameValues(got.get(k), seq.get(k), vrKept);
        }
      } else if (actual.vrAt(i) == VR.UN && vr != VR.UN) {
        // implicit VR: an unknown private element comes back as UN, its bytes unchanged
        assertThat(actual.getBytes(tag)).as(Tag.toString(tag)).isEqualTo(expected.getBytes(tag));
      } else if (vr.isString() || vr.kind() == VR.Kind.BINARY) {
        assertThat(actual.getStrings(tag)).as(Tag.toString(tag))
            .containsExactly(expected.getStrings(tag));
      } else {
        assertThat(littleEndian(actual, tag)).as(Tag.toString(tag))
            .isEqualTo(littleEndian(expected, tag));
      }
    }
  }

  private static byte[] littleEndian(Attributes a, int tag) {
    byte[] b = a.getBytes(tag).clone();
    if (a.bigEndian()) {
      org.tessera.dicom.internal.EndianBytes.swap(b, 0, b.length, a.vrOf(tag).swapUnit());
    }
    return b;
  }

  private static void assertSequenceLengths(Attributes ds, LengthEncoding lengths) {
    Sequence refs = ds.getSequence(Tag.ReferencedImageSequence);
    boolean expectUndefined = lengths != LengthEncoding.DEFINED;
    assertThat(refs.undefinedLength()).isEqualTo(expectUndefined);
    assertThat(refs.get(0).undefinedLength()).isEqualTo(expectUndefined);
    Sequence inner = refs.get(1).getSequence(Tag.PurposeOfReferenceCodeSequence);
    assertThat(inner.undefinedLength()).isEqualTo(lengths == LengthEncoding.UNDEFINED);
  }

  static byte[] write(Attributes ds, TransferSyntax ts, WriteOptions options) throws IOException {
    return write(FileMetaInformation.forDataset(ds, ts.uid()), ds, options);
  }

  static byte[] write(FileMetaInformation meta, Attributes ds, WriteOptions options)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomWriter(out, options).writeFile(meta, ds);
    return out.toByteArray();
  }

  static Attributes read(byte[] file) throws IOException {
    return new DicomReader(new ByteArrayInputStream(file)).readDataset();
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] floats(Random random, int n) {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n * 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      buf.putFloat(random.nextFloat());
    }
    return buf.array();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
