package org.tessera.dicom.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.tessera.dicom.xml.NativeDicomModelXml.children;
import static org.tessera.dicom.xml.NativeDicomModelXml.parse;
import static org.tessera.dicom.xml.NativeDicomModelXml.parseAndValidate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.PrivateTag;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.internal.EndianBytes;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dicom.io.ReadOptions;
import org.w3c.dom.Element;

/**
 * Our XML against DCMTK's {@code dcm2xml --native-format} for the same Part 10 file, compared
 * element by element: tag, vr, keyword, privateCreator, then Values, PersonName components, Items
 * and InlineBinary bytes.
 *
 * <p>Two known differences of DCMTK 3.6.7 are allowed for, not hidden: it base64-encodes OW
 * values in big-endian order (dcvrobow.cc swaps them "because the Base64 encoder requires big
 * endian input data"), where the value field is little endian; and it prints FL and FD with
 * its own precision, so those compare as numbers. The sample avoids DCMTK's PN bug (a value after
 * the first that has no alphabetic group repeats the first value's alphabetic group).
 */
class NativeDicomModelDcmtkIT {
  private static final long TIMEOUT_SECONDS = 60;

  static Stream<Arguments> syntaxes() {
    return Stream.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)
        .map(ts -> Arguments.of(ts.name(), ts));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syntaxes")
  void sameElementsAndValuesAsDcm2xml(String name, TransferSyntax ts, @TempDir Path dir)
      throws Exception {
    Path dcm2xml = dcm2xml();
    Attributes sample = sample();
    Path file = dir.resolve("sample.dcm");
    DicomWriter.write(file, FileMetaInformation.forDataset(sample, ts.uid()), sample);
    Attributes read = DicomReader.read(file, ReadOptions.DEFAULTS).dataset();

    Element theirs = parse(run(dir, dcm2xml.toString(), "--native-format", "+Eb", "+Xn",
        file.toString())).getDocumentElement();
    Element fromFile = write(read);
    Element fromMemory = write(sample);

    assertThat(theirs.getNamespaceURI()).isEqualTo(fromFile.getNamespaceURI());
    assertSameDataSet(fromFile, theirs, "");
    if (ts.explicitVr()) {
      // implicit VR turns the private elements into UN; otherwise memory and file agree
      assertSameDataSet(fromMemory, theirs, "");
    }
  }

