package org.tessera.dicom.xml;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tessera.dicom.xml.NativeDicomModelXml.attribute;
import static org.tessera.dicom.xml.NativeDicomModelXml.childText;
import static org.tessera.dicom.xml.NativeDicomModelXml.children;
import static org.tessera.dicom.xml.NativeDicomModelXml.numbered;
import static org.tessera.dicom.xml.NativeDicomModelXml.parseAndValidate;
import static org.tessera.dicom.xml.NativeDicomModelXml.values;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.PrivateTag;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class NativeDicomModelWriterTest {

  /**
   * PS3.5 H.3.1's Japanese name, Yamada^Tarou=山田^太郎=やまだ^たろう, as ISO 2022 IR 87 bytes: JIS
   * X 0208 between ESC $ B and ESC ( B.
   */
  private static final byte[] YAMADA_ISO_2022_IR_87 = bytes(
      "Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B="
          + "\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B");

  @Test
  void rootIsTheNativeDicomModelInTheSchemaNamespaceWithSpacePreserved() throws Exception {
    byte[] xml = NativeDicomModelXml.write(new Attributes(), BulkDataUriProvider.INLINE);

    assertThat(new String(xml, UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    Element root = parseAndValidate(xml).getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("NativeDicomModel");
    assertThat(root.getNamespaceURI())
        .isEqualTo("http://dicom.nema.org/PS3.19/models/NativeDICOM");
    assertThat(root.getAttributeNS(XMLConstants.XML_NS_URI, "space")).isEqualTo("preserve");
    assertThat(root.getChildNodes().getLength()).isZero();
  }

  @Test
  void writeDocumentFlushesButDoesNotCloseTheStream() throws Exception {
    boolean[] closed = {false};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out = new FilterOutputStream(bytes) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    Attributes ds = new Attributes();
    ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3");

    NativeDicomModelWriter.writeDocument(out, ds, BulkDataUriProvider.INLINE);

    assertThat(closed[0]).isFalse();
    Element root = parseAndValidate(bytes.toByteArray()).getDocumentElement();
    assertThat(values(attribute(root, "0020000D"))).containsExactly("1.2.3");
  }

  @Test
  void stringValuesAreNumberedAndKeepEmptyValuesBetweenOthers() throws Exception {
    Attributes ds = new Attributes();
    ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.840.99.1");
    // Table A.1.5-2's examples: "0.5\0.4" and "MPG\\XR3"
    ds.setString(Tag.PixelSpacing, VR.DS, "0.5", "0.4");
    ds.setBytes(Tag.ImageType, VR.CS, bytes("MPG\\\\XR3 "));
    ds.setBytes(Tag.StudyInstanceUID, VR.UI, bytes("1.2.3\0"));
    ds.setString(Tag.StudyDescription, VR.LO, "Tête & <cou>");
    ds.setLong(Tag.InstanceNumber, VR.IS, 12);

    Element root = write(ds);

    Element uid = attribute(root, "00080018");
    assertThat(uid.getAttribute("vr")).isEqualTo("UI");
    assertThat(uid.getAttribute("keyword")).isEqualTo("SOPInstanceUID");
    assertThat(uid.hasAttribute("privateCreator")).isFalse();
    assertThat(values(uid)).containsExactly("1.2.840.99.1");
    assertThat(values(attribute(root, "00280030"))).containsExactly("0.5", "0.4");
    assertThat(values(attribute(root, "00080008"))).containsExactly("MPG", "", "XR3");
    assertThat(values(attribute(root, "0020000D"))).containsExactly("1.2.3");
    assertThat(values(attribute(root, "00081030"))).containsExactly("Tête & <cou>");
    assertThat(values(attribute(root, "00200013"))).containsExactly("12");
    assertThat(children(root, "DicomAttribute").stream().map(e -> e.getAttribute("tag")))
        .as("data set order").containsExactly(
            "00080008", "00080018", "00081030", "0020000D", "00200013", "00280030");
  }

  @Test
  void binaryNumbersAreDecimalInEitherByteOrder() throws Exception {
    for (boolean bigEndian : new boolean[] {false, true}) {
      Attributes ds = new Attributes(bigEndian, 16);
      ds.setInt(Tag.AcquisitionMatrix, VR.US, 0, 256, 65535, 1);
      ds.setInt(Tag.VerticesOfTheRegion, VR.SS, -2, 32767);
      ds.setLong(Tag.DimensionIndexValues, VR.UL, 4294967295L, 7);
      ds.setInt(Tag.ReferencePixelX0, VR.SL, -70000);
      ds.setDouble(Tag.ExaminedBodyThickness, VR.FL, 3.25);
      ds.setDouble(Tag.TimeRange, VR.FD, -1.5, 1e-300);
      ds.setLong(Tag.SelectorSVValue, VR.SV, Long.MIN_VALUE);
      ds.setLong(Tag.SelectorUVValue, VR.UV, -1L);

      Element root = write(ds);

      assertThat(values(attribute(root, "00181310"))).containsExactly("0", "256", "65535", "1");
      assertThat(values(attribute(root, "00289503"))).containsExactly("-2", "32767");
      assertThat(values(attribute(root, "00209157"))).containsExactly("4294967295", "7");
      assertThat(values(attribute(root, "00186020"))).containsExactly("-70000");
      assertThat(values(attribute(root, "00109431"))).containsExactly("3.25");
      assertThat(values(attribute(root, "00081163"))).containsExactly("-1.5", "1.0E-300");
      assertThat(values(attribute(root, "00720082"))).containsExactly("-9223372036854775808");
      assertThat(values(attribute(root, "00720083"))).containsExactly("18446744073709551615");
    }
  }

  @Test
  void attributeTagValuesAreEightUpperCaseHexDigits() throws Exception {
    for (boolean bigEndian : new boolean[] {false, true}) {
      Attributes ds = new Attributes(bigEndian, 4);
      ds.setLong(Tag.DimensionIndexPointer, VR.AT, 0x00100010L, 0x7FE00010L, 0x0019100AL);

      Element at = attribute(write(ds), "00209165");

      assertThat(at.getAttribute("vr")).isEqualTo("AT");
      assertThat(values(at)).containsExactly("00100010", "7FE00010", "0019100A");
    }
  }

  @Test
  void personNameGroupsFromIso2022Text() throws Exception {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87");
    ds.setBytes(Tag.PatientName, VR.PN, YAMADA_ISO_2022_IR_87);

    Element pn = attribute(write(ds), "00100010");

    assertThat(pn.getAttribute("vr")).isEqualTo("PN");
    assertThat(pn.getAttribute("keyword")).isEqualTo("PatientName");
    Element name = numbered(pn, "PersonName").get(0);
    assertThat(children(name).stream().map(Element::getLocalName))
        .containsExactly("Alphabetic", "Ideographic", "Phonetic");
    assertGroup(name, "Alphabetic", "Yamada", "Tarou");
    assertGroup(name, "Ideographic", "山田", "太郎");
    assertGroup(name, "Phonetic", "やまだ", "たろう");
  }

  @Test
  void personNamesWriteOnlyTheComponentsAndGroupsPresent() throws Exception {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.OtherPatientNames, VR.PN,
        "Adams^John^^Dr.^Jr.", "=Yamada^Tarou", "Morrison-Jones^Susan^Ann^^Ph.D.");

    List<Element> names = numbered(attribute(write(ds), "00101001"), "PersonName");

    assertThat(names).hasSize(3);
    Element adams = childOf(names.get(0), "Alphabetic");
    assertThat(children(adams).stream().map(Element::getLocalName))
        .containsExactly("FamilyName", "GivenName", "NamePrefix", "NameSuffix");
    assertThat(childText(adams, "NamePrefix")).isEqualTo("Dr.");
    assertThat(childText(adams, "NameSuffix")).isEqualTo("Jr.");
    assertThat(children(names.get(1)).stream().map(Element::getLocalName))
        .as("no alphabetic group").containsExactly("Ideographic");
    assertGroup(names.get(1), "Ideographic", "Yamada", "Tarou");
    Element morrison = childOf(names.get(2), "Alphabetic");
    assertThat(childText(morrison, "MiddleName")).isEqualTo("Ann");
    assertThat(childText(morrison, "NameSuffix")).isEqualTo("Ph.D.");
    assertThat(children(morrison, "NamePrefix")).isEmpty();
  }

  @Test
  void sequenceItemsAreNumberedAndNested() throws Exception {
    Attributes ds = new Attributes();
    Sequence seq = ds.newSequence(Tag.RequestAttributesSequence, 2);
    seq.addNew().setString(Tag.ScheduledProcedureStepID, VR.SH, "SPS1");
    Attributes second = seq.addNew();
    second.setString(Tag.ScheduledProcedureStepID, VR.SH, "SPS2");
    second.newSequence(Tag.ScheduledProtocolCodeSequence, 1).addNew()
        .setString(Tag.CodeMeaning, VR.LO, "Chest");

    Element sq = attribute(write(ds), "00400275");

    assertThat(sq.getAttribute("vr")).isEqualTo("SQ");
    assertThat(sq.getAttribute("keyword")).isEqualTo("RequestAttributesSequence");
    List<Element> items = numbered(sq, "Item");
    assertThat(items).hasSize(2);
    assertThat(values(attribute(items.get(0), "00400009"))).containsExactly("SPS1");
    assertThat(values(attribute(items.get(1), "00400009"))).containsExactly("SPS2");
    Element nested = numbered(attribute(items.get(1), "00400008"), "Item").get(0);
    assertThat(values(attribute(nested, "00080104"))).containsExactly("Chest");
  }

  @Test
  void emptyValuesAreDicomAttributesWithoutContent() throws Exception {
    Attributes ds = new Attributes();
    ds.setNull(Tag.AccessionNumber, VR.SH);
    ds.setNull(Tag.ReferringPhysicianName, VR.PN);
    ds.setNull(Tag.ImagerPixelSpacing, VR.DS);
    ds.setNull(Tag.Rows, VR.US);
    ds.setNull(Tag.EncapsulatedDocument, VR.OB);
    ds.setString(Tag.PatientID, VR.LO, "  ");
    ds.newSequence(Tag.ReferencedImageSequence, 0);
    List<String> asked = new ArrayList<>();

    Element root = write(ds, (path, vr, value) -> {
      asked.add(path);
      return "http://x/" + path;
    });

    for (String tag : List.of(
        "00080050", "00080090", "00181164", "00280010", "00420011", "00100020", "00081140")) {
      Element empty = attribute(root, tag);
      assertThat(empty.getChildNodes().getLength()).as(tag).isZero();
    }
    assertThat(attribute(root, "00081140").getAttribute("vr")).isEqualTo("SQ");
    assertThat(asked).as("no bulk data for an empty value").isEmpty();
  }

  @Test
  void privateDataElementsCarryTheirCreatorAndNoBlock() throws Exception {
    Attributes ds = new Attributes();
    int value = ds.reserve(new PrivateTag("ACME 1.0", 0x0009, 0x01));
    int number = ds.reserve(new PrivateTag("ACME 1.0", 0x0009, 0x02));
    int other = ds.reserve(new PrivateTag("OTHER", 0x0009, 0x01));
    ds.setString(value, VR.LO, "private value");
    ds.setInt(number, VR.US, 7);
    ds.setString(other, VR.SH, "other");
    ds.setString(0x00111001, VR.LO, "orphan");
    ds.setString(Tag.PatientID, VR.LO, "P1");
    ds.newSequence(Tag.ReferencedImageSequence, 1).addNew()
        .setString(0x00291010, VR.LO, "in item");
    Attributes item = ds.getSequence(Tag.ReferencedImageSequence).get(0);
    item.setString(0x00290010, VR.LO, "ITEM CREATOR");

    Element root = write(ds);

    assertThat(values(attribute(root, "00090001", "ACME 1.0"))).containsExactly("private value");
    Element us = attribute(root, "00090002", "ACME 1.0");
    assertThat(us.getAttribute("vr")).isEqualTo("US");
    assertThat(us.hasAttribute("keyword")).isFalse();
    assertThat(values(us)).containsExactly("7");
    assertThat(values(attribute(root, "00090001", "OTHER"))).containsExactly("other");
    Element creator = attribute(root, "00090010");
    assertThat(creator.getAttribute("vr")).isEqualTo("LO");
    assertThat(creator.hasAttribute("keyword")).as("PS3.6 gives creators no keyword").isFalse();
    assertThat(values(creator)).containsExactly("ACME 1.0");
    assertThat(values(attribute(root, "00090011"))).containsExactly("OTHER");
    assertThat(values(attribute(root, "00111001"))).as("no creator: own tag")
        .containsExactly("orphan");
    Element nested = numbered(attribute(root, "00081140"), "Item").get(0);
    assertThat(values(attribute(nested, "00290010", "ITEM CREATOR"))).containsExactly("in item");
  }

  @Test
  void groupLengthsAreLeftOut() throws Exception {
    Attributes ds = new Attributes();
    ds.setLong(0x00080000, VR.UL, 100);
    ds.setLong(0x00090000, VR.UL, 10);
    ds.setString(Tag.Modality, VR.CS, "CT");

    Element root = write(ds);

    assertThat(children(root, "DicomAttribute")).singleElement()
        .satisfies(e -> assertThat(e.getAttribute("tag")).isEqualTo("00080060"));
  }

  @Test
  void bulkValuesAreInlineBinaryInLittleEndian() throws Exception {
    Attributes le = new Attributes();
    le.setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {1, 2, 3, 4, 5});
    le.setInt(Tag.RedPaletteColorLookupTableData, VR.OW, 0x0102, 0x0304);
    le.setDouble(Tag.VectorGridData, VR.OF, 1.5);
    Attributes be = new Attributes(true, 4);
    be.setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {1, 2, 3, 4, 5});
    be.setInt(Tag.RedPaletteColorLookupTableData, VR.OW, 0x0102, 0x0304);
    be.setDouble(Tag.VectorGridData, VR.OF, 1.5);

    for (Attributes ds : List.of(le, be)) {
      Element root = write(ds);

      assertThat(inlineBinary(attribute(root, "00420011"))).containsExactly(1, 2, 3, 4, 5);
      assertThat(inlineBinary(attribute(root, "00281201"))).containsExactly(2, 1, 4, 3);
      assertThat(inlineBinary(attribute(root, "00640009")))
          .containsExactly(0, 0, 0xC0, 0x3F); // 1.5f is 0x3FC00000
    }
  }

  @Test
  void bulkDataUriComesFromTheProviderWithTheElementsPath() throws Exception {
    Attributes ds = new Attributes();
    ds.setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {1, 2});
    ds.setString(Tag.Modality, VR.CS, "OT");
    Sequence seq = ds.newSequence(Tag.RequestAttributesSequence, 2);
    seq.addNew();
    seq.addNew().setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {3, 4});
    List<String> asked = new ArrayList<>();

    Element root = write(ds, (path, vr, value) -> {
      asked.add(path + " " + vr + " " + ((byte[]) value).length);
      return path.contains("/") ? "https://pacs/bulk/" + path + "?a=1&b=2" : null;
    });

    assertThat(asked).containsExactly("00400275/2/00420011 OB 2", "00420011 OB 2");
    assertThat(inlineBinary(attribute(root, "00420011"))).containsExactly(1, 2);
    Element item = numbered(attribute(root, "00400275"), "Item").get(1);
    Element bulk = children(attribute(item, "00420011")).get(0);
    assertThat(bulk.getLocalName()).isEqualTo("BulkData");
    assertThat(bulk.getAttribute("uri")).isEqualTo("https://pacs/bulk/00400275/2/00420011?a=1&b=2");
    assertThat(bulk.hasAttribute("uuid")).isFalse();
    assertThat(bulk.getChildNodes().getLength()).isZero();
    assertThat(children(attribute(item, "00420011"))).hasSize(1);
  }

  @Test
  void bulkDataRefsAreReadFromTheirFilesWhenInlined(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("values.bin");
    Files.write(file, new byte[] {9, 9, 9, 1, 2, 3, 4, 5, 0, 6, 0, 9});
    Attributes le = new Attributes();
    le.setBulkDataRef(Tag.EncapsulatedDocument, VR.OB, BulkDataRef.ofFile(file, 3, 4));
    le.setBulkDataRef(Tag.LUTData, VR.US, BulkDataRef.ofFile(file, 7, 4));
    Attributes be = new Attributes(true, 4);
    be.setBulkDataRef(Tag.RedPaletteColorLookupTableData, VR.OW, BulkDataRef.ofFile(file, 3, 4));
    be.setBulkDataRef(Tag.LUTData, VR.US, BulkDataRef.ofFile(file, 7, 4));

    Element leRoot = write(le);
    Element beRoot = write(be);

    assertThat(inlineBinary(attribute(leRoot, "00420011"))).containsExactly(1, 2, 3, 4);
    assertThat(values(attribute(leRoot, "00283006"))).as("a US value left in the file")
        .containsExactly("5", "6");
    assertThat(inlineBinary(attribute(beRoot, "00281201"))).containsExactly(2, 1, 4, 3);
    assertThat(values(attribute(beRoot, "00283006"))).containsExactly("1280", "1536");
  }

  @Test
  void bulkDataRefsGoToTheProviderAsTheyAre(@TempDir Path dir) throws Exception {
    BulkDataRef ref = BulkDataRef.ofFile(dir.resolve("absent.dcm"), 1000, 2048);
    Attributes ds = new Attributes();
    ds.setBulkDataRef(Tag.PixelData, VR.OW, ref);
    List<Object> asked = new ArrayList<>();

    Element root = write(ds, (path, vr, value) -> {
      asked.add(value);
      return "http://x/frames/1";
    });

    assertThat(asked).containsExactly(ref);
    assertThat(children(attribute(root, "7FE00010")).get(0).getAttribute("uri"))
        .isEqualTo("http://x/frames/1");
  }

  @Test
  void aReferenceThatIsNotAFileCannotBeInlined(@TempDir Path dir) {
    Attributes remote = new Attributes();
    remote.setBulkDataRef(Tag.PixelData, VR.OW, new BulkDataRef("http://elsewhere/1", 0, -1));
    Attributes missing = new Attributes();
    missing.setBulkDataRef(Tag.PixelData, VR.OW, BulkDataRef.ofFile(dir.resolve("no"), 0, 8));

    assertThatThrownBy(() -> NativeDicomModelXml.write(remote, BulkDataUriProvider.INLINE))
        .isInstanceOf(XMLStreamException.class)
        .hasMessageContaining("(7FE0,0010)").hasMessageContaining("http://elsewhere/1");
    assertThatThrownBy(() -> NativeDicomModelXml.write(missing, BulkDataUriProvider.INLINE))
        .isInstanceOf(XMLStreamException.class)
        .hasMessageContaining("(7FE0,0010)").hasCauseInstanceOf(IOException.class);
  }

  @Test
  void encapsulatedPixelDataIsBulkDataOrItsValueFieldInline(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("frame.bin");
    Files.write(file, new byte[] {7, 7, 5, 6});
    Attributes ds = new Attributes();
    Fragments fragments = ds.newFragments(Tag.PixelData, VR.OB, 3);
    fragments.add(new byte[0]);
    fragments.add(new byte[] {1, 2, 3, 4});
    fragments.add(BulkDataRef.ofFile(file, 2, 2));

    Element asBulk = attribute(write(ds, (path, vr, value) -> value instanceof Fragments
        ? "http://x/studies/1/series/2/instances/3/frames/1" : null), "7FE00010");
    Element inline = attribute(write(ds), "7FE00010");

    assertThat(asBulk.getAttribute("vr")).isEqualTo("OB");
    assertThat(children(asBulk).get(0).getAttribute("uri"))
        .isEqualTo("http://x/studies/1/series/2/instances/3/frames/1");
    assertThat(inlineBinary(inline)).containsExactly(
        0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0, // Basic Offset Table, empty
        0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 1, 2, 3, 4,
        0xFE, 0xFF, 0x00, 0xE0, 2, 0, 0, 0, 5, 6,
        0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0); // Sequence Delimitation Item
  }

  @Test
  void largeValuesStreamAcrossChunksAndSwapEveryWord(@TempDir Path dir) throws Exception {
    byte[] bytes = new byte[200_002];
    new Random(3).nextBytes(bytes);
    Path file = dir.resolve("large.bin");
    Files.write(file, bytes);
    Attributes le = new Attributes();
    le.setBytes(Tag.EncapsulatedDocument, VR.OB, bytes);
    Attributes be = new Attributes(true, 4);
    be.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, bytes.clone());
    be.setBulkDataRef(Tag.GreenPaletteColorLookupTableData, VR.OW,
        BulkDataRef.ofFile(file, 1, bytes.length - 2));

    byte[] ob = base64(attribute(write(le), "00420011"));
    Element beRoot = write(be);
    byte[] ow = base64(attribute(beRoot, "00281201"));
    byte[] owFromFile = base64(attribute(beRoot, "00281202"));

    assertThat(ob).isEqualTo(bytes);
    for (int i = 0; i < bytes.length; i += 2) {
      assertThat(new byte[] {ow[i], ow[i + 1]}).as("word at %d", i)
          .containsExactly(bytes[i + 1], bytes[i]);
    }
    for (int i = 0; i < owFromFile.length; i += 2) {
      assertThat(new byte[] {owFromFile[i], owFromFile[i + 1]}).as("word at %d of the file", i)
          .containsExactly(bytes[i + 2], bytes[i + 1]);
    }
    assertThat(be.getBytes(Tag.RedPaletteColorLookupTableData)).as("value untouched")
        .isEqualTo(bytes);
  }

  @Test
  void aSequenceHeldAsUnIsWrittenAsSq() throws Exception {
    Attributes ds = new Attributes();
    ds.newSequence(0x00191010, VR.UN, 1).addNew().setString(Tag.Modality, VR.CS, "MR");

    Element sq = attribute(write(ds), "00191010");

    assertThat(sq.getAttribute("vr")).isEqualTo("SQ");
    assertThat(values(attribute(numbered(sq, "Item").get(0), "00080060"))).containsExactly("MR");
  }

  @Test
  void keywordsComeFromTheDictionaryIncludingRepeatingGroups() throws Exception {
    Attributes ds = new Attributes();
    ds.setInt(0x60020010, VR.US, 512);
    ds.setString(0x00080001, VR.UL); // retired Length to End, still named
    ds.setString(0x00091234, VR.LO, "unknown");

    Element root = write(ds);

    assertThat(attribute(root, "60020010").getAttribute("keyword")).isEqualTo("OverlayRows");
    assertThat(attribute(root, "00080001").getAttribute("keyword")).isEqualTo("LengthToEnd");
    assertThat(attribute(root, "00091234").hasAttribute("keyword")).isFalse();
  }

  @Test
  void charactersXmlCannotCarryBecomeReplacementCharacters() throws Exception {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.PatientID, VR.LO, "A\u0001B\u0000C\u001bD\uFFFEE");
    ds.setString(Tag.StudyDescription, VR.LO, "ok \uD83D\uDE00 lone \uD800 end");
    ds.setString(Tag.PatientName, VR.PN, "Bad\u0002^Name");
    ds.setString(0x00090010, VR.LO, "CREATOR\u0007");
    ds.setString(0x00091001, VR.LO, "x");

    Element root = write(ds);

    assertThat(values(attribute(root, "00100020")))
        .containsExactly("A\uFFFDB\uFFFDC\uFFFDD\uFFFDE");
    assertThat(values(attribute(root, "00081030")))
        .containsExactly("ok \uD83D\uDE00 lone \uFFFD end");
    assertThat(childText(childOf(numbered(attribute(root, "00100010"), "PersonName").get(0),
        "Alphabetic"), "FamilyName")).isEqualTo("Bad\uFFFD");
    assertThat(values(attribute(root, "00090001", "CREATOR\uFFFD"))).containsExactly("x");
  }

  @Test
  void lineEndsOfTextSurviveParsing() throws Exception {
    Attributes ds = new Attributes();
    ds.setString(Tag.PatientComments, VR.LT, "line 1\r\nline 2\ttab\nline 3\r");

    byte[] xml = NativeDicomModelXml.write(ds, BulkDataUriProvider.INLINE);

    assertThat(new String(xml, UTF_8)).contains("line 1&#13;\nline 2\ttab\nline 3&#13;");
    assertThat(values(attribute(parseAndValidate(xml).getDocumentElement(), "00104000")))
        .map(NativeDicomModelWriterTest::escape)
        .containsExactly("line 1\\r\\nline 2\ttab\\nline 3\\r");
  }

  @Test
  void writesThroughANamespaceRepairingWriterToo() throws Exception {
    XMLOutputFactory factory = XMLOutputFactory.newDefaultFactory();
    factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true);
    StringWriter text = new StringWriter();
    XMLStreamWriter xml = factory.createXMLStreamWriter(text);
    Attributes ds = new Attributes();
    ds.newSequence(Tag.RequestAttributesSequence, 1).addNew()
        .setString(Tag.PatientName, VR.PN, "Doe^Jane");

    xml.writeStartDocument();
    new NativeDicomModelWriter(xml, BulkDataUriProvider.INLINE).write(ds);
    xml.writeEndDocument();
    xml.close();

    Document doc = parseAndValidate(text.toString().getBytes(UTF_8));
    Element item = numbered(attribute(doc.getDocumentElement(), "00400275"), "Item").get(0);
    Element family = childOf(childOf(numbered(attribute(item, "00100010"), "PersonName").get(0),
        "Alphabetic"), "FamilyName");
    assertThat(family.getNamespaceURI()).isEqualTo(NativeDicomModelWriter.NAMESPACE);
    assertThat(family.getTextContent()).isEqualTo("Doe");
  }

  @Test
  void oneWriterWritesManyDocumentsInTurn() throws Exception {
    XMLOutputFactory factory = XMLOutputFactory.newDefaultFactory();
    StringWriter text = new StringWriter();
    XMLStreamWriter xml = factory.createXMLStreamWriter(text);
    NativeDicomModelWriter writer = new NativeDicomModelWriter(xml, BulkDataUriProvider.INLINE);
    xml.writeStartDocument();
    xml.writeStartElement("results");
    for (String uid : List.of("1.2.3", "1.2.4")) {
      Attributes ds = new Attributes();
      ds.setString(Tag.StudyInstanceUID, VR.UI, uid);
      writer.write(ds);
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.close();

    Document doc = NativeDicomModelXml.parse(text.toString().getBytes(UTF_8));
    List<Element> models = children(doc.getDocumentElement(), "NativeDicomModel");
    assertThat(models).hasSize(2);
    assertThat(values(attribute(models.get(1), "0020000D"))).containsExactly("1.2.4");
  }

  // ---- helpers

  private static Element write(Attributes ds) throws Exception {
    return write(ds, BulkDataUriProvider.INLINE);
  }

  private static Element write(Attributes ds, BulkDataUriProvider bulkData) throws Exception {
    return parseAndValidate(NativeDicomModelXml.write(ds, bulkData)).getDocumentElement();
  }

  private static void assertGroup(Element personName, String group, String family,
      String given) {
    Element g = childOf(personName, group);
    assertThat(children(g).stream().map(Element::getLocalName))
        .containsExactly("FamilyName", "GivenName");
    assertThat(childText(g, "FamilyName")).isEqualTo(family);
    assertThat(childText(g, "GivenName")).isEqualTo(given);
  }

  private static Element childOf(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    assertThat(found).as("<%s> in <%s>", localName, parent.getLocalName()).hasSize(1);
    return found.get(0);
  }

  private static int[] inlineBinary(Element attribute) {
    byte[] b = base64(attribute);
    int[] unsigned = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      unsigned[i] = b[i] & 0xFF;
    }
    return unsigned;
  }

  private static byte[] base64(Element attribute) {
    assertThat(children(attribute)).singleElement()
        .satisfies(e -> assertThat(e.getLocalName()).isEqualTo("InlineBinary"));
    return Base64.getDecoder().decode(childText(attribute, "InlineBinary"));
  }

  private static String escape(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(ISO_8859_1);
  }
}
