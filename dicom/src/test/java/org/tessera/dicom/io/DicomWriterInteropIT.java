package org.tessera.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.testing.Dcmdump;
import org.tessera.dicom.testing.ExternalTool;
import org.tessera.dicom.testing.SampleDatasets;

/**
 * Our writer, their readers: every file {@link DicomWriter} writes in an uncompressed transfer
 * syntax is read by DCMTK's dcmdump without a warning and with the values we set, SC and CT
 * images pass dicom3tools' dciodvfy, and our reader sees what dcmdump sees and, writing the file
 * again, gives the same bytes.
 */
class DicomWriterInteropIT {
  /** DCMTK's names of the syntaxes, as dcmdump prints them in "# Used TransferSyntax:". */
  private static final Map<TransferSyntax, String> DCMTK_NAMES = Map.of(
      TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, "Little Endian Implicit",
      TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "Little Endian Explicit",
      TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, "Big Endian Explicit",
      TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "Deflated Explicit VR Little Endian");

  /**
   * The warnings dciodvfy (dicom3tools 2022-06-18) may give for our SC and CT images, each with
   * why it is acceptable; none at present. Any other warning fails the test, so that a new one
   * is looked at and either fixed in {@link SampleDatasets} or listed here.
   */
  private static final Set<String> KNOWN_DCIODVFY_WARNINGS = Set.of();

  private static final Set<String> dciodvfyWarningsSeen = new TreeSet<>();

  @TempDir Path dir;

  static Stream<Arguments> samplesInEverySyntax() {
    Map<String, Supplier<Attributes>> samples = Map.of(
        "SC 8-bit 7x5", () -> SampleDatasets.secondaryCapture(7, 5, 8),
        "SC 16-bit 16x16", () -> SampleDatasets.secondaryCapture(16, 16, 16),
        "CT 64x64", () -> SampleDatasets.ct(64, 64, 12),
        "every VR, ISO_IR 100", () -> SampleDatasets.everyVr("ISO_IR 100"),
        "every VR, ISO_IR 192", () -> SampleDatasets.everyVr("ISO_IR 192"));
    List<Arguments> args = new ArrayList<>();
    samples.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(sample -> {
      for (TransferSyntax ts : TransferSyntax.UNCOMPRESSED) {
        args.add(Arguments.of(sample.getKey(), ts.name(), sample.getValue(), ts));
      }
    });
    return args.stream();
  }