  /** String, number, AT, PN, sequence, empty, private and bulk elements DCMTK knows. */
  private static Attributes sample() {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.ImageType, VR.CS, "DERIVED", "", "AXIAL");
    ds.setString(Tag.SOPClassUID, VR.UI, Uid.SecondaryCaptureImageStorage);
    ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1143.107.104.103.115");
    ds.setString(Tag.StudyDate, VR.DA, "20240229");
    ds.setString(Tag.StudyTime, VR.TM, "101112.5");
    ds.setNull(Tag.AccessionNumber, VR.SH);
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "Adams^John^^Dr.^Jr.");
    ds.setString(Tag.StudyDescription, VR.LO, "Tête & <cou>");
    ds.newSequence(Tag.ReferencedImageSequence, 0);
    ds.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
    ds.setString(Tag.PatientComments, VR.LT, "line 1\r\nline 2");
    ds.setDouble(Tag.ExaminedBodyThickness, VR.FL, 0.1);
    ds.setDouble(Tag.TimeRange, VR.FD, -1.5, 1.0 / 3);
    ds.setInt(Tag.AcquisitionMatrix, VR.US, 0, 256, 65535, 1);
    ds.setInt(Tag.ReferencePixelX0, VR.SL, -70000);
    ds.setString(Tag.ImagePositionPatient, VR.DS, "-125.5", "0", "1e3");
    ds.setLong(Tag.InstanceNumber, VR.IS, 7);
    ds.setLong(Tag.DimensionIndexPointer, VR.AT, 0x00200032L, 0x0019100AL);
    ds.setLong(Tag.DimensionIndexValues, VR.UL, 4294967295L, 2);
    ds.setInt(Tag.VerticesOfTheRegion, VR.SS, -2, 32767);
    ds.setInt(Tag.RedPaletteColorLookupTableData, VR.OW, 0x0102, 0x0304, 0xFFFE);
    ds.setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {1, 2, 3, 4, 5, 0});
    ds.setString(ds.reserve(new PrivateTag("ACME 1.0", 0x0009, 0x01)), VR.LO, "private");
    ds.setInt(ds.reserve(new PrivateTag("ACME 1.0", 0x0009, 0x02)), VR.US, 7);
    Sequence requests = ds.newSequence(Tag.RequestAttributesSequence, 2);
    requests.addNew().setString(Tag.ScheduledProcedureStepID, VR.SH, "SPS1");
    Attributes second = requests.addNew();
    second.setString(Tag.ScheduledProcedureStepID, VR.SH, "SPS2");
    second.setString(Tag.RequestedProcedureID, VR.SH, "RP2");
    return ds;
  }

  private static Element write(Attributes ds) throws Exception {
    return parseAndValidate(NativeDicomModelXml.write(ds, BulkDataUriProvider.INLINE))
        .getDocumentElement();
  }

  // ---- comparison

  private static void assertSameDataSet(Element ours, Element theirs, String where) {
    List<Element> a = children(ours, "DicomAttribute");
    List<Element> b = children(theirs, "DicomAttribute");
    assertThat(a.stream().map(NativeDicomModelDcmtkIT::key))
        .as("elements of %s", where.isEmpty() ? "the data set" : where)
        .containsExactlyElementsOf(b.stream().map(NativeDicomModelDcmtkIT::key).toList());
    for (int i = 0; i < a.size(); i++) {
      assertSameAttribute(a.get(i), b.get(i), where + key(a.get(i)));
    }
  }

  private static String key(Element attribute) {
    return attribute.getAttribute("tag") + (attribute.hasAttribute("privateCreator")
        ? "[" + attribute.getAttribute("privateCreator") + "]" : "");
  }

  private static void assertSameAttribute(Element ours, Element theirs, String where) {
    String vr = ours.getAttribute("vr");
    assertThat(vr).as("vr of %s", where).isEqualTo(theirs.getAttribute("vr"));
    assertThat(ours.getAttribute("keyword")).as("keyword of %s", where)
        .isEqualTo(theirs.getAttribute("keyword"));
    List<Element> a = children(ours);
    List<Element> b = children(theirs);
    assertThat(a.stream().map(Element::getLocalName)).as("content of %s", where)
        .containsExactlyElementsOf(b.stream().map(Element::getLocalName).toList());
    for (int i = 0; i < a.size(); i++) {
      Element x = a.get(i);
      Element y = b.get(i);
      String at = where + "/" + x.getLocalName() + "[" + x.getAttribute("number") + "]";
      assertThat(x.getAttribute("number")).as(at).isEqualTo(y.getAttribute("number"));
      switch (x.getLocalName()) {
        case "Item" -> assertSameDataSet(x, y, at + "/");
        case "PersonName" -> assertSameTree(x, y, at);
        case "InlineBinary" -> assertThat(base64(x)).as(at)
            .isEqualTo(vr.equals("OW") ? littleEndianWords(base64(y)) : base64(y));
        case "Value" -> assertSameValue(vr, x.getTextContent(), y.getTextContent(), at);
        default -> fail("unexpected <%s> at %s", x.getLocalName(), at);
      }
    }
  }

  private static void assertSameValue(String vr, String ours, String theirs, String at) {
    if (vr.equals("FL")) {
      assertThat(Float.parseFloat(ours)).as(at).isEqualTo(Float.parseFloat(theirs));
    } else if (vr.equals("FD")) {
      assertThat(Double.parseDouble(ours)).as(at).isEqualTo(Double.parseDouble(theirs));
    } else {
      assertThat(ours).as(at).isEqualTo(theirs);
    }
  }

  /** Same element names, order and texts below {@code ours} and {@code theirs}. */
  private static void assertSameTree(Element ours, Element theirs, String at) {
    List<Element> a = children(ours);
    List<Element> b = children(theirs);
    assertThat(a.stream().map(Element::getLocalName)).as(at)
        .containsExactlyElementsOf(b.stream().map(Element::getLocalName).toList());
    if (a.isEmpty()) {
      assertThat(ours.getTextContent()).as(at).isEqualTo(theirs.getTextContent());
    }
    for (int i = 0; i < a.size(); i++) {
      assertSameTree(a.get(i), b.get(i), at + "/" + a.get(i).getLocalName());
    }
  }

  private static byte[] base64(Element inlineBinary) {
    return Base64.getMimeDecoder().decode(inlineBinary.getTextContent());
  }

  private static byte[] littleEndianWords(byte[] bigEndian) {
    byte[] swapped = bigEndian.clone();
    EndianBytes.swap(swapped, 0, swapped.length, 2);
    return swapped;
  }

  // ---- DCMTK

  /**
   * DCMTK's dcm2xml on the PATH. Missing, the test fails either way: with CI=true because CI
   * must run it, locally with the package that provides it.
   */
  private static Path dcm2xml() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path tool = Path.of(dir, "dcm2xml");
      if (!dir.isEmpty() && Files.isExecutable(tool)) {
        return tool;
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return fail("dcm2xml is not on the PATH and CI=true requires it: install Debian package "
          + "dcmtk in the CI image");
    }
    return fail("dcm2xml is not on the PATH: install Debian package dcmtk");
  }

  private static byte[] run(Path dir, String... command) throws IOException,
      InterruptedException {
    Path errors = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("%s did not finish in %d s", command[0], TIMEOUT_SECONDS);
    }
    assertThat(process.exitValue()).as("exit code of %s; stderr: %s", String.join(" ", command),
        Files.readString(errors)).isZero();
    return output;
  }
}
