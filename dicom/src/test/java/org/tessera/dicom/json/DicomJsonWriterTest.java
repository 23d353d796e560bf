package org.tessera.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.dicom.json.JsonSupport.YAMADA;
import static org.tessera.dicom.json.JsonSupport.json;
import static org.tessera.dicom.json.JsonSupport.toJson;
import static org.tessera.dicom.json.JsonSupport.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.internal.ValueCodec;

class DicomJsonWriterTest {

  @Test
  void writesTheModelExactly() throws IOException {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "", "AXIAL");
    ds.setString(Tag.StudyDate, VR.DA, "20130409");
    ds.setNull(Tag.PatientBirthDate, VR.DA);
    ds.setString(Tag.PatientName, VR.PN, YAMADA, "", "=山田^太郎");
    ds.setString(Tag.PixelSpacing, VR.DS, "+.5", "1.", "1.50", "-0012.30e+2");
    ds.setString(Tag.InstanceNumber, VR.IS, "+0012");
    ds.setInt(Tag.Rows, VR.US, 512);
    ds.setDouble(Tag.SelectorFDValue, VR.FD, 0.1, Double.NaN);
    ds.setString(Tag.DimensionIndexPointer, VR.AT, "00200032");
    ds.setInt(0x00100000, VR.UL, 99); // group length: never in the JSON model (F.2.2)
    Sequence seq = ds.newSequence(Tag.OtherPatientIDsSequence, 2);
    seq.addNew().setString(Tag.PatientID, VR.LO, "54321");
    seq.addNew();

