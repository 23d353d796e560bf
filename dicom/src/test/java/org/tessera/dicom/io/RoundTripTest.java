package org.tessera.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.tessera.dicom.testing.SampleDatasets;

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

  /** A DIMSE data set behind separately written File Meta is the file writeFile writes. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("syntaxesAndLengths")
  void fileMetaThenBareDatasetIsTheWholeFile(String name, TransferSyntax ts, LengthEncoding lengths)
      throws IOException {
    Attributes ds = everyVr(new Random(3));
    FileMetaInformation meta = FileMetaInformation.create(Uid.SecondaryCaptureImageStorage,
        "1.2.3.4", ts.uid()).withSourceApplicationEntityTitle("STORESCU");
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    new DicomWriter(whole).writeFile(meta, ds);
    ByteArrayOutputStream parts = new ByteArrayOutputStream();
    new DicomWriter(parts).writeFileMeta(meta);
    new DicomWriter(parts).writeDataset(ds, ts);

    assertThat(parts.toByteArray()).isEqualTo(whole.toByteArray());
    DicomFile read = new DicomReader(new ByteArrayInputStream(parts.toByteArray())).readFile();
    assertThat(read.fileMetaInformation().attributes().getString(Tag.SourceApplicationEntityTitle))
        .isEqualTo("STORESCU");
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

  /**
   * The every-VR sample, plus what only this test needs: a text value too long for a 16-bit
   * length, and an "US or SS" element of a signed image, whose VR implicit VR must recover.
   */
  static Attributes everyVr(Random random) {
    Attributes ds = SampleDatasets.everyVr("ISO_IR 192");
    ds.setString(Tag.StrainAdditionalInformation, VR.UT, "x".repeat(70_000));
    ds.setInt(Tag.PixelRepresentation, VR.US, 1);
    ds.setInt(Tag.SmallestImagePixelValue, VR.SS, -1024);
    byte[] pixels = new byte[32];
    random.nextBytes(pixels);
    ds.setBytes(Tag.PixelData, VR.OW, pixels);
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
        byte[] written = littleEndian(expected, tag);
        // an odd-length value is padded to even length on writing (PS3.5 7.1.1)
        assertThat(littleEndian(actual, tag)).as(Tag.toString(tag))
            .isEqualTo(java.util.Arrays.copyOf(written, (written.length + 1) & ~1));
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

  /** The sample's ReferencedImageSequence is of defined length, its first item undefined. */
  private static void assertSequenceLengths(Attributes ds, LengthEncoding lengths) {
    Sequence refs = ds.getSequence(Tag.ReferencedImageSequence);
    boolean asIs = lengths == LengthEncoding.AS_IS;
    boolean undefined = lengths == LengthEncoding.UNDEFINED;
    assertThat(refs.undefinedLength()).isEqualTo(undefined);
    assertThat(refs.get(0).undefinedLength()).isEqualTo(asIs || undefined);
    assertThat(refs.get(1).undefinedLength()).isEqualTo(undefined);
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
}