  /** dciodvfy cannot read Deflated Explicit VR Little Endian: it parses the deflate stream. */
  static Stream<Arguments> imagesInSyntaxesDciodvfyReads() {
    return samplesInEverySyntax()
        .filter(a -> !((String) a.get()[0]).startsWith("every VR"))
        .filter(a -> !((TransferSyntax) a.get()[3]).deflated());
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("samplesInEverySyntax")
  void dcmdumpReadsWhatWeWrote(String name, String tsName, Supplier<Attributes> sample,
      TransferSyntax ts) throws IOException {
    Attributes ds = sample.get();
    FileMetaInformation meta = FileMetaInformation.forDataset(ds, ts.uid());
    Path file = dir.resolve("ours.dcm");
    DicomWriter.write(file, meta, ds);

    Dcmdump.Dump dump = Dcmdump.dump(file);

    assertThat(dump.exitCode()).as(dump.result().describe()).isZero();
    assertThat(dump.diagnostics()).as(dump.result().describe()).isEmpty();
    assertThat(dump.transferSyntax()).isEqualTo(DCMTK_NAMES.get(ts));
    assertThat(dump.differences(meta)).as("File Meta").isEmpty();
    assertThat(dump.differences(ds)).as("data set").isEmpty();
    // what DCMTK made of the non-ASCII text, spelled out
    assertThat(dump.dataset().get(Tag.StudyDescription).text())
        .isEqualTo(ds.getString(Tag.StudyDescription)).isNotEqualTo("");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("imagesInSyntaxesDciodvfyReads")
  void dciodvfyFindsNoErrors(String name, String tsName, Supplier<Attributes> sample,
      TransferSyntax ts) throws IOException {
    ExternalTool.require("dciodvfy", "dicom3tools");
    Attributes ds = sample.get();
    Path file = dir.resolve("ours.dcm");
    DicomWriter.write(file, FileMetaInformation.forDataset(ds, ts.uid()), ds);

    ExternalTool.Result result = ExternalTool.of("dciodvfy", file.toString()).run();

    List<String> errors = result.lines().stream().filter(l -> l.contains("Error")).toList();
    List<String> warnings = result.lines().stream().filter(l -> l.contains("Warning")).toList();
    dciodvfyWarningsSeen.addAll(warnings);
    assertThat(errors).as(result.describe()).isEmpty();
    assertThat(warnings).as(result.describe()).isSubsetOf(KNOWN_DCIODVFY_WARNINGS);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("samplesInEverySyntax")
  void readingAndWritingAgainGivesTheSameBytes(String name, String tsName,
      Supplier<Attributes> sample, TransferSyntax ts) throws IOException {
    Attributes ds = sample.get();
    Path file = dir.resolve("ours.dcm");
    DicomWriter.write(file, FileMetaInformation.forDataset(ds, ts.uid()), ds);

    DicomFile read = DicomReader.read(file, ReadOptions.DEFAULTS);
    Path again = dir.resolve("again.dcm");
    DicomWriter.write(again, read.fileMetaInformation(), read.dataset());

    assertThat(again).hasSameBinaryContentAs(file);
    Dcmdump.Dump dump = Dcmdump.dump(file);
    assertThat(dump.differences(read.fileMetaInformation())).as("File Meta").isEmpty();
    assertThat(dump.differences(read.dataset())).as("data set").isEmpty();
  }

  /** The comparison the tests above rely on does see differences, of every kind. */
  @Test
  void dcmdumpComparisonNoticesEachKindOfDifference() throws IOException {
    Attributes ds = SampleDatasets.everyVr("ISO_IR 192");
    Path file = dir.resolve("ours.dcm");
    DicomWriter.write(file, FileMetaInformation.forDataset(ds, Uid.ExplicitVRLittleEndian), ds);
    Dcmdump.Dump dump = Dcmdump.dump(file);
    assertThat(dump.differences(ds)).isEmpty();

    Attributes changed = new Attributes(ds);
    changed.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろ");
    changed.setLong(Tag.SelectorUSValue, VR.US, 1, 65535);
    changed.setDouble(Tag.SelectorFDValue, VR.FD, Math.PI, 0, 1.000001e300);
    changed.setBytes(Tag.SelectorOBValue, VR.OB, new byte[] {1, 2, 3, (byte) 0xFF, 1});
    changed.setString(Tag.SelectorSHValue, VR.LO, "Straße", "x");
    changed.getSequence(Tag.ReferencedImageSequence).get(1)
        .setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
    changed.getSequence(Tag.RequestAttributesSequence).undefinedLength(false);
    changed.remove(Tag.SelectorUTValue);
    changed.setString(Tag.StationName, VR.SH, "EXTRA");

    assertThat(dump.differences(changed))
        .hasSize(9)
        .anyMatch(d -> d.contains("(0010,0010)"))
        .anyMatch(d -> d.contains("(0072,007A)"))
        .anyMatch(d -> d.contains("(0072,0074)"))
        .anyMatch(d -> d.contains("(0072,0065)"))
        .anyMatch(d -> d.contains("(0072,006C): VR LO, dcmdump says SH"))
        .anyMatch(d -> d.contains("00081140/2/(0008,1155)"))
        .anyMatch(d -> d.contains("(0040,0275): undefined length false"))
        .anyMatch(d -> d.contains("00720070: only dcmdump shows it"))
        .anyMatch(d -> d.contains("(0008,1010) SH: dcmdump does not show it"));
  }

  @AfterAll
  static void printDciodvfyWarnings() {
    System.out.println("dciodvfy warnings for our SC and CT images: " + dciodvfyWarningsSeen);
  }
}