    assertThat(toJson(ds)).isEqualTo(json("{"
        + "'00080005':{'vr':'CS','Value':['ISO_IR 192']},"
        + "'00080008':{'vr':'CS','Value':['ORIGINAL',null,'AXIAL']},"
        + "'00080020':{'vr':'DA','Value':['20130409']},"
        + "'00100010':{'vr':'PN','Value':[{'Alphabetic':'Yamada^Tarou',"
        + "'Ideographic':'山田^太郎','Phonetic':'やまだ^たろう'},null,"
        + "{'Ideographic':'山田^太郎'}]},"
        + "'00100030':{'vr':'DA'},"
        + "'00101002':{'vr':'SQ','Value':[{'00100020':{'vr':'LO','Value':['54321']}},{}]},"
        + "'00200013':{'vr':'IS','Value':[12]},"
        + "'00209165':{'vr':'AT','Value':['00200032']},"
        + "'00280010':{'vr':'US','Value':[512]},"
        + "'00280030':{'vr':'DS','Value':[0.5,1,1.50,-12.30e+2]},"
        + "'00720074':{'vr':'FD','Value':[0.1,'NaN']}"
        + "}"));
  }

  @ParameterizedTest(name = "DS \"{0}\" as {1}")
  @CsvSource(delimiter = '|', value = {
      "1.5|1.5", "-1.5|-1.5", "+1.5|1.5", ".5|0.5", "-.5|-0.5", "+.5|0.5", "1.|1", "-1.|-1",
      "007|7", "-007.250|-7.250", "0|0", "-0|-0", "00|0", "1e5|1e5", "1E-05|1E-05",
      "1.e+3|1e+3", ".5E3|0.5E3", "12345678901234567890|12345678901234567890"})
  void writesDecimalStringsAsJsonNumbers(String ds, String number) throws IOException {
    Attributes attrs = new Attributes();
    attrs.setString(Tag.SliceThickness, VR.DS, ds);

    assertThat(toJson(attrs)).isEqualTo("{\"00180050\":{\"vr\":\"DS\",\"Value\":[" + number
        + "]}}");
    assertThat(tree(toJson(attrs)).get("00180050").get("Value").get(0).isNumber()).isTrue();
  }

  @ParameterizedTest(name = "DS \"{0}\" stays a string")
  @ValueSource(strings = {"abc", "1.2.3", "1e", "e5", ".", "-", "+", "NaN", "Infinity", "1,5",
      "0x10", "1 2", "--1", "1e+"})
  void writesDecimalStringsThatAreNoNumberAsStrings(String ds) throws IOException {
    Attributes attrs = new Attributes();
    attrs.setString(Tag.SliceThickness, VR.DS, ds);

    JsonNode value = tree(toJson(attrs)).get("00180050").get("Value").get(0);
    assertThat(value.isTextual()).isTrue();
    assertThat(value.textValue()).isEqualTo(ds);
  }

  @Test
  void writesIntegersBeyondTwoToThe53AsStrings() throws IOException {
    Attributes ds = new Attributes();
    long safe = (1L << 53) - 1;
    ds.setLong(Tag.SelectorSVValue, VR.SV, safe, -safe, safe + 1, Long.MIN_VALUE);
    ds.setLong(Tag.SelectorUVValue, VR.UV, safe, safe + 1, -1L);
    ds.setLong(Tag.ReferencedSegmentNumber, VR.UL, 4294967295L);

    assertThat(toJson(ds)).isEqualTo(json("{"
        + "'0062000B':{'vr':'UL','Value':[4294967295]},"
        + "'00720082':{'vr':'SV','Value':[9007199254740991,-9007199254740991,"
        + "'9007199254740992','-9223372036854775808']},"
        + "'00720083':{'vr':'UV','Value':[9007199254740991,'9007199254740992',"
        + "'18446744073709551615']}}"));
  }

  @Test
  void writesNonFiniteFloatsAsStrings() throws IOException {
    Attributes ds = new Attributes();
    ds.setDouble(Tag.RecommendedDisplayFrameRateInFloat, VR.FL, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 3.4028235e38);

    assertThat(toJson(ds)).isEqualTo(json("{'00089459':{'vr':'FL','Value':"
        + "['NaN','Infinity','-Infinity',-0.0,3.4028235E38]}}"));
  }

  @Test
  void writesEmptyValuesWithoutValue() throws IOException {
    Attributes ds = new Attributes();
    ds.setNull(Tag.PatientName, VR.PN);
    ds.setString(Tag.PatientID, VR.LO, "   "); // only padding: empty once trimmed
    ds.setNull(Tag.Rows, VR.US);
    ds.setBytes(Tag.PixelData, VR.OW, new byte[0]);
    ds.newSequence(Tag.ReferencedSeriesSequence, 0);

    assertThat(toJson(ds)).isEqualTo(json("{'00081115':{'vr':'SQ'},'00100010':{'vr':'PN'},"
        + "'00100020':{'vr':'LO'},'00280010':{'vr':'US'},'7FE00010':{'vr':'OW'}}"));
  }

  @Test
  void writesPrivateElementsLikeAnyOther() throws IOException {
    Attributes ds = new Attributes();
    ds.setString(0x00090010, VR.LO, "Vendor A");
    ds.setBytes(0x00091002, VR.UN, Base64.getDecoder().decode("z0x9c8v7"));

    assertThat(toJson(ds)).isEqualTo(json("{'00090010':{'vr':'LO','Value':['Vendor A']},"
        + "'00091002':{'vr':'UN','InlineBinary':'z0x9c8v7'}}"));
  }

  @Test
  void asksTheProviderForEveryBulkValueWithItsPath() throws IOException {
    Attributes ds = new Attributes();
    ds.setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {1, 2});
    ds.setString(Tag.PatientName, VR.PN, "Doe^John");
    Attributes item = ds.newSequence(Tag.IconImageSequence, 1).addNew();
    item.newSequence(Tag.ReferencedImageSequence, 1).addNew();
    Attributes nested = item.getSequence(Tag.ReferencedImageSequence).get(0);
    nested.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 0});
    item.setBytes(Tag.PixelData, VR.OB, new byte[] {5, 6});
    List<String> asked = new ArrayList<>();
    BulkDataUriProvider provider = (path, vr, value) -> {
      asked.add(path + " " + vr);
      return path.endsWith("00420011") ? "https://pacs/bulk/" + path : null;
    };

    String json = toJson(ds, provider);

    assertThat(asked).containsExactly("00420011 OB", "00880200/1/00081140/1/7FE00010 OW",
        "00880200/1/7FE00010 OB");
    JsonNode root = tree(json);
    assertThat(root.get("00420011").get("BulkDataURI").textValue())
        .isEqualTo("https://pacs/bulk/00420011");
    assertThat(root.get("00420011").has("InlineBinary")).isFalse();
    assertThat(root.get("00880200").get("Value").get(0).get("7FE00010").get("InlineBinary")
        .textValue()).isEqualTo("BQY=");
  }

  @Test
  void inlinesBigEndianValuesAsLittleEndian() throws IOException {
    Attributes ds = new Attributes(true, 8);
    ds.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, new byte[] {0x12, 0x34, 0x56, 0x78});
    ds.setBytes(Tag.FloatPixelData, VR.OF,
        ValueCodec.encodeDoubles(new double[] {1.5}, VR.OF, true));
    ds.setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {0x12, 0x34});
    ds.setInt(Tag.Rows, VR.US, 0x1234);

    JsonNode root = tree(toJson(ds));

    assertThat(inline(root, "00281201")).containsExactly(0x34, 0x12, 0x78, 0x56);
    assertThat(inline(root, "7FE00008")).containsExactly(
        ValueCodec.encodeDoubles(new double[] {1.5}, VR.OF, false));
    assertThat(inline(root, "00420011")).containsExactly(0x12, 0x34);
    assertThat(root.get("00280010").get("Value").get(0).intValue()).isEqualTo(0x1234);
    // the data set itself is left as it was
    assertThat(ds.getBytes(Tag.RedPaletteColorLookupTableData))
        .containsExactly(0x12, 0x34, 0x56, 0x78);
  }

  @Test
  void inlinesReferencedValuesFromTheirFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bulk.raw");
    byte[] content = new byte[70_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Files.write(file, content);
    Attributes ds = new Attributes();
    ds.setBulkDataRef(Tag.PixelData, VR.OW, BulkDataRef.ofFile(file, 100, 65_536));
    ds.setBulkDataRef(Tag.EncapsulatedDocument, VR.OB, BulkDataRef.ofFile(file, 69_990, -1));
    Attributes bigEndian = new Attributes(true, 4);
    bigEndian.setBulkDataRef(Tag.PixelData, VR.OW, BulkDataRef.ofFile(file, 0, 8));

    JsonNode root = tree(toJson(ds));

    assertThat(inline(root, "7FE00010")).containsExactly(slice(content, 100, 65_536));
    assertThat(inline(root, "00420011")).containsExactly(slice(content, 69_990, 10));
    assertThat(inline(tree(toJson(bigEndian)), "7FE00010")).containsExactly(
        content[1], content[0], content[3], content[2], content[5], content[4], content[7],
        content[6]);
  }

  @Test
  void writesReferencedNumbersAndTextAsValues(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("values.raw");
    Files.write(file, concat("xx".getBytes(), ValueCodec.encodeDoubles(
        new double[] {2.5, -1}, VR.FD, false), "Doe^John".getBytes()));
    Attributes ds = new Attributes();
    ds.setBulkDataRef(Tag.SelectorFDValue, VR.FD, BulkDataRef.ofFile(file, 2, 16));
    ds.setBulkDataRef(Tag.PatientName, VR.PN, BulkDataRef.ofFile(file, 18, 8));
    ds.setBulkDataRef(Tag.StudyDescription, VR.LO, new BulkDataRef("https://pacs/bulk/1", 0,
        -1));

    assertThat(toJson(ds)).isEqualTo(json("{"
        + "'00081030':{'vr':'LO','BulkDataURI':'https://pacs/bulk/1'},"
        + "'00100010':{'vr':'PN','Value':[{'Alphabetic':'Doe^John'}]},"
        + "'00720074':{'vr':'FD','Value':[2.5,-1.0]}}"));
  }

  @Test
  void inlinesEncapsulatedPixelDataAsItsItemSequence(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("frame.j2k");
    Files.write(file, new byte[] {10, 11, 12, 13});
    Attributes ds = new Attributes();
    Fragments fragments = ds.newFragments(Tag.PixelData, VR.OB, 3);
    fragments.add(new byte[0]);
    fragments.add(new byte[] {1, 2});
    fragments.add(BulkDataRef.ofFile(file, 0, 4));

    byte[] inline = inline(tree(toJson(ds)), "7FE00010");

    assertThat(inline).containsExactly(
        0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0,
        0xFE, 0xFF, 0x00, 0xE0, 2, 0, 0, 0, 1, 2,
        0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 10, 11, 12, 13,
        0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0);
    assertThat(toJson(ds, (path, vr, value) -> value instanceof Fragments ? "frames" : null))
        .isEqualTo(json("{'7FE00010':{'vr':'OB','BulkDataURI':'frames'}}"));
  }

  @Test
  void writesASequenceHeldAsUnAsSq() throws IOException {
    Attributes ds = new Attributes();
    ds.newSequence(0x00091010, VR.UN, 1).addNew().setString(Tag.CodeValue, VR.SH, "T-1");

    assertThat(toJson(ds)).isEqualTo(json(
        "{'00091010':{'vr':'SQ','Value':[{'00080100':{'vr':'SH','Value':['T-1']}}]}}"));
  }

  @Test
  void decodesTextWithTheDataSetsCharacterSet() throws IOException {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.setBytes(Tag.PatientName, VR.PN, new byte[] {'B', 'u', 'c', '^', 'J', (byte) 0xE9,
        'r', (byte) 0xF4, 'm', 'e'});
    Attributes item = ds.newSequence(Tag.OtherPatientIDsSequence, 1).addNew();
    item.setBytes(Tag.IssuerOfPatientID, VR.LO, new byte[] {'H', (byte) 0xF4, 'p', ' '});

    JsonNode root = tree(toJson(ds));

    assertThat(root.at("/00100010/Value/0/Alphabetic").textValue()).isEqualTo("Buc^Jérôme");
    assertThat(root.at("/00101002/Value/0/00100021/Value/0").textValue()).isEqualTo("Hôp");
  }

  private static byte[] inline(JsonNode root, String key) {
    return Base64.getDecoder().decode(root.get(key).get("InlineBinary").textValue());
  }

  private static byte[] slice(byte[] b, int offset, int length) {
    return java.util.Arrays.copyOfRange(b, offset, offset + length);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
